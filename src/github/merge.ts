import { DISABLE_AUTO_MERGE, ENABLE_AUTO_MERGE } from './queries.js';
import type { Octokit, RepoRef } from './types.js';

export type MergeOutcome =
  | { kind: 'auto-merge-enabled' }
  | { kind: 'merged'; sha: string }
  | { kind: 'waiting'; why: string }
  | { kind: 'refused'; why: string };

const METHOD = { merge: 'MERGE', squash: 'SQUASH', rebase: 'REBASE' } as const;

function messageOf(e: unknown): string {
  const err = e as { errors?: { message?: string }[]; message?: string };
  return err.errors?.map((x) => x.message).join('; ') || err.message || String(e);
}

/**
 * Merges a green PR at exactly the classified head: GitHub auto-merge with `expectedHeadOid`, or,
 * where auto-merge is off or the PR can already merge ("clean status"), a REST merge with `sha`.
 * A head that moved answers 409 / an error: nothing merges that was not classified.
 */
export async function mergeGreen(
  octokit: Octokit,
  repo: RepoRef,
  pr: { nodeId: string; number: number; headSha: string; method: 'merge' | 'squash' | 'rebase'; autoMergeAllowed: boolean },
): Promise<MergeOutcome> {
  if (pr.autoMergeAllowed) {
    try {
      await octokit.graphql(ENABLE_AUTO_MERGE, { pullRequestId: pr.nodeId, expectedHeadOid: pr.headSha, mergeMethod: METHOD[pr.method] });
      return { kind: 'auto-merge-enabled' };
    } catch (e) {
      const msg = messageOf(e);
      if (!/clean status|not allowed|auto.?merge is not/i.test(msg)) return { kind: 'refused', why: msg };
    }
  }
  return restMerge(octokit, repo, pr);
}

export async function restMerge(octokit: Octokit, repo: RepoRef, pr: { number: number; headSha: string; method: 'merge' | 'squash' | 'rebase' }): Promise<MergeOutcome> {
  try {
    const r = await octokit.rest.pulls.merge({ ...repo, pull_number: pr.number, sha: pr.headSha, merge_method: pr.method });
    return r.data.merged ? { kind: 'merged', sha: r.data.sha } : { kind: 'waiting', why: r.data.message };
  } catch (e) {
    const status = (e as { status?: number }).status;
    if (status === 405) return { kind: 'waiting', why: `GitHub will not merge yet: ${messageOf(e)}` };
    if (status === 409) return { kind: 'refused', why: 'the head moved since it was classified' };
    throw e;
  }
}

/** Pushes by accounts with write access keep GitHub's auto-merge on: switch it off before deciding again. */
export async function disableAutoMerge(octokit: Octokit, nodeId: string): Promise<void> {
  try {
    await octokit.graphql(DISABLE_AUTO_MERGE, { pullRequestId: nodeId });
  } catch (e) {
    // "not enabled" is fine; anything else must stop the decision (fail closed).
    if (!/not enabled|auto.?merge is not enabled|no auto.?merge/i.test(messageOf(e))) throw e;
  }
}
