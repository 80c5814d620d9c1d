import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { hasNestedQuantifier, regexSyntaxError, secretProbes } from '../../src/policy/regex-check.js';

describe('hasNestedQuantifier', () => {
  const nested = ['(a+)+', '(a*)*', '(a+)*b', '(\\w+\\s?)*$', '([a-z0-9]*_?)*', '(?:x+y)+', '(a{2,})+', '((ab)+c)*', '(a+){3,}', '(?<n>a+)+', '(a|b+)*'];
  const safe = ['a+b+', '(ab)+', '[ab]+', '(a+)', '(a+)?', '(a{1,3})+', '(a+){2}', '(a+)b*', 'ACME_[A-Z0-9]{32}', '[(a+)]+', '\\(a+\\)+', '(?:ab)*(?:cd)+', 'x{3}'];
  for (const s of nested) test(`nested: ${s}`, () => assert.equal(hasNestedQuantifier(s), true));
  for (const s of safe) test(`safe: ${s}`, () => assert.equal(hasNestedQuantifier(s), false));
});

describe('regexSyntaxError', () => {
  test('valid', () => assert.equal(regexSyntaxError('ACME_[A-Z0-9]{32}'), null));
  for (const bad of ['(', '[a-', '(?i)x', 'a{2,1}', '*a']) {
    test(`invalid: ${bad}`, () => {
      const err = regexSyntaxError(bad);
      assert.ok(err !== null && err.length > 0 && !err.startsWith('Invalid regular expression: /'), String(err));
    });
  }
});

describe('secretProbes', () => {
  test('probes are distinct, long, and not matched by placeholder patterns', () => {
    const probes = secretProbes();
    assert.equal(new Set(probes).size, probes.length);
    for (const p of probes) assert.ok(p.length >= 16, p);
    for (const allow of ['^your-[a-z-]+-here$', '^<[A-Z_]+>$', 'EXAMPLE$', '^x+$', 'changeme']) {
      const re = new RegExp(allow);
      assert.ok(!probes.some((p) => re.test(p)), allow);
    }
  });
});
