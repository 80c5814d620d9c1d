import type { Policy } from '../../../policy/types.js';
import type { Reason, StepContext, StepResult } from '../../types.js';
import { zoneOf } from '../../zone.js';
import { classifyUsesFindings, inputKey } from '../uses/index.js';
import { parseUses } from '../uses/parse-ref.js';
import { containerReasons } from './containers.js';
import { credentialReasons } from './credentials.js';
import { environmentReasons } from './environment.js';
import type { JobModel, StepModel, WorkflowModel } from './model.js';
import { defaultPermissionReasons, jobPermissionReasons, workflowPermissionReasons } from './permissions.js';
import { classifyRun, customShellReasons } from './run-step.js';
import { scalarLines } from './script-lines.js';
import { secretsInheritReasons } from './secrets-inherit.js';
import { selfHostedReasons } from './self-hosted.js';
import { templateInjectionReasons } from './template-injection.js';
import { dangerousTriggerReasons } from './triggers.js';
import { untrustedCheckoutReasons } from './untrusted-checkout.js';

/** Turns a workflow model into the StepResults of the CLI contract. */
export interface ClassifyOptions {
  ctx: StepContext;
  /**
   * Judge what is missing (`wf:default-permissions`): only when the whole file is seen, never for
   * the fragments a diff shows.
   */
  judgeAbsence: boolean;
}

/** One reason per rule and line for credentials (several rules see the same `${{ secrets.X }}`), else per message. */
export function dedupe(reasons: Reason[]): Reason[] {
  const seen = new Set<string>();
  return reasons.filter((r) => {
    const key = r.rule === 'step:credential-access' ? `${r.rule}|${r.line}` : `${r.rule}|${r.line}|${r.zone}|${r.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function entry(workflow: string, job: string | null, step: string | null, reasons: Reason[]): StepResult {
  const clean = dedupe(reasons);
  return { workflow, job, step, zone: zoneOf(clean), reasons: clean };
}

export function unparsableEntry(path: string, message: string, line?: number): StepResult {
  const reason: Reason = {
    rule: 'wf:unparsable',
    zone: 'red',
    message: `the workflow could not be analysed: ${message}; agent-zones cannot see what it runs, so it is red until a human reviews it`,
  };
  if (line !== undefined) reason.line = line;
  return entry(path, null, null, [reason]);
}

function usesStepReasons(model: WorkflowModel, step: StepModel, policy: Policy): Reason[] {
  if (!step.uses) return [];
  const isScript = (() => {
    const ref = parseUses(step.uses.value);
    return ref.form === 'remote' && ref.name === 'actions/github-script';
  })();
  const reasons: Reason[] = [];
  for (const f of classifyUsesFindings(step.uses.value, step.withInputs, policy)) {
    // github-script injections are found again below with the line of each expression.
    if (isScript && f.reason.rule === 'wf:template-injection') continue;
    const line = f.input !== undefined ? step.withLines[f.input] : undefined;
    reasons.push({ ...f.reason, line: line ?? step.uses.line });
  }
  const scriptKey = inputKey(step.withInputs, 'script');
  if (isScript && scriptKey !== undefined) {
    const code = step.withInputs[scriptKey] ?? '';
    const lines = scalarLines(model.source, step.withNodes[scriptKey], code, step.withLines[scriptKey] ?? step.uses.line);
    reasons.push(...templateInjectionReasons(code, 'script:', (o) => lines.lineOfOffset(o)));
  }
  return reasons;
}

export function classifyStep(path: string, model: WorkflowModel, job: JobModel | null, step: StepModel, policy: Policy, opts: ClassifyOptions): StepResult {
  const owner = `step \`${step.label}\``;
  // Credential findings first: their message names the expression, clearer than the shell rule's view of it.
  const reasons: Reason[] = [...credentialReasons(model.source, step.node, new Set(), owner)];
  reasons.push(...usesStepReasons(model, step, policy));
  let prepared = null;
  if (step.run) {
    reasons.push(...customShellReasons(step.shell?.value ?? null, step.shell?.line ?? step.run.line));
    const run = classifyRun(step.run, step.shell?.value ?? null, policy, opts.ctx);
    prepared = run.prepared;
    reasons.push(...run.reasons);
  }
  reasons.push(...untrustedCheckoutReasons(model, job, step, prepared));
  return entry(path, job?.id ?? null, step.label, reasons);
}

/** A reusable workflow call (`jobs.x.uses:`), judged as a `uses:` step of its job. */
function classifyCall(path: string, model: WorkflowModel, job: JobModel, policy: Policy): StepResult | null {
  if (!job.uses) return null;
  const reasons: Reason[] = [];
  for (const f of classifyUsesFindings(job.uses.value, job.withInputs, policy)) {
    const line = f.input !== undefined ? job.withLines[f.input] : undefined;
    reasons.push({ ...f.reason, line: line ?? job.uses.line });
  }
  if (job.secrets) {
    const inherit = model.source.text(job.secrets.value)?.trim().toLowerCase() === 'inherit';
    if (inherit) {
      reasons.push({ rule: 'step:credential-access', zone: 'red', line: job.secrets.line, message: `\`secrets: inherit\` hands every repository secret to \`${job.uses.value}\`` });
    } else {
      reasons.push(...credentialReasons(model.source, job.secrets.value, new Set(), `the call of \`${job.uses.value}\``));
    }
  }
  return entry(path, job.id, job.uses.value, reasons);
}

export function jobLevelReasons(model: WorkflowModel, job: JobModel): Reason[] {
  return [
    ...jobPermissionReasons(model, job),
    ...environmentReasons(model, job),
    ...selfHostedReasons(model, job),
    ...secretsInheritReasons(model, job),
    ...containerReasons(model, job),
    ...credentialReasons(model.source, job.node, new Set(['steps', 'with', 'secrets', 'uses']), `job \`${job.id}\``),
  ];
}

export function workflowLevelReasons(model: WorkflowModel, opts: ClassifyOptions): Reason[] {
  const reasons: Reason[] = model.problems.map((p) => ({
    rule: 'wf:unparsable',
    zone: 'red' as const,
    line: p.line,
    message: `the workflow could not be analysed: ${p.message}; GitHub may read it differently, so it is red until a human reviews it`,
  }));
  if (model.kind !== 'workflow') return reasons;
  reasons.push(...dangerousTriggerReasons(model), ...workflowPermissionReasons(model));
  if (opts.judgeAbsence) reasons.push(...defaultPermissionReasons(model));
  const root = model.source.doc.contents;
  reasons.push(...credentialReasons(model.source, root, new Set(['jobs', 'on', 'true']), 'the workflow'));
  return reasons;
}

/** A judged step (or reusable workflow call) with what identifies it across base and head. */
export interface JudgedStep {
  jobId: string | null;
  /** The step's node, or the calling job's node for a reusable workflow call. */
  node: unknown;
  call: boolean;
  result: StepResult;
}

export interface JudgedModel {
  /** Workflow-level and job-level entries (`step: null`), only those with findings. */
  levels: StepResult[];
  steps: JudgedStep[];
}

export function judgeModel(path: string, model: WorkflowModel, policy: Policy, opts: ClassifyOptions): JudgedModel {
  const levels: StepResult[] = [];
  const steps: JudgedStep[] = [];
  const top = workflowLevelReasons(model, opts);
  if (top.length) levels.push(entry(path, null, null, top));
  for (const job of model.jobs) {
    const jobReasons = jobLevelReasons(model, job);
    if (jobReasons.length) levels.push(entry(path, job.id, null, jobReasons));
    const call = classifyCall(path, model, job, policy);
    if (call) steps.push({ jobId: job.id, node: job.node, call: true, result: call });
    for (const step of job.steps) steps.push({ jobId: job.id, node: step.node, call: false, result: classifyStep(path, model, job, step, policy, opts) });
  }
  for (const step of model.actionSteps) steps.push({ jobId: null, node: step.node, call: false, result: classifyStep(path, model, null, step, policy, opts) });
  return { levels, steps };
}

/** Every entry of a workflow or action in reading order: workflow level, then per job its entry, its call, its steps. */
export function classifyModel(path: string, model: WorkflowModel, policy: Policy, opts: ClassifyOptions): StepResult[] {
  const judged = judgeModel(path, model, policy, opts);
  const out: StepResult[] = [];
  const workflowLevel = judged.levels.find((l) => l.job === null);
  if (workflowLevel) out.push(workflowLevel);
  const placed = new Set<string>();
  for (const s of judged.steps) {
    if (s.jobId !== null && !placed.has(s.jobId)) {
      placed.add(s.jobId);
      const level = judged.levels.find((l) => l.job === s.jobId);
      if (level) out.push(level);
    }
    out.push(s.result);
  }
  for (const l of judged.levels) if (l.job !== null && !placed.has(l.job)) out.push(l);
  return out;
}
