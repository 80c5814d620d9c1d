import { readFile } from 'node:fs/promises';
import { defaultPolicy } from '../policy/defaults.js';
import { ConfigError } from '../policy/errors.js';
import { loadPolicy } from '../policy/load.js';
import type { Policy } from '../policy/types.js';
import { UsageError } from './errors.js';
import { gitShow } from './git.js';

/**
 * The CLI resolves no `_extends`: it has no GitHub access. A shared file must be merged by the App
 * or the Action, or passed whole with --config.
 */
async function noRemoteExtends(): Promise<string | null> {
  throw new UsageError('`_extends` cannot be resolved by the command line (it reads no other repository); pass the merged config with --config');
}

export async function policyFromFile(file: string): Promise<Policy> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read config ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  return loadPolicy(text, { file, resolveExtends: noRemoteExtends });
}

/** `.github/agent-zones.yml` (or `.yaml`) at the BASE commit, else the built-in policy. */
export async function policyAtRevision(repo: string, rev: string): Promise<Policy> {
  for (const path of ['.github/agent-zones.yml', '.github/agent-zones.yaml']) {
    const text = await gitShow(repo, rev, path);
    if (text !== null) return loadPolicy(text, { file: `${rev}:${path}`, resolveExtends: noRemoteExtends });
  }
  return defaultPolicy();
}

export function describeError(e: unknown): string {
  if (e instanceof ConfigError) return e.oneLine();
  if (e instanceof Error) return e.message;
  return String(e);
}
