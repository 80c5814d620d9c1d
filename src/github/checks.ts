import type { CheckOutput } from './report.js';
import type { Octokit, RepoRef } from './types.js';

export type CheckConclusion = 'success' | 'failure' | 'neutral';

/**
 * One check run per head SHA and name for that SHA's whole life: created once, then updated. The
 * caller passes the id it found in the snapshot; a run is created only when there is none.
 */
export async function upsertCheck(
  octokit: Octokit,
  repo: RepoRef,
  c: { id: number | null; name: string; headSha: string; conclusion: CheckConclusion; output: CheckOutput; appId?: number },
): Promise<number> {
  const body = {
    ...repo,
    status: 'completed' as const,
    conclusion: c.conclusion,
    completed_at: new Date().toISOString(),
    output: { title: c.output.title, summary: c.output.summary, text: c.output.text, annotations: c.output.annotations },
  };
  if (c.id !== null) {
    await octokit.rest.checks.update({ ...body, check_run_id: c.id });
    return c.id;
  }
  // Creating is not idempotent: a create that timed out may still land at GitHub, and a blind retry
  // would leave two runs for one head (the soak run found exactly that). So no automatic retry: after
  // a failed create, wait, look for the run, update it if it landed, create only if it did not.
  for (let attempt = 0; ; attempt++) {
    try {
      const r = await octokit.rest.checks.create({ ...body, name: c.name, head_sha: c.headSha, request: { retries: 0 } });
      return r.data.id;
    } catch (e) {
      const status = (e as { status?: number }).status ?? 500;
      const transient = status >= 500 || status === 403 || status === 429;
      if (!transient || attempt >= CREATE_ATTEMPTS - 1) throw e;
      await new Promise((resolve) => setTimeout(resolve, CREATE_SETTLE_MS * (attempt + 1)));
      const landed = await findCheck(octokit, repo, c.headSha, c.name, c.appId);
      if (landed !== null) {
        await octokit.rest.checks.update({ ...body, check_run_id: landed });
        return landed;
      }
    }
  }
}

/** Attempts at creating a check run, each after looking whether the previous one landed. */
const CREATE_ATTEMPTS = 4;
/** How long a create that failed is given to land before looking for it (times the attempt). */
const CREATE_SETTLE_MS = 500;

/** The newest check run of this App with that name on a commit (another App's run of that name is not ours). */
async function findCheck(octokit: Octokit, repo: RepoRef, headSha: string, name: string, appId: number | undefined): Promise<number | null> {
  const r = await octokit.rest.checks.listForRef({ ...repo, ref: headSha, check_name: name, filter: 'latest', ...(appId === undefined ? {} : { app_id: appId }) });
  const mine = r.data.check_runs.filter((run) => run.name === name && (appId === undefined || run.app?.id === appId)).sort((a, b) => b.id - a.id);
  return mine[0]?.id ?? null;
}
