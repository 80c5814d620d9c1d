import type { Policy } from '../../../policy/types.js';
import { compileCommandPatterns, type CommandMatcher } from '../../command-pattern.js';
import { applyOverrides } from '../../overrides.js';
import type { Reason } from '../../types.js';

/**
 * The config's say over one simple command (config.md): `commands.red` raises, `overrides` lower a
 * named red rule, `commands.green` / `commands.yellow` re-zone only commands no red rule matched.
 */
interface Compiled {
  red: CommandMatcher;
  yellow: CommandMatcher;
  green: CommandMatcher;
  any: boolean;
}

const cache = new WeakMap<Policy, Compiled>();

function compiled(policy: Policy): Compiled {
  let c = cache.get(policy);
  if (!c) {
    c = {
      red: compileCommandPatterns(policy.commands.red),
      yellow: compileCommandPatterns(policy.commands.yellow),
      green: compileCommandPatterns(policy.commands.green),
      any: policy.commands.red.length + policy.commands.yellow.length + policy.commands.green.length + policy.overrides.length > 0,
    };
    cache.set(policy, c);
  }
  return c;
}

export function applyCommandConfig(reasons: Reason[], command: string, line: number, policy: Policy): Reason[] {
  const c = compiled(policy);
  if (!c.any) return reasons;
  const shown = command.length > 160 ? command.slice(0, 159) + '…' : command;
  let out = reasons;
  if (c.red(command)) out = [...out, { rule: 'step:config-red', zone: 'red', message: `\`${shown}\` matches commands.red of the config`, line }];
  const hadRed = out.some((r) => r.zone === 'red');
  out = applyOverrides(out, { command }, policy);
  if (hadRed) return out;
  const zone = c.yellow(command) ? 'yellow' : c.green(command) ? 'green' : null;
  if (!zone) return out;
  return [{ rule: `step:config-${zone}`, zone, message: `\`${shown}\` matches commands.${zone} of the config`, line }];
}
