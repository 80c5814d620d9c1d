import type { Policy } from '../policy/types.js';
import { parseDiff } from './diff/parse.js';
import type { DiffFile, ParsedDiff } from './diff/types.js';
import { buildDecision } from './decision.js';
import { initEngine } from './init.js';
import { applyOverrides } from './overrides.js';
import { binaryReason } from './rules/change/binary.js';
import { deletion } from './rules/change/delete.js';
import { modeReasons } from './rules/change/modes.js';
import { scanContent } from './rules/content/index.js';
import { classifyPath, isTestPath } from './rules/path/index.js';
import { classifyWorkflowChange, classifyWorkflowDiff, isWorkflowPath } from './rules/workflow/index.js';
import type { Decision, FileResult, Reason, StepResult } from './types.js';
import { zoneOf } from './zone.js';

/** Full file texts at the base and head of the change, where the caller can read them (git, the API). */
export interface FileSource {
  base(path: string): Promise<string | null>;
  head(path: string): Promise<string | null>;
}

export interface ClassifyDiffOptions {
  source?: FileSource;
  /** PR-level reasons found by the caller (a truncated API listing, an invalid config). */
  reasons?: Reason[];
}

export async function classifyDiffText(text: string, policy: Policy, opts: ClassifyDiffOptions = {}): Promise<Decision> {
  return classifyDiff(parseDiff(text), policy, opts);
}

export async function classifyDiff(parsed: ParsedDiff, policy: Policy, opts: ClassifyDiffOptions = {}): Promise<Decision> {
  await initEngine();
  const reasons: Reason[] = [...(opts.reasons ?? [])];
  for (const problem of parsed.problems) {
    reasons.push({ rule: 'pr:truncated', zone: 'red', message: `The diff is incomplete: ${problem}. Nothing unseen is judged lower than red.` });
  }
  const files: FileResult[] = [];
  const steps: StepResult[] = [];
  for (const file of parsed.files) {
    const result = classifyFile(file, policy);
    files.push(result);
    if (result.reasons.some((r) => r.rule === 'pr:truncated')) {
      reasons.push({ rule: 'pr:truncated', zone: 'red', message: `The change to ${result.path} is incomplete (a hunk cut short or a missing patch).` });
    }
    const path = file.newPath;
    if (path && file.status !== 'removed' && isWorkflowPath(path)) {
      steps.push(...(await workflowSteps(file, path, policy, opts.source)));
    }
  }
  return buildDecision(files, steps, dedupe(reasons));
}

async function workflowSteps(file: DiffFile, path: string, policy: Policy, source: FileSource | undefined): Promise<StepResult[]> {
  if (!source || file.truncated) return classifyWorkflowDiff(file, policy);
  const [base, head] = await Promise.all([file.oldPath ? source.base(file.oldPath) : Promise.resolve(null), source.head(path)]);
  if (head === null) return classifyWorkflowDiff(file, policy);
  return classifyWorkflowChange(path, base, head, policy);
}

export function classifyFile(file: DiffFile, policy: Policy): FileResult {
  const path = (file.newPath ?? file.oldPath ?? '') as string;
  const reasons: Reason[] = [];
  const pathReasons = classifyPath(path, policy);
  reasons.push(...pathReasons);
  const moved = file.oldPath !== null && file.newPath !== null && file.oldPath !== file.newPath;
  if (moved) {
    const old = file.oldPath as string;
    for (const r of classifyPath(old, policy)) {
      // The old path's catch-all "source" adds nothing when the new path is already yellow or more;
      // below that (source moved into docs/ or tests/) it keeps the file at max(old, new) = yellow.
      if (r.rule === 'path:source' && zoneOf(pathReasons) !== 'green') continue;
      reasons.push({ ...r, message: `(previous path) ${r.message}` });
    }
    const how = file.status === 'copied' ? 'copied' : 'renamed';
    reasons.push({
      rule: 'change:rename',
      zone: 'green',
      message: `${how} from ${old}${file.similarity !== null ? ` (similarity ${file.similarity}%)` : ''}: judged on both paths.`,
    });
  }
  const pathZone = zoneOf(reasons);
  const changeReasons: Reason[] = [];
  if (file.status === 'removed') changeReasons.push(deletion(path, policy));
  changeReasons.push(...modeReasons(file, path, pathZone));
  if (file.binary) changeReasons.push(binaryReason(path, pathZone));
  if (!file.binary && file.truncated) {
    changeReasons.push({ rule: 'pr:truncated', zone: 'red', message: `A hunk of ${path} ends before its line counts: the rest of the change is unseen.` });
  }
  if (!file.binary && file.status === 'modified' && file.hunks.length === 0) {
    changeReasons.push({ rule: 'pr:truncated', zone: 'red', message: `${path} is listed as modified but its patch is missing: the change is unseen.` });
  }
  reasons.push(...applyOverrides(changeReasons, { path }, policy));
  // Lockfiles are scanned even without added lines: a removed `integrity` is a finding.
  if (!file.binary && file.status !== 'removed' && file.hunks.length > 0) {
    reasons.push(...applyOverrides(scanContent({ path, file, isTest: isTestPath(path) }, policy), { path }, policy));
  }
  return { path, previousPath: moved || file.status === 'copied' ? file.oldPath : null, status: file.status, zone: zoneOf(reasons), reasons };
}

function dedupe(reasons: Reason[]): Reason[] {
  const seen = new Set<string>();
  return reasons.filter((r) => {
    const key = `${r.rule}\u0000${r.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
