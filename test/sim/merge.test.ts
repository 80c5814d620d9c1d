import { test, describe, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { agentPr, owner, receiver, rejects, repo, REPO, setup, type Setup } from './helpers.js';

const ENABLE = `mutation Enable($id: ID!, $oid: GitObjectID, $m: PullRequestMergeMethod) {
  enablePullRequestAutoMerge(input: { pullRequestId: $id, expectedHeadOid: $oid, mergeMethod: $m }) { pullRequest { autoMergeRequest { enabledAt mergeMethod } } }
}`;
const DISABLE = `mutation Disable($id: ID!) { disablePullRequestAutoMerge(input: { pullRequestId: $id }) { pullRequest { id } } }`;

async function nodeIdOf(s: Setup, n: number): Promise<string> {
  return (await s.octokit.rest.pulls.get({ owner, repo, pull_number: n })).data.node_id;
}

async function gqlError(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    return (e as { errors?: { message: string }[] }).errors?.map((x) => x.message).join('; ') ?? String(e);
  }
  throw new Error('expected a GraphQL error');
}

describe('sim merge semantics', () => {
  let s: Setup;
  let hook: Awaited<ReturnType<typeof receiver>>;
  beforeEach(async () => {
    hook = await receiver();
    s = await setup({ webhookUrl: hook.url });
  });
  afterEach(async () => {
    await s.sim.stop();
    await hook.close();
  });

  test('REST merge: 409 when sha is not the head, 405 while a required check is missing or failing, then merges and sends closed', async () => {
    s.sim.protectBranch(REPO, 'main', { requiredChecks: ['agent-zones: main'] });
    const n = await agentPr(s.sim, 'm', { 'docs/m.md': 'm\n' });
    const head = s.sim.pull(REPO, n).head;
    const e409 = await rejects(s.octokit.rest.pulls.merge({ owner, repo, pull_number: n, sha: 'a'.repeat(40) }));
    assert.equal(e409.status, 409);
    assert.match(e409.message, /Head branch was modified/);
    const e405 = await rejects(s.octokit.rest.pulls.merge({ owner, repo, pull_number: n, sha: head }));
    assert.equal(e405.status, 405);
    assert.match(e405.message, /Required status check "agent-zones: main" is expected/);
    const run = await s.octokit.rest.checks.create({ owner, repo, name: 'agent-zones: main', head_sha: head, conclusion: 'failure', output: { title: 'red', summary: 'x' } });
    assert.match((await rejects(s.octokit.rest.pulls.merge({ owner, repo, pull_number: n, sha: head }))).message, /is failing/);
    await s.octokit.rest.checks.update({ owner, repo, check_run_id: run.data.id, conclusion: 'success' });
    const ok = await s.octokit.rest.pulls.merge({ owner, repo, pull_number: n, sha: head, merge_method: 'squash' });
    assert.equal(ok.data.merged, true);
    assert.equal(s.sim.pull(REPO, n).mergedSha, ok.data.sha);
    assert.equal(s.sim.pull(REPO, n).mergeMethod, 'squash');
    assert.equal(s.sim.branch(REPO, 'main'), ok.data.sha);
    assert.equal(s.sim.file(REPO, 'main', 'docs/m.md'), 'm\n');
    await s.sim.idle();
    const closed = hook.got.find((d) => d.event === 'pull_request' && d.payload.action === 'closed');
    assert.equal((closed?.payload.pull_request as { merged: boolean }).merged, true);
    assert.equal((await rejects(s.octokit.rest.pulls.merge({ owner, repo, pull_number: n }))).status, 405);
  });

  test('rulesets also refuse a merge, and a check bound to an App must come from that App', async () => {
    s.sim.protectBranch(REPO, 'main', { requiredChecks: [{ context: 'agent-zones: main', appId: 777 }], via: 'ruleset' });
    const n = await agentPr(s.sim, 'r', { 'docs/r.md': 'r\n' });
    const head = s.sim.pull(REPO, n).head;
    await s.sim.setExternalCheck(REPO, head, 'agent-zones: main', 'success');
    assert.equal((await rejects(s.octokit.rest.pulls.merge({ owner, repo, pull_number: n, sha: head }))).status, 405);
    await s.octokit.rest.checks.create({ owner, repo, name: 'agent-zones: main', head_sha: head, conclusion: 'success', output: { title: 'ok', summary: 'ok' } });
    assert.equal((await s.octokit.rest.pulls.merge({ owner, repo, pull_number: n, sha: head })).data.merged, true);
  });

  test('auto-merge: not allowed by the repository; clean status when checks already pass; head mismatch', async () => {
    const n = await agentPr(s.sim, 'a', { 'docs/a.md': 'a\n' });
    const id = await nodeIdOf(s, n);
    const head = s.sim.pull(REPO, n).head;
    assert.match(await gqlError(s.octokit.graphql(ENABLE, { id, oid: head, m: 'SQUASH' })), /Pull request is in clean status/);
    s.sim.protectBranch(REPO, 'main', { requiredChecks: ['agent-zones: main'] });
    assert.match(await gqlError(s.octokit.graphql(ENABLE, { id, oid: 'b'.repeat(40), m: 'SQUASH' })), /Head branch was modified/);
    assert.match(await gqlError(s.octokit.graphql(DISABLE, { id })), /not enabled/);
    s.sim.setRepoOptions(REPO, { allowAutoMerge: false });
    assert.match(await gqlError(s.octokit.graphql(ENABLE, { id, oid: head, m: 'SQUASH' })), /Auto merge is not allowed for this repository/);
    assert.equal(s.sim.pull(REPO, n).autoMerge, null);
  });

  test('auto-merge fires when the required checks pass, with the stored method', async () => {
    s.sim.protectBranch(REPO, 'main', { requiredChecks: ['agent-zones: main', 'ci'] });
    const n = await agentPr(s.sim, 'f', { 'docs/f.md': 'f\n' });
    const head = s.sim.pull(REPO, n).head;
    const r = await s.octokit.graphql<{ enablePullRequestAutoMerge: { pullRequest: { autoMergeRequest: { mergeMethod: string } } } }>(ENABLE, { id: await nodeIdOf(s, n), oid: head, m: 'SQUASH' });
    assert.equal(r.enablePullRequestAutoMerge.pullRequest.autoMergeRequest.mergeMethod, 'SQUASH');
    assert.deepEqual(s.sim.pull(REPO, n).autoMerge, { expectedHeadOid: head, method: 'SQUASH' });
    assert.equal((await s.octokit.rest.pulls.get({ owner, repo, pull_number: n })).data.auto_merge?.merge_method, 'squash');
    await s.octokit.rest.checks.create({ owner, repo, name: 'agent-zones: main', head_sha: head, conclusion: 'success', output: { title: 'ok', summary: 'ok' } });
    assert.equal(s.sim.pull(REPO, n).merged, false);
    await s.sim.setExternalCheck(REPO, head, 'ci', 'success');
    assert.equal(s.sim.pull(REPO, n).merged, true);
    assert.equal(s.sim.pull(REPO, n).mergeMethod, 'squash');
    await s.sim.idle();
    assert.ok(hook.got.some((d) => d.payload.action === 'closed' && (d.payload.pull_request as { merged: boolean }).merged));
  });

  test('auto-merge stays on after a push by someone with write access (and would merge the new head); a push without write access turns it off', async () => {
    s.sim.protectBranch(REPO, 'main', { requiredChecks: ['ci'] });
    const n = await agentPr(s.sim, 'p', { 'docs/p.md': 'p\n' });
    const id = await nodeIdOf(s, n);
    await s.octokit.graphql(ENABLE, { id, oid: s.sim.pull(REPO, n).head, m: 'MERGE' });
    const pushed = await s.sim.push(REPO, n, { '.github/workflows/x.yml': 'on: push\n' });
    assert.notEqual(s.sim.pull(REPO, n).autoMerge, null);
    await s.sim.setExternalCheck(REPO, pushed, 'ci', 'success');
    assert.equal(s.sim.pull(REPO, n).merged, true, 'GitHub merges whatever head the checks passed on');

    const n2 = await agentPr(s.sim, 'q', { 'docs/q.md': 'q\n' });
    await s.octokit.graphql(ENABLE, { id: await nodeIdOf(s, n2), oid: s.sim.pull(REPO, n2).head, m: 'MERGE' });
    s.sim.addUser('outsider');
    await s.sim.push(REPO, n2, { 'docs/q.md': 'q2\n' }, { author: 'outsider' });
    assert.equal(s.sim.pull(REPO, n2).autoMerge, null);
    assert.ok(hook.got.some((d) => d.payload.action === 'auto_merge_disabled'));
    await s.octokit.graphql(ENABLE, { id: await nodeIdOf(s, n2), oid: s.sim.pull(REPO, n2).head, m: 'MERGE' });
    await s.octokit.graphql(DISABLE, { id: await nodeIdOf(s, n2) });
    assert.equal(s.sim.pull(REPO, n2).autoMerge, null);
  });

  test('a change request by a writer blocks merging until dismissed', async () => {
    const n = await agentPr(s.sim, 'c', { 'docs/c.md': 'c\n' });
    const rid = await s.sim.submitReview(REPO, n, { user: 'maintainer', state: 'CHANGES_REQUESTED' });
    assert.equal(s.sim.pull(REPO, n).mergeableState, 'blocked');
    assert.equal((await rejects(s.octokit.rest.pulls.merge({ owner, repo, pull_number: n }))).status, 405);
    await s.sim.dismissReview(REPO, n, rid, 'maintainer');
    assert.equal(s.sim.pull(REPO, n).mergeableState, 'clean');
  });

  test('conflicting changes make a PR dirty and unmergeable; the merge queue builds a group commit', async () => {
    const n = await agentPr(s.sim, 'x', { 'README.md': 'agent\n' });
    const g = await s.sim.enqueueMergeGroup(REPO, n);
    assert.equal(s.sim.file(REPO, g, 'README.md'), 'agent\n');
    const mg = hook.got.find((d) => d.event === 'merge_group');
    assert.equal((mg?.payload.merge_group as { head_sha: string }).head_sha, g);
    s.sim.commit(REPO, 'main', { 'README.md': 'human\n' });
    assert.equal(s.sim.pull(REPO, n).mergeableState, 'dirty');
    assert.equal((await rejects(s.octokit.rest.pulls.merge({ owner, repo, pull_number: n }))).status, 405);
  });
});
