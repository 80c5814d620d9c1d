import type { Node } from 'yaml';
import { scalarLines, type ScalarLines } from './script-lines.js';
import type { MapEntry, YamlProblem, YamlSource } from './yaml-source.js';

/**
 * The parts of a workflow (or composite action) the rules look at, each with its line. Built once
 * from the YAML tree; shapes GitHub would reject (a job that is not a mapping, steps that are not a
 * list) are recorded as problems, which the rules turn into `wf:unparsable` (red): a file we cannot
 * read the way GitHub reads it is never judged low.
 */

export interface Located {
  value: string;
  line: number;
}

export interface RunBlock {
  text: string;
  /** Line of the `run:` key. */
  line: number;
  lines: ScalarLines;
}

export interface StepModel {
  jobId: string | null;
  index: number;
  node: Node;
  line: number;
  endLine: number;
  label: string;
  uses: Located | null;
  run: RunBlock | null;
  /** The effective shell: the step's, else the job's or workflow's `defaults.run.shell`, else the runner's. */
  shell: Located | null;
  withInputs: Record<string, string>;
  withLines: Record<string, number>;
  /** Values of `with:` inputs that are scalars with their nodes (github-script `script:` is mapped line by line). */
  withNodes: Record<string, Node | null>;
  env: MapEntry[];
}

export interface JobModel {
  id: string;
  line: number;
  endLine: number;
  /** null for a job made up to hold the steps of a diff fragment. */
  node: Node | null;
  permissions: MapEntry | undefined;
  runsOn: MapEntry | undefined;
  environment: MapEntry | undefined;
  secrets: MapEntry | undefined;
  strategy: MapEntry | undefined;
  env: MapEntry[];
  /** A reusable workflow call (`jobs.x.uses:`); judged like a `uses:` step. */
  uses: Located | null;
  withInputs: Record<string, string>;
  withLines: Record<string, number>;
  steps: StepModel[];
}

export interface Trigger {
  name: string;
  line: number;
}

export interface WorkflowModel {
  kind: 'workflow' | 'action';
  source: YamlSource;
  /** null when the file has no `on:` (or a diff fragment does not show it). */
  triggers: Trigger[] | null;
  /** The triggers were read from another part of a diff: used for context, reported there. */
  triggersBorrowed?: boolean;
  /** The whole `on:` block is visible (another top-level key follows it, or the whole file is read). */
  triggersComplete?: boolean;
  permissions: MapEntry | undefined;
  env: MapEntry[];
  jobs: JobModel[];
  /** Steps of a composite action (`runs.steps`), which belong to no job. */
  actionSteps: StepModel[];
  problems: YamlProblem[];
}

function located(source: YamlSource, entry: MapEntry | undefined): Located | null {
  if (!entry) return null;
  const value = source.text(entry.value);
  return value === null ? null : { value, line: entry.line };
}

function defaultShell(source: YamlSource, node: unknown): Located | null {
  const defaults = source.get(node, 'defaults');
  const run = defaults ? source.get(defaults.value, 'run') : undefined;
  return located(source, run ? source.get(run.value, 'shell') : undefined);
}

function stepLabel(source: YamlSource, node: unknown, uses: Located | null, run: RunBlock | null, index: number): string {
  for (const key of ['name', 'id']) {
    const v = source.text(source.get(node, key)?.value);
    if (v && v.trim() !== '') return v.trim();
  }
  if (uses && uses.value.trim() !== '') return uses.value.trim();
  const first = run?.text.split('\n').find((l) => l.trim() !== '');
  if (first) return first.trim();
  return `step ${index + 1}`;
}

function scalarInputs(source: YamlSource, node: unknown, problems: YamlProblem[], where: string) {
  const withInputs: Record<string, string> = {};
  const withLines: Record<string, number> = {};
  const withNodes: Record<string, Node | null> = {};
  if (node === undefined || node === null) return { withInputs, withLines, withNodes };
  if (!source.asMap(node)) {
    problems.push({ message: `${where} is not a mapping`, line: source.lineOf(node, 1) });
    return { withInputs, withLines, withNodes };
  }
  for (const e of source.entries(node)) {
    const text = source.text(e.value);
    // A collection as an input value is not valid Actions syntax; keep its JSON so that secrets in it still show.
    withInputs[e.key] = text ?? JSON.stringify(source.toJS(e.value));
    withLines[e.key] = e.line;
    withNodes[e.key] = source.deref(e.value);
  }
  return { withInputs, withLines, withNodes };
}

function buildStep(source: YamlSource, node: unknown, index: number, jobId: string | null, inheritedShell: Located | null, problems: YamlProblem[], fallbackLine: number): StepModel | null {
  const map = source.asMap(node);
  const line = source.lineOf(node, fallbackLine);
  if (!map) {
    problems.push({ message: `step ${index + 1}${jobId ? ` of job \`${jobId}\`` : ''} is not a mapping`, line });
    return null;
  }
  const usesEntry = source.get(map, 'uses');
  const uses = located(source, usesEntry);
  if (usesEntry && !uses) problems.push({ message: '`uses:` is not a string', line: usesEntry.line });
  const runEntry = source.get(map, 'run');
  let run: RunBlock | null = null;
  if (runEntry) {
    const text = source.text(runEntry.value);
    if (text === null) {
      problems.push({ message: '`run:` is not a string', line: runEntry.line });
    } else {
      const valueNode = source.deref(runEntry.value);
      run = { text, line: runEntry.line, lines: scalarLines(source, valueNode, text, runEntry.line) };
    }
  }
  if (!usesEntry && !runEntry) problems.push({ message: `step ${index + 1} has neither \`run:\` nor \`uses:\``, line });
  const shell = located(source, source.get(map, 'shell')) ?? inheritedShell;
  const { withInputs, withLines, withNodes } = scalarInputs(source, source.get(map, 'with')?.value, problems, '`with:`');
  const env = source.entries(source.get(map, 'env')?.value);
  return {
    jobId,
    index,
    node: map,
    line,
    endLine: source.endLineOf(map, line),
    label: stepLabel(source, map, uses, run, index),
    uses,
    run,
    shell,
    withInputs,
    withLines,
    withNodes,
    env,
  };
}

function buildSteps(source: YamlSource, entry: Pick<MapEntry, 'line' | 'value'> | undefined, jobId: string | null, shell: Located | null, problems: YamlProblem[]): StepModel[] {
  if (!entry) return [];
  const seq = source.asSeq(entry.value);
  if (!seq) {
    if (source.text(entry.value) !== '') problems.push({ message: '`steps:` is not a list', line: entry.line });
    return [];
  }
  const steps: StepModel[] = [];
  seq.items.forEach((item, i) => {
    const step = buildStep(source, item, i, jobId, shell, problems, entry.line);
    if (step) steps.push(step);
  });
  return steps;
}

/** GitHub-hosted Windows runners default to PowerShell; everything else to bash. */
function runnerShell(source: YamlSource, runsOn: MapEntry | undefined): Located | null {
  const value = runsOn ? source.text(runsOn.value) : null;
  if (value && /^windows-/i.test(value.trim())) return { value: 'pwsh', line: runsOn?.line ?? 1 };
  return null;
}

function buildJob(source: YamlSource, entry: Pick<MapEntry, 'key' | 'line' | 'value'>, workflowShell: Located | null, problems: YamlProblem[]): JobModel | null {
  const map = source.asMap(entry.value);
  if (!map) {
    problems.push({ message: `job \`${entry.key}\` is not a mapping`, line: entry.line });
    return null;
  }
  const runsOn = source.get(map, 'runs-on');
  const shell = defaultShell(source, map) ?? workflowShell ?? runnerShell(source, runsOn);
  const usesEntry = source.get(map, 'uses');
  const uses = located(source, usesEntry);
  if (usesEntry && !uses) problems.push({ message: '`uses:` is not a string', line: usesEntry.line });
  const stepsEntry = source.get(map, 'steps');
  const { withInputs, withLines } = scalarInputs(source, source.get(map, 'with')?.value, problems, '`with:`');
  if (!usesEntry && !stepsEntry) problems.push({ message: `job \`${entry.key}\` has neither \`steps:\` nor \`uses:\``, line: entry.line });
  return {
    id: entry.key,
    line: entry.line,
    endLine: source.endLineOf(map, entry.line),
    node: map,
    permissions: source.get(map, 'permissions'),
    runsOn,
    environment: source.get(map, 'environment'),
    secrets: source.get(map, 'secrets'),
    strategy: source.get(map, 'strategy'),
    env: source.entries(source.get(map, 'env')?.value),
    uses,
    withInputs,
    withLines,
    steps: buildSteps(source, stepsEntry, entry.key, shell, problems),
  };
}

function triggersOf(source: YamlSource, entry: MapEntry): Trigger[] {
  const value = source.deref(entry.value);
  const scalar = source.text(value);
  if (scalar !== null) return scalar === '' ? [] : [{ name: scalar.trim(), line: entry.line }];
  const seq = source.asSeq(value);
  if (seq) {
    return seq.items.map((item) => ({ name: (source.text(item) ?? JSON.stringify(source.toJS(item))).trim(), line: source.lineOf(item, entry.line) }));
  }
  return source.entries(value).map((e) => ({ name: e.key.trim(), line: e.line }));
}

export interface BuildOptions {
  /** Judge missing parts (no `on:`, no `jobs:`) as problems; off for fragments of a diff. */
  requireComplete: boolean;
}

export function buildWorkflow(source: YamlSource, options: BuildOptions): WorkflowModel {
  const problems: YamlProblem[] = [];
  const root = source.asMap(source.doc.contents);
  if (!root) {
    problems.push({ message: 'the workflow is not a YAML mapping', line: 1 });
    return { kind: 'workflow', source, triggers: null, permissions: undefined, env: [], jobs: [], actionSteps: [], problems };
  }
  // `on` is a string key in YAML 1.2; a YAML 1.1 reader turns it into `true`, so accept both spellings.
  const onEntry = source.get(root, 'on') ?? source.get(root, 'true');
  const jobsEntry = source.get(root, 'jobs');
  if (options.requireComplete && !onEntry) problems.push({ message: 'the workflow has no `on:` triggers', line: 1 });
  if (options.requireComplete && !jobsEntry) problems.push({ message: 'the workflow has no `jobs:`', line: 1 });
  const jobs: JobModel[] = [];
  if (jobsEntry) {
    if (!source.asMap(jobsEntry.value)) problems.push({ message: '`jobs:` is not a mapping', line: jobsEntry.line });
    const shell = defaultShell(source, root);
    for (const e of source.entries(jobsEntry.value)) {
      const job = buildJob(source, e, shell, problems);
      if (job) jobs.push(job);
    }
  }
  const rootEntries = source.entries(root);
  const onIndex = onEntry ? rootEntries.findIndex((e) => e.key === onEntry.key) : -1;
  return {
    kind: 'workflow',
    source,
    triggers: onEntry ? triggersOf(source, onEntry) : null,
    triggersComplete: onEntry !== undefined && (options.requireComplete || onIndex < rootEntries.length - 1),
    permissions: source.get(root, 'permissions'),
    env: source.entries(source.get(root, 'env')?.value),
    jobs,
    actionSteps: [],
    problems,
  };
}

/** An action metadata file: composite steps are steps; a `docker://` image is a `uses:` of its own. */
export function buildAction(source: YamlSource): WorkflowModel {
  const problems: YamlProblem[] = [];
  const model: WorkflowModel = { kind: 'action', source, triggers: null, permissions: undefined, env: [], jobs: [], actionSteps: [], problems };
  const root = source.asMap(source.doc.contents);
  if (!root) {
    problems.push({ message: 'the action file is not a YAML mapping', line: 1 });
    return model;
  }
  const runs = source.get(root, 'runs');
  if (!runs) return model;
  const using = (source.text(source.get(runs.value, 'using')?.value) ?? '').trim().toLowerCase();
  if (using === 'composite') {
    model.actionSteps = buildSteps(source, source.get(runs.value, 'steps'), null, null, problems);
  } else if (using === 'docker') {
    const image = located(source, source.get(runs.value, 'image'));
    if (image && /^docker:\/\//i.test(image.value.trim())) {
      model.actionSteps = [
        {
          jobId: null,
          index: 0,
          node: source.deref(runs.value) as Node,
          line: image.line,
          endLine: image.line,
          label: image.value.trim(),
          uses: image,
          run: null,
          shell: null,
          withInputs: {},
          withLines: {},
          withNodes: {},
          env: [],
        },
      ];
    }
  }
  return model;
}

/** The id given to a job whose key is not visible in a diff fragment; reported as `job: null`. */
export const UNSEEN_JOB = '';

const JOB_KEYS = new Set(['runs-on', 'steps', 'needs', 'environment', 'strategy', 'container', 'services', 'timeout-minutes', 'secrets', 'outputs', 'concurrency', 'continue-on-error']);
const STEP_KEYS = new Set(['run', 'uses']);
/** Keys a step may show in a fragment that cuts it before its `run:`/`uses:`. */
const STEP_LIKE_KEYS = new Set(['run', 'uses', 'name', 'id', 'if', 'with', 'env', 'shell', 'working-directory', 'continue-on-error', 'timeout-minutes']);

/** Events of `on:`; a fragment whose keys are all events is a piece of the trigger list. */
export const EVENT_NAMES = new Set([
  'branch_protection_rule', 'check_run', 'check_suite', 'create', 'delete', 'deployment', 'deployment_status', 'discussion',
  'discussion_comment', 'fork', 'gollum', 'issue_comment', 'issues', 'label', 'merge_group', 'milestone', 'page_build',
  'public', 'pull_request', 'pull_request_review', 'pull_request_review_comment', 'pull_request_target', 'push',
  'registry_package', 'release', 'repository_dispatch', 'schedule', 'status', 'watch', 'workflow_call', 'workflow_dispatch',
  'workflow_run',
]);

function emptyModel(source: YamlSource, kind: 'workflow' | 'action'): WorkflowModel {
  return { kind, source, triggers: null, permissions: undefined, env: [], jobs: [], actionSteps: [], problems: [] };
}

/**
 * A piece of a workflow seen through a diff hunk, read as whatever part of a workflow it is: the
 * top level, the jobs map, one job, a list of steps, one step, or the trigger list. Null when the
 * piece is none of these (the caller then judges its added lines another way).
 */
export function buildFragment(source: YamlSource): WorkflowModel | null {
  const contents = source.deref(source.doc.contents);
  const column = contents ? source.lineColumn((contents as { range?: [number, number, number] }).range?.[0] ?? 0) : 1;
  const problems: YamlProblem[] = [];
  const seq = source.asSeq(contents);
  if (seq) {
    if (seq.items.length === 0 || !seq.items.every((i) => source.entries(i).length > 0 && source.entries(i).every((e) => STEP_LIKE_KEYS.has(e.key)))) return null;
    const model = emptyModel(source, 'workflow');
    const steps = buildSteps(source, { line: source.lineOf(seq, 1), value: seq }, UNSEEN_JOB, null, problems);
    model.jobs = [syntheticJob(source, steps)];
    model.problems = fragmentProblems(problems);
    return model;
  }
  const entries = source.entries(contents);
  if (entries.length === 0) return null;
  const keys = new Set(entries.map((e) => e.key));
  if (column === 1) {
    const top = buildWorkflow(source, { requireComplete: false });
    top.problems = fragmentProblems(top.problems);
    return top;
  }
  if (entries.every((e) => EVENT_NAMES.has(e.key))) {
    const model = emptyModel(source, 'workflow');
    model.triggers = entries.map((e) => ({ name: e.key, line: e.line }));
    return model;
  }
  if ([...keys].some((k) => STEP_KEYS.has(k)) && ![...keys].some((k) => k === 'runs-on' || k === 'steps')) {
    const step = buildStep(source, contents, 0, UNSEEN_JOB, null, problems, 1);
    const model = emptyModel(source, 'workflow');
    model.jobs = [syntheticJob(source, step ? [step] : [])];
    model.problems = fragmentProblems(problems);
    return model;
  }
  if ([...keys].some((k) => JOB_KEYS.has(k))) {
    const model = emptyModel(source, 'workflow');
    const job = buildJob(source, { key: UNSEEN_JOB, line: source.lineOf(contents, 1), value: contents }, null, problems);
    model.jobs = job ? [job] : [];
    model.problems = fragmentProblems(problems);
    return model;
  }
  if (entries.every((e) => source.entries(e.value).some((x) => JOB_KEYS.has(x.key)))) {
    const model = emptyModel(source, 'workflow');
    for (const e of entries) {
      const job = buildJob(source, e, null, problems);
      if (job) model.jobs.push(job);
    }
    model.problems = fragmentProblems(problems);
    return model;
  }
  return null;
}

/** A fragment may cut a step or job before its `run:`/`uses:`/`steps:`: that is not a problem of the file. */
function fragmentProblems(problems: YamlProblem[]): YamlProblem[] {
  return problems.filter((p) => !p.message.includes('has neither'));
}

function syntheticJob(source: YamlSource, steps: StepModel[]): JobModel {
  const first = steps[0];
  return {
    id: UNSEEN_JOB,
    line: first?.line ?? 1,
    endLine: steps[steps.length - 1]?.endLine ?? 1,
    node: null,
    permissions: undefined,
    runsOn: undefined,
    environment: undefined,
    secrets: undefined,
    strategy: undefined,
    env: [],
    uses: null,
    withInputs: {},
    withLines: {},
    steps,
  };
}
