import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseDiff } from '../../../src/engine/diff/parse.js';
import { DiffParseError } from '../../../src/engine/diff/types.js';
import { mutate, pick, randomText, rng } from '../../support/random.js';

const SEEDS = [
  `diff --git a/src/a.ts b/src/a.ts
index 1111111..2222222 100644
--- a/src/a.ts
+++ b/src/a.ts
@@ -1,3 +1,4 @@
 a
-b
+c
+d
 e
`,
  `diff --git "a/x\\303\\251" "b/y z"
similarity index 90%
rename from "x\\303\\251"
rename to y z
new mode 100755
old mode 100644
Binary files a/x and b/y differ
diff --git a/bin b/bin
GIT binary patch
literal 3
KcmZQz00001

`,
  `From 1111111111111111111111111111111111111111 Mon Sep 17 00:00:00 2001
Subject: x
---
diff --git a/a b/a
new file mode 100644
--- /dev/null
+++ b/a
@@ -0,0 +1 @@
+x
-- 
2.39.5
`,
];

const TOKENS = [
  'diff --git a/a b/a',
  'diff --git "a/q\\"" "b/q\\""',
  '--- a/a',
  '+++ b/a',
  '--- /dev/null',
  '+++ /dev/null',
  '@@ -1 +1 @@',
  '@@ -0,0 +1,99999999 @@',
  '@@ -1,2 +1,2 @@ ctx',
  '@@@ -1 -1 +1 @@@',
  'new file mode 120000',
  'deleted file mode 160000',
  'rename from ',
  'rename to "\\777\\',
  'copy from x',
  'similarity index NaN%',
  'Binary files /dev/null and b/x differ',
  'GIT binary patch',
  '\\ No newline at end of file',
  'From 0000000000000000000000000000000000000000 Mon Sep 17 00:00:00 2001',
  '-- ',
  '+',
  '-',
  ' ',
  '"',
  '\\',
  '\r',
  '\u0000',
  'index 0000000..1111111 100644',
];

test('the diff reader never crashes: thousands of mutated and random inputs end in a result or a clean error', () => {
  const r = rng(20261128);
  let results = 0;
  let errors = 0;
  for (let i = 0; i < 6000; i++) {
    const input = i % 3 === 0 ? randomText(r, TOKENS) : mutate(r, pick(r, SEEDS), TOKENS);
    try {
      const out = parseDiff(input);
      assert.ok(Array.isArray(out.files));
      for (const f of out.files) {
        assert.ok(f.oldPath !== null || f.newPath !== null, `file with no path: ${JSON.stringify(input)}`);
        for (const a of f.added) assert.ok(Number.isFinite(a.line));
      }
      results++;
    } catch (e) {
      assert.ok(e instanceof DiffParseError, `unexpected ${String(e)} for ${JSON.stringify(input)}`);
      errors++;
    }
  }
  assert.ok(results > 1000);
  assert.ok(errors > 0);
});
