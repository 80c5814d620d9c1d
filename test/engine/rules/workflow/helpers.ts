import type { Reason, StepResult, Zone } from '../../../../src/engine/types.js';
import { classifyWorkflow } from '../../../../src/engine/rules/workflow/index.js';
import { defaultPolicy } from '../../../../src/policy/defaults.js';

export const policy = defaultPolicy();
export const WF = '.github/workflows/ci.yml';

export function wf(text: string, path = WF): StepResult[] {
  return classifyWorkflow(path, text, policy);
}

export function allReasons(results: StepResult[]): Reason[] {
  return results.flatMap((r) => r.reasons);
}

export function hasRule(results: StepResult[], rule: string, zone?: Zone): boolean {
  return allReasons(results).some((r) => r.rule === rule && (zone === undefined || r.zone === zone));
}

export function reasonOf(results: StepResult[], rule: string): Reason | undefined {
  return allReasons(results).find((r) => r.rule === rule);
}

export function stepNamed(results: StepResult[], step: string): StepResult | undefined {
  return results.find((r) => r.step === step);
}

export function level(results: StepResult[], job: string | null): StepResult | undefined {
  return results.find((r) => r.step === null && r.job === job);
}

export function show(results: StepResult[]): string {
  return JSON.stringify(results, null, 1);
}

/** A minimal valid workflow around some steps, with explicit read permissions (no default-permissions noise). */
export function withSteps(steps: string, on = 'push', extraJob = ''): string {
  return `on: ${on}
permissions:
  contents: read
jobs:
  build:
    runs-on: ubuntu-latest
${extraJob}    steps:
${steps}`;
}
