import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { defaultPolicy } from '../../../src/policy/defaults.js';
import { classifyInlineCode, credentialPathReason } from '../../../src/engine/rules/step/index.js';
import { initShell, isShellReady, parseShell } from '../../../src/engine/shell/parser.js';
import { resolvePath, WORKSPACE_ROOT } from '../../../src/engine/shell/paths.js';
import { decodeAnsiC, evalWord, UNKNOWN } from '../../../src/engine/shell/words.js';
import { parseTarget } from '../../../src/engine/rules/step/hosts.js';
import { isSecretVariable } from '../../../src/engine/rules/step/credential-access.js';
import { zoneOf } from '../../../src/engine/zone.js';

before(async () => {
  await Promise.all([initShell(), initShell()]);
});

describe('parser', () => {
  test('initShell is idempotent and the parser is synchronous after it', async () => {
    await initShell();
    assert.ok(isShellReady());
    const tree = parseShell('ls -la');
    assert.equal(tree.rootNode.type, 'program');
    tree.delete();
  });
});

describe('word evaluation', () => {
  const first = (src: string, vars: Map<string, string | null> = new Map()) => {
    const tree = parseShell(`echo ${src}`);
    const cmd = tree.rootNode.namedChild(0);
    const arg = cmd?.namedChild(1);
    assert.ok(arg);
    const w = evalWord(arg, { vars, exprs: null, lineOffset: 0 });
    tree.delete();
    return w;
  };
  const rows: [string, string, boolean, boolean][] = [
    ['abc', 'abc', true, true],
    ["'a b'", 'a b', true, false],
    ['"a b"', 'a b', true, false],
    ["r''m", 'rm', true, false],
    ['a\\ b', 'a b', true, false],
    ['$HOME/x', '~/x', true, false],
    ['${HOME}/x', '~/x', true, false],
    ['$RUNNER_TEMP/x', '/tmp/x', true, false],
    ['$UNSET', UNKNOWN, false, false],
    ['$(id)', UNKNOWN, false, false],
    ['"${X:-y}"', UNKNOWN, false, false],
    ["$'\\x72m'", 'rm', true, false],
  ];
  for (const [src, text, known, literal] of rows) {
    test(src, () => {
      const w = first(src);
      assert.equal(w.text, text);
      assert.equal(w.known, known);
      assert.equal(w.literal, literal);
    });
  }
  test('assigned variables are followed', () => {
    const w = first('$U/path', new Map([['U', 'https://x.io']]));
    assert.equal(w.text, 'https://x.io/path');
  });
  test('globs are noticed only unquoted', () => {
    assert.equal(first('*.log').glob, true);
    assert.equal(first('"*.log"').glob, false);
  });
  test('ANSI-C decoding', () => {
    assert.equal(decodeAnsiC('a\\nb\\x41\\101\\u00e9'), 'a\nbAAé');
  });
});

describe('paths', () => {
  const rows: [string, string][] = [
    ['src/a.ts', 'workspace'],
    ['./a/../b', 'workspace'],
    ['../x', 'outside'],
    ['/etc/passwd', 'outside'],
    ['/tmp/x', 'tmp'],
    ['/dev/null', 'dev'],
    ['~/x', 'home'],
    ['.git/hooks/pre-commit', 'git'],
    ['sub/.git/config', 'git'],
    [UNKNOWN + '/x', 'unknown'],
  ];
  for (const [p, place] of rows) test(JSON.stringify(p), () => assert.equal(resolvePath(p, WORKSPACE_ROOT, {}).place, place));
  test('unknown cwd makes relative paths outside', () => {
    assert.equal(resolvePath('a', { kind: 'unknown' }, {}).place, 'outside');
  });
});

describe('hosts', () => {
  const rows: [string, string | null][] = [
    ['https://allowed.com.evil.net/x', 'allowed.com.evil.net'],
    ['https://allowed.com@evil.net/x', 'evil.net'],
    ['example.com/x', 'example.com'],
    ['git@github.com:o/r.git', 'github.com'],
    ['http://[::1]:8080/', '::1'],
    ['localhost:3000', 'localhost'],
    [UNKNOWN, null],
  ];
  for (const [t, host] of rows) test(JSON.stringify(t), () => assert.equal(parseTarget(t).host, host));
});

describe('secret variable names', () => {
  const yes = ['GITHUB_TOKEN', 'NPM_TOKEN', 'DB_PASSWORD', 'DEPLOY_KEY', 'OPENAI_KEY', 'SENTRY_DSN', 'SLACK_WEBHOOK', 'GH_PAT', 'DATABASE_URL', 'MY_CONNECTION_STRING', 'AWS_SECRET_ACCESS_KEY', 'PRIVATE_KEY_PEM', 'PASSWD', 'CREDENTIALS_JSON'];
  const no = ['PATH', 'PATTERN', 'CACHE_KEY', 'NPM_CACHE_KEY', 'SORT_KEY', 'PARTITION_KEY', 'AWS_REGION', 'HOME', 'TOKENIZER', 'KEY'];
  for (const n of yes) test(`${n} holds a credential`, () => assert.ok(isSecretVariable(n)));
  for (const n of no) test(`${n} does not`, () => assert.ok(!isSecretVariable(n)));
});

describe('credentialPathReason', () => {
  const red = ['.env', '/home/u/proj/.env.local', '~/.ssh/id_rsa', '/home/u/.ssh/config', '~/.aws/credentials', '~/.config/gh/hosts.yml', '/proc/1/environ', '.git/config', '.envrc', '**/.env', '*.pem', '~/.ssh/*', 'config/secrets.yml', 'id_ed25519', '~/.npmrc', '.pypirc', '~/.docker/config.json', '~/.kube/config', 'terraform.tfstate', 'prod.tfvars', 'a/service-account.json', '.netrc'];
  const fine = ['src/index.ts', 'README.md', '.env.example', '.env.sample', '.env.template', 'app.example.env', 'id_rsa.pub', '**/*.ts', '*', '*.json', 'docs/env.md', 'src/environment.ts'];
  for (const p of red) {
    test(`${p} is a credential`, () => {
      const r = credentialPathReason(p, {});
      assert.ok(r);
      assert.equal(r.rule, 'step:credential-access');
      assert.equal(r.zone, 'red');
    });
  }
  for (const p of fine) test(`${p} is not`, () => assert.equal(credentialPathReason(p, {}), null));
});

describe('classifyInlineCode', () => {
  const policy = defaultPolicy();
  const rows: [string, string, 'yellow' | 'red'][] = [
    ['python', 'print(1)', 'yellow'],
    ['python', 'import subprocess; subprocess.run(["id"])', 'red'],
    ['python', 'import os\nos.remove("a")', 'red'],
    ['python', 'import requests', 'red'],
    ['python', 'getattr(__builtins__, "ev"+"al")', 'red'],
    ['python', 'open(".env").read()', 'red'],
    ['node', 'console.log(1)', 'yellow'],
    ['node', 'require("child_process")', 'red'],
    ['node', 'const m = "child_" + "process"; require(m)', 'red'],
    ['node', 'fs.unlinkSync("a")', 'red'],
    ['node', 'new WebSocket("ws://x")', 'red'],
    ['ruby', 'puts ENV["X"]', 'red'],
    ['perl', 'print $ENV{HOME}', 'red'],
    ['php', 'echo getenv("X");', 'red'],
    ['pwsh', 'Write-Host hi', 'yellow'],
    ['pwsh', 'Invoke-WebRequest https://x', 'red'],
    ['pwsh', 'iex (New-Object Net.WebClient).DownloadString("x")', 'red'],
    ['pwsh', 'Remove-Item -Recurse x', 'red'],
    ['pwsh', 'echo $env:GITHUB_TOKEN', 'red'],
  ];
  for (const [lang, code, zone] of rows) {
    test(`${lang}: ${code}`, () => {
      const r = classifyInlineCode(lang, code, policy);
      assert.ok(r.length > 0);
      assert.equal(zoneOf(r), zone);
    });
  }
});
