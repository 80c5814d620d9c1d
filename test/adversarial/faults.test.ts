// GitHub failing in the middle of a decision: 5xx (once and for good), a hung request, a secondary
// rate limit, at each step of the decision. Whatever happens, the end state is never a merge of a
// head that was not decided green (or approved red), never a success check on an undecided red head,
// and never two check runs for one head.
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import type { Fault } from '../../src/sim/index.js';
import { AGENT, agentPr, attackRepo, CHECK, startAttackWorld, type World } from './helpers.js';

let w: World;
before(async () => {
  w = await startAttackWorld();
});
after(async () => w.stop());
afterEach(() => w.sim.clearFaults());

type Kind = 'transient 502' | 'persistent 500' | 'hung request' | 'secondary rate limit';
const KINDS: Record<Kind, (match: Fault['match']) => Fault> = {
  'transient 502': (match) => ({ match, status: 502, times: 1 }),
  'persistent 500': (match) => ({ match, status: 500, times: 1000 }),
  // Longer than the App's request timeout on the simulator (SIM_TUNING: 2 s): aborted and retried.
  'hung request': (match) => ({ match, delayMs: 2500, times: 1 }),
  'secondary rate limit': (match) => ({ match, status: 403, secondaryRateLimit: true, retryAfter: 1, times: 1 }),
};

/** The steps of a decision, by GitHub operation (GraphQL operation name or REST operation id). */
const RED_STEPS = ['AgentZonesSnapshot', 'pulls/list-files', 'AgentZonesTrees', 'pulls/list-reviews', 'pulls/request-reviewers', 'checks/create', 'issues/add-labels'];
const GREEN_STEPS = ['AgentZonesSnapshot', 'pulls/list-files', 'AgentZonesTrees', 'checks/create', 'issues/add-labels', 'AgentZonesEnableAutoMerge', 'pulls/merge'];

function onRepo(r: string, operation: string): Fault['match'] {
  // GraphQL requests all go to /api/graphql; the repository is not in the path, so the fault is
  // bounded by `times` and by running one PR at a time.
  return (q) => q.operation === operation && (q.path === '/api/graphql' || q.path.includes(`/repos/${r}/`));
}

function assertSafe(r: string, pr: number, expectRed: boolean): void {
  const state = w.sim.pull(r, pr);
  const runs = w.sim.checkRuns(r, state.head).filter((c) => c.name === CHECK);
  assert.ok(runs.length <= 1, `at most one check run per head, got ${runs.length}`);
  if (expectRed) {
    assert.equal(state.merged, false, 'a red head is never merged');
    assert.equal(state.autoMerge, null, 'no auto-merge on a red head');
    assert.notEqual(runs[0]?.conclusion, 'success', 'no success on an undecided red head');
  } else if (state.merged || state.autoMerge) {
    // Only the classified green head merges, and only after a success check for exactly that head.
    assert.equal(runs[0]?.conclusion, 'success');
    if (state.autoMerge) assert.equal(state.autoMerge.expectedHeadOid, state.head);
  }
}

describe('faults at each step of a red decision', () => {
  for (const step of RED_STEPS) {
    for (const kind of Object.keys(KINDS) as Kind[]) {
      test(`${kind} on ${step}: not merged, no success`, async () => {
        const r = attackRepo(w, { extraRequired: [] });
        w.sim.fault(KINDS[kind](onRepo(r, step)));
        const pr = await agentPr(w, r, { 'infra/deploy.sh': '#!/bin/sh\necho v2\n' });
        assertSafe(r, pr, true);
        if (kind !== 'persistent 500') {
          const run = w.sim.checkRuns(r, w.sim.pull(r, pr).head).find((c) => c.name === CHECK);
          assert.equal(run?.conclusion, 'failure', 'a retried fault still ends in the decision');
        }
      });
    }
  }
});

describe('faults at each step of a green decision', () => {
  for (const step of GREEN_STEPS) {
    for (const kind of Object.keys(KINDS) as Kind[]) {
      test(`${kind} on ${step}: only the classified green head can merge`, async () => {
        const r = attackRepo(w, { extraRequired: step === 'pulls/merge' ? [] : ['ci / test'], allowAutoMerge: step !== 'pulls/merge' });
        w.sim.fault(KINDS[kind](onRepo(r, step)));
        const pr = await agentPr(w, r, { 'docs/x.md': '# x\n' });
        assertSafe(r, pr, false);
        // The agent pushes red afterwards: nothing armed earlier may carry it through.
        await w.sim.push(r, pr, { 'infra/deploy.sh': '#!/bin/sh\necho v3\n' });
        await w.sim.idle();
        if (!w.sim.pull(r, pr).merged) {
          await w.sim.setExternalCheck(r, w.sim.pull(r, pr).head, 'ci / test', 'success');
          await w.sim.idle();
          assertSafe(r, pr, true);
        }
      });
    }
  }
});

describe('the fence on push fails', () => {
  test('auto-merge armed for a green head, a red push, and switching auto-merge off keeps failing: not merged', async () => {
    const r = attackRepo(w);
    const pr = await agentPr(w, r, { 'docs/y.md': '# y\n' });
    assert.ok(w.sim.pull(r, pr).autoMerge);
    w.sim.fault({ match: (q) => q.operation === 'AgentZonesDisableAutoMerge', status: 500, times: 1000 });
    await w.sim.push(r, pr, { 'infra/deploy.sh': '#!/bin/sh\necho v4\n' }, { author: AGENT });
    await w.sim.idle();
    await w.sim.setExternalCheck(r, w.sim.pull(r, pr).head, 'ci / test', 'success');
    await w.sim.idle();
    const state = w.sim.pull(r, pr);
    assert.equal(state.merged, false);
    const run = w.sim.checkRuns(r, state.head).find((c) => c.name === CHECK);
    assert.notEqual(run?.conclusion, 'success');
  });
});
