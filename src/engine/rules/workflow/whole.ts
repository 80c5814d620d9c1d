import type { Policy } from '../../../policy/types.js';
import type { StepContext, StepResult } from '../../types.js';
import { classifyModel, unparsableEntry } from './classify.js';
import { loadWorkflow } from './load.js';

/** A whole workflow or action file: every step plus the workflow-level and job-level entries. */
export function classifyWorkflowText(path: string, text: string, policy: Policy, ctx: StepContext): StepResult[] {
  const loaded = loadWorkflow(path, text);
  if (!loaded.ok) {
    const first = loaded.problems[0];
    return [unparsableEntry(path, `invalid YAML: ${first?.message ?? 'unknown error'}`, first?.line)];
  }
  return classifyModel(path, loaded.model, policy, { ctx, judgeAbsence: loaded.model.kind === 'workflow' });
}
