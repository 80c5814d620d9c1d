// Malformed but correctly signed webhook payloads delivered to the real App: every one is answered
// (no crash, no hang), nothing is merged, and the App still decides a real PR afterwards.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startAppOnSim, type AppOnSim } from '../../src/sim/with-app.js';
import { malformedDelivery } from './payloads.js';
import { rng } from './random-shim.js';

const AGENT = 'copilot-swe-agent[bot]';
const CHECK = 'agent-zones: main';
let w: AppOnSim;

before(async () => {
  w = await startAppOnSim({ appId: 4545, logLevel: 'fatal' });
  w.sim.addUser(AGENT, 'Bot');
  w.sim.addUser('carol', 'User');
});
after(async () => w.stop());

test('200 malformed signed payloads: all answered, nothing merged, the App still decides', async () => {
  const r = 'acme/fuzz-hooks';
  w.sim.createRepo(r, { installationId: w.installation, files: { 'README.md': '# f\n', 'docs/a.md': '# a\n' } });
  w.sim.addCollaborator(r, AGENT, 'write');
  w.sim.addCollaborator(r, 'carol', 'admin');
  w.sim.protectBranch(r, 'main', { requiredChecks: [CHECK] });
  // Real deliveries to mutate: an open, a push, a review, a check run from other CI.
  w.sim.commit(r, 'copilot/seed', { '.github/workflows/x.yml': 'on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo\n' }, { author: AGENT });
  const pr = await w.sim.openPullRequest(r, { head: 'copilot/seed', author: AGENT });
  await w.sim.push(r, pr, { 'docs/b.md': '# b\n' });
  await w.sim.submitReview(r, pr, { user: 'carol', state: 'COMMENTED' });
  await w.sim.setExternalCheck(r, w.sim.pull(r, pr).head, 'ci / test', 'success');
  await w.sim.enqueueMergeGroup(r, pr).catch(() => undefined);
  await w.sim.idle();
  const real = w.sim.deliveries.filter((d) => d.body).map((d) => ({ event: d.event, body: d.body! }));
  assert.ok(real.length >= 4);

  const rand = rng(7);
  const statuses = new Map<number, number>();
  for (let i = 0; i < 200; i++) {
    const d = malformedDelivery(rand, real);
    const res = await w.sim.deliver(d.event, d.payload);
    assert.notEqual(res.status, 0, `delivery ${i} (${d.event}) got no answer`);
    statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
  }
  await w.sim.idle();
  assert.equal(w.sim.pull(r, pr).merged, false, 'a red PR is never merged by a malformed event');

  // Still alive and deciding.
  w.sim.commit(r, 'copilot/after', { 'docs/c.md': '# c\n' }, { author: AGENT });
  const pr2 = await w.sim.openPullRequest(r, { head: 'copilot/after', author: AGENT });
  await w.sim.idle();
  const runs = w.sim.checkRuns(r, w.sim.pull(r, pr2).head).filter((c) => c.name === CHECK);
  assert.equal(runs.length, 1);
  assert.equal(runs[0]?.conclusion, 'success');
  assert.ok([...statuses.keys()].every((s) => s >= 200 && s < 600), JSON.stringify([...statuses]));
});
