import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { driftTick } from '../../src/app/drift-schedule.js';
import { runDrift } from '../../src/drift/index.js';
import { loadPolicy } from '../../src/policy/load.js';
import { installClock, startDriftWorld, APP_ID, type DriftWorld } from './world.js';

// A scripted month of agent PRs in acme/drift (ISO weeks 2026-W45 to W48), then the weekly issues
// of W46 to W49 (each covering the week before), generated with an injected `now` on the simulator
// with the real App's check runs as the records.
const R = 'acme/drift';
const COPILOT = 'copilot-swe-agent[bot]';
const CLAUDE = 'claude[bot]';
const CONFIG = 'version: 1\nautomerge:\n  green: true\n  yellow: true\ndrift:\n  promote-after: 2\n';

let w: DriftWorld;
let clock: ReturnType<typeof installClock>;
let seq = 0;
const prs: Record<string, number> = {};

async function agentPr(key: string, author: string, changes: Record<string, string>, title = `change ${key}`, body?: string): Promise<number> {
  const branch = `${author.startsWith('claude') ? 'claude' : 'copilot'}/${key}-${++seq}`;
  w.sim.commit(R, branch, changes, { author });
  const n = await w.sim.openPullRequest(R, { head: branch, author, title, ...(body ? { body } : {}) });
  await w.sim.idle();
  prs[key] = n;
  return n;
}

async function approve(n: number, user: string): Promise<void> {
  await w.sim.submitReview(R, n, { user, state: 'APPROVED' });
  await w.sim.idle();
}

const run = (now: string) => runDriftAt(now);
async function runDriftAt(now: string) {
  return runDrift(await w.octokit(), { owner: 'acme', repo: 'drift' }, { now: new Date(now), appId: APP_ID });
}
const section = (body: string, name: string) => {
  const start = body.indexOf(`## ${name}`);
  assert.ok(start >= 0, `section ${name}`);
  const next = body.indexOf('\n## ', start + 3);
  return body.slice(start, next < 0 ? undefined : next);
};

before(async () => {
  clock = installClock('2026-11-02T08:00:00Z');
  w = await startDriftWorld();
  for (const u of ['alice', 'bob', 'carol']) w.sim.addUser(u, 'User');
  w.sim.addUser(COPILOT, 'Bot');
  w.sim.addUser(CLAUDE, 'Bot');
  w.sim.createRepo(R, { installationId: w.installation, files: { 'README.md': '# drift\n', 'src/util.ts': 'export const a = 1;\n', 'src/lib.ts': 'export const b = 1;\n', '.github/agent-zones.yml': CONFIG, '.github/workflows/ci.yml': 'on: push\njobs: {}\n' } });
  for (const [u, p] of [['alice', 'write'], ['bob', 'maintain'], ['carol', 'admin'], [COPILOT, 'write'], [CLAUDE, 'write']] as const) w.sim.addCollaborator(R, u, p);
  w.sim.protectBranch(R, 'main', { requiredChecks: [{ context: 'agent-zones: main', appId: APP_ID }] });
});
after(async () => {
  await w?.stop();
  clock?.restore();
});

test('a scripted month, reported week by week', async () => {
  // ---- W45 ------------------------------------------------------------------------------------
  clock.set('2026-11-03T10:00:00Z');
  await agentPr('docs1', COPILOT, { 'docs/a.md': '# a\n' });
  assert.equal(w.sim.pull(R, prs.docs1!).merged, true, 'green merges itself');
  clock.set('2026-11-03T11:00:00Z');
  await agentPr('util1', COPILOT, { 'src/util.ts': 'export const a = 2;\n' });
  assert.equal(w.sim.pull(R, prs.util1!).merged, true, 'yellow merges itself (automerge.yellow)');
  clock.set('2026-11-04T10:00:00Z');
  const fast = await agentPr('ci-fast', CLAUDE, { '.github/workflows/ci.yml': 'on: push\njobs: {}\n# fast\n' });
  assert.deepEqual(w.sim.labels(R, fast), ['zone: red']);
  clock.advance(20_000);
  await approve(fast, 'bob');
  await w.sim.mergeAsAdmin(R, fast, 'bob');

  const w46 = await run('2026-11-09T09:00:00Z');
  assert.equal(w46.title, 'Zone drift: 2026-W46');
  assert.ok(w46.issueNumber);
  assert.match(w46.body, /^<!-- agent-zones:drift 2026-W46 -->/);
  const totals46 = section(w46.body, 'Totals');
  assert.match(totals46, /\| green \| 1 \| 0 \| \+1 \|/);
  assert.match(totals46, /\| yellow \| 1 \| 0 \| \+1 \|/);
  assert.match(totals46, /\| red \| 1 \| 0 \| \+1 \|/);
  assert.match(totals46, /\| copilot-swe-agent\[bot\] \| 2 \|/);
  assert.match(totals46, /\| claude\[bot\] \| 1 \|/);
  assert.match(totals46, /```mermaid\nxychart-beta\n/);
  assert.match(totals46, /line \[0, 0, 0, 0, 0, 0, 0, 1\]/);
  assert.match(section(w46.body, 'Yellow log'), new RegExp(`### \`path:source\`[^]*#${prs.util1} .*\`src/util.ts\``));
  assert.match(section(w46.body, 'Promotion suggestions'), /None this week/);
  const red46 = section(w46.body, 'Red approvals');
  assert.match(red46, new RegExp(`#${fast} .*\\| @bob \\| 2\\d s \\| ⚠️ under 60 s: possible rubber stamp`));
  const byp46 = section(w46.body, 'Bypasses');
  assert.match(byp46, /### Merged while the zone check was not green\n\nNone\./);
  assert.match(byp46, new RegExp(`#${fast} .*\\(workflow\\) by claude\\[bot\\], merged by @bob: \`.github/workflows/ci.yml\``));
  assert.match(w46.body, /\*\*What to do this week:\*\* look again at the red PRs approved within a minute/);

  // ---- W46 ------------------------------------------------------------------------------------
  clock.set('2026-11-10T10:00:00Z');
  await agentPr('util2', COPILOT, { 'src/util.ts': 'export const a = 3;\n' });
  assert.equal(w.sim.pull(R, prs.util2!).merged, true);
  clock.set('2026-11-10T12:00:00Z');
  const slow = await agentPr('ci-slow', COPILOT, { '.github/workflows/ci.yml': 'on: push\njobs: {}\n# slow\n' });
  clock.advance(2 * 3_600_000);
  await approve(slow, 'carol');
  await w.sim.mergeAsAdmin(R, slow, 'carol');
  clock.set('2026-11-11T10:00:00Z');
  const forced = await agentPr('forced', CLAUDE, { '.env': 'TOKEN=x\n' });
  assert.equal(w.sim.checkRuns(R, w.sim.pull(R, forced).head).find((c) => c.name === 'agent-zones: main')?.conclusion, 'failure');
  await w.sim.mergeAsAdmin(R, forced, 'carol');
  clock.set('2026-11-12T10:00:00Z');
  w.sim.commit(R, 'config-change', { '.github/agent-zones.yml': `${CONFIG}paths:\n  red: ["src/billing/**"]\n` }, { author: 'alice' });
  const cfg = await w.sim.openPullRequest(R, { head: 'config-change', author: 'alice', title: 'Tighten billing' });
  await w.sim.idle();
  await w.sim.mergeAsAdmin(R, cfg, 'carol');

  const w47 = await run('2026-11-16T09:00:00Z');
  assert.equal(w47.title, 'Zone drift: 2026-W47');
  assert.notEqual(w47.issueNumber, w46.issueNumber);
  assert.match(w47.body, new RegExp(`Previous report: #${w46.issueNumber} \\(2026-W46\\)`));
  const promo47 = section(w47.body, 'Promotion suggestions');
  assert.match(promo47, new RegExp(`path \`src/util.ts\` \\(\`path:source\`\\), yellow in 2 merged PRs: #${prs.util1}, #${prs.util2}`));
  const snippet = /```yaml\n\s*(paths: .*)\n/.exec(promo47)?.[1];
  assert.equal(snippet, 'paths: { green: ["src/util.ts"] }');
  const promoted = await loadPolicy(snippet, { file: 'snippet.yml', configPath: '.github/agent-zones.yml' });
  assert.deepEqual(promoted.paths.green, ['src/util.ts']);
  const red47 = section(w47.body, 'Red approvals');
  assert.match(red47, new RegExp(`#${slow} .*\\| @carol \\| 2\\.0 h \\|  \\|`));
  assert.doesNotMatch(red47, /rubber stamp/);
  const byp47 = section(w47.body, 'Bypasses');
  assert.match(byp47, new RegExp(`#${forced} .* by claude\\[bot\\], merged by @carol while the check was failure \\(zone red\\)`));
  assert.match(byp47, new RegExp(`#${cfg} Tighten billing \\(config\\) by alice, merged by @carol: \`.github/agent-zones.yml\``));
  assert.match(byp47, /`paths.red`: `src\/billing\/\*\*`/, 'the new red glob never fired');
  assert.match(w47.body, new RegExp(`\\*\\*What to do this week:\\*\\* ask why #${forced} was merged past a failing zone check`));
  const issues47 = w.sim.issues(R);
  const old = issues47.find((i) => i.number === w46.issueNumber)!;
  assert.equal(old.state, 'closed', "last week's issue is closed");
  assert.ok(w.sim.comments(R, w46.issueNumber!).some((c) => c.body.includes(`#${w47.issueNumber}`)), 'with a link to the new one');

  // ---- W47: a revert ----------------------------------------------------------------------------
  clock.set('2026-11-17T10:00:00Z');
  const lib1 = await agentPr('lib1', COPILOT, { 'src/lib.ts': 'export const b = 2;\n' }, 'Tune lib');
  clock.set('2026-11-18T10:00:00Z');
  await agentPr('lib-revert', COPILOT, { 'src/lib.ts': 'export const b = 1;\n' }, 'Revert "Tune lib"', `Reverts acme/drift#${lib1}`);
  clock.set('2026-11-19T10:00:00Z');
  await agentPr('util3', CLAUDE, { 'src/util.ts': 'export const a = 4;\n' });

  const w48 = await run('2026-11-23T09:00:00Z');
  assert.equal(w48.title, 'Zone drift: 2026-W48');
  const promo48 = section(w48.body, 'Promotion suggestions');
  assert.match(promo48, /path `src\/util.ts` \(`path:source`\), yellow in 3 merged PRs/);
  assert.doesNotMatch(promo48, /src\/lib\.ts/, 'a reverted path is not promoted although it was yellow in 2 merged PRs');
  const yellow48 = section(w48.body, 'Yellow log');
  assert.match(yellow48, /### `path:source` \(3 PRs\)/);
  assert.match(section(w48.body, 'Totals'), /\| yellow \| 3 \| 1 \| \+2 \|/);
  assert.match(section(w48.body, 'Totals'), /line \[0, 0, 0, 0, 0, 1, 1, 3\]/);

  // ---- idempotency: the same week again updates the same issue ----------------------------------
  const again = await run('2026-11-23T15:00:00Z');
  assert.equal(again.issueNumber, w48.issueNumber);
  const drift = () => w.sim.issues(R).filter((i) => i.labels.includes('zone-drift'));
  assert.equal(drift().filter((i) => i.title === 'Zone drift: 2026-W48').length, 1, 'no duplicate');
  assert.equal(drift().filter((i) => i.state === 'open').length, 1, 'only this week is open');
  assert.ok(w.sim.comments(R, w47.issueNumber!).some((c) => c.body === `Superseded by #${w48.issueNumber} (2026-W48).`));
  assert.equal(w.sim.comments(R, w47.issueNumber!).length, 1, 'closed once, commented once');

  // ---- W48: two runs at once for W49 converge on one issue ---------------------------------------
  clock.set('2026-11-24T10:00:00Z');
  await agentPr('docs2', COPILOT, { 'docs/b.md': '# b\n' });
  const [a, b] = await Promise.all([run('2026-11-30T09:00:00Z'), run('2026-11-30T09:00:00Z')]);
  const w49 = drift().filter((i) => i.title === 'Zone drift: 2026-W49');
  assert.equal(a.issueNumber, b.issueNumber, 'both runs name the same issue');
  assert.equal(w49.filter((i) => i.state === 'open').length, 1, 'one open issue for the week');
  assert.equal(drift().filter((i) => i.state === 'open').length, 1);
  assert.match(section(a.body, 'Totals'), /\| green \| 1 \| 0 \| \+1 \|/);

  // ---- the App's schedule: not before the configured hour, then once -----------------------------
  clock.set('2026-12-07T08:00:00Z');
  const state = { done: new Map<string, string>() };
  assert.deepEqual(await driftTick(w.probot, { appId: APP_ID, configPath: '.github/agent-zones.yml' }, new Date('2026-12-07T08:59:00Z'), state), []);
  const due = await driftTick(w.probot, { appId: APP_ID, configPath: '.github/agent-zones.yml' }, new Date('2026-12-07T09:00:00Z'), state);
  assert.deepEqual(due.map((x) => [x.repo, x.week]), [[R, '2026-W50']]);
  assert.deepEqual(await driftTick(w.probot, { appId: APP_ID, configPath: '.github/agent-zones.yml' }, new Date('2026-12-07T10:00:00Z'), state), [], 'known done: no second run');
  assert.deepEqual(await driftTick(w.probot, { appId: APP_ID, configPath: '.github/agent-zones.yml' }, new Date('2026-12-07T10:00:00Z')), [], 'a fresh replica finds the issue');
  assert.equal(drift().filter((i) => i.title === 'Zone drift: 2026-W50').length, 1);
});
