import type { Policy } from '../../../policy/types.js';
import type { Cmd, RawCommand } from '../../shell/command.js';
import type { Node } from '../../shell/parser.js';
import type { ShellState } from '../../shell/walk.js';
import type { Reason, StepContext, Zone } from '../../types.js';

/** What a rule sees besides the command: the step context, the policy and the script's state so far. */
export interface RuleContext {
  ctx: StepContext;
  policy: Policy;
  state: ShellState;
  allowHost(host: string): boolean;
  /** Judges a command line the command carries (`sh -c '...'`, `eval '...'`, a heredoc fed to a shell). */
  nested(script: string, line: number): Reason[];
  /** Judges a command made from this one (`npx tool args`, `find -exec cmd`). */
  judge(cmd: Cmd): Reason[];
  /** Commands the walker found inside a node of the current script (a `$(...)` or `<(...)`). */
  commandsWithin(node: Node): RawCommand[];
}

const MAX_SHOWN = 160;

export function shown(text: string): string {
  const t = text.replace(/\u0000/g, '…').replace(/\u0002/g, '$').replace(/__AZX\d+__/g, '${{…}}').replace(/\s+/g, ' ').trim();
  return t.length > MAX_SHOWN ? t.slice(0, MAX_SHOWN - 1) + '…' : t;
}

export function reason(rule: string, zone: Zone, cmd: Cmd | null, message: string, line?: number): Reason {
  const prefix = cmd ? `\`${shown(cmd.text)}\`: ` : '';
  const r: Reason = { rule, zone, message: prefix + message };
  const l = line ?? cmd?.line;
  if (l !== undefined) r.line = l;
  return r;
}
