import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ConfigError, throwConfigErrors } from '../../src/policy/errors.js';
import { closest, editDistance } from '../../src/policy/suggest.js';
import { formatKeyPath } from '../../src/policy/document.js';

describe('ConfigError', () => {
  test('oneLine: file:line:col: key `k`: problem. Fix: how', () => {
    const e = new ConfigError({ file: '.github/agent-zones.yml', line: 3, column: 5, key: 'agents.authors', problem: 'expected a list', fix: 'write a list' });
    assert.equal(e.oneLine(), '.github/agent-zones.yml:3:5: key `agents.authors`: expected a list. Fix: write a list');
    assert.equal(e.message, e.oneLine());
    assert.ok(e instanceof Error);
    assert.equal(e.name, 'ConfigError');
    assert.deepEqual(e.all, [e]);
  });
  test('without position or key', () => {
    const e = new ConfigError({ file: 'x.yml', problem: 'broken', fix: 'mend it' });
    assert.equal(e.oneLine(), 'x.yml: broken. Fix: mend it');
    assert.equal(e.line, null);
    assert.equal(e.column, null);
    assert.equal(e.key, null);
  });
  test('a shared file name with a colon', () => {
    const e = new ConfigError({ file: 'owner/.github:.github/agent-zones.yml', line: 3, column: 5, key: 'drift.hour', problem: 'p', fix: 'f' });
    assert.ok(e.oneLine().startsWith('owner/.github:.github/agent-zones.yml:3:5: key `drift.hour`: '));
  });
  test('oneLine never spans lines', () => {
    const e = new ConfigError({ file: 'x.yml', line: 1, column: 1, key: 'a\nb', problem: 'p\nq', fix: 'f\r\ng' });
    assert.ok(!/[\r\n]/.test(e.oneLine()));
  });
  test('throwConfigErrors throws the first carrying all', () => {
    const a = new ConfigError({ file: 'x', problem: 'a', fix: 'f' });
    const b = new ConfigError({ file: 'x', problem: 'b', fix: 'f' });
    assert.throws(() => throwConfigErrors([a, b]), (e: unknown) => e === a && a.all.length === 2 && a.all[1] === b);
  });
});

describe('suggestions', () => {
  test('editDistance', () => {
    assert.equal(editDistance('kitten', 'sitting'), 3);
    assert.equal(editDistance('', 'abc'), 3);
    assert.equal(editDistance('same', 'same'), 0);
  });
  const cases: [string, string[], string | null][] = [
    ['brances', ['authors', 'branches', 'labels'], 'branches'],
    ['LABELS', ['authors', 'branches', 'labels'], 'labels'],
    ['migration', ['path:migration', 'step:delete'], 'path:migration'],
    ['zzzzzz', ['authors', 'branches'], null],
    ['ab', ['xy'], null],
    ['ab', ['ac'], 'ac'],
  ];
  for (const [word, candidates, expected] of cases) test(`${word} -> ${expected}`, () => assert.equal(closest(word, candidates), expected));
  test('formatKeyPath', () => {
    assert.equal(formatKeyPath(['overrides', 1, 'zone']), 'overrides[1].zone');
    assert.equal(formatKeyPath(['agents', 'authors', 0]), 'agents.authors[0]');
    assert.equal(formatKeyPath([]), '');
  });
});
