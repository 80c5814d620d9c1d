import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { MAX_EXTENDS_DEPTH, parseExtendsRef, refLabel, type ExtendsRef, type ExtendsResolver } from '../../src/policy/extends.js';
import { mergeConfig } from '../../src/policy/merge.js';
import { defaultPolicy } from '../../src/policy/defaults.js';
import { assertWellFormed, errorsOf, fixture, load } from './helpers.js';

/** A resolver over an in-memory set of files keyed by refLabel, recording each request. */
function repoFiles(files: Record<string, string>): ExtendsResolver & { calls: ExtendsRef[] } {
  const calls: ExtendsRef[] = [];
  const fn = async (ref: ExtendsRef) => {
    calls.push(ref);
    return files[refLabel(ref)] ?? null;
  };
  return Object.assign(fn, { calls });
}

describe('_extends references', () => {
  const cases: [string, ExtendsRef][] = [
    ['.github', { owner: null, repo: '.github', path: '.github/agent-zones.yml' }],
    ['policies', { owner: null, repo: 'policies', path: '.github/agent-zones.yml' }],
    ['my-org/.github', { owner: 'my-org', repo: '.github', path: '.github/agent-zones.yml' }],
    ['my-org/policies', { owner: 'my-org', repo: 'policies', path: '.github/agent-zones.yml' }],
    ['my-org/policies:agent-zones/strict.yml', { owner: 'my-org', repo: 'policies', path: 'agent-zones/strict.yml' }],
    ['.github:shared/agent-zones.yaml', { owner: null, repo: '.github', path: 'shared/agent-zones.yaml' }],
    ['repo.name_x:a.yml', { owner: null, repo: 'repo.name_x', path: 'a.yml' }],
  ];
  for (const [value, ref] of cases) {
    test(`${value} -> ${JSON.stringify(ref)}`, async () => {
      assert.deepEqual(parseExtendsRef(value), { ref });
      const resolver = repoFiles({ [refLabel(ref)]: 'version: 1\n' });
      await load(`_extends: ${JSON.stringify(value)}\n`, resolver);
      assert.deepEqual(resolver.calls, [ref]);
    });
  }

  const invalid: [string, RegExp][] = [
    ['', /not a reference to a shared config/],
    ['my-org/', /not a reference/],
    ['/repo', /not a reference/],
    ['a/b/c', /not a reference/],
    ['https://github.com/my-org/.github', /not a reference/],
    ['repo:../secret.yml', /not a plain path/],
    ['repo:./x.yml', /not a plain path/],
    ['repo:a//b.yml', /not a plain path/],
    ['repo:config.json', /not a reference/],
    ['repo:', /not a reference/],
    ['my org/repo', /not a reference/],
    ['..', /does not name a repository/],
  ];
  for (const [value, problem] of invalid) {
    test(`invalid: ${JSON.stringify(value)}`, async () => {
      const resolver = repoFiles({});
      const errors = await errorsOf(`_extends: ${JSON.stringify(value)}\n`, resolver);
      assert.equal(errors.length, 1, errors.map((e) => e.oneLine()).join(' | '));
      const [e] = errors as [NonNullable<(typeof errors)[0]>];
      assert.equal(e.key, '_extends');
      assert.match(e.problem, problem);
      assert.deepEqual([e.line, e.column], [1, 11]);
      assertWellFormed(e);
      assert.deepEqual(resolver.calls, [], 'an invalid reference is never fetched');
    });
  }
  test('not a string', async () => {
    const [e] = await errorsOf('_extends: [a, b]\n', repoFiles({}));
    assert.match(e?.problem ?? '', /expected a string, got a list/);
  });
});

describe('_extends merge', () => {
  test('shared file under local: lists concatenated (shared first), local scalars win, shared scalars kept', async () => {
    const resolver = repoFiles({ '.github:.github/agent-zones.yml': fixture('org-shared.yml') });
    const p = await load(
      ['_extends: .github', 'agents:', '  authors: ["repo-agent[bot]"]', 'paths:', '  red: ["src/billing/**"]', 'approvals:', '  count: 1', ''].join('\n'),
      resolver,
    );
    assert.deepEqual(p.agents.authors, ['org-agent[bot]', 'repo-agent[bot]']);
    assert.deepEqual(p.paths.red, ['billing/**', 'src/billing/**']);
    assert.deepEqual(p.network.allow, ['pypi.org']);
    assert.equal(p.approvals.count, 1, 'local scalar wins');
    assert.equal(p.approvals.permission, 'admin', 'shared scalar kept where local says nothing');
    assert.equal(p.automerge.yellow, true);
    assert.equal(p.automerge.green, true, 'default where neither says anything');
    assert.equal(p.configPath, '.github/agent-zones.yml');
    assert.ok(!('_extends' in p));
  });

  test('an empty shared file changes nothing', async () => {
    const p = await load('_extends: .github\npaths: {red: [a]}\n', repoFiles({ '.github:.github/agent-zones.yml': '# empty\n' }));
    assert.deepEqual(p, { ...defaultPolicy(), paths: { green: [], yellow: [], red: ['a'] } });
  });

  test('a local file with only _extends is the shared policy', async () => {
    const shared = 'drift: {weekday: friday}\n';
    const p = await load('_extends: .github\n', repoFiles({ '.github:.github/agent-zones.yml': shared }));
    assert.equal(p.drift.weekday, 'friday');
  });

  test('overrides from both files are kept, shared first', async () => {
    const shared = 'overrides:\n  - { rule: "path:migration", paths: [db/**], zone: yellow }\n';
    const local = '_extends: .github\noverrides:\n  - { rule: "step:delete", commands: ["rm -rf dist"], zone: yellow }\n';
    const p = await load(local, repoFiles({ '.github:.github/agent-zones.yml': shared }));
    assert.deepEqual(p.overrides.map((o) => o.rule), ['path:migration', 'step:delete']);
  });

  test('mergeConfig: deep merge as Probot does', () => {
    assert.deepEqual(mergeConfig({ a: [1], b: { c: 1, d: [1] }, e: 'x' }, { a: [2], b: { d: [2], f: true }, e: 'y' }), {
      a: [1, 2],
      b: { c: 1, d: [1, 2], f: true },
      e: 'y',
    });
    assert.deepEqual(mergeConfig({ a: 1 }, {}), { a: 1 });
    assert.deepEqual(mergeConfig({}, { a: 1 }), { a: 1 });
    const base = { a: [1] };
    const merged = mergeConfig(base, { a: [2] }) as { a: number[] };
    merged.a.push(3);
    assert.deepEqual(base.a, [1], 'inputs are not modified');
  });

  test('mergeConfig does not let a __proto__ key change prototypes', () => {
    const local = JSON.parse('{"__proto__": {"polluted": true}}') as Record<string, unknown>;
    const out = mergeConfig({}, local) as Record<string, unknown>;
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.equal(Object.getPrototypeOf(out), Object.prototype);
  });
});

describe('_extends chains', () => {
  test('a chain merges farthest first, and a repo-only reference keeps the owner of the file that names it', async () => {
    const resolver = repoFiles({
      'acme/.github:.github/agent-zones.yml': '_extends: policies:base.yml\npaths: {red: [org/**]}\napprovals: {count: 3}\n',
      'acme/policies:base.yml': 'paths: {red: [base/**]}\napprovals: {count: 5, permission: maintain}\n',
    });
    const p = await load('_extends: acme/.github\npaths: {red: [local/**]}\n', resolver);
    assert.deepEqual(p.paths.red, ['base/**', 'org/**', 'local/**']);
    assert.equal(p.approvals.count, 3);
    assert.equal(p.approvals.permission, 'maintain');
    assert.deepEqual(resolver.calls, [
      { owner: 'acme', repo: '.github', path: '.github/agent-zones.yml' },
      { owner: 'acme', repo: 'policies', path: 'base.yml' },
    ]);
  });

  test('a cycle is an error that shows the chain', async () => {
    const resolver = repoFiles({
      '.github:.github/agent-zones.yml': '_extends: policies\n',
      'policies:.github/agent-zones.yml': '_extends: .github\n',
    });
    const errors = await errorsOf('_extends: .github\n', resolver);
    assert.equal(errors.length, 1);
    const [e] = errors as [NonNullable<(typeof errors)[0]>];
    assert.match(e.problem, /cycle: \.github\/agent-zones\.yml -> \.github:\.github\/agent-zones\.yml -> policies:\.github\/agent-zones\.yml -> \.github:\.github\/agent-zones\.yml/);
    assert.equal(e.file, 'policies:.github/agent-zones.yml');
    assert.equal(e.key, '_extends');
    assertWellFormed(e);
  });

  test('a file extending itself is a cycle', async () => {
    const resolver = repoFiles({ 'acme/.github:.github/agent-zones.yml': '_extends: acme/.github\n' });
    const [e] = await errorsOf('_extends: acme/.github\n', resolver);
    assert.match(e?.problem ?? '', /cycle/);
  });

  test('owner and repository names are compared case-insensitively for cycles', async () => {
    const resolver = repoFiles({ 'acme/.github:.github/agent-zones.yml': '_extends: ACME/.GitHub\n', 'ACME/.GitHub:.github/agent-zones.yml': '_extends: acme/.github\n' });
    const [e] = await errorsOf('_extends: acme/.github\n', resolver);
    assert.match(e?.problem ?? '', /cycle/);
  });

  test(`more than ${MAX_EXTENDS_DEPTH} levels is an error`, async () => {
    const files: Record<string, string> = {};
    for (let i = 1; i <= MAX_EXTENDS_DEPTH + 1; i++) files[`r${i}:.github/agent-zones.yml`] = `_extends: r${i + 1}\n`;
    files[`r${MAX_EXTENDS_DEPTH + 2}:.github/agent-zones.yml`] = '';
    const [e] = await errorsOf('_extends: r1\n', repoFiles(files));
    assert.match(e?.problem ?? '', new RegExp(`more than ${MAX_EXTENDS_DEPTH} files deep`));
  });

  test(`exactly ${MAX_EXTENDS_DEPTH} levels is fine`, async () => {
    const files: Record<string, string> = {};
    for (let i = 1; i < MAX_EXTENDS_DEPTH; i++) files[`r${i}:.github/agent-zones.yml`] = `_extends: r${i + 1}\npaths: {red: [r${i}]}\n`;
    files[`r${MAX_EXTENDS_DEPTH}:.github/agent-zones.yml`] = `paths: {red: [r${MAX_EXTENDS_DEPTH}]}\n`;
    const p = await load('_extends: r1\n', repoFiles(files));
    assert.deepEqual(p.paths.red, ['r5', 'r4', 'r3', 'r2', 'r1']);
  });
});

describe('_extends failures fail closed', () => {
  test('no resolver: an error at the _extends key', async () => {
    const errors = await errorsOf('version: 1\n_extends: .github\n');
    assert.equal(errors.length, 1);
    assert.deepEqual([errors[0]?.key, errors[0]?.line, errors[0]?.column], ['_extends', 2, 11]);
    assert.match(errors[0]?.problem ?? '', /no repository is available/);
  });

  test('a missing shared file is an error in the file that names it', async () => {
    const [e] = await errorsOf('# org defaults\n_extends: my-org/.github\n', repoFiles({}));
    assert.ok(e);
    assert.equal(e.file, '.github/agent-zones.yml');
    assert.deepEqual([e.key, e.line, e.column], ['_extends', 2, 11]);
    assert.match(e.problem, /the shared config my-org\/\.github:\.github\/agent-zones\.yml does not exist/);
    assert.match(e.fix, /create `\.github\/agent-zones\.yml` in `my-org\/\.github`/);
    assertWellFormed(e);
  });

  test('a missing file deeper in a chain names the file that points at it', async () => {
    const [e] = await errorsOf('_extends: acme/.github\n', repoFiles({ 'acme/.github:.github/agent-zones.yml': 'paths: {red: [x]}\n_extends: gone\n' }));
    assert.equal(e?.file, 'acme/.github:.github/agent-zones.yml');
    assert.deepEqual([e?.line, e?.column], [2, 11]);
    assert.match(e?.problem ?? '', /acme\/gone:\.github\/agent-zones\.yml does not exist/);
  });

  test('a resolver that throws becomes a ConfigError', async () => {
    const [e] = await errorsOf('_extends: .github\n', async () => {
      throw new Error('HTTP 500');
    });
    assert.match(e?.problem ?? '', /could not read the shared config \.github:\.github\/agent-zones\.yml: HTTP 500/);
  });

  test('errors in a shared file name that file, with line and column in it', async () => {
    const shared = ['version: 1', 'paths:', '  red: [a]', 'drift:', '    hour: 99', ''].join('\n');
    const errors = await errorsOf('_extends: owner/.github\n', repoFiles({ 'owner/.github:.github/agent-zones.yml': shared }));
    assert.equal(errors.length, 1);
    const [e] = errors as [NonNullable<(typeof errors)[0]>];
    assert.equal(e.file, 'owner/.github:.github/agent-zones.yml');
    assert.ok(e.oneLine().startsWith('owner/.github:.github/agent-zones.yml:5:11: key `drift.hour`: '), e.oneLine());
    assertWellFormed(e);
  });

  test('a locked override in a shared file is refused there', async () => {
    const shared = 'overrides:\n  - { rule: "content:secret", paths: ["**"], zone: green }\n';
    const [e] = await errorsOf('_extends: .github\n', repoFiles({ '.github:.github/agent-zones.yml': shared }));
    assert.equal(e?.file, '.github:.github/agent-zones.yml');
    assert.match(e?.problem ?? '', /locked/);
  });

  test('YAML syntax errors in a shared file name that file', async () => {
    const [e] = await errorsOf('_extends: .github\n', repoFiles({ '.github:.github/agent-zones.yml': 'paths:\n  red: [a\n' }));
    assert.equal(e?.file, '.github:.github/agent-zones.yml');
    assert.match(e?.problem ?? '', /invalid YAML/);
  });

  test('local errors are reported before anything is fetched', async () => {
    const resolver = repoFiles({});
    const [e] = await errorsOf('_extends: .github\nbogus: 1\n', resolver);
    assert.equal(e?.key, 'bogus');
    assert.deepEqual(resolver.calls, []);
  });
});
