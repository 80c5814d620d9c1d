import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { installationOctokit, owner, rejects, repo, setup, type Setup } from './helpers.js';

describe('sim faults', () => {
  let s: Setup;
  before(async () => {
    s = await setup();
    await s.octokit.rest.repos.get({ owner, repo }); // token fetched before faults are armed
  });
  after(() => s.sim.stop());

  test('5xx for `times` matching requests, then normal answers', async () => {
    s.sim.fault({ match: (r) => r.operation === 'repos/get', status: 502, times: 2 });
    assert.equal((await rejects(s.octokit.rest.repos.get({ owner, repo }))).status, 502);
    assert.equal((await rejects(s.octokit.rest.repos.get({ owner, repo }))).status, 502);
    assert.equal((await s.octokit.rest.repos.get({ owner, repo })).status, 200);
    assert.deepEqual(s.sim.requests.filter((r) => r.operation === 'repos/get').map((r) => r.status), [200, 502, 502, 200]);
  });

  test('Octokit\'s retry plugin rides over a 500 and a 503', async () => {
    const o = installationOctokit(s.sim, s.installationId, { retries: 3 });
    s.sim.fault({ match: (r) => r.path.endsWith('/pulls') && r.method === 'GET', status: 500 });
    s.sim.fault({ match: (r) => r.path.endsWith('/pulls') && r.method === 'GET', status: 503 });
    assert.equal((await o.rest.pulls.list({ owner, repo })).status, 200);
  });

  test('secondary rate limit: 403 with retry-after and GitHub\'s message; 429', async () => {
    s.sim.fault({ match: (r) => r.operation === 'issues/list-labels-for-repo', secondaryRateLimit: true, retryAfter: 7 });
    const e = await rejects(s.octokit.rest.issues.listLabelsForRepo({ owner, repo }));
    assert.equal(e.status, 403);
    assert.equal(e.headers['retry-after'], '7');
    assert.match(e.message, /secondary rate limit/);
    s.sim.fault({ match: (r) => r.operation === 'issues/list-labels-for-repo', status: 429, retryAfter: 1 });
    assert.equal((await rejects(s.octokit.rest.issues.listLabelsForRepo({ owner, repo }))).status, 429);
  });

  test('delay-only faults slow the answer (a client timeout sees a timeout) without failing it', async () => {
    s.sim.fault({ match: (r) => r.operation === 'repos/get', delayMs: 300 });
    await assert.rejects(s.octokit.rest.repos.get({ owner, repo, request: { signal: AbortSignal.timeout(50) } }));
    s.sim.fault({ match: (r) => r.operation === 'repos/get', delayMs: 20 });
    assert.equal((await s.octokit.rest.repos.get({ owner, repo })).status, 200);
  });

  test('GraphQL requests match by operation name', async () => {
    s.sim.fault({ match: (r) => r.operation === 'Probe', status: 502 });
    await assert.rejects(s.octokit.graphql('query Probe { repository(owner: "acme", name: "app") { id } }'));
    const ok = await s.octokit.graphql<{ repository: { id: string } }>('query Probe { repository(owner: "acme", name: "app") { id } }');
    assert.ok(ok.repository.id);
  });
});
