// Attacks through the PR's life and GitHub's plumbing: retargets, labels by hand, forged and replayed
// webhooks, a second PR on the same commit, a push in the middle of a decision.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sign } from '../../src/sim/index.js';
import { agentPr, assertBlocked, assertNotMerged, attackRepo, CHECK, startAttackWorld, theRun, type World } from './helpers.js';

let w: World;
before(async () => {
  w = await startAttackWorld();
});
after(async () => w.stop());

const RED_CHANGE = { 'infra/deploy.sh': '#!/bin/sh\necho deploy v2\n' };

describe('retargets', () => {
  test('a red PR retargeted to a branch with no protection and no config: red under the new check name', async () => {
    const r = attackRepo(w);
    w.sim.commit(r, 'lax', { '.github/agent-zones.yml': 'version: 1\npaths:\n  green: ["**"]\n' }, { author: 'carol' });
    const pr = await agentPr(w, r, RED_CHANGE);
    await w.sim.retarget(r, pr, 'lax', w.sim.appBot === 'x' ? 'x' : 'copilot-swe-agent[bot]');
    await w.sim.idle();
    assertBlocked(w, r, pr, undefined, 'agent-zones: lax');
  });

  test('a green PR with auto-merge armed, retargeted to an unprotected branch, is not merged there', async () => {
    const r = attackRepo(w);
    w.sim.commit(r, 'release', {}, { author: 'carol' });
    const pr = await agentPr(w, r, { 'docs/a.md': '# A\n' });
    assert.ok(w.sim.pull(r, pr).autoMerge, 'armed on main while ci / test runs');
    await w.sim.retarget(r, pr, 'release', 'mallory');
    await w.sim.idle();
    assertNotMerged(w, r, pr);
    const run = theRun(w, r, pr, 'agent-zones: release');
    assert.equal(run.conclusion, 'success');
    assert.match(run.output.summary ?? '', /does not require the check/);
    // A later push by the agent must not slip through an armed auto-merge either.
    await w.sim.push(r, pr, RED_CHANGE);
    await w.sim.idle();
    assertBlocked(w, r, pr, undefined, 'agent-zones: release');
  });
});

describe('labels by hand', () => {
  test('adding "zone: green" to a red PR changes nothing', async () => {
    const r = attackRepo(w);
    const pr = await agentPr(w, r, RED_CHANGE);
    await w.sim.addLabelByHand(r, pr, 'zone: green', 'mallory');
    await w.sim.idle();
    assertBlocked(w, r, pr);
  });

  test('removing "zone: red" from a red PR puts it back and keeps it blocked', async () => {
    const r = attackRepo(w);
    const pr = await agentPr(w, r, RED_CHANGE);
    await w.sim.removeLabelByHand(r, pr, 'zone: red', 'mallory');
    await w.sim.idle();
    assertBlocked(w, r, pr);
  });

  test('adding "zone: green" to a yellow PR does not merge it', async () => {
    const r = attackRepo(w, { extraRequired: [] });
    const pr = await agentPr(w, r, { 'src/feature.ts': 'export const f = 2;\n' });
    await w.sim.addLabelByHand(r, pr, 'zone: green', 'mallory');
    await w.sim.idle();
    assertNotMerged(w, r, pr);
    assert.deepEqual(w.sim.labels(r, pr), ['zone: yellow']);
  });
});

describe('webhook signatures', () => {
  async function lastPayload(r: string, pr: number) {
    const d = w.sim.deliveries.filter((x) => x.event === 'pull_request' && x.body?.includes(`"full_name":"${r}"`) && x.body.includes(`"number":${pr},`)).at(-1);
    assert.ok(d?.body, 'a delivery to replay');
    return d;
  }

  test('forged signatures are refused and cause no API call', async () => {
    const r = attackRepo(w);
    const pr = await agentPr(w, r, RED_CHANGE);
    const d = await lastPayload(r, pr);
    const payload = JSON.parse(d.body!) as object;
    const before = w.sim.requests.length;
    for (const signature of ['sha256=' + '0'.repeat(64), sign('not-the-secret', d.body!), '', 'sha1=abc', sign('not-the-secret', '{}')]) {
      const res = await w.sim.deliver('pull_request', payload, { signature });
      assert.ok(res.status >= 400 && res.status < 500, `${signature}: ${res.status}`);
    }
    await w.sim.idle();
    assert.equal(w.sim.requests.length, before);
    assertBlocked(w, r, pr);
  });

  test('a replayed delivery (same id, same body) creates no second check run and merges nothing', async () => {
    const r = attackRepo(w);
    const pr = await agentPr(w, r, { 'docs/a.md': '# A\n' });
    const d = await lastPayload(r, pr);
    for (let i = 0; i < 3; i++) await w.sim.deliver('pull_request', JSON.parse(d.body!) as object, { deliveryId: d.id });
    await w.sim.idle();
    assert.equal(theRun(w, r, pr).conclusion, 'success');
    assert.deepEqual(w.sim.labels(r, pr), ['zone: green']);
    assert.equal(w.sim.pull(r, pr).merged, false, 'ci / test has not passed');
  });

  test('a stale "opened" replayed after a red push does not make the new head green', async () => {
    const r = attackRepo(w);
    const pr = await agentPr(w, r, { 'docs/a.md': '# A\n' });
    const opened = await lastPayload(r, pr);
    await w.sim.push(r, pr, RED_CHANGE);
    await w.sim.idle();
    await Promise.all([1, 2].map(() => w.sim.deliver('pull_request', JSON.parse(opened.body!) as object, { deliveryId: opened.id })));
    await w.sim.idle();
    assertBlocked(w, r, pr);
    await w.sim.setExternalCheck(r, w.sim.pull(r, pr).head, 'ci / test', 'success');
    await w.sim.idle();
    assertBlocked(w, r, pr);
  });
});

describe('same commit, two PRs', () => {
  test('a second PR with the same head SHA shares the one check run and is not unlocked by the first PR’s approval', async () => {
    const r = attackRepo(w);
    const pr1 = await agentPr(w, r, RED_CHANGE, { branch: 'copilot/first' });
    await w.sim.submitReview(r, pr1, { user: 'carol', state: 'APPROVED' });
    await w.sim.idle();
    assert.equal(theRun(w, r, pr1).conclusion, 'success');
    w.sim.createBranch(r, 'copilot/second', 'copilot/first');
    const pr2 = await w.sim.openPullRequest(r, { head: 'copilot/second', author: 'copilot-swe-agent[bot]' });
    await w.sim.idle();
    assert.equal(w.sim.pull(r, pr2).head, w.sim.pull(r, pr1).head);
    assertBlocked(w, r, pr2);
    assert.equal(w.sim.checkRuns(r, w.sim.pull(r, pr2).head).filter((c) => c.name === CHECK).length, 1);
    assertNotMerged(w, r, pr1);
  });

  test('two green PRs on one commit: one check run, nothing merged before the other checks pass', async () => {
    const r = attackRepo(w);
    const pr1 = await agentPr(w, r, { 'docs/same.md': '# same\n' }, { branch: 'copilot/g1' });
    w.sim.createBranch(r, 'copilot/g2', 'copilot/g1');
    const pr2 = await w.sim.openPullRequest(r, { head: 'copilot/g2', author: 'copilot-swe-agent[bot]' });
    await w.sim.idle();
    assert.equal(theRun(w, r, pr2).id, theRun(w, r, pr1).id);
    assert.equal(w.sim.pull(r, pr1).merged || w.sim.pull(r, pr2).merged, false);
  });
});

describe('a push in the middle of a decision', () => {
  test('the decision of the old head cannot arm auto-merge for the new red head', async () => {
    const r = attackRepo(w);
    // Hold the first decision after its snapshot, push red meanwhile.
    w.sim.fault({ match: (q) => q.operation === 'AgentZonesTrees', delayMs: 300, times: 1 });
    w.sim.commit(r, 'copilot/mid', { 'docs/mid.md': '# mid\n' }, { author: 'copilot-swe-agent[bot]' });
    const opening = w.sim.openPullRequest(r, { head: 'copilot/mid', author: 'copilot-swe-agent[bot]' });
    await w.sim.waitFor(() => w.sim.requests.some((q) => q.operation === 'AgentZonesTrees' && q.path === '/api/graphql') || w.sim.checkRuns(r).length > 0, 5000).catch(() => undefined);
    const pr = 1; // the first issue of a fresh repository
    await w.sim.push(r, pr, RED_CHANGE);
    await opening;
    await w.sim.idle();
    await w.sim.setExternalCheck(r, w.sim.pull(r, pr).head, 'ci / test', 'success');
    await w.sim.idle();
    assertBlocked(w, r, pr);
  });
});
