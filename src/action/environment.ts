import type { Octokit, RepoRef } from '../github/types.js';

export interface EnvironmentApproval {
  approved: boolean;
  approvers: string[];
  why: string;
}

interface RunReview {
  state: string;
  user: { login: string } | null;
  environments: { name?: string }[];
}

/**
 * Whether this workflow run passed the required reviewers of `environment`. A step cannot learn its
 * job's environment from the runner (no variable or context carries it), and an input naming one
 * is only a claim of the workflow file. So the claim is checked against GitHub's record of the run:
 * `GET /repos/{owner}/{repo}/actions/runs/{run_id}/approvals` lists the reviews that let the run's
 * jobs into protected environments; an `approved` one naming the environment is the approval.
 */
export async function environmentApproval(octokit: Octokit, repo: RepoRef, runId: number | null, environment: string): Promise<EnvironmentApproval> {
  if (runId === null) return { approved: false, approvers: [], why: 'GITHUB_RUN_ID is not set, so the run cannot be looked up' };
  let reviews: RunReview[];
  try {
    reviews = (await octokit.request('GET /repos/{owner}/{repo}/actions/runs/{run_id}/approvals', { ...repo, run_id: runId })).data as RunReview[];
  } catch (e) {
    const status = (e as { status?: number }).status;
    return { approved: false, approvers: [], why: `GitHub did not list the run's environment approvals (${status ?? String(e)}); the token needs \`actions: read\`` };
  }
  const name = environment.toLowerCase();
  const matching = reviews.filter((r) => r.environments.some((e) => (e.name ?? '').toLowerCase() === name));
  const rejected = matching.find((r) => r.state !== 'approved');
  if (rejected) return { approved: false, approvers: [], why: `a reviewer of ${environment} answered ${rejected.state}` };
  const approvers = matching.map((r) => r.user?.login).filter((l): l is string => Boolean(l));
  if (approvers.length === 0) {
    return { approved: false, approvers: [], why: `this run has no approved review for environment ${environment}: the job does not use it, or the environment has no required reviewers` };
  }
  return { approved: true, approvers, why: `environment ${environment}'s required reviewers approved this run` };
}
