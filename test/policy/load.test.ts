import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { stringify } from 'yaml';
import { defaultPolicy } from '../../src/policy/defaults.js';
import { ConfigError, loadPolicy, parsePolicyDocument } from '../../src/policy/load.js';
import { assertWellFormed, errorsOf, FILE, fixture, load } from './helpers.js';
import { KEY_CASES, objectAt } from './key-cases.js';

describe('loadPolicy: empty and default', () => {
  for (const [name, text] of [
    ['empty', ''],
    ['whitespace', '  \n\n'],
    ['comments only', '# nothing yet\n# version: 1\n'],
    ['document marker', '---\n'],
    ['explicit null', '~\n'],
    ['empty mapping', '{}\n'],
    ['comments fixture', fixture('comments-only.yml')],
  ] as const) {
    test(`${name} -> default policy`, async () => {
      assert.deepEqual(await load(text), defaultPolicy());
    });
  }

  test('configPath defaults to .github/agent-zones.yml and follows opts.configPath', async () => {
    assert.equal((await load('')).configPath, '.github/agent-zones.yml');
    const p = await loadPolicy('version: 1', { file: 'cfg.yml', configPath: '.github/agent-zones.yaml' });
    assert.equal(p.configPath, '.github/agent-zones.yaml');
  });

  test('the full example of config.md loads with every value', async () => {
    const p = await load(fixture('full.yml'));
    assert.deepEqual(p, {
      version: 1,
      configPath: '.github/agent-zones.yml',
      agents: { authors: ['my-agent[bot]'], branches: ['bots/**'], labels: ['ai'], all: false },
      paths: { green: ['agent-output/**', 'docs/generated/**'], yellow: ['scripts/**'], red: ['src/billing/**'] },
      deletions: { allow: ['tmp/**', '*.snap'] },
      overrides: [
        { rule: 'path:migration', paths: ['tools/migrations/**'], zone: 'yellow' },
        { rule: 'step:delete', commands: ['rm -rf .turbo'], zone: 'yellow' },
      ],
      network: { allow: ['registry.npmjs.org', '*.example.com'] },
      secrets: { patterns: [{ id: 'acme-key', regex: 'ACME_[A-Z0-9]{32}', keywords: ['ACME_'] }], allow: ['^your-[a-z-]+-here$'] },
      commands: { green: ['make docs'], yellow: ['npm run e2e*'], red: ['make release'] },
      approvals: { count: 2, users: ['alice'], teams: ['my-org/security'], permission: 'maintain' },
      automerge: { green: true, yellow: false, method: 'rebase' },
      drift: { enabled: true, weekday: 'friday', hour: 14, 'promote-after': 10 },
    });
  });

  test('keys left out keep their defaults', async () => {
    const p = await load('approvals:\n  users: [bob]\ndrift:\n  hour: 3\n');
    assert.deepEqual(p.approvals, { count: 1, users: ['bob'], teams: [], permission: 'write' });
    assert.deepEqual(p.drift, { enabled: true, weekday: 'monday', hour: 3, 'promote-after': 5 });
    assert.deepEqual(p.automerge, defaultPolicy().automerge);
  });

  test('YAML anchors and aliases are resolved', async () => {
    const p = await load('paths:\n  red: &red ["a/**"]\ndeletions:\n  allow: *red\n');
    assert.deepEqual(p.deletions.allow, ['a/**']);
  });

  test('the returned policy is a fresh object each time', async () => {
    const a = await load('paths: {red: [x]}');
    a.paths.red.push('y');
    const b = await load('paths: {red: [x]}');
    assert.deepEqual(b.paths.red, ['x']);
  });
});

describe('every key: valid values load', () => {
  for (const c of KEY_CASES) {
    for (const value of c.valid) {
      test(`${c.path.join('.')} = ${JSON.stringify(value)}`, async () => {
        const p = await load(stringify(objectAt(c.path, value)));
        let got: unknown = p;
        for (const k of c.path) got = (got as Record<string, unknown>)[k];
        assert.deepEqual(got, value);
      });
    }
  }
});

describe('every key: invalid values are located, keyed and explained', () => {
  for (const c of KEY_CASES) {
    for (const bad of c.invalid) {
      test(`${c.path.join('.')} = ${JSON.stringify(bad.value)}`, async () => {
        const text = stringify(objectAt(c.path, bad.value));
        const errors = await errorsOf(text);
        assert.ok(errors.length >= 1, `accepted: ${text}`);
        const keyPath = c.path.join('.');
        const mine = errors.filter((e) => e.key !== null && e.key.startsWith(keyPath));
        assert.ok(mine.length >= 1, `no error for ${keyPath}: ${errors.map((e) => e.oneLine()).join(' | ')}`);
        for (const e of errors) assertWellFormed(e);
        if (bad.problem) assert.ok(mine.some((e) => bad.problem?.test(e.problem)), `problem ${bad.problem}: ${mine.map((e) => e.oneLine()).join(' | ')}`);
        if (bad.fix) assert.ok(mine.some((e) => bad.fix?.test(e.fix)), `fix ${bad.fix}: ${mine.map((e) => e.oneLine()).join(' | ')}`);
        // The error points at or below the line of the key's own name.
        const leaf = c.path[c.path.length - 1] ?? '';
        const keyLine = text.split('\n').findIndex((l) => l.trimStart().startsWith(`${leaf}:`)) + 1;
        assert.ok(keyLine > 0);
        for (const e of mine) assert.ok((e.line ?? 0) >= keyLine, `line ${e.line} before key line ${keyLine}: ${e.oneLine()}`);
      });
    }
  }
});

/** Every mapping the format has, as [key path, a valid instance of it]. */
const MAPPINGS: [string, string[], Record<string, unknown>][] = [
  ['(top level)', [], {}],
  ['agents', ['agents'], {}],
  ['paths', ['paths'], {}],
  ['deletions', ['deletions'], {}],
  ['network', ['network'], {}],
  ['secrets', ['secrets'], {}],
  ['commands', ['commands'], {}],
  ['approvals', ['approvals'], {}],
  ['automerge', ['automerge'], {}],
  ['drift', ['drift'], {}],
];

describe('unknown keys are rejected by name at every level', () => {
  for (const [name, path] of MAPPINGS) {
    test(`an unknown key in ${name}`, async () => {
      const errors = await errorsOf(stringify(objectAt(path, { bogus_key: 1 })));
      assert.equal(errors.length, 1);
      const [e] = errors as [ConfigError];
      assertWellFormed(e);
      assert.equal(e.key, [...path, 'bogus_key'].join('.'));
      assert.match(e.problem, /unknown key `bogus_key`/);
      assert.match(e.fix, /allowed keys/);
    });
  }
  test('an unknown key in an overrides entry', async () => {
    const errors = await errorsOf('overrides:\n  - rule: path:migration\n    paths: [db/**]\n    zone: yellow\n    reason: legacy\n');
    assert.equal(errors.length, 1);
    assert.equal(errors[0]?.key, 'overrides[0].reason');
    assert.deepEqual([errors[0]?.line, errors[0]?.column], [5, 5]);
  });
  test('an unknown key in a secrets.patterns entry', async () => {
    const errors = await errorsOf('secrets:\n  patterns:\n    - id: a\n      regex: "x{4}"\n      entropy: 3\n');
    assert.equal(errors[0]?.key, 'secrets.patterns[0].entropy');
    assert.deepEqual([errors[0]?.line, errors[0]?.column], [5, 7]);
  });

  const typos: [string, string, string][] = [
    ['versoin: 1', 'versoin', 'version'],
    ['agent: {}', 'agent', 'agents'],
    ['agents:\n  branch: []', 'agents.branch', 'branches'],
    ['agents:\n  Authors: []', 'agents.Authors', 'authors'],
    ['path:\n  red: []', 'path', 'paths'],
    ['override: []', 'override', 'overrides'],
    ['deletion: {}', 'deletion', 'deletions'],
    ['approvals:\n  counts: 2', 'approvals.counts', 'count'],
    ['approvals:\n  permissions: admin', 'approvals.permissions', 'permission'],
    ['automerge:\n  methd: merge', 'automerge.methd', 'method'],
    ['drift:\n  promote_after: 3', 'drift.promote_after', 'promote-after'],
    ['drift:\n  weekdays: monday', 'drift.weekdays', 'weekday'],
    ['extends: .github', 'extends', '_extends'],
    ['secrets:\n  pattern: []', 'secrets.pattern', 'patterns'],
    ['networks: {}', 'networks', 'network'],
  ];
  for (const [text, key, guess] of typos) {
    test(`${key} -> did you mean \`${guess}\`?`, async () => {
      const [e] = await errorsOf(text);
      assert.ok(e);
      assert.equal(e.key, key);
      assert.match(e.fix, new RegExp(`did you mean \`${guess}\``));
    });
  }
  const misplaced: [string, string, RegExp][] = [
    ['allow: [x]', 'allow', /belongs under `deletions`, `network` or `secrets`/],
    ['green: [x]', 'green', /belongs under `paths`, `commands` or `automerge`/],
    ['authors: [x]', 'authors', /belongs under `agents`/],
    ['paths:\n  allow: [x]', 'paths.allow', /belongs under/],
    ['weekday: monday', 'weekday', /belongs under `drift`/],
  ];
  for (const [text, key, fix] of misplaced) {
    test(`a key at the wrong level: ${key}`, async () => {
      const [e] = await errorsOf(text);
      assert.ok(e);
      assert.equal(e.key, key);
      assert.match(e.fix, fix);
    });
  }
});

describe('wrong shapes', () => {
  const cases: [string, string, string, RegExp][] = [
    ['top level is a list', '- a\n- b\n', '(top level)', /expected a mapping of keys, got a list/],
    ['top level is a string', 'hello\n', '(top level)', /expected a mapping of keys, got the string/],
    ['top level is a number', '42\n', '(top level)', /got the number 42/],
    ['section is a list', 'paths:\n  - red\n', 'paths', /expected a mapping of keys, got a list/],
    ['section is a string', 'agents: all\n', 'agents', /expected a mapping of keys, got the string "all"/],
    ['section is empty', 'approvals:\n', 'approvals', /got nothing/],
    ['overrides is a mapping', 'overrides:\n  rule: path:ci\n', 'overrides', /expected a list of mappings, got a mapping/],
    ['overrides entry is a string', 'overrides:\n  - path:migration\n', 'overrides[0]', /expected a mapping of keys, got the string/],
    ['binary tag', 'paths:\n  red: !!binary aGVsbG8=\n', 'paths.red', /got binary data/],
    ['number key', '1: x\n', '1', /unknown key `1`/],
  ];
  for (const [name, text, key, problem] of cases) {
    test(name, async () => {
      const errors = await errorsOf(text);
      const e = errors.find((x) => x.key === key);
      assert.ok(e, `no error keyed ${key}: ${errors.map((x) => x.oneLine()).join(' | ')}`);
      assert.match(e.problem, problem);
      assertWellFormed(e);
    });
  }
});

describe('YAML syntax errors are located', () => {
  const cases: [string, string, number, number, RegExp, RegExp][] = [
    ['duplicate key', 'paths:\n  red: [a]\n  red: [b]\n', 3, 3, /Map keys must be unique/, /write each key once/],
    ['duplicate top-level key', 'version: 1\nversion: 1\n', 2, 1, /Map keys must be unique/, /write each key once/],
    ['tab indentation', 'paths:\n\tred: [a]\n', 2, 1, /Tabs/, /spaces/],
    ['unclosed flow list', 'paths:\n  red: [a, b\n', 3, 1, /invalid YAML/, /./],
    ['unclosed quote', 'paths:\n  red: ["a]\n', 3, 1, /invalid YAML/, /./],
    ['two documents', 'version: 1\n---\nversion: 1\n', 2, 1, /multiple documents/, /one YAML document/],
    ['reserved character', 'agents:\n  authors: [@bot]\n', 2, 13, /reserved character @/, /quote/],
    ['alias before anchor', 'paths:\n  red: *x\n', 1, 1, /invalid YAML/, /anchor/],
    ['custom tag', 'paths:\n  red: !glob [a]\n', 2, 8, /Unresolved tag/, /remove the `!tag`/],
    ['complex key', '? [a, b]\n: 1\n', 1, 3, /plain name/, /plain word/],
    ['nested compact mapping', 'drift: hour: 9\n', 1, 8, /invalid YAML/, /own indented lines/],
  ];
  for (const [name, text, line, column, problem, fix] of cases) {
    test(name, async () => {
      const errors = await errorsOf(text);
      assert.ok(errors.length >= 1);
      const [e] = errors as [ConfigError];
      assert.match(e.problem, problem);
      assert.match(e.fix, fix);
      assert.deepEqual([e.line, e.column], [line, column], e.oneLine());
      assert.equal(e.file, FILE);
    });
  }
  test('a duplicate key names the key', async () => {
    const [e] = await errorsOf('paths:\n  red: [a]\n  red: [b]\n');
    assert.equal(e?.key, 'paths.red');
  });
  test('a billion-laughs alias bomb is an error, not a hang', async () => {
    const lines = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 9; i++) lines.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);
    const errors = await errorsOf(lines.join('\n'));
    assert.ok(errors.length >= 1);
    assert.match(errors[0]?.problem ?? '', /invalid YAML|unknown key/);
  });
});

describe('exact positions of structural and semantic errors', () => {
  const text = [
    'version: 1', // 1
    'agents:', // 2
    '  authros: [a]', // 3
    'paths:', // 4
    '  green: "docs/**"', // 5
    'overrides:', // 6
    '  - { rule: "path:ci", paths: [".github/workflows/**"], zone: yellow }', // 7
    'drift:', // 8
    '  hour: 25', // 9
    'network:', // 10
    '  allow:', // 11
    '    - github.com', // 12
    '    - "https://evil.example/x"', // 13
  ].join('\n');
  test('all errors are reported, in text order, each at its place', async () => {
    const errors = await errorsOf(text);
    assert.deepEqual(
      errors.map((e) => [e.key, e.line, e.column]),
      [
        ['agents.authros', 3, 3],
        ['paths.green', 5, 10],
        ['overrides[0].rule', 7, 13],
        ['drift.hour', 9, 9],
        ['network.allow[1]', 13, 7],
      ],
    );
    for (const e of errors) assertWellFormed(e);
  });
  test('the thrown error is the first and carries all', async () => {
    await assert.rejects(loadPolicy(text, { file: FILE }), (e: unknown) => {
      assert.ok(e instanceof ConfigError);
      assert.equal(e.key, 'agents.authros');
      assert.equal(e.all.length, 5);
      assert.equal(e.all[0], e);
      assert.equal(e.oneLine(), '.github/agent-zones.yml:3:3: key `agents.authros`: unknown key `authros`. Fix: did you mean `authors`?');
      assert.equal(e.message, e.oneLine());
      return true;
    });
  });
  test('the invalid-many fixture gives the same errors', async () => {
    const errors = await errorsOf(fixture('invalid-many.yml'));
    assert.deepEqual(errors.map((e) => e.key), ['agents.authros', 'paths.green', 'overrides[0].rule', 'drift.hour']);
  });
  test('a missing required key points at its entry', async () => {
    const [e] = await errorsOf('overrides:\n  - paths: [a]\n    zone: yellow\n');
    assert.deepEqual([e?.key, e?.line, e?.column], ['overrides[0].rule', 2, 5]);
    assert.match(e?.fix ?? '', /rule: path:migration/);
  });
});

describe('parsePolicyDocument', () => {
  test('returns the value of a valid file', () => {
    assert.deepEqual(parsePolicyDocument('paths: {red: [a]}', 'x.yml'), { value: { paths: { red: ['a'] } }, errors: [] });
  });
  test('returns null for an empty file', () => {
    assert.deepEqual(parsePolicyDocument('# nothing', 'x.yml'), { value: null, errors: [] });
  });
  test('returns every error and no value for an invalid file', () => {
    const r = parsePolicyDocument('version: 3\nfoo: 1\n', 'x.yml');
    assert.equal(r.value, undefined);
    assert.deepEqual(r.errors.map((e) => e.key), ['version', 'foo']);
    assert.ok(r.errors.every((e) => e.file === 'x.yml'));
  });
  test('does not resolve _extends', () => {
    assert.deepEqual(parsePolicyDocument('_extends: .github', 'x.yml').errors, []);
  });
});
