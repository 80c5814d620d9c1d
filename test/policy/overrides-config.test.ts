import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { stringify } from 'yaml';
import { RULES } from '../../src/engine/rule-ids.js';
import { LOCKED_RULES } from '../../src/policy/defaults.js';
import { assertWellFormed, errorsOf, load } from './helpers.js';

const overrideText = (o: Record<string, unknown>) => stringify({ overrides: [o] });
const target = (t: 'paths' | 'commands') => (t === 'paths' ? { paths: ['tools/migrations/**'] } : { commands: ['rm -rf .turbo'] });

describe('overrides: every rule id, judged by the loader', () => {
  for (const rule of RULES) {
    for (const zone of ['yellow', 'green'] as const) {
      const t = rule.target === 'commands' ? 'commands' : 'paths';
      const text = overrideText({ rule: rule.id, ...target(t), zone });
      let expected: RegExp | null;
      if (LOCKED_RULES.has(rule.id)) expected = /is a locked rule and cannot be lowered/;
      else if (rule.target === 'none') expected = /cannot be overridden/;
      else if (rule.zone !== 'red') expected = /overrides only lower red rules/;
      else if (rule.id === 'change:delete' && zone === 'green') expected = /never lower than yellow/;
      else expected = null;
      test(`${rule.id} -> ${zone}: ${expected ? 'rejected' : 'accepted'}`, async () => {
        const errors = await errorsOf(text);
        if (expected === null) {
          assert.deepEqual(errors.map((e) => e.oneLine()), []);
          const p = await load(text);
          assert.deepEqual(p.overrides, [{ rule: rule.id, ...target(t), zone }]);
        } else {
          assert.equal(errors.length, 1, errors.map((e) => e.oneLine()).join(' | '));
          const [e] = errors as [NonNullable<(typeof errors)[0]>];
          assert.match(e.problem, expected);
          assert.match(e.key ?? '', /^overrides\[0\]\.(rule|zone)$/);
          assertWellFormed(e);
        }
      });
    }
  }
});

describe('overrides: every locked rule of config.md is refused', () => {
  const spec = [
    'path:gate-config',
    'path:git-internals',
    'path:ci',
    'change:symlink',
    'change:submodule',
    'content:secret',
    'content:private-key',
    'content:hidden-unicode',
    'content:scanner-suppression',
    'step:credential-access',
    'step:remote-exec',
    'step:exfiltration',
    'step:obfuscated',
    'pr:truncated',
    'config:invalid',
  ];
  for (const id of spec) {
    test(id, async () => {
      const t = id.startsWith('step:') ? 'commands' : 'paths';
      const [e] = await errorsOf(overrideText({ rule: id, ...target(t), zone: 'yellow' }));
      assert.ok(e);
      assert.match(e.problem, /locked/);
      assert.equal(e.key, 'overrides[0].rule');
      assert.deepEqual([e.line, e.column], [2, 11]);
    });
  }
});

describe('overrides: target kind must fit the rule', () => {
  const redPathRules = RULES.filter((r) => r.zone === 'red' && r.target === 'paths' && !LOCKED_RULES.has(r.id));
  const redStepRules = RULES.filter((r) => r.zone === 'red' && r.target === 'commands' && !LOCKED_RULES.has(r.id));
  for (const r of redPathRules) {
    test(`commands on path rule ${r.id}`, async () => {
      const errors = await errorsOf(overrideText({ rule: r.id, commands: ['make x'], zone: 'yellow' }));
      const e = errors.find((x) => x.key === 'overrides[0].commands');
      assert.ok(e, errors.map((x) => x.oneLine()).join(' | '));
      assert.match(e.problem, /is a path rule/);
      assert.match(e.fix, /paths: \[\.\.\.\]/);
    });
  }
  for (const r of redStepRules) {
    test(`paths on step rule ${r.id}`, async () => {
      const errors = await errorsOf(overrideText({ rule: r.id, paths: ['a/**'], zone: 'yellow' }));
      const e = errors.find((x) => x.key === 'overrides[0].paths');
      assert.ok(e, errors.map((x) => x.oneLine()).join(' | '));
      assert.match(e.problem, /is a step rule/);
      assert.match(e.fix, /commands: \[\.\.\.\]/);
    });
  }
  test('both paths and commands: the wrong one is reported', async () => {
    const errors = await errorsOf(overrideText({ rule: 'step:delete', paths: ['a'], commands: ['rm -rf x'], zone: 'yellow' }));
    assert.deepEqual(errors.map((e) => e.key), ['overrides[0].paths']);
  });
});

describe('overrides: structure and values', () => {
  const cases: [string, Record<string, unknown>, string, RegExp, RegExp?][] = [
    ['zone red', { rule: 'path:migration', paths: ['a/**'], zone: 'red' }, 'overrides[0].zone', /`zone: red`/, /paths\.red/],
    ['zone typo', { rule: 'path:migration', paths: ['a/**'], zone: 'yelow' }, 'overrides[0].zone', /not one of `yellow` or `green`/, /did you mean `yellow`/],
    ['zone missing', { rule: 'path:migration', paths: ['a/**'] }, 'overrides[0].zone', /missing key `zone`/, /zone: yellow/],
    ['rule missing', { paths: ['a/**'], zone: 'yellow' }, 'overrides[0].rule', /missing key `rule`/],
    ['rule empty', { rule: '', paths: ['a/**'], zone: 'yellow' }, 'overrides[0].rule', /empty string/],
    ['rule not a string', { rule: 7, paths: ['a/**'], zone: 'yellow' }, 'overrides[0].rule', /expected a string/],
    ['no paths or commands', { rule: 'path:migration', zone: 'yellow' }, 'overrides[0]', /names no `paths` or `commands`/, /paths: \[\.\.\.\]/],
    ['empty paths', { rule: 'path:migration', paths: [], zone: 'yellow' }, 'overrides[0].paths', /empty list/, /at least one path/],
    ['empty commands', { rule: 'step:delete', commands: [], zone: 'yellow' }, 'overrides[0].commands', /empty list/, /at least one command/],
    ['paths a string', { rule: 'path:migration', paths: 'a/**', zone: 'yellow' }, 'overrides[0].paths', /expected a list of strings/, /write it as a list/],
    ['bad glob', { rule: 'path:migration', paths: ['a/[x'], zone: 'yellow' }, 'overrides[0].paths[0]', /not a valid glob/],
    ['negated glob', { rule: 'path:migration', paths: ['!keep/**'], zone: 'yellow' }, 'overrides[0].paths[0]', /negated/],
    ['blank command', { rule: 'step:delete', commands: ['  '], zone: 'yellow' }, 'overrides[0].commands[0]', /not a valid command pattern/],
    ['unknown rule, suggest by prefix', { rule: 'migration', paths: ['a'], zone: 'yellow' }, 'overrides[0].rule', /unknown rule `migration`/, /did you mean `path:migration`/],
    ['unknown rule, suggest by spelling', { rule: 'step:delet', commands: ['x'], zone: 'yellow' }, 'overrides[0].rule', /unknown rule/, /did you mean `step:delete`/],
    ['unknown rule, case', { rule: 'Path:Production', paths: ['a'], zone: 'yellow' }, 'overrides[0].rule', /unknown rule/, /did you mean `path:production`/],
    ['unknown rule, nothing close', { rule: 'totally-made-up', paths: ['a'], zone: 'yellow' }, 'overrides[0].rule', /unknown rule/, /name a rule id/],
    ['a yellow rule', { rule: 'step:build-test', commands: ['npm test'], zone: 'green' }, 'overrides[0].rule', /yellow rule/, /commands\.green/],
    ['a green rule', { rule: 'path:docs', paths: ['docs/**'], zone: 'green' }, 'overrides[0].rule', /green rule/, /paths\.green/],
    ['change:delete to green', { rule: 'change:delete', paths: ['tmp/**'], zone: 'green' }, 'overrides[0].zone', /never lower than yellow/, /deletions\.allow/],
  ];
  for (const [name, o, key, problem, fix] of cases) {
    test(name, async () => {
      const errors = await errorsOf(overrideText(o));
      const e = errors.find((x) => x.key === key);
      assert.ok(e, `no error at ${key}: ${errors.map((x) => x.oneLine()).join(' | ')}`);
      assert.match(e.problem, problem);
      if (fix) assert.match(e.fix, fix);
      for (const x of errors) assertWellFormed(x);
    });
  }
  test('the second entry is keyed overrides[1]', async () => {
    const text = 'overrides:\n  - { rule: "path:migration", paths: [a], zone: yellow }\n  - { rule: "path:ci", paths: [b], zone: green }\n';
    const [e] = await errorsOf(text);
    assert.deepEqual([e?.key, e?.line, e?.column], ['overrides[1].rule', 3, 13]);
  });
  test('change:delete to yellow is fine', async () => {
    const p = await load(overrideText({ rule: 'change:delete', paths: ['tmp/**'], zone: 'yellow' }));
    assert.equal(p.overrides[0]?.zone, 'yellow');
  });
  test('the spec examples load', async () => {
    const p = await load(
      'overrides:\n  - { rule: "path:migration", paths: ["tools/migrations/**"], zone: yellow }\n  - { rule: "step:delete", commands: ["rm -rf .turbo"], zone: yellow }\n',
    );
    assert.equal(p.overrides.length, 2);
  });
});
