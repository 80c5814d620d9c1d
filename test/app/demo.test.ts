import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';

test('npm run demo: four PRs, each decision and action, the approval, a summary; ends by itself', () => {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/demo.ts'], { encoding: 'utf8', timeout: 60_000, env: { ...process.env, NO_COLOR: '1' } });
  assert.equal(r.status, 0, r.stderr);
  const out = r.stdout;
  assert.match(out, /#1 Docs only -> green[\s\S]*merged/);
  assert.match(out, /#2 Feature with a new dependency -> yellow[\s\S]*not merged/);
  assert.match(out, /#3 A deletion and a pasted key -> red[\s\S]*change:delete, content:secret/);
  assert.match(out, /#4 Edits the zones config -> red[\s\S]*path:gate-config/);
  assert.match(out, /check now: success - .*approved by maintainer/);
  assert.match(out, /Summary/);
});
