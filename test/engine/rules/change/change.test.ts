import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { DiffFile } from '../../../../src/engine/diff/types.js';
import { binaryReason } from '../../../../src/engine/rules/change/binary.js';
import { deletion } from '../../../../src/engine/rules/change/delete.js';
import { modeReasons } from '../../../../src/engine/rules/change/modes.js';
import { defaultPolicy } from '../../../../src/policy/defaults.js';

function file(over: Partial<DiffFile>): DiffFile {
  return { oldPath: 'a', newPath: 'a', status: 'modified', oldMode: '100644', newMode: '100644', binary: false, similarity: null, hunks: [], added: [], truncated: false, ...over };
}

describe('change:delete', () => {
  test('a removed file is red', () => {
    const r = deletion('src/a.ts', defaultPolicy());
    assert.equal(r.rule, 'change:delete');
    assert.equal(r.zone, 'red');
  });
  test('deletions.allow makes it yellow, never green', () => {
    const r = deletion('tmp/cache.json', { ...defaultPolicy(), deletions: { allow: ['tmp/**'] } });
    assert.equal(r.zone, 'yellow');
  });
});

describe('change:symlink / change:submodule / change:exec-bit', () => {
  test('added symlink is red and names its target', () => {
    const rs = modeReasons(file({ status: 'added', oldMode: null, newMode: '120000', added: [{ line: 1, text: '/etc/passwd' }] }), 'link', 'yellow');
    const r = rs.find((x) => x.rule === 'change:symlink');
    assert.equal(r?.zone, 'red');
    assert.match(r!.message, /etc\/passwd/);
  });
  test('a changed symlink is red; a regular file that becomes a symlink is red', () => {
    assert.ok(modeReasons(file({ oldMode: '120000', newMode: '120000' }), 'l', 'green').some((r) => r.rule === 'change:symlink'));
    assert.ok(modeReasons(file({ oldMode: '100644', newMode: '120000' }), 'l', 'green').some((r) => r.rule === 'change:symlink'));
  });
  test('submodule pointer (160000) and .gitmodules are red', () => {
    assert.ok(modeReasons(file({ oldMode: '160000', newMode: '160000' }), 'vendor/x', 'yellow').some((r) => r.rule === 'change:submodule' && r.zone === 'red'));
    assert.ok(modeReasons(file({}), '.gitmodules', 'red').some((r) => r.rule === 'change:submodule'));
  });
  test('100644 -> 100755 is yellow, red under a red path; a new 100755 file too', () => {
    assert.equal(modeReasons(file({ newMode: '100755' }), 'tool.py', 'yellow').find((r) => r.rule === 'change:exec-bit')?.zone, 'yellow');
    assert.equal(modeReasons(file({ newMode: '100755' }), 'docs/x.md', 'green').find((r) => r.rule === 'change:exec-bit')?.zone, 'yellow');
    assert.equal(modeReasons(file({ newMode: '100755' }), 'deploy/x.sh', 'red').find((r) => r.rule === 'change:exec-bit')?.zone, 'red');
    assert.equal(modeReasons(file({ status: 'added', oldMode: null, newMode: '100755' }), 'x.sh', 'yellow').find((r) => r.rule === 'change:exec-bit')?.zone, 'yellow');
    assert.equal(modeReasons(file({ oldMode: '100755', newMode: '100755' }), 'x.sh', 'yellow').length, 0);
  });
});

describe('binary files', () => {
  for (const ext of ['exe', 'dll', 'so', 'dylib', 'a', 'o', 'jar', 'class', 'pyc', 'wasm', 'node', 'zip', 'tar', 'tgz', 'gz', '7z', 'whl', 'deb', 'rpm', 'apk', 'bin']) {
    test(`*.${ext} is change:binary-executable (red)`, () => {
      const r = binaryReason(`dist/thing.${ext}`, 'yellow');
      assert.equal(r.rule, 'change:binary-executable');
      assert.equal(r.zone, 'red');
    });
  }
  for (const name of ['src/a.js', 'src/a.ts', 'x.py', 'run.sh', 'ci.yml', 'data.json', 'README.md', 'Makefile']) {
    test(`binary ${name} is change:binary-text (red)`, () => {
      const r = binaryReason(name, 'green');
      assert.equal(r.rule, 'change:binary-text');
      assert.equal(r.zone, 'red');
    });
  }
  test('other binaries take the zone of their path', () => {
    assert.deepEqual([binaryReason('docs/a.png', 'green').zone, binaryReason('assets/font.woff2', 'yellow').zone, binaryReason('deploy/logo.png', 'red').zone], ['green', 'yellow', 'red']);
    assert.equal(binaryReason('docs/a.pdf', 'green').rule, 'change:binary');
  });
});
