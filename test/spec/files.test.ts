import { describe } from 'node:test';
import { FILE_CASES } from './cases/files.js';
import { runDiff, table } from './harness.js';

describe('spec: default-policy.md, Paths and globs / File changes (classify --diff)', () => {
  table(FILE_CASES, runDiff);
});
