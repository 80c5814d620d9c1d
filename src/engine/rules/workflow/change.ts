import type { Policy } from '../../../policy/types.js';
import type { Reason, StepResult } from '../../types.js';
import { judgeModel, unparsableEntry, type JudgedStep } from './classify.js';
import { loadWorkflow } from './load.js';
import type { WorkflowModel } from './model.js';

/**
 * Base-vs-head comparison of a changed workflow. A step is reported when its content is new (no
 * identical step in the same job of base: moving or re-ordering does not count) or when its
 * judgement got worse although the text did not (a trigger or job setting changed around it).
 * Workflow-level and job-level findings of head are always reported; those base had already are
 * marked in the message, so a reviewer sees what the change introduced.
 */

function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      return Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    }
    return v;
  });
}

function stepKey(model: WorkflowModel, step: JudgedStep): string {
  return `${step.call ? 'call' : 'step'}\u0000${step.jobId ?? ''}\u0000${canonical(model.source.toJS(step.node))}`;
}

function ruleSet(reasons: Reason[]): Set<string> {
  return new Set(reasons.map((r) => `${r.rule}|${r.zone}`));
}

function markKnown(levels: StepResult[], baseLevels: StepResult[]): StepResult[] {
  return levels.map((level) => {
    const before = baseLevels.find((b) => b.job === level.job && b.step === null);
    if (!before) return level;
    const known = ruleSet(before.reasons);
    return {
      ...level,
      reasons: level.reasons.map((r) => (known.has(`${r.rule}|${r.zone}`) ? { ...r, message: `${r.message} (already present in base)` } : r)),
    };
  });
}

export function compareWorkflows(path: string, base: string, head: string, policy: Policy): StepResult[] {
  const headLoaded = loadWorkflow(path, head);
  if (!headLoaded.ok) {
    const first = headLoaded.problems[0];
    return [unparsableEntry(path, `invalid YAML: ${first?.message ?? 'unknown error'}`, first?.line)];
  }
  const headModel = headLoaded.model;
  const opts = { ctx: {}, judgeAbsence: headModel.kind === 'workflow' };
  const headResults = judgeModel(path, headModel, policy, opts);
  const baseLoaded = loadWorkflow(path, base);
  if (!baseLoaded.ok) return [...headResults.levels, ...headResults.steps.map((s) => s.result)];
  const baseModel = baseLoaded.model;
  const baseResults = judgeModel(path, baseModel, policy, { ctx: {}, judgeAbsence: baseModel.kind === 'workflow' });

  const remaining = new Map<string, StepResult[]>();
  for (const s of baseResults.steps) {
    const key = stepKey(baseModel, s);
    remaining.set(key, [...(remaining.get(key) ?? []), s.result]);
  }

  const changed: StepResult[] = [];
  for (const s of headResults.steps) {
    const matches = remaining.get(stepKey(headModel, s));
    const before = matches?.shift();
    if (!before) {
      changed.push(s.result);
      continue;
    }
    // Same text, same job: report it only when it is judged worse than before (its context changed).
    const known = ruleSet(before.reasons);
    if (s.result.reasons.some((r) => !known.has(`${r.rule}|${r.zone}`))) changed.push(s.result);
  }
  return [...markKnown(headResults.levels, baseResults.levels), ...changed];
}
