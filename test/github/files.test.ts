import assert from 'node:assert/strict';
import { test } from 'node:test';
import { toDiffFiles, type ApiFile, type TreeEntryInfo } from '../../src/github/files.js';

const patch = '@@ -0,0 +1 @@\n+# doc';
const file = (over: Partial<ApiFile>): ApiFile => ({ filename: 'docs/a.md', status: 'added', additions: 1, deletions: 0, changes: 1, patch, ...over });
const tree = (entries: Record<string, TreeEntryInfo>) => new Map(Object.entries(entries));

test('a path whose mode the trees confirm is judged from its patch', () => {
  const [f] = toDiffFiles([file({})], { base: tree({}), head: tree({ 'docs/a.md': { mode: '100644', binary: false } }) });
  assert.equal(f?.truncated, false);
  assert.deepEqual(f?.added, [{ line: 1, text: '# doc' }]);
});

test('a changed path missing from the head tree listing is unseen, never judged from its patch alone', () => {
  const [f] = toDiffFiles([file({})], { base: tree({}), head: tree({}) });
  assert.equal(f?.truncated, true);
});

test('a modified path missing from the base listing is unseen too', () => {
  const [f] = toDiffFiles([file({ status: 'modified' })], { base: tree({}), head: tree({ 'docs/a.md': { mode: '100644', binary: false } }) });
  assert.equal(f?.truncated, true);
});

test('modes come from the trees: a symlink is a symlink whatever its patch says', () => {
  const [f] = toDiffFiles([file({ patch: '@@ -0,0 +1 @@\n+../../etc/passwd' })], { base: tree({}), head: tree({ 'docs/a.md': { mode: '120000', binary: false } }) });
  assert.equal(f?.newMode, '120000');
});

test('no patch: binary per the tree is binary; a text change without a patch is unseen', () => {
  const [bin] = toDiffFiles([file({ patch: undefined, additions: 0, changes: 0 })], { base: tree({}), head: tree({ 'docs/a.md': { mode: '100644', binary: true } }) });
  assert.equal(bin?.binary, true);
  const [text] = toDiffFiles([file({ patch: undefined })], { base: tree({}), head: tree({ 'docs/a.md': { mode: '100644', binary: false } }) });
  assert.equal(text?.truncated, true);
});
