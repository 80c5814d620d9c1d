import { extractRecord, type DecisionRecord } from '../github/record.js';
import { checkName, type Octokit, type RepoRef } from '../github/types.js';
import { DRIFT_PULLS_QUERY, DRIFT_REPO_QUERY } from './queries.js';

/** What the report knows of one pull request: GitHub's facts plus the App's last decision on its head. */
export interface PullFacts {
  number: number;
  title: string;
  body: string;
  url: string;
  author: string;
  merged: boolean;
  mergedAt: string | null;
  mergedBy: string | null;
  closedAt: string | null;
  createdAt: string;
  updatedAt: string;
  baseRef: string;
  headRef: string;
  labels: string[];
  /** The author is a Bot account (GraphQL logins have no `[bot]` suffix; `author` has it added). */
  authorIsBot: boolean;
  /** Changed paths as GitHub lists them (first 100), and how many there are. */
  files: string[];
  filesTotal: number;
  /** The App's check run on the last commit, if any. */
  check: { conclusion: string | null; status: string; startedAt: string | null; completedAt: string | null } | null;
  /** The DecisionRecord in that check run's output (agent PRs only), or null. */
  record: DecisionRecord | null;
}

interface Blob {
  text?: string | null;
  isTruncated?: boolean;
  isBinary?: boolean | null;
}

interface RepoResult {
  repository: { defaultBranchRef: { name: string } | null; configYml: Blob | null; configYaml: Blob | null } | null;
}

export interface RepoFacts {
  defaultBranch: string;
  config: { path: string; text: string } | null;
  /** The config exists but cannot be read as text. */
  configProblem: string | null;
}

/** The default branch and the config file's text on it (HEAD is the default branch), in one request. */
export async function fetchRepoFacts(octokit: Octokit, repo: RepoRef, configPath: string): Promise<RepoFacts> {
  const yamlPath = configPath.replace(/\.yml$/, '.yaml');
  const r = await octokit.graphql<RepoResult>(DRIFT_REPO_QUERY, { owner: repo.owner, name: repo.repo, configYml: `HEAD:${configPath}`, configYaml: `HEAD:${yamlPath}` });
  if (!r.repository) throw new Error(`GitHub did not return ${repo.owner}/${repo.repo}`);
  const pick = (path: string, b: Blob | null): { text: { path: string; text: string } | null; problem: string | null } => {
    if (!b || b.text === undefined) return { text: null, problem: null };
    if (b.isBinary || b.text === null) return { text: null, problem: `${path} is not a text file` };
    if (b.isTruncated) return { text: null, problem: `${path} is too large to read through the API` };
    return { text: { path, text: b.text }, problem: null };
  };
  const yml = pick(configPath, r.repository.configYml);
  const yaml = yamlPath === configPath ? { text: null, problem: null } : pick(yamlPath, r.repository.configYaml);
  return { defaultBranch: r.repository.defaultBranchRef?.name ?? 'main', config: yml.text ?? yaml.text, configProblem: yml.problem ?? yaml.problem };
}

interface RunNode {
  databaseId: number;
  name: string;
  status: string;
  conclusion: string | null;
  startedAt: string | null;
  completedAt: string | null;
  text: string | null;
}

interface PullNode {
  number: number;
  title: string;
  body: string | null;
  url: string;
  merged: boolean;
  mergedAt: string | null;
  closedAt: string | null;
  createdAt: string;
  updatedAt: string;
  baseRefName: string;
  headRefName: string;
  labels: { nodes: { name: string }[] } | null;
  author: { __typename: string; login: string } | null;
  mergedBy: { login: string } | null;
  files: { totalCount: number; nodes: { path: string }[] } | null;
  commits: { nodes: { commit: { checkSuites: { nodes: { checkRuns: { nodes: RunNode[] } | null }[] } | null } }[] };
}

interface PullsResult {
  repository: { pullRequests: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: PullNode[] } } | null;
}

/**
 * A page size that keeps responses moderate: each PR carries up to a few check-run texts of up to
 * 64 KB (GitHub's output limit), so 50 rather than GraphQL's maximum of 100.
 */
export const PAGE_SIZE = 50;
/** Hard stop for a runaway repository: 40 pages are 2,000 pull requests. */
const MAX_PAGES = 40;

/**
 * Every pull request updated at or after `since`, newest first, with the App's last decision. A
 * check run's update does not always bump the PR's updatedAt, hence the caller's slack on `since`.
 */
export async function fetchPulls(
  octokit: Octokit,
  repo: RepoRef,
  opts: { since: Date; appId: number | null; pageSize?: number },
): Promise<{ pulls: PullFacts[]; truncated: boolean }> {
  const pulls: PullFacts[] = [];
  let after: string | null = null;
  for (let page = 0; page < MAX_PAGES; page++) {
    const variables: Record<string, unknown> = { owner: repo.owner, name: repo.repo, first: opts.pageSize ?? PAGE_SIZE, after };
    if (opts.appId !== null) variables.appId = opts.appId;
    const r: PullsResult = await octokit.graphql<PullsResult>(DRIFT_PULLS_QUERY, variables);
    const conn = r.repository?.pullRequests;
    if (!conn) throw new Error(`GitHub did not return the pull requests of ${repo.owner}/${repo.repo}`);
    for (const node of conn.nodes) {
      if (Date.parse(node.updatedAt) < opts.since.getTime()) return { pulls, truncated: false };
      pulls.push(toFacts(node));
    }
    if (!conn.pageInfo.hasNextPage || !conn.pageInfo.endCursor) return { pulls, truncated: false };
    after = conn.pageInfo.endCursor;
  }
  return { pulls, truncated: true };
}

function toFacts(node: PullNode): PullFacts {
  const name = checkName(node.baseRefName);
  const runs = (node.commits.nodes[0]?.commit.checkSuites?.nodes ?? [])
    .flatMap((s) => s.checkRuns?.nodes ?? [])
    .filter((r) => r.name === name)
    .sort((a, b) => b.databaseId - a.databaseId);
  const run = runs[0];
  return {
    number: node.number,
    title: node.title,
    body: node.body ?? '',
    url: node.url,
    author: restLogin(node.author),
    authorIsBot: node.author?.__typename === 'Bot',
    merged: node.merged,
    mergedAt: node.mergedAt,
    mergedBy: node.mergedBy?.login ?? null,
    closedAt: node.closedAt,
    createdAt: node.createdAt,
    updatedAt: node.updatedAt,
    baseRef: node.baseRefName,
    headRef: node.headRefName,
    labels: (node.labels?.nodes ?? []).map((l) => l.name),
    files: (node.files?.nodes ?? []).map((f) => f.path),
    filesTotal: node.files?.totalCount ?? 0,
    check: run ? { conclusion: run.conclusion?.toLowerCase() ?? null, status: run.status.toLowerCase(), startedAt: run.startedAt, completedAt: run.completedAt } : null,
    record: run ? extractRecord(run.text) : null,
  };
}

/** REST spells an App's login `name[bot]`, GraphQL `name`: the records and the config use REST's. */
function restLogin(a: { __typename: string; login: string } | null): string {
  if (!a) return 'ghost';
  return a.__typename === 'Bot' && !a.login.endsWith('[bot]') ? `${a.login}[bot]` : a.login;
}
