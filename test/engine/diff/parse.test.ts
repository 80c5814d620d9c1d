import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseDiff, splitGitHeader } from '../../../src/engine/diff/parse.js';
import { DiffParseError } from '../../../src/engine/diff/types.js';

const one = (text: string) => {
  const r = parseDiff(text);
  assert.equal(r.files.length, 1, JSON.stringify(r));
  return { file: r.files[0]!, problems: r.problems };
};

describe('diff reader: git diff forms', () => {
  test('modified file with added lines and their new-file line numbers', () => {
    const { file, problems } = one(`diff --git a/src/a.ts b/src/a.ts
index 1111111..2222222 100644
--- a/src/a.ts
+++ b/src/a.ts
@@ -10,3 +10,4 @@ function x() {
 keep
-old
+new one
+new two
 tail
`);
    assert.deepEqual(problems, []);
    assert.equal(file.status, 'modified');
    assert.equal(file.newPath, 'src/a.ts');
    assert.deepEqual(file.added, [
      { line: 11, text: 'new one' },
      { line: 12, text: 'new two' },
    ]);
    assert.equal(file.oldMode, '100644');
  });

  test('several hunks in one file keep their own line numbers', () => {
    const { file, problems } = one(`diff --git a/a.txt b/a.txt
--- a/a.txt
+++ b/a.txt
@@ -1,2 +1,3 @@
 one
+two
 three
@@ -40,2 +41,3 @@ later
 forty
+forty-one
 forty-two
`);
    assert.deepEqual(problems, []);
    assert.equal(file.hunks.length, 2);
    assert.deepEqual(file.added, [
      { line: 2, text: 'two' },
      { line: 42, text: 'forty-one' },
    ]);
  });

  test('new file mode and deleted file mode', () => {
    const r = parseDiff(`diff --git a/n.txt b/n.txt
new file mode 100755
index 0000000..3e75765
--- /dev/null
+++ b/n.txt
@@ -0,0 +1,2 @@
+#!/bin/sh
+echo hi
diff --git a/gone.md b/gone.md
deleted file mode 100644
index abaddc0..0000000
--- a/gone.md
+++ /dev/null
@@ -1 +0,0 @@
-bye
`);
    assert.equal(r.files[0]!.status, 'added');
    assert.equal(r.files[0]!.oldPath, null);
    assert.equal(r.files[0]!.newMode, '100755');
    assert.deepEqual(r.files[0]!.added.map((a) => a.line), [1, 2]);
    assert.equal(r.files[1]!.status, 'removed');
    assert.equal(r.files[1]!.newPath, null);
    assert.equal(r.files[1]!.oldPath, 'gone.md');
  });

  test('empty new file has no hunks and is still added', () => {
    const { file } = one(`diff --git a/empty b/empty
new file mode 100644
index 0000000..e69de29
`);
    assert.equal(file.status, 'added');
    assert.equal(file.newPath, 'empty');
  });

  test('mode change only is "changed" with both modes', () => {
    const { file } = one(`diff --git a/run.sh b/run.sh
old mode 100644
new mode 100755
`);
    assert.equal(file.status, 'changed');
    assert.equal(file.oldMode, '100644');
    assert.equal(file.newMode, '100755');
  });

  test('rename with similarity, and rename with edits', () => {
    const r = parseDiff(`diff --git a/old name.js b/new name.js
similarity index 100%
rename from old name.js
rename to new name.js
diff --git a/a/x.py b/b/y.py
similarity index 90%
rename from a/x.py
rename to b/y.py
index 1..2 100644
--- a/a/x.py
+++ b/b/y.py
@@ -1 +1 @@
-a
+b
`);
    assert.equal(r.files[0]!.status, 'renamed');
    assert.equal(r.files[0]!.oldPath, 'old name.js');
    assert.equal(r.files[0]!.newPath, 'new name.js');
    assert.equal(r.files[0]!.similarity, 100);
    assert.equal(r.files[1]!.oldPath, 'a/x.py');
    assert.equal(r.files[1]!.newPath, 'b/y.py');
    assert.equal(r.files[1]!.added[0]!.text, 'b');
  });

  test('copy from / copy to', () => {
    const { file } = one(`diff --git a/src/a.ts b/deploy/a.ts
similarity index 100%
copy from src/a.ts
copy to deploy/a.ts
`);
    assert.equal(file.status, 'copied');
    assert.equal(file.oldPath, 'src/a.ts');
    assert.equal(file.newPath, 'deploy/a.ts');
  });

  test('Binary files ... differ and GIT binary patch', () => {
    const r = parseDiff(`diff --git a/img.png b/img.png
index 1..2 100644
Binary files a/img.png and b/img.png differ
diff --git a/tool.exe b/tool.exe
new file mode 100644
index 0000000..1234567
GIT binary patch
literal 12
TcmZQzU|?imW@Kh#VPpUS0ssOD

literal 0
HcmV?d00001

diff --git a/bin.dat b/bin.dat
new file mode 100644
index 0000000..1
Binary files /dev/null and b/bin.dat differ
`);
    assert.deepEqual(r.problems, []);
    assert.equal(r.files.length, 3);
    assert.ok(r.files.every((f) => f.binary));
    assert.equal(r.files[1]!.newPath, 'tool.exe');
    assert.equal(r.files[1]!.status, 'added');
    assert.equal(r.files[2]!.status, 'added');
  });

  test('quoted paths with octal and C escapes', () => {
    const { file } = one(`diff --git "a/docs/caf\\303\\251 \\"x\\".md" "b/docs/caf\\303\\251 \\"x\\".md"
index 1..2 100644
--- "a/docs/caf\\303\\251 \\"x\\".md"
+++ "b/docs/caf\\303\\251 \\"x\\".md"
@@ -1 +1 @@
-a
+b
`);
    assert.equal(file.newPath, 'docs/café "x".md');
  });

  test('quoted path with a tab and newline escape in rename lines', () => {
    const { file } = one(`diff --git "a/a\\tb" "b/c\\nd"
similarity index 100%
rename from "a\\tb"
rename to "c\\nd"
`);
    assert.equal(file.oldPath, 'a\tb');
    assert.equal(file.newPath, 'c\nd');
  });

  test('diff --git header with spaces and no other path lines', () => {
    assert.deepEqual(splitGitHeader('a/my file.bin b/my file.bin'), ['my file.bin', 'my file.bin']);
    assert.deepEqual(splitGitHeader('a/x b/y'), ['x', 'y']);
  });

  test('hunk lines that look like headers are content: the counts decide', () => {
    const { file, problems } = one(`diff --git a/notes.txt b/notes.txt
index 1..2 100644
--- a/notes.txt
+++ b/notes.txt
@@ -1,2 +1,4 @@
 top
--- a/evil
+++ b/evil
+diff --git a/x b/x
+@@ -1 +1 @@
`);
    assert.deepEqual(problems, []);
    assert.deepEqual(file.added.map((a) => a.text), ['++ b/evil', 'diff --git a/x b/x', '@@ -1 +1 @@']);
  });

  test('no newline at end of file markers', () => {
    const { file, problems } = one(`diff --git a/a b/a
index 1..2 100644
--- a/a
+++ b/a
@@ -1 +1 @@
-x
\\ No newline at end of file
+y
\\ No newline at end of file
`);
    assert.deepEqual(problems, []);
    assert.deepEqual(file.added, [{ line: 1, text: 'y' }]);
  });

  test('hunk header without counts means one line', () => {
    const { file } = one(`diff --git a/a b/a
--- a/a
+++ b/a
@@ -3 +3 @@
-x
+y
`);
    assert.deepEqual(file.added, [{ line: 3, text: 'y' }]);
  });

  test('CRLF input', () => {
    const { file } = one('diff --git a/a b/a\r\n--- a/a\r\n+++ b/a\r\n@@ -1 +1 @@\r\n-x\r\n+y\r\n');
    assert.deepEqual(file.added, [{ line: 1, text: 'y' }]);
  });

  test('plain unified diff without diff --git lines', () => {
    const r = parseDiff(`--- a/one.txt
+++ b/one.txt
@@ -1 +1 @@
-a
+b
--- a/two.txt
+++ b/two.txt
@@ -1 +1 @@
-a
+c
`);
    assert.equal(r.files.length, 2);
    assert.equal(r.files[1]!.newPath, 'two.txt');
    assert.equal(r.files[1]!.added[0]!.text, 'c');
  });

  test('submodule pointer lines', () => {
    const { file } = one(`diff --git a/vendor/lib b/vendor/lib
index 1111111..2222222 160000
--- a/vendor/lib
+++ b/vendor/lib
@@ -1 +1 @@
-Subproject commit 1111111111111111111111111111111111111111
+Subproject commit 2222222222222222222222222222222222222222
`);
    assert.equal(file.newMode, '160000');
  });
});

describe('diff reader: format-patch series', () => {
  const mail = (n: number, path: string, added: string) => `From ${String(n).repeat(40).slice(0, 40)} Mon Sep 17 00:00:00 2001
From: Agent <agent@example.com>
Date: Sat, 28 Nov 2026 08:00:00 +0000
Subject: [PATCH ${n}/2] change ${path}

+ this body line looks like an added line
- and this like a removed one
---
 ${path} | 1 +
 1 file changed, 1 insertion(+)

diff --git a/${path} b/${path}
index 1..2 100644
--- a/${path}
+++ b/${path}
@@ -1 +1,2 @@
 a
+${added}
-- 
2.39.5

`;

  test('every patch of a series counts; headers and signatures are not diff lines', () => {
    const text = mail(1, 'a.txt', 'one') + mail(2, 'b.txt', 'two');
    const r = parseDiff(text);
    assert.deepEqual(r.files.map((f) => f.newPath), ['a.txt', 'b.txt']);
    assert.deepEqual(r.files.map((f) => f.added.map((a) => a.text)), [['one'], ['two']]);
    assert.deepEqual(r.problems, []);
  });
});

describe('diff reader: incomplete and invalid input', () => {
  test('a hunk cut short is reported and the file marked truncated', () => {
    const r = parseDiff(`diff --git a/a b/a
--- a/a
+++ b/a
@@ -1,2 +1,5 @@
 a
+b
`);
    assert.equal(r.files[0]!.truncated, true);
    assert.equal(r.problems.length, 1);
    assert.match(r.problems[0]!, /short/);
  });

  test('a hunk cut short by the next file header', () => {
    const r = parseDiff(`diff --git a/a b/a
--- a/a
+++ b/a
@@ -1,1 +1,3 @@
+b
diff --git a/b b/b
--- a/b
+++ b/b
@@ -1 +1 @@
-x
+y
`);
    assert.equal(r.files[0]!.truncated, true);
    assert.equal(r.files[1]!.truncated, false);
  });

  test('extra lines after a complete hunk are a problem (counts do not match)', () => {
    const r = parseDiff(`diff --git a/a b/a
--- a/a
+++ b/a
@@ -1 +1 @@
-x
+y
+hidden extra line
`);
    assert.equal(r.problems.length, 1);
  });

  test('empty input is an empty diff; text that is no diff is an error', () => {
    assert.deepEqual(parseDiff('').files, []);
    assert.deepEqual(parseDiff('\n\n').files, []);
    assert.throws(() => parseDiff('hello world\nthis is not a diff\n'), DiffParseError);
  });

  test('combined diffs are reported, not guessed', () => {
    const r = parseDiff(`diff --cc file.txt
index 1,2..3
--- a/file.txt
+++ b/file.txt
@@@ -1,1 -1,1 +1,1 @@@
- a
 -b
++c
`);
    assert.ok(r.problems.some((p) => p.includes('combined')));
  });
});
