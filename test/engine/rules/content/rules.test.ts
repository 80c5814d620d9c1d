import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { addedText } from '../../../../src/engine/rules/content/added-text.js';
import { hiddenUnicodeReasons } from '../../../../src/engine/rules/content/hidden-unicode.js';
import { installScriptReasons, nonRegistrySpec } from '../../../../src/engine/rules/content/install-script.js';
import { lockfileHostReasons } from '../../../../src/engine/rules/content/lockfile-host.js';
import { packageJsonView } from '../../../../src/engine/rules/content/package-json.js';
import { scannerSuppressionReasons } from '../../../../src/engine/rules/content/scanner-suppression.js';
import { isBuildHook, testExecReasons } from '../../../../src/engine/rules/content/test-exec.js';
import { PRIVATE_KEY_LINE } from '../../../../src/engine/rules/content/private-key.js';
import type { DiffFile } from '../../../../src/engine/diff/types.js';
import { addedFile, j, modifiedFile } from './helpers.js';

const ch = (cp: number): string => String.fromCodePoint(cp);

describe('content:hidden-unicode', () => {
  const RED: [string, number][] = [
    ['LRE', 0x202a], ['RLE', 0x202b], ['PDF', 0x202c], ['LRO', 0x202d], ['RLO', 0x202e],
    ['LRI', 0x2066], ['RLI', 0x2067], ['FSI', 0x2068], ['PDI', 0x2069],
    ['LRM', 0x200e], ['RLM', 0x200f], ['ALM', 0x061c],
    ['ZWSP', 0x200b], ['ZWNJ', 0x200c], ['ZWJ', 0x200d], ['WJ', 0x2060], ['BOM mid-file', 0xfeff],
    ['TAG first', 0xe0000], ['TAG A', 0xe0041], ['TAG last', 0xe007f],
    ['invisible times', 0x2062], ['Mongolian vowel separator', 0x180e], ['variation selector supplement', 0xe0100],
  ];
  for (const [name, cp] of RED) {
    test(`red: ${name} U+${cp.toString(16)}`, () => {
      const file = addedFile('src/a.ts', `const ok = 1;\nif (isAdmin) {${ch(cp)} // check\n}`);
      const r = hiddenUnicodeReasons(addedText(file));
      assert.equal(r.length, 1);
      assert.equal(r[0]!.rule, 'content:hidden-unicode');
      assert.equal(r[0]!.zone, 'red');
      assert.equal(r[0]!.line, 2);
      assert.match(r[0]!.message, new RegExp(`U\\+${cp.toString(16).toUpperCase().padStart(4, '0')}`));
    });
  }
  test('a BOM at the start of a new file is fine', () => {
    assert.deepEqual(hiddenUnicodeReasons(addedText(addedFile('a.ts', `${ch(0xfeff)}export {};`))), []);
  });
  test('a BOM at the start of line 1 added to a modified file is the file start too', () => {
    const f = modifiedFile('a.ts', [{ start: 1, lines: ['-export {};', `+${ch(0xfeff)}export {};`] }]);
    assert.deepEqual(hiddenUnicodeReasons(addedText(f)), []);
  });
  test('a BOM at the start of a later line is red', () => {
    assert.equal(hiddenUnicodeReasons(addedText(addedFile('a.ts', `a\n${ch(0xfeff)}b`))).length, 1);
  });
  test('visible non-ASCII text is fine (accents, CJK, emoji, NBSP)', () => {
    const text = 'café 日本語 🙂 naïve a\u00a0b — “quotes”';
    assert.deepEqual(hiddenUnicodeReasons(addedText(addedFile('docs/a.md', text))), []);
  });
  test('line numbers follow the new file for modified files', () => {
    const f = modifiedFile('a.py', [{ start: 40, lines: [' x = 1', `+y = "${ch(0x202e)}"`] }]);
    assert.equal(hiddenUnicodeReasons(addedText(f))[0]!.line, 41);
  });
});

describe('content:private-key line', () => {
  const KEYS = ['RSA ', 'EC ', 'DSA ', 'OPENSSH ', 'ENCRYPTED ', ''];
  for (const k of KEYS) test(`BEGIN ${k}PRIVATE KEY`, () => assert.ok(PRIVATE_KEY_LINE.test(j('-----BEGIN ', k, 'PRIVATE', ' KEY-----'))));
  test('PGP private key block', () => assert.ok(PRIVATE_KEY_LINE.test(j('-----BEGIN PGP ', 'PRIVATE', ' KEY BLOCK-----'))));
  test('PuTTY key file', () => assert.ok(PRIVATE_KEY_LINE.test('PuTTY-User-Key-File-3: ssh-ed25519')));
  test('certificates and public keys are not', () => {
    for (const s of ['-----BEGIN CERTIFICATE-----', '-----BEGIN PUBLIC KEY-----', '-----BEGIN RSA PUBLIC KEY-----', '-----BEGIN PGP PUBLIC KEY BLOCK-----']) {
      assert.ok(!PRIVATE_KEY_LINE.test(s), s);
    }
  });
});

function suppression(path: string, file: DiffFile) {
  return scannerSuppressionReasons(path, file, addedText(file));
}

describe('content:scanner-suppression', () => {
  const COMMENTS = [
    'const k = load(); // gitleaks:allow',
    '# secretlint-disable-line',
    '/* secretlint-disable */',
    '// secretlint-disable-next-line @secretlint/secretlint-rule-github',
    'password = "x"  # trufflehog:ignore',
    'API_KEY = "x"  # pragma: allowlist secret',
    '# pragma: allowlist nextline secret',
    'token = "x" # ggignore',
    'key = x // kingfisher:ignore',
  ];
  for (const c of COMMENTS) {
    test(`red: ${c}`, () => {
      const r = suppression('src/a.py', addedFile('src/a.py', `x = 1\n${c}`));
      assert.equal(r.length, 1);
      assert.equal(r[0]!.rule, 'content:scanner-suppression');
      assert.equal(r[0]!.zone, 'red');
      assert.equal(r[0]!.line, 2);
    });
  }
  for (const name of ['.gitleaksignore', '.secretlintignore', 'sub/.gitleaksignore', '.trufflehogignore', '.secrets.baseline']) {
    test(`red: new ${name}`, () => {
      const r = suppression(name, addedFile(name, 'abc123:src/a.py:generic-api-key:3'));
      assert.equal(r.length, 1);
      assert.equal(r[0]!.rule, 'content:scanner-suppression');
    });
  }
  test('red: lines added to an existing .gitleaksignore', () => {
    const r = suppression('.gitleaksignore', modifiedFile('.gitleaksignore', [{ start: 3, lines: [' a:b:c:1', '+d:e:f:2'] }]));
    assert.equal(r.length, 1);
    assert.equal(r[0]!.line, 4);
  });
  test('red: an allowlist added to .gitleaks.toml', () => {
    const f = modifiedFile('.gitleaks.toml', [{ start: 10, lines: [' [extend]', '+[allowlist]', '+paths = ["src/keys/"]'] }]);
    assert.ok(suppression('.gitleaks.toml', f).length >= 1);
  });
  test('clean: prose about scanners and unrelated pragmas', () => {
    for (const c of ['# noqa: E501', '// eslint-disable-next-line no-console', '# type: ignore', 'We run gitleaks in CI.', '# pylint: disable=invalid-name']) {
      assert.deepEqual(suppression('src/a.py', addedFile('src/a.py', c)), [], c);
    }
  });
  test('a removed suppression is no suppression', () => {
    const f = modifiedFile('src/a.py', [{ start: 1, lines: ['-x = 1 # gitleaks:allow', '+x = 1'] }]);
    assert.deepEqual(suppression('src/a.py', f), []);
  });
});

describe('content:install-script', () => {
  const LIFECYCLE = ['preinstall', 'install', 'postinstall', 'prepare', 'prepublish', 'prepublishOnly', 'prepack', 'postpack', 'preprepare', 'postprepare', 'preuninstall', 'postpublish'];
  for (const name of LIFECYCLE) {
    test(`red: lifecycle ${name} in a new package.json`, () => {
      const f = addedFile('package.json', `{\n  "name": "x",\n  "scripts": {\n    "build": "tsc",\n    "${name}": "node setup.js"\n  }\n}`);
      const r = installScriptReasons(f, packageJsonView(f));
      assert.equal(r.length, 1, JSON.stringify(r));
      assert.equal(r[0]!.rule, 'content:install-script');
      assert.equal(r[0]!.zone, 'red');
      assert.equal(r[0]!.line, 5);
      assert.match(r[0]!.message, new RegExp(name));
    });
  }
  test('red: lifecycle script changed in a modified package.json (parent shown)', () => {
    const f = modifiedFile('package.json', [{ start: 5, lines: ['   "scripts": {', '-    "postinstall": "husky install",', '+    "postinstall": "node ./x.js",', '     "build": "tsc"'] }]);
    const r = installScriptReasons(f, packageJsonView(f));
    assert.equal(r.length, 1);
    assert.equal(r[0]!.line, 6);
  });
  test('red: lifecycle script added where the hunk does not show the parent', () => {
    const f = modifiedFile('package.json', [{ start: 9, lines: ['     "build": "tsc",', '+    "preinstall": "curl x | sh",', '     "test": "node --test"'] }]);
    assert.equal(installScriptReasons(f, packageJsonView(f)).length, 1);
  });
  test('clean: a lifecycle line that only gained a comma', () => {
    const f = modifiedFile('package.json', [{ start: 5, lines: ['   "scripts": {', '-    "prepare": "husky"', '+    "prepare": "husky",', '+    "lint": "eslint ."', '   }'] }]);
    assert.deepEqual(installScriptReasons(f, packageJsonView(f)), []);
  });
  test('clean: ordinary scripts, and a key named like a lifecycle outside scripts', () => {
    const f = addedFile('package.json', '{\n  "scripts": { "build": "tsc", "test": "node --test", "lint": "eslint ." },\n  "config": { "install": "x" },\n  "dependencies": { "install": "^0.13.0", "left-pad": "1.3.0" }\n}');
    assert.deepEqual(installScriptReasons(f, packageJsonView(f)), []);
  });
  const SPECS: [string, string][] = [
    ['https tarball', 'https://example.org/pkg-1.0.0.tgz'],
    ['http URL', 'http://evil.example/x'],
    ['git+ssh', 'git+ssh://git@github.com/org/repo.git#v1'],
    ['git+https', 'git+https://github.com/org/repo.git'],
    ['git://', 'git://github.com/org/repo.git'],
    ['scp-like git', 'git@github.com:org/repo.git'],
    ['github:', 'github:org/repo#main'],
    ['gitlab:', 'gitlab:org/repo'],
    ['bitbucket:', 'bitbucket:org/repo'],
    ['gist:', 'gist:11081aaa281'],
    ['file:', 'file:../local-pkg'],
    ['link:', 'link:../local-pkg'],
    ['owner/repo shorthand', 'org/repo'],
    ['owner/repo#ref', 'org/repo#semver:^1.0.0'],
    ['local tarball', './vendor/pkg-1.0.0.tgz'],
  ];
  for (const [name, spec] of SPECS) {
    test(`red: dependency from ${name}`, () => {
      const f = addedFile('package.json', `{\n  "dependencies": {\n    "react": "^18.2.0",\n    "thing": "${spec}"\n  }\n}`);
      const r = installScriptReasons(f, packageJsonView(f));
      assert.equal(r.length, 1, spec);
      assert.equal(r[0]!.line, 4);
      assert.equal(r[0]!.rule, 'content:install-script');
    });
  }
  for (const section of ['devDependencies', 'optionalDependencies', 'peerDependencies', 'overrides', 'resolutions']) {
    test(`red: non-registry spec in ${section}`, () => {
      const f = modifiedFile('package.json', [{ start: 20, lines: [`   "${section}": {`, '+    "x": "github:evil/x",', '     "y": "1.0.0"'] }]);
      assert.equal(installScriptReasons(f, packageJsonView(f)).length, 1);
    });
  }
  test('red: nested override with a git spec', () => {
    const f = addedFile('package.json', '{\n  "overrides": {\n    "foo": {\n      "bar": "git+https://github.com/evil/bar.git"\n    }\n  }\n}');
    assert.equal(installScriptReasons(f, packageJsonView(f)).length, 1);
  });
  test('red: a dependency added where the hunk does not show its section', () => {
    const f = modifiedFile('package.json', [{ start: 30, lines: ['     "lodash": "^4.17.21",', '+    "evil": "https://evil.example/e.tgz",', '     "zod": "^3.0.0"'] }]);
    assert.equal(installScriptReasons(f, packageJsonView(f)).length, 1);
  });
  test('clean: registry specs and manifest fields with URLs', () => {
    const f = addedFile(
      'package.json',
      [
        '{',
        '  "name": "@acme/x",',
        '  "repository": "github:acme/x",',
        '  "homepage": "https://acme.example/x",',
        '  "bugs": { "url": "https://github.com/acme/x/issues" },',
        '  "funding": "https://github.com/sponsors/acme",',
        '  "dependencies": { "a": "^1.2.3", "b": "~2.0.0", "c": "*", "d": "latest", "e": "npm:other@^1", "f": "workspace:*", "g": ">=1.0.0 <2.0.0", "h": "1.x || 2.x", "i": "catalog:" },',
        '  "devDependencies": { "@types/node": "20.19.43" }',
        '}',
      ].join('\n'),
    );
    assert.deepEqual(installScriptReasons(f, packageJsonView(f)), []);
  });
  test('clean: a hunk without the parent that shows scripts and exports entries', () => {
    const f = modifiedFile('package.json', [{ start: 12, lines: ['     "build": "tsc",', '+    "start": "./bin/start",', '+    "./package.json": "./package.json",', '+    "docs": "typedoc --out docs src/index.ts"'] }]);
    assert.deepEqual(installScriptReasons(f, packageJsonView(f)), []);
  });
  test('nonRegistrySpec', () => {
    assert.equal(nonRegistrySpec('^1.0.0'), null);
    assert.equal(nonRegistrySpec('npm:@scope/pkg@1'), null);
    assert.ok(nonRegistrySpec('github:a/b'));
  });
});

describe('content:lockfile-host', () => {
  const npmEntry = (name: string, url: string): string[] => [
    `+    "node_modules/${name}": {`,
    '+      "version": "1.0.0",',
    `+      "resolved": "${url}",`,
    '+      "integrity": "sha512-AAAA"',
    '+    },',
  ];
  test('red: package-lock resolved from another host than the registry in use', () => {
    const f = modifiedFile('package-lock.json', [{ start: 100, lines: ['     "node_modules/a": {', '       "resolved": "https://registry.npmjs.org/a/-/a-1.0.0.tgz",', '     },', ...npmEntry('b', 'https://evil.example/b-1.0.0.tgz')] }]);
    const r = lockfileHostReasons('package-lock.json', f);
    assert.equal(r.length, 1);
    assert.equal(r[0]!.rule, 'content:lockfile-host');
    assert.equal(r[0]!.zone, 'red');
    assert.equal(r[0]!.line, 105);
  });
  test('red: resolved over http', () => {
    const f = modifiedFile('package-lock.json', [{ start: 10, lines: npmEntry('b', 'http://registry.npmjs.org/b/-/b-1.0.0.tgz') }]);
    assert.match(lockfileHostReasons('package-lock.json', f)[0]!.message, /not https/);
  });
  test('red: resolved to a git source', () => {
    const f = modifiedFile('npm-shrinkwrap.json', [{ start: 10, lines: npmEntry('b', 'git+ssh://git@github.com/evil/b.git#abc') }]);
    assert.equal(lockfileHostReasons('npm-shrinkwrap.json', f).length, 1);
  });
  test('clean: same registry, and yarnpkg is npm', () => {
    const f = modifiedFile('package-lock.json', [{ start: 10, lines: [...npmEntry('b', 'https://registry.npmjs.org/b/-/b-1.0.0.tgz'), ...npmEntry('c', 'https://registry.yarnpkg.com/c/-/c-1.0.0.tgz')] }]);
    assert.deepEqual(lockfileHostReasons('package-lock.json', f), []);
  });
  test('clean: a private registry the lockfile already uses', () => {
    const f = modifiedFile('package-lock.json', [{ start: 10, lines: ['       "resolved": "https://npm.acme.internal/a/-/a-1.0.0.tgz",', ...npmEntry('b', 'https://npm.acme.internal/b/-/b-1.0.0.tgz')] }]);
    assert.deepEqual(lockfileHostReasons('package-lock.json', f), []);
  });
  test('red: the public registry in a lockfile that otherwise uses a private one', () => {
    const f = modifiedFile('package-lock.json', [{ start: 10, lines: ['       "resolved": "https://npm.acme.internal/a/-/a-1.0.0.tgz",', ...npmEntry('b', 'https://registry.npmjs.org/b/-/b-1.0.0.tgz')] }]);
    assert.equal(lockfileHostReasons('package-lock.json', f).length, 1);
  });
  test('new lockfile: the odd host out is red, the registry it mostly uses is fine', () => {
    const lines = ['{', '  "packages": {'];
    for (let i = 0; i < 5; i++) lines.push(`    "node_modules/p${i}": { "resolved": "https://registry.npmjs.org/p${i}/-/p${i}-1.0.0.tgz", "integrity": "sha512-x" },`);
    lines.push('    "node_modules/evil": {', '      "resolved": "https://198.51.100.7/evil.tgz",', '    }', '  }', '}');
    const r = lockfileHostReasons('package-lock.json', addedFile('package-lock.json', lines.join('\n')));
    assert.equal(r.length, 1);
    assert.equal(r[0]!.line, 9);
  });
  test('clean: workspace links in package-lock', () => {
    const f = modifiedFile('package-lock.json', [{ start: 10, lines: ['+    "node_modules/@acme/ui": {', '+      "resolved": "packages/ui",', '+      "link": true', '+    },'] }]);
    assert.deepEqual(lockfileHostReasons('package-lock.json', f), []);
  });
  test('red: integrity removed while the entry stays', () => {
    const f = modifiedFile('package-lock.json', [{ start: 10, lines: ['       "resolved": "https://registry.npmjs.org/a/-/a-1.0.0.tgz",', '-      "integrity": "sha512-AAAA",', '       "dev": true'] }]);
    f.added.push({ line: 12, text: '' });
    const r = lockfileHostReasons('package-lock.json', f);
    assert.equal(r.length, 1);
    assert.match(r[0]!.message, /integrity/);
  });
  test('clean: a whole package entry removed with its integrity', () => {
    const f = modifiedFile('package-lock.json', [{ start: 10, lines: ['-    "node_modules/a": {', '-      "version": "1.0.0",', '-      "resolved": "https://registry.npmjs.org/a/-/a-1.0.0.tgz",', '-      "integrity": "sha512-AAAA"', '-    },', '+    "x": 1'] }]);
    assert.deepEqual(lockfileHostReasons('package-lock.json', f), []);
  });
  test('yarn.lock v1: another host is red, registry.yarnpkg.com is fine', () => {
    const ok = modifiedFile('yarn.lock', [{ start: 1, lines: ['+a@^1.0.0:', '+  version "1.0.0"', '+  resolved "https://registry.yarnpkg.com/a/-/a-1.0.0.tgz#abc"', '+  integrity sha512-x'] }]);
    assert.deepEqual(lockfileHostReasons('yarn.lock', ok), []);
    const bad = modifiedFile('yarn.lock', [{ start: 1, lines: ['+a@^1.0.0:', '+  version "1.0.0"', '+  resolved "https://attacker.example/a-1.0.0.tgz"'] }]);
    assert.equal(lockfileHostReasons('yarn.lock', bad).length, 1);
  });
  test('yarn berry: a resolution to a URL or git is red, npm: is fine', () => {
    const ok = modifiedFile('yarn.lock', [{ start: 1, lines: ['+  resolution: "a@npm:1.0.0"'] }]);
    assert.deepEqual(lockfileHostReasons('yarn.lock', ok), []);
    const bad = modifiedFile('yarn.lock', [{ start: 1, lines: ['+  resolution: "a@https://evil.example/a.tgz"'] }]);
    assert.equal(lockfileHostReasons('yarn.lock', bad).length, 1);
  });
  test('pnpm-lock: a tarball from another host is red; integrity removed is red', () => {
    const bad = modifiedFile('pnpm-lock.yaml', [{ start: 1, lines: ['+    resolution: {tarball: https://evil.example/a.tgz}'] }]);
    assert.equal(lockfileHostReasons('pnpm-lock.yaml', bad).length, 1);
    const lost = modifiedFile('pnpm-lock.yaml', [{ start: 1, lines: ['-    resolution: {integrity: sha512-AAAA}', '+    resolution: {}'] }]);
    assert.equal(lockfileHostReasons('pnpm-lock.yaml', lost).length, 1);
  });
  test('Cargo.lock: a git source is red, crates.io is fine', () => {
    const ok = modifiedFile('Cargo.lock', [{ start: 1, lines: ['+source = "registry+https://github.com/rust-lang/crates.io-index"', '+checksum = "abc"'] }]);
    assert.deepEqual(lockfileHostReasons('Cargo.lock', ok), []);
    const bad = modifiedFile('Cargo.lock', [{ start: 1, lines: ['+source = "git+https://github.com/evil/serde?rev=1#abc"'] }]);
    assert.equal(lockfileHostReasons('Cargo.lock', bad).length, 1);
  });
  test('poetry.lock and uv.lock: pypi is fine, another index is red', () => {
    const ok = modifiedFile('uv.lock', [{ start: 1, lines: ['+source = { registry = "https://pypi.org/simple" }', '+sdist = { url = "https://files.pythonhosted.org/packages/x.tar.gz", hash = "sha256:ab" }'] }]);
    assert.deepEqual(lockfileHostReasons('uv.lock', ok), []);
    const bad = modifiedFile('poetry.lock', [{ start: 1, lines: ['+[package.source]', '+type = "url"', '+url = "http://evil.example/x.whl"'] }]);
    assert.equal(lockfileHostReasons('poetry.lock', bad).length, 1);
  });
  test('Gemfile.lock: another remote is red', () => {
    const bad = modifiedFile('Gemfile.lock', [{ start: 1, lines: ['+GEM', '+  remote: https://gems.evil.example/'] }]);
    assert.equal(lockfileHostReasons('Gemfile.lock', bad).length, 1);
  });
  test('composer.lock: funding URLs are not resolved URLs', () => {
    const ok = modifiedFile('composer.lock', [{ start: 1, lines: ['+            "funding": [', '+                {', '+                    "url": "https://tidelift.com/funding/x",', '+                    "type": "tidelift"', '+                }'] }]);
    assert.deepEqual(lockfileHostReasons('composer.lock', ok), []);
  });
  test('not a lockfile: nothing', () => {
    assert.deepEqual(lockfileHostReasons('src/a.json', addedFile('src/a.json', '"resolved": "http://x"')), []);
  });
});

describe('content:test-exec', () => {
  const LINES: [string, string][] = [
    ['child_process', "import { execSync } from 'node:child_process';"],
    ['subprocess', 'subprocess.run(["ls"])'],
    ['os.system', 'os.system("make")'],
    ['exec(', 'exec(code)'],
    ['spawn(', "spawn('git', ['status'])"],
    ['fetch(', "await fetch('https://example.com')"],
    ['http.request', 'http.request(opts)'],
    ['socket', 'import socket'],
    ['urllib', 'from urllib.request import urlopen'],
    ['requests.', 'requests.get(url)'],
    ['process.env', 'const t = process.env.TOKEN;'],
    ['os.environ', 'os.environ["HOME"]'],
    ['Rust Command::new', 'std::process::Command::new("cc")'],
    ['Rust env::var', 'let t = env::var("TOKEN");'],
    ['Go exec.Command', 'exec.Command("sh", "-c", x)'],
    ['Go os.Getenv', 'os.Getenv("TOKEN")'],
    ['WebSocket', 'new WebSocket(url)'],
    ['axios', "axios.post('/x')"],
  ];
  for (const [name, line] of LINES) {
    test(`yellow in a test: ${name}`, () => {
      const f = addedFile('tests/a.test.ts', `import x from 'y';\n${line}`);
      const r = testExecReasons(addedText(f), 'test');
      assert.equal(r.length, 1, line);
      assert.equal(r[0]!.rule, 'content:test-exec');
      assert.equal(r[0]!.zone, 'yellow');
      assert.equal(r[0]!.line, 2);
    });
  }
  test('clean test code', () => {
    const f = addedFile('tests/a.test.ts', "import { test } from 'node:test';\ntest('adds', () => assert.equal(add(1, 2), 3));");
    assert.deepEqual(testExecReasons(addedText(f), 'test'), []);
  });
  for (const p of ['conftest.py', 'tests/conftest.py', 'setup.py', 'build.rs', 'vite.config.ts', 'webpack.config.js', 'jest.config.mjs', 'eslint.config.cjs', 'gulpfile.js', 'noxfile.py']) {
    test(`build hook: ${p}`, () => assert.ok(isBuildHook(p)));
  }
  for (const p of ['src/config.ts', 'setup.cfg', 'src/app.js', 'config.js']) {
    test(`not a build hook: ${p}`, () => assert.ok(!isBuildHook(p)));
  }
});
