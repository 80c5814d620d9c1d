import type { Reason } from '../../types.js';
import type { WorkflowModel } from './model.js';

/**
 * `wf:dangerous-trigger`: `pull_request_target` and `workflow_run` run with the base repository's
 * secrets and a write token while reacting to a fork's PR, the setting of most "pwn request" attacks.
 */
export const DANGEROUS_TRIGGERS: ReadonlySet<string> = new Set(['pull_request_target', 'workflow_run']);

/** Triggers that run on an outsider's pull request or its reviews and comments. */
export const PULL_REQUEST_TRIGGERS: ReadonlySet<string> = new Set([
  'pull_request',
  'pull_request_target',
  'pull_request_review',
  'pull_request_review_comment',
  'workflow_run',
  'issue_comment',
]);

/**
 * Triggers that run with secrets and a write token although an outsider starts them: checking out
 * the PR's code there runs it with those privileges (`wf:untrusted-checkout`).
 */
export const PRIVILEGED_TRIGGERS: ReadonlySet<string> = new Set(['pull_request_target', 'workflow_run', 'issue_comment']);

export function triggerNames(model: WorkflowModel): string[] | null {
  return model.triggers?.map((t) => t.name.toLowerCase()) ?? null;
}

/** true / false, or null when the triggers are not visible (a diff fragment): callers assume the worst. */
export function hasTrigger(model: WorkflowModel, set: ReadonlySet<string>): boolean | null {
  const names = triggerNames(model);
  if (names === null) return null;
  return names.some((n) => set.has(n));
}

export function dangerousTriggerReasons(model: WorkflowModel): Reason[] {
  const reasons: Reason[] = [];
  if (model.triggersBorrowed) return reasons;
  for (const t of model.triggers ?? []) {
    const name = t.name.toLowerCase();
    if (!DANGEROUS_TRIGGERS.has(name)) continue;
    const why =
      name === 'pull_request_target'
        ? 'runs on pull requests from forks with the base repository\'s secrets and a write token'
        : 'runs after another workflow (often a fork\'s PR run) with secrets and a write token, and is often used to handle that run\'s untrusted artifacts';
    reasons.push({
      rule: 'wf:dangerous-trigger',
      zone: 'red',
      line: t.line,
      message: `trigger \`${t.name}\` ${why}; never check out or run the PR's code in it, and prefer \`pull_request\``,
    });
  }
  return reasons;
}
