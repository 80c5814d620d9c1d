import type { Reason } from '../../types.js';
import { inputKey } from '../uses/index.js';
import { parseUses } from '../uses/parse-ref.js';
import { chainsInText, chainText, DYNAMIC } from './expressions.js';
import type { JobModel, StepModel, WorkflowModel } from './model.js';
import type { PreparedScript } from './script-text.js';
import { simpleCommands } from './shell-commands.js';
import { hasTrigger, PRIVILEGED_TRIGGERS } from './triggers.js';

/**
 * `wf:untrusted-checkout`: in a workflow that runs with secrets and a write token although an
 * outsider starts it (`pull_request_target`, `workflow_run`, `issue_comment`), checking out the PR's
 * head and then building or testing it runs the attacker's code with those privileges.
 */

type Verdict = { untrusted: false } | { untrusted: true; why: string };

/** Contexts that name the PR's head (or the PR number used to fetch `refs/pull/N/head`). */
function headContext(chain: readonly string[]): boolean {
  const [a, b, c, d] = chain;
  if (a !== 'github') return false;
  if (b === 'head_ref') return true;
  if (b !== 'event') return false;
  if (c === undefined || c === DYNAMIC) return true;
  if (c === 'pull_request') return d === undefined || d === 'head' || d === 'merge_commit_sha' || d === 'number' || d === DYNAMIC;
  if (c === 'number') return true;
  if (c === 'issue') return d === 'number' || d === undefined; // issue_comment on a PR: refs/pull/N
  if (c === 'workflow_run') return d === undefined || d === DYNAMIC || d.startsWith('head_') || d === 'pull_requests';
  if (c === 'client_payload') return true;
  return false;
}

/** Contexts that name the base repository's own, reviewed code. */
function baseContext(chain: readonly string[]): boolean {
  const [a, b, c, d] = chain;
  if (a !== 'github') return false;
  if (['sha', 'ref', 'ref_name', 'base_ref', 'repository', 'workflow_sha', 'repository_owner'].includes(b ?? '')) return true;
  if (b === 'event' && c === 'repository') return true;
  if (b === 'event' && c === 'pull_request' && d === 'base') return true;
  return false;
}

function pullRefLiteral(text: string): boolean {
  return /refs\/pull\/|(?:^|[\s/:])pull\/[^/\s]+\/(?:head|merge)\b/i.test(text);
}

export type EnvLookup = (name: string) => string | undefined;

/** Judges a value that selects what gets checked out (`ref:`, a git argument). */
function judgeValue(value: string, env: EnvLookup, depth = 0): Verdict {
  if (pullRefLiteral(value)) return { untrusted: true, why: `\`${value.trim()}\` is a pull request ref` };
  for (const { chain, expression } of chainsInText(value)) {
    if (headContext(chain)) return { untrusted: true, why: `\`${expression}\` names the pull request's head (${chainText(chain)})` };
    if (baseContext(chain)) continue;
    if (chain[0] === 'env' && chain[1] && chain[1] !== DYNAMIC && depth < 3) {
      const inner = env(chain[1]) ?? env(chain[1].toUpperCase());
      if (inner !== undefined) {
        const v = judgeValue(inner, env, depth + 1);
        if (v.untrusted) return { untrusted: true, why: `\`${expression}\` is set from ${v.why}` };
        continue;
      }
    }
    return { untrusted: true, why: `\`${expression}\` is computed at run time and may name the pull request's head (${chainText(chain)})` };
  }
  return { untrusted: false };
}

export function envLookup(model: WorkflowModel, job: JobModel | null, step: StepModel): EnvLookup {
  const { source } = model;
  const layers = [step.env, job?.env ?? [], model.env];
  return (name) => {
    for (const layer of layers) {
      const e = layer.find((x) => x.key === name);
      if (e) return source.text(e.value) ?? undefined;
    }
    return undefined;
  };
}

const GIT_CHECKOUT_SUBCOMMANDS = new Set(['checkout', 'switch', 'fetch', 'pull', 'reset', 'worktree', 'merge', 'rebase', 'cherry-pick', 'restore']);

function judgeRun(prepared: PreparedScript, env: EnvLookup): Verdict {
  const commands = simpleCommands(prepared.script);
  if (commands === null) return { untrusted: false }; // unparsable scripts are red through the shell rules
  for (const cmd of commands) {
    const words = cmd.args.map((a) => a.text);
    if (cmd.name === 'gh') {
      const i = words.findIndex((w) => !w.startsWith('-'));
      if (words[i] === 'pr' && words.slice(i + 1).find((w) => !w.startsWith('-')) === 'checkout') {
        return { untrusted: true, why: '`gh pr checkout` fetches and checks out the pull request\'s code' };
      }
      continue;
    }
    if (cmd.name !== 'git') continue;
    let i = 0;
    while (i < words.length && (words[i] ?? '').startsWith('-')) i += ['-C', '-c', '--git-dir', '--work-tree', '--namespace'].includes(words[i] ?? '') ? 2 : 1;
    const sub = words[i];
    if (!sub || !GIT_CHECKOUT_SUBCOMMANDS.has(sub)) continue;
    for (const arg of cmd.args.slice(i + 1)) {
      for (const variable of arg.variables) {
        const expression = prepared.placeholders.get(variable);
        if (expression !== undefined) {
          const v = judgeValue(expression, env);
          if (v.untrusted) return { untrusted: true, why: `\`git ${sub}\` of ${v.why}` };
          continue;
        }
        if (variable === 'GITHUB_HEAD_REF') return { untrusted: true, why: `\`git ${sub} $GITHUB_HEAD_REF\` checks out the pull request's branch` };
        const value = env(variable);
        if (value !== undefined) {
          const v = judgeValue(value, env);
          if (v.untrusted) return { untrusted: true, why: `\`git ${sub} $${variable}\`, where ${v.why}` };
        }
      }
      if (pullRefLiteral(arg.text)) return { untrusted: true, why: `\`git ${sub} ${arg.text}\` fetches a pull request ref` };
    }
  }
  return { untrusted: false };
}

export function untrustedCheckoutReasons(model: WorkflowModel, job: JobModel | null, step: StepModel, prepared: PreparedScript | null): Reason[] {
  if (model.kind !== 'workflow') return [];
  const privileged = hasTrigger(model, PRIVILEGED_TRIGGERS);
  if (privileged === false) return [];
  const env = envLookup(model, job, step);
  const when = privileged === null ? 'and the workflow\'s triggers are not visible here (it may run with secrets on a fork\'s PR)' : `in a workflow triggered by \`${(model.triggers ?? []).map((t) => t.name).filter((n) => PRIVILEGED_TRIGGERS.has(n.toLowerCase())).join('`, `')}\`, which runs with secrets and a write token`;
  const reasons: Reason[] = [];
  const ref = step.uses ? parseUses(step.uses.value) : null;
  if (ref?.form === 'remote' && ref.name === 'actions/checkout') {
    for (const name of ['ref', 'repository']) {
      const input = inputKey(step.withInputs, name);
      const value = input === undefined ? undefined : step.withInputs[input];
      if (input === undefined || value === undefined) continue;
      const v = judgeValue(value, env);
      if (v.untrusted) {
        reasons.push({
          rule: 'wf:untrusted-checkout',
          zone: 'red',
          line: step.withLines[input] ?? step.line,
          message: `actions/checkout \`${input}: ${value.trim()}\`: ${v.why} ${when}; any build, test or script that follows runs the PR's code with them. Check out the base, or move the work to a \`pull_request\` workflow`,
        });
      }
    }
  }
  if (step.run && prepared) {
    const v = judgeRun(prepared, env);
    if (v.untrusted) {
      reasons.push({ rule: 'wf:untrusted-checkout', zone: 'red', line: step.run.line, message: `${v.why} ${when}; code from the PR then runs with them` });
    }
  }
  return reasons;
}
