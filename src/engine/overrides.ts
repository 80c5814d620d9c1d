import { LOCKED_RULES } from '../policy/defaults.js';
import type { Override, Policy } from '../policy/types.js';
import { compileCommandPatterns, type CommandMatcher } from './command-pattern.js';
import { compileGlobs, type PathMatcher } from './glob.js';
import type { Reason } from './types.js';

interface CompiledOverride {
  index: number;
  override: Override;
  paths: PathMatcher | null;
  commands: CommandMatcher | null;
}

const cache = new WeakMap<Policy, CompiledOverride[]>();

function compiled(policy: Policy): CompiledOverride[] {
  let list = cache.get(policy);
  if (!list) {
    list = policy.overrides.map((override, index) => ({
      index,
      override,
      paths: override.paths?.length ? compileGlobs(override.paths) : null,
      commands: override.commands?.length ? compileCommandPatterns(override.commands) : null,
    }));
    cache.set(policy, list);
  }
  return list;
}

export interface OverrideTarget {
  /** A file path, for path and change rules. */
  path?: string;
  /** One simple command (after unwrapping), for step rules. */
  command?: string;
}

/**
 * Lowers red reasons that an `overrides` entry names, for the path or command it names. Locked rules
 * are never lowered, and `change:delete` never below yellow, whatever the config says (the loader
 * rejects such entries too; this is the second fence).
 */
export function applyOverrides(reasons: Reason[], target: OverrideTarget, policy: Policy): Reason[] {
  if (policy.overrides.length === 0) return reasons;
  const list = compiled(policy);
  return reasons.map((reason) => {
    if (reason.zone !== 'red' || LOCKED_RULES.has(reason.rule)) return reason;
    for (const o of list) {
      if (o.override.rule !== reason.rule) continue;
      const hit =
        (target.path !== undefined && o.paths?.(target.path)) ||
        (target.command !== undefined && o.commands?.(target.command));
      if (!hit) continue;
      const zone = reason.rule === 'change:delete' && o.override.zone === 'green' ? 'yellow' : o.override.zone;
      return {
        ...reason,
        zone,
        message: `${reason.message} (lowered to ${zone} by overrides[${o.index}] of the config)`,
      };
    }
    return reason;
  });
}
