import { readFile } from 'node:fs/promises';
import { defaultPolicy } from '../policy/defaults.js';
import { ConfigError } from '../policy/errors.js';
import { loadPolicy } from '../policy/load.js';
import type { Policy } from '../policy/types.js';
import { UsageError } from './errors.js';
import { gitShow } from './git.js';

// The CLI passes no `_extends` resolver: it reads no other repository, so a config that extends a
// shared file is a located config error here (the App and the Action resolve it through the API).
export async function policyFromFile(file: string): Promise<Policy> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read config ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  return loadPolicy(text, { file });
}

/** `.github/agent-zones.yml` (or `.yaml`) at the BASE commit, else the built-in policy. */
export async function policyAtRevision(repo: string, rev: string): Promise<Policy> {
  for (const path of ['.github/agent-zones.yml', '.github/agent-zones.yaml']) {
    const text = await gitShow(repo, rev, path);
    if (text !== null) return loadPolicy(text, { file: `${rev}:${path}`, configPath: path });
  }
  return defaultPolicy();
}

export function describeError(e: unknown): string {
  if (e instanceof ConfigError) return e.oneLine();
  if (e instanceof Error) return e.message;
  return String(e);
}
