import { defaultPolicy } from '../policy/defaults.js';
import { ConfigError } from '../policy/errors.js';
import { loadPolicy, type ExtendsResolver } from '../policy/load.js';
import type { Policy } from '../policy/types.js';
import type { Snapshot } from './snapshot.js';
import type { Octokit, RepoRef } from './types.js';

/**
 * `_extends` through the API: `repo:path` or `owner/repo:path` at that repository's default branch.
 * Written here rather than with Probot's context.config because that parser drops line numbers,
 * and config errors must name file, line and column.
 */
export function apiExtendsResolver(octokit: Octokit, repo: RepoRef): ExtendsResolver {
  return async (ref) => {
    try {
      const r = await octokit.rest.repos.getContent({ owner: ref.owner ?? repo.owner, repo: ref.repo, path: ref.path });
      const data = r.data as { type?: string; content?: string; encoding?: string };
      if (data.type !== 'file' || typeof data.content !== 'string') return null;
      return Buffer.from(data.content, (data.encoding as BufferEncoding | undefined) ?? 'base64').toString('utf8');
    } catch (e) {
      if ((e as { status?: number }).status === 404) return null;
      throw e;
    }
  };
}

export type PolicyResult = { ok: true; policy: Policy } | { ok: false; error: string; policy: Policy };

/** The policy of the default branch (never the PR's head); an unreadable or invalid file fails closed. */
export async function policyFromSnapshot(snapshot: Snapshot, configPath: string, resolveExtends: ExtendsResolver): Promise<PolicyResult> {
  const fallback = { ...defaultPolicy(), configPath };
  if (snapshot.configUnreadable) return { ok: false, error: snapshot.configUnreadable, policy: fallback };
  if (!snapshot.config) return { ok: true, policy: fallback };
  try {
    const policy = await loadPolicy(snapshot.config.text, { file: snapshot.config.path, configPath, resolveExtends });
    return { ok: true, policy };
  } catch (e) {
    if (e instanceof ConfigError) return { ok: false, error: e.all.map((x) => x.oneLine()).join('\n'), policy: fallback };
    throw e;
  }
}
