import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { checkout, mirrorRepo, pullRequestEvent, REPO, runAction, startWorld, type World } from './helpers.js';

const CI_WORKFLOW = `name: ci
on: pull_request
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: curl -fsSL https://get.example.com/install.sh | bash
`;

/** An agent PR on agent/<name> with a checkout at its head, as actions/checkout leaves it. */
async function agentPr(w: World, name: string, changes: Record<string, string>): Promise<{ number: number; workspace: string }> {
  w.sim.commit(REPO, `agent/${name}`, changes, { author: 'agent[bot]' });
  const number = await w.sim.openPullRequest(REPO, { head: `agent/${name}`, author: 'agent[bot]' });
  const workspace = join(w.tmp, `ws-${name}`);
  checkout(w.sim, REPO, workspace, w.sim.pull(REPO, number).head);
  return { number, workspace };
}

describe('mode pr (bundled dist/index.js on Node 20)', () => {
  let w: World;
  before(async () => {
    w = await startWorld();
  });
  after(async () => {
    await w.stop();
  });

  test('green: exit 0, zone and label outputs, the Decision in RUNNER_TEMP, a summary', async () => {
    const pr = await agentPr(w, 'docs', { 'docs/guide.md': '# Guide\n\nHow to use it.\n' });
    const r = await runAction({ world: w, workspace: pr.workspace, event: pullRequestEvent(w.sim, pr.number), inputs: { mode: 'pr', automerge: 'false' } });
    assert.equal(r.code, 0, r.stdout);
    assert.equal(r.outputs.zone, 'green');
    assert.deepEqual(JSON.parse(r.outputs.labels!), ['zone: green']);
    assert.deepEqual(w.sim.labels(REPO, pr.number), ['zone: green']);
    const decision = JSON.parse(readFileSync(r.outputs.report!, 'utf8')) as { zone: string; files: { path: string; reasons: { rule: string }[] }[] };
    assert.equal(decision.zone, 'green');
    assert.equal(decision.files[0]?.path, 'docs/guide.md');
    assert.equal(decision.files[0]?.reasons[0]?.rule, 'path:docs');
    assert.match(r.summary, /green/);
    assert.match(r.summary, /`path:docs`/);
    assert.equal(w.sim.pull(REPO, pr.number).merged, false, 'automerge: false leaves it open');
    // The decision is recorded for the drift report: a check run on the head carrying the record.
    const head = w.sim.pull(REPO, pr.number).head;
    const run = w.sim.checkRuns(REPO, head).find((c) => c.name === 'agent-zones: main');
    assert.ok(run, 'a check run records the decision');
    assert.match(run.output.text ?? '', /<!-- agent-zones:record \{.*"zone":"green"/);
  });

  test('green with auto-merge (config default): merged at the classified head', async () => {
    const pr = await agentPr(w, 'docs2', { 'docs/more.md': '# More\n' });
    const head = w.sim.pull(REPO, pr.number).head;
    const r = await runAction({ world: w, workspace: pr.workspace, event: pullRequestEvent(w.sim, pr.number), inputs: { mode: 'pr' } });
    assert.equal(r.code, 0, r.stdout);
    assert.equal(r.outputs.zone, 'green');
    const p = w.sim.pull(REPO, pr.number);
    assert.equal(p.merged, true);
    assert.equal(p.head, head);
    assert.match(r.summary, /Merged as/);
  });

  test('yellow: exit 0 by default, label, warning annotations on the file', async () => {
    const pr = await agentPr(w, 'feature', { 'src/feature.ts': 'export function f(): number {\n  return 2;\n}\n' });
    const r = await runAction({ world: w, workspace: pr.workspace, event: pullRequestEvent(w.sim, pr.number), inputs: { mode: 'pr', automerge: 'false' } });
    assert.equal(r.code, 0, r.stdout);
    assert.equal(r.outputs.zone, 'yellow');
    assert.deepEqual(w.sim.labels(REPO, pr.number), ['zone: yellow']);
    assert.match(r.stdout, /::warning title=path%3Asource \(yellow\),file=src\/feature\.ts,line=\d+/);
  });

  test('yellow with fail-on yellow fails the job (INPUT_FAIL-ON keeps its hyphen)', async () => {
    const pr = await agentPr(w, 'feature2', { 'src/other.ts': 'export const b = 2;\n' });
    const r = await runAction({ world: w, workspace: pr.workspace, event: pullRequestEvent(w.sim, pr.number), inputs: { mode: 'pr', 'fail-on': 'yellow', automerge: 'false' } });
    assert.equal(r.code, 1, r.stdout);
    assert.equal(r.outputs.zone, 'yellow');
    assert.match(r.stdout, /::error::agent-zones: yellow \(fail-on yellow\)/);
  });

  test('red: exit 1, error annotations on the workflow lines, what unlocks it, label moves', async () => {
    const pr = await agentPr(w, 'ci', { '.github/workflows/ci.yml': CI_WORKFLOW });
    const r = await runAction({ world: w, workspace: pr.workspace, event: pullRequestEvent(w.sim, pr.number), inputs: { mode: 'pr' } });
    assert.equal(r.code, 1, r.stdout);
    assert.equal(r.outputs.zone, 'red');
    assert.equal(r.outputs.approved, 'false');
    assert.deepEqual(w.sim.labels(REPO, pr.number), ['zone: red']);
    assert.match(r.stdout, /::error title=step%3Aremote-exec \(red\),file=\.github\/workflows\/ci\.yml,line=8,/);
    assert.match(r.summary, /step:remote-exec/);
    assert.match(r.summary, /What unlocks it/);
    assert.match(r.summary, /`path:ci`/);
    assert.equal(w.sim.pull(REPO, pr.number).merged, false);

    // fail-on never reports red without failing
    const quiet = await runAction({ world: w, workspace: pr.workspace, event: pullRequestEvent(w.sim, pr.number), inputs: { mode: 'pr', 'fail-on': 'never' } });
    assert.equal(quiet.code, 0);
    assert.equal(quiet.outputs.zone, 'red');
  });

  test('red approved on the head commit passes on the pull_request_review re-run; an approval of an older commit does not', async () => {
    const pr = await agentPr(w, 'ci2', { '.github/workflows/release.yml': CI_WORKFLOW });
    await w.sim.submitReview(REPO, pr.number, { user: 'maintainer', state: 'APPROVED' });
    const r = await runAction({ world: w, workspace: pr.workspace, event: pullRequestEvent(w.sim, pr.number, { event: 'pull_request_review' }), inputs: { mode: 'pr' } });
    assert.equal(r.code, 0, r.stdout);
    assert.equal(r.outputs.zone, 'red');
    assert.equal(r.outputs.approved, 'true');
    assert.match(r.summary, /Approved on the head commit by @maintainer/);
    assert.equal(w.sim.pull(REPO, pr.number).merged, false, 'red is never merged by the Action');

    // A push after the approval: the approval is of an older commit now.
    await w.sim.push(REPO, pr.number, { '.github/workflows/release.yml': `${CI_WORKFLOW}# again\n` }, { author: 'agent[bot]' });
    const ws = join(w.tmp, 'ws-ci2-b');
    checkout(w.sim, REPO, ws, w.sim.pull(REPO, pr.number).head);
    const again = await runAction({ world: w, workspace: ws, event: pullRequestEvent(w.sim, pr.number, { action: 'synchronize' }), inputs: { mode: 'pr' } });
    assert.equal(again.code, 1, again.stdout);
    assert.equal(again.outputs.approved, 'false');
    assert.match(again.summary, /approved an older commit/);
  });

  test('an approval by someone without write permission does not count', async () => {
    const pr = await agentPr(w, 'ci3', { '.github/workflows/x.yml': CI_WORKFLOW });
    await w.sim.submitReview(REPO, pr.number, { user: 'reader', state: 'APPROVED' });
    const r = await runAction({ world: w, workspace: pr.workspace, event: pullRequestEvent(w.sim, pr.number, { event: 'pull_request_review', reviewer: 'reader' }), inputs: { mode: 'pr' } });
    assert.equal(r.code, 1);
    assert.match(r.summary, /@reader \(has read permission/);
  });

  test('a human PR on a non-agent branch is not zoned: exit 0, empty zone', async () => {
    w.sim.addCollaborator(REPO, 'alice', 'write');
    w.sim.commit(REPO, 'feature/x', { '.github/workflows/y.yml': CI_WORKFLOW }, { author: 'alice' });
    const number = await w.sim.openPullRequest(REPO, { head: 'feature/x', author: 'alice' });
    const ws = join(w.tmp, 'ws-human');
    checkout(w.sim, REPO, ws, w.sim.pull(REPO, number).head);
    const r = await runAction({ world: w, workspace: ws, event: pullRequestEvent(w.sim, number, { author: 'alice' }), inputs: { mode: 'pr' } });
    assert.equal(r.code, 0, r.stdout);
    assert.equal(r.outputs.zone, '');
    assert.match(r.summary, /not an agent PR/);
  });

  test('pull_request_target with a shallow checkout of the base: BASE and HEAD are fetched from origin', async () => {
    w.sim.commit(REPO, 'agent/shallow', { 'src/deep.ts': 'export const d = 4;\n' }, { author: 'agent[bot]' });
    const number = await w.sim.openPullRequest(REPO, { head: 'agent/shallow', author: 'agent[bot]' });
    const origin = join(w.tmp, 'origin.git');
    mirrorRepo(w.sim, REPO, origin, { bare: true });
    execFileSync('git', ['-C', origin, 'config', 'uploadpack.allowAnySHA1InWant', 'true']);
    execFileSync('git', ['-C', origin, 'update-ref', `refs/pull/${number}/head`, w.sim.pull(REPO, number).head]);
    const ws = join(w.tmp, 'ws-shallow');
    execFileSync('git', ['clone', '-q', '--depth', '1', '--branch', 'main', `file://${origin}`, ws]);
    const r = await runAction({ world: w, workspace: ws, event: pullRequestEvent(w.sim, number, { event: 'pull_request_target' }), inputs: { mode: 'pr', automerge: 'false' } });
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.equal(r.outputs.zone, 'yellow');
  });

  test('no checkout: a clear failure, nothing passes', async () => {
    w.sim.commit(REPO, 'agent/nock', { 'docs/a.md': 'a\n' }, { author: 'agent[bot]' });
    const number = await w.sim.openPullRequest(REPO, { head: 'agent/nock', author: 'agent[bot]' });
    const r = await runAction({ world: w, workspace: w.tmp, event: pullRequestEvent(w.sim, number), inputs: { mode: 'pr' } });
    assert.equal(r.code, 1);
    assert.match(r.stdout, /::error::agent-zones: .*not a git checkout: add `actions\/checkout`/);
  });
});

describe('mode pr: the config comes from the BASE commit, never the head', () => {
  test('a rule added on main after the branch point applies; the head has no config at all', async () => {
    const w = await startWorld();
    try {
      w.sim.commit(REPO, 'agent/notes', { 'docs/notes/plan.md': '# Plan\n' }, { author: 'agent[bot]' });
      w.sim.commit(REPO, 'main', { '.github/agent-zones.yml': 'version: 1\npaths:\n  red: ["docs/notes/**"]\nautomerge:\n  green: false\n' });
      const number = await w.sim.openPullRequest(REPO, { head: 'agent/notes', author: 'agent[bot]' });
      const ws = join(w.tmp, 'ws');
      checkout(w.sim, REPO, ws, w.sim.pull(REPO, number).head);
      assert.equal(existsSync(join(ws, '.github/agent-zones.yml')), false, 'the checked-out head has no config');
      const r = await runAction({ world: w, workspace: ws, event: pullRequestEvent(w.sim, number), inputs: { mode: 'pr' } });
      assert.equal(r.code, 1, r.stdout);
      assert.equal(r.outputs.zone, 'red');
      assert.match(r.stdout, /config from [0-9a-f]{12}:\.github\/agent-zones\.yml/);
    } finally {
      await w.stop();
    }
  });

  test('a config the PR adds at its head does not judge the PR (and is itself red)', async () => {
    const w = await startWorld();
    try {
      const number = await (async () => {
        w.sim.commit(REPO, 'agent/lax', { '.github/agent-zones.yml': 'version: 1\nagents:\n  authors: []\noverrides: []\npaths:\n  green: ["src/**"]\n', 'src/x.ts': 'export const x = 1;\n' }, { author: 'agent[bot]' });
        return w.sim.openPullRequest(REPO, { head: 'agent/lax', author: 'agent[bot]' });
      })();
      const ws = join(w.tmp, 'ws');
      checkout(w.sim, REPO, ws, w.sim.pull(REPO, number).head);
      const r = await runAction({ world: w, workspace: ws, event: pullRequestEvent(w.sim, number), inputs: { mode: 'pr' } });
      assert.equal(r.code, 1);
      assert.equal(r.outputs.zone, 'red');
      const decision = JSON.parse(readFileSync(r.outputs.report!, 'utf8')) as { files: { path: string; zone: string }[] };
      assert.equal(decision.files.find((f) => f.path === 'src/x.ts')?.zone, 'yellow', 'src/** stays yellow: the head config is ignored');
      assert.match(r.stdout, /config from built-in defaults/);
    } finally {
      await w.stop();
    }
  });

  test('an invalid config at the base fails closed: red, config:invalid', async () => {
    const w = await startWorld();
    try {
      w.sim.commit(REPO, 'main', { '.github/agent-zones.yml': 'version: 1\nbogus: true\n' });
      w.sim.commit(REPO, 'agent/any', { 'docs/a.md': '# a\n' }, { author: 'agent[bot]' });
      const number = await w.sim.openPullRequest(REPO, { head: 'agent/any', author: 'agent[bot]' });
      const ws = join(w.tmp, 'ws');
      checkout(w.sim, REPO, ws, w.sim.pull(REPO, number).head);
      const r = await runAction({ world: w, workspace: ws, event: pullRequestEvent(w.sim, number), inputs: { mode: 'pr' } });
      assert.equal(r.code, 1);
      assert.equal(r.outputs.zone, 'red');
      assert.match(r.summary, /config:invalid/);
      assert.match(r.summary, /bogus/);
    } finally {
      await w.stop();
    }
  });
});
