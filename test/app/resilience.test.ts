import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startWorld, type World } from './harness.js';

const AGENT = 'copilot-swe-agent[bot]';
const CHECK = 'agent-zones: main';
let w: World;
let n = 0;

function repo(extraRequired: string[] = ['ci / test']): string {
  const name = `acme/res-${++n}`;
  w.sim.createRepo(name, { files: { 'README.md': '# r\n', 'docs/guide.md': '# G\n' }, installationId: w.installation });
  w.sim.addCollaborator(name, AGENT, 'write');
  w.sim.protectBranch(name, 'main', { requiredChecks: [CHECK, ...extraRequired] });
  return name;
}

before(async () => {
  w = await startWorld({ sweepMinutes: 0.02 });
  w.sim.addUser(AGENT, 'Bot');
});
after(async () => w.stop());

describe('faults in the middle of a decision', () => {
  test('5xx answers are retried: the decision completes', async () => {
    const r = repo();
    w.sim.fault({ match: (q) => q.path.includes(`/${r}/`) && q.path.endsWith('/files'), status: 502, times: 2 });
    w.sim.fault({ match: (q) => q.operation === 'AgentZonesTrees', status: 503, times: 1 });
    w.sim.commit(r, 'copilot/a', { 'docs/a.md': '# A\n' }, { author: AGENT });
    const pr = await w.sim.openPullRequest(r, { head: 'copilot/a', author: AGENT });
    await w.sim.idle();
    await w.sim.waitFor(() => w.sim.checkRuns(r).some((c) => c.name === CHECK), 5000);
    assert.equal(w.sim.checkRuns(r).find((c) => c.name === CHECK)?.conclusion, 'success');
    assert.ok(w.sim.pull(r, pr).autoMerge);
  });

  test('a secondary rate limit with retry-after is waited out', async () => {
    const r = repo();
    w.sim.fault({ match: (q) => q.method === 'POST' && q.path.endsWith('/check-runs'), status: 403, secondaryRateLimit: true, retryAfter: 1, times: 1 });
    w.sim.commit(r, 'copilot/b', { 'docs/b.md': '# B\n' }, { author: AGENT });
    await w.sim.openPullRequest(r, { head: 'copilot/b', author: AGENT });
    await w.sim.waitFor(() => w.sim.checkRuns(r).some((c) => c.name === CHECK), 8000);
    assert.equal(w.sim.checkRuns(r).filter((c) => c.name === CHECK).length, 1);
  });

  test('an error that outlasts the retries ends in a failed check, never a merge', async () => {
    const r = repo([]);
    w.sim.fault({ match: (q) => q.path.includes(`/${r}/`) && q.path.endsWith('/files'), status: 500, times: 50 });
    w.sim.commit(r, 'copilot/c', { 'docs/c.md': '# C\n' }, { author: AGENT });
    const pr = await w.sim.openPullRequest(r, { head: 'copilot/c', author: AGENT });
    await w.sim.waitFor(() => w.sim.checkRuns(r).some((c) => c.name === CHECK), 8000);
    const run = w.sim.checkRuns(r).find((c) => c.name === CHECK);
    assert.equal(run?.conclusion, 'failure');
    assert.match(run?.output.title ?? '', /could not decide/);
    assert.equal(w.sim.pull(r, pr).merged, false);
  });

  test('a request that hangs is aborted and retried', async () => {
    const r = repo();
    w.sim.fault({ match: (q) => q.operation === 'AgentZonesSnapshot', delayMs: 5000, times: 1 });
    w.sim.commit(r, 'copilot/d', { 'docs/d.md': '# D\n' }, { author: AGENT });
    await w.sim.openPullRequest(r, { head: 'copilot/d', author: AGENT });
    await w.sim.waitFor(() => w.sim.checkRuns(r).some((c) => c.name === CHECK && c.conclusion === 'success'), 10000);
    assert.equal(w.sim.checkRuns(r).filter((c) => c.name === CHECK).length, 1);
  });
});

describe('lost webhooks', () => {
  test('the periodic sweep decides a PR whose webhook never arrived', async () => {
    const r = repo();
    w.sim.setDelivery({ drop: (event) => event === 'pull_request' });
    w.sim.commit(r, 'copilot/lost', { 'docs/lost.md': '# L\n' }, { author: AGENT });
    const pr = await w.sim.openPullRequest(r, { head: 'copilot/lost', author: AGENT });
    w.sim.setDelivery({});
    assert.equal(w.sim.checkRuns(r).filter((c) => c.name === CHECK).length, 0);
    await w.sim.waitFor(() => w.sim.labels(r, pr).length > 0, 10000);
    assert.equal(w.sim.checkRuns(r).filter((c) => c.name === CHECK).length, 1);
    assert.deepEqual(w.sim.labels(r, pr), ['zone: green']);
  });
});
