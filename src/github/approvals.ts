import { DEFAULT_AGENT_AUTHORS } from '../policy/defaults.js';
import type { Policy } from '../policy/types.js';
import type { Octokit, RepoRef } from './types.js';

/** pulls.listCommits stops at 250 commits: past that the committers are not all known. */
const COMMIT_LIST_CAP = 250;

export interface Review {
  id: number;
  user: { login: string; type: string } | null;
  state: string;
  commit_id: string | null;
  submitted_at?: string | null;
}

export interface ApprovalResult {
  approved: boolean;
  /** Qualified approvers of the head commit, in review order. */
  approvers: { login: string; at: string | null; reviewId: number }[];
  /** Why each other review did not count, for the check output. */
  rejected: { login: string; why: string }[];
  /** A qualified CHANGES_REQUESTED review still standing. */
  blockedBy: string | null;
  needed: number;
  problem: string | null;
}

const RANK: Record<string, number> = { none: 0, read: 1, triage: 2, write: 3, maintain: 4, admin: 5 };

export function isKnownAgent(login: string, policy: Policy): boolean {
  const l = login.toLowerCase();
  return [...DEFAULT_AGENT_AUTHORS, ...policy.agents.authors].some((a) => a.toLowerCase() === l) || l.endsWith('[bot]');
}

/**
 * Who may approve a red PR (config.md): a human (not a Bot), not the author, not anyone who pushed a
 * commit to the PR, not a known agent, with at least `approvals.permission`, in `approvals.users` or a
 * member of `approvals.teams` when those are set; the review is APPROVED and on the current head.
 * A later CHANGES_REQUESTED by a qualified reviewer blocks until dismissed or superseded. Each user's
 * latest review decides, as on GitHub.
 */
export async function evaluateApprovals(
  octokit: Octokit,
  repo: RepoRef,
  pr: { number: number; author: string; headSha: string },
  policy: Policy,
): Promise<ApprovalResult> {
  const needed = policy.approvals.count;
  const result: ApprovalResult = { approved: false, approvers: [], rejected: [], blockedBy: null, needed, problem: null };
  const reviews = (await octokit.paginate(octokit.rest.pulls.listReviews, { ...repo, pull_number: pr.number, per_page: 100 })) as Review[];
  const latest = new Map<string, Review>();
  for (const r of reviews) {
    if (!r.user || r.state === 'COMMENTED' || r.state === 'PENDING') continue;
    latest.set(r.user.login.toLowerCase(), r);
  }
  if (latest.size === 0) return result;

  const commits = (await octokit.paginate(octokit.rest.pulls.listCommits, { ...repo, pull_number: pr.number, per_page: 100 })) as {
    author: { login: string } | null;
    committer: { login: string } | null;
  }[];
  if (commits.length >= COMMIT_LIST_CAP) {
    result.problem = `the PR has ${commits.length}+ commits and GitHub lists only ${COMMIT_LIST_CAP}: who pushed to it cannot be verified, so no approval counts. Squash or split the PR.`;
    return result;
  }
  const committers = new Set<string>();
  for (const c of commits) {
    for (const u of [c.author, c.committer]) if (u?.login && u.login !== 'web-flow') committers.add(u.login.toLowerCase());
  }
  const users = policy.approvals.users.map((u) => u.toLowerCase());
  const minimum = RANK[policy.approvals.permission] ?? 3;

  for (const [login, review] of latest) {
    const name = review.user?.login ?? login;
    const disqualify = (why: string) => result.rejected.push({ login: name, why });
    if (review.state !== 'APPROVED' && review.state !== 'CHANGES_REQUESTED') continue; // dismissed
    if (review.user?.type !== 'User') {
      disqualify('a bot account');
      continue;
    }
    if (login === pr.author.toLowerCase()) {
      disqualify("the PR's author");
      continue;
    }
    if (committers.has(login)) {
      disqualify('pushed a commit to this PR');
      continue;
    }
    if (isKnownAgent(name, policy)) {
      disqualify('a known agent');
      continue;
    }
    if (review.state === 'APPROVED' && review.commit_id !== pr.headSha) {
      disqualify(`approved an older commit (${(review.commit_id ?? '?').slice(0, 7)}), not the head`);
      continue;
    }
    if (users.length > 0 && !users.includes(login)) {
      disqualify('not in approvals.users');
      continue;
    }
    if (policy.approvals.teams.length > 0 && !(await inAnyTeam(octokit, repo.owner, name, policy.approvals.teams))) {
      disqualify('not a member of approvals.teams');
      continue;
    }
    const perm = await permissionOf(octokit, repo, name);
    if ((RANK[perm] ?? 0) < minimum) {
      disqualify(`has ${perm} permission; ${policy.approvals.permission} is needed`);
      continue;
    }
    if (review.state === 'CHANGES_REQUESTED') {
      result.blockedBy = name;
      continue;
    }
    result.approvers.push({ login: name, at: review.submitted_at ?? null, reviewId: review.id });
  }
  result.approved = result.blockedBy === null && result.approvers.length >= needed;
  return result;
}

async function permissionOf(octokit: Octokit, repo: RepoRef, username: string): Promise<string> {
  const r = await octokit.rest.repos.getCollaboratorPermissionLevel({ ...repo, username });
  // role_name distinguishes maintain and triage, which the legacy `permission` field folds into write and read.
  const role = (r.data as { role_name?: string }).role_name;
  return role && role in RANK ? role : r.data.permission;
}

async function inAnyTeam(octokit: Octokit, owner: string, username: string, teams: string[]): Promise<boolean> {
  for (const t of teams) {
    const [org, slug] = t.includes('/') ? (t.split('/', 2) as [string, string]) : [owner, t];
    try {
      const r = await octokit.rest.teams.getMembershipForUserInOrg({ org, team_slug: slug, username });
      if (r.data.state === 'active') return true;
    } catch (e) {
      if ((e as { status?: number }).status !== 404) throw e;
    }
  }
  return false;
}

