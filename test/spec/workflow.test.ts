import { describe } from 'node:test';
import { USES_CASES, WORKFLOW_CASES } from './cases/workflow.js';
import { runUses, runWorkflow, table } from './harness.js';

describe('spec: default-policy.md, uses: steps (agent-zones step --uses)', () => {
  table(USES_CASES, runUses);
});

describe('spec: default-policy.md, workflow-level rules (agent-zones step --workflow)', () => {
  table(WORKFLOW_CASES, runWorkflow);
});
