import { describe } from 'node:test';
import { STEP_CASES } from './cases/steps.js';
import { runStep, table } from './harness.js';

describe('spec: default-policy.md, Steps (agent-zones step --run)', () => {
  table(STEP_CASES, runStep);
});
