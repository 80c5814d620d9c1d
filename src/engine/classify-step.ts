import type { Policy } from '../policy/types.js';
import { buildDecision } from './decision.js';
import { initEngine } from './init.js';
import { classifyScript } from './rules/step/index.js';
import { classifyUses } from './rules/uses/index.js';
import { classifyWorkflow } from './rules/workflow/index.js';
import type { Decision, StepContext } from './types.js';
import { zoneOf } from './zone.js';

/** `agent-zones step --run`: one shell script as one step. */
export async function classifyRunStep(script: string, policy: Policy, ctx: StepContext = {}): Promise<Decision> {
  await initEngine();
  const reasons = classifyScript(script, policy, ctx);
  return buildDecision([], [{ workflow: null, job: null, step: script, zone: zoneOf(reasons), reasons }], []);
}

/** `agent-zones step --uses`: one action reference with its `with:` inputs. */
export async function classifyUsesStep(uses: string, withInputs: Record<string, string>, policy: Policy): Promise<Decision> {
  await initEngine();
  const reasons = classifyUses(uses, withInputs, policy);
  return buildDecision([], [{ workflow: null, job: null, step: uses, zone: zoneOf(reasons), reasons }], []);
}

/** `agent-zones step --workflow`: every step of a workflow file plus workflow- and job-level findings. */
export async function classifyWorkflowStep(path: string, text: string, policy: Policy, ctx: StepContext = {}): Promise<Decision> {
  await initEngine();
  return buildDecision([], classifyWorkflow(path, text, policy, ctx), []);
}
