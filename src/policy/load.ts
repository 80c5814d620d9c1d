import { defaultPolicy, DEFAULT_CONFIG_PATH } from './defaults.js';
import { ConfigError, throwConfigErrors } from './errors.js';
import { extendsChain, type ExtendsResolver } from './extends.js';
import { checkConfigText, type ConfigLayer } from './layer.js';
import { mergeConfig } from './merge.js';
import { matchesSchema } from './structure.js';
import type { Policy } from './types.js';

export type { ExtendsResolver } from './extends.js';
export { ConfigError } from './errors.js';

export interface LoadOptions {
  /** How the file is named in errors: the path given to the CLI, or the config path in the repository. */
  file: string;
  /** Where the config lives in the repository (a `path:gate-config` path); default `.github/agent-zones.yml`. */
  configPath?: string;
  /** Fetches a shared file named by `_extends`; without it, `_extends` is an error. */
  resolveExtends?: ExtendsResolver;
}

/**
 * Parses and checks one config file on its own (no `_extends` resolution): its plain value (null when
 * empty) and every problem found, located.
 */
export function parsePolicyDocument(text: string, file: string): { value: unknown; errors: ConfigError[] } {
  const layer = checkConfigText(text, file);
  return { value: layer.errors.length ? undefined : layer.value, errors: layer.errors };
}

/**
 * The resolved policy of a config text: defaults, then shared files (`_extends`), then this file.
 * Throws a ConfigError (the first problem, all of them in `.all`) for anything invalid, including a
 * shared file that is missing or unreadable: an unreadable config fails closed.
 */
export async function loadPolicy(text: string, opts: LoadOptions): Promise<Policy> {
  const local = checkConfigText(text, opts.file);
  if (local.errors.length) throwConfigErrors(local.errors);
  const layers = await extendsChain(local, opts.resolveExtends, checkConfigText);
  let merged: unknown = {};
  for (const layer of layers) merged = mergeConfig(merged, withoutExtends(layer));
  // Each layer passed the schema, and merging only concatenates lists and picks scalars, so this holds;
  // checked anyway because a policy that escaped validation must not reach the engine.
  if (!matchesSchema(merged)) {
    throwConfigErrors([new ConfigError({ file: opts.file, problem: 'the merged config (with its `_extends` files) is invalid', fix: 'check the shared files named by `_extends`' })]);
  }
  const policy = mergeConfig(defaultPolicy(), merged) as Policy;
  policy.configPath = opts.configPath ?? DEFAULT_CONFIG_PATH;
  return policy;
}

function withoutExtends(layer: ConfigLayer): Record<string, unknown> {
  const { _extends: _ignored, ...rest } = layer.value ?? {};
  return rest;
}
