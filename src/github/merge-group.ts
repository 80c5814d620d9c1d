import { upsertCheck } from './checks.js';
import { checkName, type Logger, type Octokit, type RepoRef } from './types.js';

interface MergeGroup {
  head_sha: string;
  head_ref: string;
  base_ref: string;
}

/**
 * A merge queue runs required checks on a temporary merge commit. agent-zones gives that commit a
 * check of its own: success only when every PR in the group has this App's success check on its own
 * head (the decided, and for red the approved, commit). The queue neither stalls on a missing check
 * nor lets an undecided change through; a group it cannot attribute fails.
 */
export async function decideMergeGroup(octokit: Octokit, repo: RepoRef, group: MergeGroup, appId: number, meta: { delivery: string; log: Logger }): Promise<void> {
  const base = group.base_ref.replace(/^refs\/heads\//, '');
  const name = checkName(base);
  // GitHub names queue branches gh-readonly-queue/<base>/pr-<number>-<head sha>; a group holds the PRs before it too.
  const m = /\/pr-(\d+)-([0-9a-f]{40})$/.exec(group.head_ref);
  let ok = false;
  let why = `the merge group ${group.head_ref} names no pull request agent-zones can check`;
  if (m) {
    const [, number, prHead] = m as unknown as [string, string, string];
    const runs = await octokit.rest.checks.listForRef({ ...repo, ref: prHead, check_name: name, app_id: appId, filter: 'latest' });
    const run = runs.data.check_runs[0];
    ok = run?.status === 'completed' && (run.conclusion === 'success' || run.conclusion === 'neutral');
    why = ok ? `PR #${number} at ${prHead.slice(0, 12)} passed agent-zones (${run?.conclusion}).` : `PR #${number} at ${prHead.slice(0, 12)} has no passing agent-zones decision.`;
  }
  await upsertCheck(octokit, repo, {
    id: null,
    name,
    headSha: group.head_sha,
    conclusion: ok ? 'success' : 'failure',
    output: { title: ok ? 'Merge group: decided' : 'Merge group: not decided', summary: why, text: '', annotations: [] },
    appId,
  });
  meta.log.info({ delivery: meta.delivery, repo: `${repo.owner}/${repo.repo}`, mergeGroup: group.head_sha, ok }, 'agent-zones: merge group');
}
