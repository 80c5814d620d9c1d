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
  c: { id: number | null; name: string; headSha: string; conclusion: CheckConclusion; output: CheckOutput },
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
  const r = await octokit.rest.checks.create({ ...body, name: c.name, head_sha: c.headSha });
  return r.data.id;
}
