import { gitShow } from '../cli/git.js';
import { apiExtendsResolver } from '../github/policy.js';
import type { Octokit, RepoRef } from '../github/types.js';
import { defaultPolicy } from '../policy/defaults.js';
import { ConfigError } from '../policy/errors.js';
import { loadPolicy } from '../policy/load.js';
import type { Policy } from '../policy/types.js';

export type ActionPolicy = { ok: true; policy: Policy; source: string } | { ok: false; error: string; policy: Policy; source: string };

/** `.github/agent-zones.yml` also answers to `.yaml`, as in the App. */
function candidates(configPath: string): string[] {
  const yaml = configPath.replace(/\.yml$/, '.yaml');
  return yaml === configPath ? [configPath] : [configPath, yaml];
}

async function parse(text: string, file: string, configPath: string, octokit: Octokit | null, repo: RepoRef): Promise<ActionPolicy> {
  try {
    const resolveExtends = octokit ? apiExtendsResolver(octokit, repo) : undefined;
    return { ok: true, policy: await loadPolicy(text, { file, configPath, ...(resolveExtends ? { resolveExtends } : {}) }), source: file };
  } catch (e) {
    if (e instanceof ConfigError) return { ok: false, error: e.all.map((x) => x.oneLine()).join('\n'), policy: { ...defaultPolicy(), configPath }, source: file };
    throw e;
  }
}

/** The config as committed at `rev` (the PR's BASE commit), read from git: never the head's. */
export async function policyAtCommit(workspace: string, rev: string, configPath: string, octokit: Octokit | null, repo: RepoRef): Promise<ActionPolicy> {
  for (const path of candidates(configPath)) {
    const text = await gitShow(workspace, rev, path);
    if (text !== null) return parse(text, `${rev.slice(0, 12)}:${path}`, configPath, octokit, repo);
  }
  return { ok: true, policy: { ...defaultPolicy(), configPath }, source: `built-in defaults (no ${configPath} at ${rev.slice(0, 12)})` };
}

/** The config of the default branch through the API (config.md), for runs with no trusted base commit. */
export async function policyAtDefaultBranch(octokit: Octokit, repo: RepoRef, defaultBranch: string, configPath: string): Promise<ActionPolicy> {
  for (const path of candidates(configPath)) {
    let text: string;
    try {
      const r = await octokit.rest.repos.getContent({ ...repo, path, ref: defaultBranch });
      const data = r.data as { type?: string; content?: string; encoding?: string };
      if (data.type !== 'file' || typeof data.content !== 'string') {
        return { ok: false, error: `${path} at ${defaultBranch} is not a readable file`, policy: { ...defaultPolicy(), configPath }, source: `${defaultBranch}:${path}` };
      }
      text = Buffer.from(data.content, (data.encoding as BufferEncoding | undefined) ?? 'base64').toString('utf8');
    } catch (e) {
      if ((e as { status?: number }).status === 404) continue;
      throw e;
    }
    return parse(text, `${defaultBranch}:${path}`, configPath, octokit, repo);
  }
  return { ok: true, policy: { ...defaultPolicy(), configPath }, source: `built-in defaults (no ${configPath} on ${defaultBranch})` };
}
