import type { Policy } from '../../../policy/types.js';
import type { Reason, StepContext } from '../../types.js';
import { classifyInlineCode, classifyScript } from '../step/index.js';
import type { RunBlock } from './model.js';
import { prepareScript, type PreparedScript } from './script-text.js';
import { templateInjectionReasons } from './template-injection.js';

/**
 * A `run:` step: the script goes to the shell classifier (or the inline-code classifier for
 * `shell: python` / `pwsh`), and its line numbers are mapped back to the workflow file.
 */
const POSIX_SHELLS = new Set(['', 'bash', 'sh', 'dash', 'zsh', 'ksh', 'ash']);
const PYTHON = /^python(?:\d+(?:\.\d+)*)?$/;

/** The interpreter of a `shell:` value: `bash -e {0}` -> `bash`, `/usr/bin/env python3 {0}` -> `python3`. */
export function shellProgram(shell: string | null | undefined): string {
  const words = (shell ?? '').trim().split(/\s+/).filter(Boolean);
  let first = words[0] ?? '';
  if (first.split('/').pop() === 'env' && words[1]) first = words[1];
  return (first.split('/').pop() ?? '').toLowerCase();
}

// What may follow the interpreter in a `shell:` value: flags and the script placeholder
// (`bash --noprofile --norc -eo pipefail {0}`, pwsh's own `-command ". '{0}'"`).
const SHELL_ARGUMENT = /^(?:-{1,2}[A-Za-z][\w-]*|pipefail|\{0\}|'\{0\}'|"\. '\{0\}'"|\.|'\{0\}'")$/;

/**
 * A custom `shell:` is a command line GitHub runs with the script file: anything beyond the
 * interpreter, its flags and `{0}` is a command of its own that no `run:` shows.
 */
export function customShellReasons(shell: string | null, line: number): Reason[] {
  if (!shell) return [];
  const words = shell.trim().match(/"[^"]*"|'[^']*'|\S+/g) ?? [];
  const extra = words.slice(1).filter((w, i) => !SHELL_ARGUMENT.test(w) && !(i === 0 && shellProgram(words[0]) === 'env'));
  const program = shellProgram(shell);
  if (extra.length === 0 && !/[;&|`$<>()]/.test(shell.replace(/\{0\}/g, ''))) return [];
  return [
    {
      rule: 'step:obfuscated',
      zone: 'red',
      line,
      message: `\`shell: ${shell.trim()}\` is a custom command line (${program || 'unknown program'} with \`${extra.join(' ') || 'shell syntax'}\`): it runs before and around the script, and the script alone does not show what happens; use a plain shell name`,
    },
  ];
}

export interface RunResult {
  reasons: Reason[];
  /** The script with expressions replaced, for the checks that look at commands (untrusted checkout); null for non-shell steps. */
  prepared: PreparedScript | null;
}

function mapLines(reasons: Reason[], run: RunBlock): Reason[] {
  return reasons.map((r) => ({ ...r, line: r.line !== undefined ? run.lines.lineOfValueLine(r.line) : run.line }));
}

export function classifyRun(run: RunBlock, shell: string | null, policy: Policy, ctx: StepContext): RunResult {
  const program = shellProgram(shell);
  const reasons: Reason[] = [];
  let prepared: PreparedScript | null = null;
  if (POSIX_SHELLS.has(program)) {
    prepared = prepareScript(run.text);
    reasons.push(...mapLines(classifyScript(prepared.script, policy, { ...ctx, inWorkflow: true }), run));
  } else if (PYTHON.test(program)) {
    reasons.push(...mapLines(classifyInlineCode('python', run.text, policy), run));
  } else if (program === 'pwsh' || program === 'powershell') {
    reasons.push(...mapLines(classifyInlineCode('pwsh', run.text, policy), run));
  } else {
    reasons.push(...mapLines(classifyInlineCode(program, run.text, policy), run));
    reasons.push({
      rule: 'step:unknown',
      zone: 'yellow',
      line: run.line,
      message: `\`run:\` with \`shell: ${shell ?? ''}\` runs the script with ${program || 'an unknown interpreter'}, which agent-zones does not parse; review the script`,
    });
  }
  reasons.push(...templateInjectionReasons(run.text, 'run:', (offset) => run.lines.lineOfOffset(offset)));
  return { reasons, prepared };
}
