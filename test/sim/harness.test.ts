import { test } from 'node:test';
import assert from 'node:assert/strict';
import { agentPr, owner, receiver, repo, REPO, setup } from './helpers.js';

test('harness: commit() on a PR head synchronizes it; close/reopen; idle and waitFor; request log', async () => {
  const hook = await receiver();
  const s = await setup({ webhookUrl: hook.url });
  try {
  const n = await agentPr(s.sim, 'h', { 'a.txt': '1\n' });
  const sha = s.sim.commit(REPO, 'agent/h', { 'a.txt': '2\n' }, { author: 'agent[bot]' });
  await s.sim.idle();
  assert.equal(s.sim.pull(REPO, n).head, sha);
  assert.ok(hook.got.some((d) => d.payload.action === 'synchronize' && (d.payload as { after?: string }).after === sha));
  await s.sim.close(REPO, n, 'maintainer');
  assert.equal(s.sim.pull(REPO, n).state, 'closed');
  await s.sim.reopen(REPO, n, 'maintainer');
  assert.equal(s.sim.pull(REPO, n).state, 'open');
  await s.octokit.rest.issues.addLabels({ owner, repo, issue_number: n, labels: ['zone: yellow'] });
  await s.sim.waitFor(() => hook.got.some((d) => d.payload.action === 'labeled'));
  // A delivery is logged when its HTTP answer arrives, a moment after the receiver has the payload.
  await s.sim.idle();
  assert.deepEqual(s.sim.deliveries.map((d) => `${d.event}.${d.action}`), ['pull_request.opened', 'pull_request.synchronize', 'pull_request.closed', 'pull_request.reopened', 'pull_request.labeled']);
  await assert.rejects(s.sim.waitFor(() => false, 30), /not met/);
  const last = s.sim.requests.at(-1)!;
  assert.deepEqual([last.method, last.path, last.status, last.operation], ['POST', `/api/v3/repos/${REPO}/issues/${n}/labels`, 200, 'issues/add-labels']);
  } finally {
    await s.sim.stop();
    await hook.close();
  }
});
