import { describe } from 'node:test';
import { CONTENT_CASES } from './cases/content.js';
import { runDiff, table } from './harness.js';

describe('spec: default-policy.md, content rules (classify --diff)', () => {
  table(CONTENT_CASES, runDiff);
});
