import type { DiffFile } from '../../diff/types.js';
import type { Policy } from '../../../policy/types.js';
import type { StepContext, StepResult } from '../../types.js';
import { compareWorkflows } from './change.js';
import { classifyDiffFile } from './diff.js';
import { isActionPath } from './load.js';
import { classifyWorkflowText } from './whole.js';

/**
 * Workflow files and composite actions: every step is judged (shell rules for `run:`, action rules
 * for `uses:`), plus the workflow-level and job-level rules of default-policy.md.
 */

function normalise(path: string): string {
  return path.replace(/^(?:\.\/)+/, '');
}

/** `.github/workflows/*.yml|yaml`, and action metadata files (`action.yml`/`action.yaml` anywhere). */
export function isWorkflowPath(path: string): boolean {
  const p = normalise(path);
  return /^\.github\/workflows\/[^/]+\.ya?ml$/i.test(p) || isActionPath(p);
}

/** Every step of the file plus workflow-level and job-level entries (`agent-zones step --workflow`). */
export function classifyWorkflow(path: string, text: string, policy: Policy, ctx: StepContext = {}): StepResult[] {
  return classifyWorkflowText(path, text, policy, ctx);
}

/**
 * Each added or changed step of head against base, plus the workflow-level and job-level findings
 * of head (noting those already present in base). A deleted workflow (head null) has no steps.
 */
export function classifyWorkflowChange(path: string, base: string | null, head: string | null, policy: Policy): StepResult[] {
  if (head === null) return [];
  if (base === null) return classifyWorkflow(path, head, policy);
  return compareWorkflows(path, base, head, policy);
}

/** Fallback when only the unified diff is available: reconstruct what the hunks show and judge that. */
export function classifyWorkflowDiff(file: DiffFile, policy: Policy): StepResult[] {
  return classifyDiffFile(file, policy);
}
