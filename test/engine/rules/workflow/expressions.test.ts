import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { contextChains, DYNAMIC, findExpressions, readsCredential } from '../../../../src/engine/rules/workflow/expressions.js';
import { injectionKind } from '../../../../src/engine/rules/workflow/template-injection.js';
import { prepareScript } from '../../../../src/engine/rules/workflow/script-text.js';

describe('findExpressions', () => {
  test('finds each expression with offsets', () => {
    const t = 'a ${{ x.y }} b ${{ z }}';
    const spans = findExpressions(t);
    assert.deepEqual(spans.map((s) => t.slice(s.start, s.end)), ['${{ x.y }}', '${{ z }}']);
    assert.deepEqual(spans.map((s) => s.body.trim()), ['x.y', 'z']);
  });
  test('}} inside a string literal does not end it', () => {
    const [s] = findExpressions("${{ format('}}{0}', github.head_ref) }} tail");
    assert.match(s?.body ?? '', /github\.head_ref/);
  });
  test('an unterminated expression runs to the end', () => {
    const [s] = findExpressions('echo ${{ github.event.issue.title');
    assert.match(s?.body ?? '', /issue\.title/);
  });
});

describe('contextChains', () => {
  const rows: [string, string[][]][] = [
    ['github.event.issue.title', [['github', 'event', 'issue', 'title']]],
    ["github['head_ref']", [['github', 'head_ref']]],
    ['github.event.commits[0].message', [['github', 'event', 'commits', DYNAMIC], []].slice(0, 1)],
    ['toJSON(secrets)', [['secrets']]],
    ["contains(github.event.pull_request.labels.*.name, 'x')", [['github', 'event', 'pull_request', 'labels', '*', 'name']]],
    ['true && null', []],
    ['Secrets.Token', [['secrets', 'token']]],
  ];
  for (const [body, chains] of rows) test(body, () => assert.deepEqual(contextChains(body).filter((c) => c.length > 0).slice(0, chains.length), chains));
});

describe('readsCredential / injectionKind', () => {
  const cred: [string[], boolean][] = [
    [['secrets', 'x'], true],
    [['secrets'], true],
    [['github', 'token'], true],
    [['github'], true],
    [['github', 'sha'], false],
    [['env', 'token'], false],
  ];
  for (const [chain, want] of cred) test(`${chain.join('.')} credential=${want}`, () => assert.equal(readsCredential(chain), want));
  const kinds: [string[], string | null][] = [
    [['github', 'event', 'issue', 'title'], 'attacker'],
    [['github', 'event', 'pull_request', 'head', 'ref'], 'attacker'],
    [['github', 'event', 'pull_request', 'number'], 'event'],
    [['github', 'head_ref'], 'attacker'],
    [['inputs', 'x'], 'input'],
    [['github', 'ref'], null],
    [['matrix', 'os'], null],
  ];
  for (const [chain, want] of kinds) test(`${chain.join('.')} -> ${want}`, () => assert.equal(injectionKind(chain), want));
});

describe('prepareScript', () => {
  test('replaces expressions with variables, keeping lines', () => {
    const p = prepareScript('echo ${{ matrix.x }}\necho ${{ secrets.T }}\n');
    assert.equal(p.script, 'echo ${GHA_EXPR_1}\necho ${GHA_SECRET_2}\n');
    assert.equal(p.placeholders.get('GHA_EXPR_1'), '${{ matrix.x }}');
  });
  test('a multi-line expression keeps the line count', () => {
    const p = prepareScript('echo ${{\n github.sha }}\nnext');
    assert.equal(p.script.split('\n').length, 3);
  });
});
