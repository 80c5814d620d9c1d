import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { checkout, REPO, repositoryEvent, runAction, startWorld } from './helpers.js';

test('mode drift opens the week’s drift issue and outputs its number; a second run updates the same issue', async () => {
  const w = await startWorld();
  try {
    const ws = join(w.tmp, 'ws');
    checkout(w.sim, REPO, ws, w.sim.branch(REPO, 'main')!);
    const r = await runAction({ world: w, workspace: ws, event: repositoryEvent('schedule'), inputs: { mode: 'drift' } });
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.outputs.issue ?? '', /^\d+$/);
    const issues = w.sim.issues(REPO);
    assert.equal(issues.length, 1);
    assert.equal(String(issues[0]!.number), r.outputs.issue);
    assert.match(r.summary, /agent-zones drift/);
    const again = await runAction({ world: w, workspace: ws, event: repositoryEvent('schedule'), inputs: { mode: 'drift' } });
    assert.equal(again.code, 0);
    assert.equal(again.outputs.issue, r.outputs.issue);
    assert.equal(w.sim.issues(REPO).length, 1);

    const dry = await runAction({ world: w, workspace: ws, event: repositoryEvent('schedule'), inputs: { mode: 'drift', 'dry-run': 'true' } });
    assert.equal(dry.code, 0);
    assert.equal(dry.outputs.issue, '');
  } finally {
    await w.stop();
  }
});
