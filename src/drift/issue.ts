import type { Octokit, RepoRef } from '../github/types.js';
import { driftMarker, markerWeek } from './render.js';

/** The label that lists drift issues cheaply; the hidden marker, not the label, says which week an issue is. */
export const DRIFT_LABEL = 'zone-drift';

export interface DriftIssue {
  number: number;
  week: string;
  state: string;
  url: string;
}

/**
 * The repository's drift issues (open and closed, newest first), one request: the label narrows the
 * list and the marker in the body identifies each. Search is not used: its index lags, and a
 * duplicate created a second earlier would not be found.
 */
export async function listDriftIssues(octokit: Octokit, repo: RepoRef): Promise<DriftIssue[]> {
  const r = await octokit.rest.issues.listForRepo({ ...repo, state: 'all', labels: DRIFT_LABEL, sort: 'created', direction: 'desc', per_page: 100 });
  const out: DriftIssue[] = [];
  for (const i of r.data) {
    if (i.pull_request) continue;
    const week = markerWeek(i.body);
    if (week) out.push({ number: i.number, week, state: i.state, url: i.html_url });
  }
  return out;
}

/**
 * Creates or updates this week's issue. Two runs at once (replicas, or the App and the Action) may
 * both create one: after creating, the list is read again and every issue of the week but the oldest
 * is closed, by whichever run sees it, so both converge on the same issue.
 */
export async function upsertDriftIssue(
  octokit: Octokit,
  repo: RepoRef,
  input: { week: string; title: string; body: string; existing: DriftIssue[] },
): Promise<number> {
  const mine = input.existing.filter((i) => i.week === input.week).sort((a, b) => a.number - b.number);
  let number: number;
  if (mine[0]) {
    number = mine[0].number;
    // A week's issue someone closed stays closed: updated, not reopened.
    await octokit.rest.issues.update({ ...repo, issue_number: number, title: input.title, body: input.body });
    await closeDuplicates(octokit, repo, mine.slice(1), number);
    return number;
  }
  const created = await octokit.rest.issues.create({ ...repo, title: input.title, body: input.body, labels: [DRIFT_LABEL] });
  number = created.data.number;
  const again = (await listDriftIssues(octokit, repo)).filter((i) => i.week === input.week).sort((a, b) => a.number - b.number);
  const oldest = again[0]?.number ?? number;
  if (oldest !== number) {
    // Another run got there first: its issue stays, ours is closed and its content moves there.
    await octokit.rest.issues.update({ ...repo, issue_number: oldest, title: input.title, body: input.body });
  }
  await closeDuplicates(
    octokit,
    repo,
    again.filter((i) => i.number !== oldest && i.state === 'open'),
    oldest,
  );
  return oldest;
}

async function closeDuplicates(octokit: Octokit, repo: RepoRef, dups: DriftIssue[], keep: number): Promise<void> {
  for (const d of dups) {
    if (d.state !== 'open') continue;
    await octokit.rest.issues.update({ ...repo, issue_number: d.number, state: 'closed', state_reason: 'not_planned', body: `${driftMarker(d.week)}\nDuplicate of #${keep}.\n` });
  }
}

/** Closes the drift issues of earlier weeks that are still open, each with a link to this week's. */
export async function closeEarlierWeeks(octokit: Octokit, repo: RepoRef, existing: DriftIssue[], week: string, current: number): Promise<number[]> {
  const closed: number[] = [];
  for (const i of existing) {
    if (i.state !== 'open' || i.week >= week || i.number === current) continue;
    await octokit.rest.issues.createComment({ ...repo, issue_number: i.number, body: `Superseded by #${current} (${week}).` });
    await octokit.rest.issues.update({ ...repo, issue_number: i.number, state: 'closed', state_reason: 'completed' });
    closed.push(i.number);
  }
  return closed;
}
