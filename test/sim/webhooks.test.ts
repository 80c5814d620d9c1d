import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { verify } from '@octokit/webhooks-methods';
import { agentPr, owner, receiver, repo, REPO, SECRET, setup, type Received, type Setup } from './helpers.js';

interface Example { name: string; examples: ({ action?: string } & Record<string, unknown>)[] }
const examples = createRequire(import.meta.url)('@octokit/webhooks-examples/api.github.com/index.json') as Example[];

/** Keys of GitHub's example payloads that only some deliveries carry and the simulated ones need not. */
const OPTIONAL = new Set(['enterprise', 'deployment', 'requester', 'performed_via_github_app']);

function exampleFor(event: string, action?: string): Record<string, unknown> {
  const e = examples.find((x) => x.name === event)!;
  const all = e.examples.filter((x) => x.action === action);
  const pick = all.find((x) => 'installation' in x) ?? all[0];
  assert.ok(pick, `no example for ${event}.${action}`);
  return pick;
}

function missingKeys(example: object, actual: object): string[] {
  return Object.keys(example).filter((k) => !OPTIONAL.has(k) && !(k in actual));
}

describe('sim webhooks', () => {
  let s: Setup;
  let hook: Awaited<ReturnType<typeof receiver>>;
  const find = (event: string, action?: string): Received => {
    const d = hook.got.find((x) => x.event === event && x.payload.action === action);
    assert.ok(d, `no ${event}.${action} delivered`);
    return d;
  };

  before(async () => {
    hook = await receiver();
    s = await setup({ webhookUrl: hook.url });
    s.sim.addCollaborator(REPO, 'human', 'write');
    const n = await agentPr(s.sim, 'w', { 'docs/w.md': 'w\n' });
    await s.sim.push(REPO, n, { 'docs/w.md': 'w2\n' });
    await s.sim.addLabelByHand(REPO, n, 'zone: red', 'human');
    await s.sim.removeLabelByHand(REPO, n, 'zone: red', 'human');
    const rid = await s.sim.submitReview(REPO, n, { user: 'human', state: 'APPROVED' });
    await s.sim.dismissReview(REPO, n, rid, 'maintainer');
    await s.sim.comment(REPO, n, 'human', 'LGTM');
    s.sim.commit(REPO, 'release', { 'x.txt': 'x\n' });
    await s.sim.retarget(REPO, n, 'release', 'human');
    await s.sim.close(REPO, n, 'human');
    await s.sim.reopen(REPO, n, 'human');
    const head = s.sim.pull(REPO, n).head;
    const run = await s.octokit.rest.checks.create({ owner, repo, name: 'agent-zones: main', head_sha: head, status: 'in_progress' });
    await s.octokit.rest.checks.update({ owner, repo, check_run_id: run.data.id, conclusion: 'success', output: { title: 'green', summary: 'ok' } });
    await s.sim.rerequestCheck(REPO, run.data.id);
    await s.sim.enqueueMergeGroup(REPO, n);
    await s.octokit.rest.issues.create({ owner, repo, title: 'drift' });
    await s.sim.idle();
  });
  after(async () => {
    await s.sim.stop();
    await hook.close();
  });

  test('every delivery is signed with X-Hub-Signature-256 that @octokit/webhooks-methods verifies', async () => {
    assert.ok(hook.got.length > 10);
    for (const d of hook.got) assert.equal(await verify(SECRET, d.body, d.signature), true, `${d.event}.${d.payload.action}`);
    assert.equal(await verify('other-secret', hook.got[0]!.body, hook.got[0]!.signature), false);
    assert.ok(s.sim.deliveries.every((d) => d.status === 200));
    assert.equal(new Set(hook.got.map((d) => d.id)).size, hook.got.length);
  });

  const SAMPLE: [string, string | undefined][] = [
    ['pull_request', 'opened'], ['pull_request', 'synchronize'], ['pull_request', 'labeled'], ['pull_request', 'unlabeled'], ['pull_request', 'closed'],
    ['pull_request', 'reopened'], ['pull_request_review', 'submitted'], ['pull_request_review', 'dismissed'], ['check_run', 'created'], ['check_run', 'completed'],
    ['check_run', 'rerequested'], ['merge_group', 'checks_requested'], ['issue_comment', 'created'], ['issues', 'opened'],
  ];
  for (const [event, action] of SAMPLE) {
    test(`${event}.${action} has the keys of GitHub's example payload`, () => {
      const ex = exampleFor(event, action);
      const got = find(event, action).payload;
      assert.deepEqual(missingKeys(ex, got), []);
      assert.deepEqual(got.installation, { id: s.installationId, node_id: (got.installation as { node_id: string }).node_id });
      for (const sub of ['pull_request', 'check_run', 'review', 'merge_group', 'issue', 'comment', 'label', 'repository', 'sender'] as const) {
        if (ex[sub] && typeof ex[sub] === 'object') assert.deepEqual(missingKeys(ex[sub] as object, got[sub] as object), [], `${event}.${action}.${sub}`);
      }
    });
  }

  test('payload details the App relies on', () => {
    const opened = find('pull_request', 'opened').payload.pull_request as Record<string, unknown> & { user: { type: string }; head: { ref: string; sha: string } };
    assert.equal(opened.user.type, 'Bot');
    assert.equal(opened.head.ref, 'agent/w');
    const sync = find('pull_request', 'synchronize').payload as { before: string; after: string; pull_request: { head: { sha: string } } };
    assert.equal(sync.after, sync.pull_request.head.sha);
    assert.notEqual(sync.before, sync.after);
    const edited = find('pull_request', 'edited').payload as { changes: { base: { ref: { from: string } } }; pull_request: { base: { ref: string } } };
    assert.equal(edited.changes.base.ref.from, 'main');
    assert.equal(edited.pull_request.base.ref, 'release');
    const review = find('pull_request_review', 'submitted').payload.review as { state: string; user: { login: string }; commit_id: string };
    assert.equal(review.state, 'approved');
    assert.equal(find('pull_request_review', 'dismissed').payload.review && (find('pull_request_review', 'dismissed').payload.review as { state: string }).state, 'dismissed');
    const cr = find('check_run', 'completed').payload.check_run as { app: { id: number }; conclusion: string; check_suite: { head_sha: string } };
    assert.equal(cr.app.id, 777);
    assert.equal(cr.conclusion, 'success');
    assert.equal(find('check_run', 'rerequested').payload.check_run && (find('check_run', 'rerequested').payload.check_run as { name: string }).name, 'agent-zones: main');
  });
});

describe('sim webhook delivery modes', () => {
  test('drop, duplicate (same delivery id), raw deliver with a forged signature, App status recorded', async () => {
    const hook = await receiver(202);
    const s = await setup({ webhookUrl: hook.url });
    s.sim.setDelivery({ drop: (e) => e === 'pull_request' });
    await agentPr(s.sim, 'd', { 'a.md': 'a\n' });
    assert.equal(hook.got.length, 0);
    assert.equal(s.sim.deliveries.at(-1)?.status, 0);
    s.sim.setDelivery({ duplicate: true });
    await agentPr(s.sim, 'e', { 'b.md': 'b\n' });
    assert.equal(hook.got.length, 2);
    assert.equal(hook.got[0]!.id, hook.got[1]!.id);
    s.sim.setDelivery({});
    const r = await s.sim.deliver('ping', { zen: 'hi' }, { signature: 'sha256=' + '0'.repeat(64), deliveryId: 'fixed-id' });
    assert.equal(r.status, 202);
    assert.equal(hook.got.at(-1)?.signature, 'sha256=' + '0'.repeat(64));
    assert.equal(hook.got.at(-1)?.id, 'fixed-id');
    assert.equal(await verify(SECRET, hook.got.at(-1)!.body, hook.got.at(-1)!.signature), false);
    await s.sim.stop();
    await hook.close();
  });
});
