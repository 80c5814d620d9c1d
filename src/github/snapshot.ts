import { SNAPSHOT_QUERY } from './queries.js';
import type { Octokit, RepoRef } from './types.js';

export interface CheckRunRef {
  id: number;
  status: string;
  conclusion: string | null;
}

/** The state of a PR at one moment, from one GraphQL request. */
export interface Snapshot {
  repositoryId: string;
  autoMergeAllowed: boolean;
  defaultBranch: string;
  /** The config file's text at the default branch, its path, or null when there is none. */
  config: { path: string; text: string } | null;
  /** Set when the config file exists but cannot be read as text (binary, or over GraphQL's size limit). */
  configUnreadable: string | null;
  zoneLabels: { name: string; color: string }[];
  /** Check names the base branch requires (branch protection and rulesets), with the app id where one is pinned. */
  requiredChecks: { context: string; appId: number | null }[];
  pr: {
    id: number;
    nodeId: string;
    state: string;
    merged: boolean;
    draft: boolean;
    headSha: string;
    headRef: string;
    baseRef: string;
    baseSha: string;
    changedFiles: number;
    author: { login: string; type: string } | null;
    autoMerge: boolean;
    labels: string[];
  };
  /** The App's check runs with this check name on the head commit. */
  existingChecks: CheckRunRef[];
}

interface Blob {
  text?: string | null;
  isTruncated?: boolean;
  isBinary?: boolean | null;
}

interface SnapshotResult {
  repository: {
    id: string;
    autoMergeAllowed: boolean;
    defaultBranchRef: { name: string } | null;
    configYml: Blob | null;
    configYaml: Blob | null;
    zoneLabels: { nodes: { name: string; color: string }[] } | null;
    baseRef: {
      branchProtectionRule: {
        requiresStatusChecks: boolean;
        requiredStatusCheckContexts: (string | null)[] | null;
        requiredStatusChecks: { context: string; app: { databaseId: number | null } | null }[] | null;
      } | null;
      rules: { nodes: { type: string; parameters: { requiredStatusChecks?: { context: string; integrationId: number | null }[] } | null }[] } | null;
    } | null;
    pullRequest: {
      id: string;
      number: number;
      state: string;
      merged: boolean;
      isDraft: boolean;
      headRefOid: string;
      headRefName: string;
      baseRefName: string;
      baseRefOid: string;
      changedFiles: number;
      author: { __typename: string; login: string } | null;
      autoMergeRequest: { enabledAt: string | null } | null;
      labels: { nodes: { name: string }[] } | null;
      commits: {
        nodes: {
          commit: {
            oid: string;
            checkSuites: { nodes: { checkRuns: { nodes: { databaseId: number; status: string; conclusion: string | null }[] } | null }[] } | null;
          };
        }[];
      };
    } | null;
  } | null;
}

export class SnapshotError extends Error {
  override name = 'SnapshotError';
}

function readBlob(path: string, blob: Blob | null): { text: { path: string; text: string } | null; unreadable: string | null } {
  if (!blob || blob.text === undefined) return { text: null, unreadable: null };
  if (blob.isBinary || blob.text === null) return { text: null, unreadable: `${path} is not a text file` };
  if (blob.isTruncated) return { text: null, unreadable: `${path} is too large to read through the API` };
  return { text: { path, text: blob.text }, unreadable: null };
}

export async function fetchSnapshot(
  octokit: Octokit,
  repo: RepoRef,
  opts: { number: number; baseBranch: string; defaultBranch: string; configPath: string; appId: number; checkName: string },
): Promise<Snapshot> {
  const yamlPath = opts.configPath.replace(/\.yml$/, '.yaml');
  const r = await octokit.graphql<SnapshotResult>(SNAPSHOT_QUERY, {
    owner: repo.owner,
    name: repo.repo,
    number: opts.number,
    baseRef: `refs/heads/${opts.baseBranch}`,
    configYml: `${opts.defaultBranch}:${opts.configPath}`,
    configYaml: `${opts.defaultBranch}:${yamlPath}`,
    appId: opts.appId,
    checkName: opts.checkName,
  });
  const repository = r.repository;
  const pr = repository?.pullRequest;
  if (!repository || !pr) throw new SnapshotError(`GitHub did not return ${repo.owner}/${repo.repo}#${opts.number}`);
  const yml = readBlob(opts.configPath, repository.configYml);
  const yaml = yamlPath === opts.configPath ? { text: null, unreadable: null } : readBlob(yamlPath, repository.configYaml);
  const required: Snapshot['requiredChecks'] = [];
  const rule = repository.baseRef?.branchProtectionRule;
  if (rule?.requiresStatusChecks) {
    for (const c of rule.requiredStatusChecks ?? []) required.push({ context: c.context, appId: c.app?.databaseId ?? null });
    for (const c of rule.requiredStatusCheckContexts ?? []) if (c && !required.some((x) => x.context === c)) required.push({ context: c, appId: null });
  }
  for (const node of repository.baseRef?.rules?.nodes ?? []) {
    if (node.type !== 'REQUIRED_STATUS_CHECKS') continue;
    for (const c of node.parameters?.requiredStatusChecks ?? []) required.push({ context: c.context, appId: c.integrationId ?? null });
  }
  const head = pr.commits.nodes[0]?.commit;
  const existingChecks: CheckRunRef[] =
    head && head.oid === pr.headRefOid
      ? (head.checkSuites?.nodes ?? []).flatMap((s) => (s.checkRuns?.nodes ?? []).map((c) => ({ id: c.databaseId, status: c.status.toLowerCase(), conclusion: c.conclusion?.toLowerCase() ?? null })))
      : [];
  return {
    repositoryId: repository.id,
    autoMergeAllowed: repository.autoMergeAllowed,
    defaultBranch: repository.defaultBranchRef?.name ?? opts.defaultBranch,
    config: yml.text ?? yaml.text,
    configUnreadable: yml.unreadable ?? yaml.unreadable,
    zoneLabels: repository.zoneLabels?.nodes ?? [],
    requiredChecks: required,
    pr: {
      id: pr.number,
      nodeId: pr.id,
      state: pr.state.toLowerCase(),
      merged: pr.merged,
      draft: pr.isDraft,
      headSha: pr.headRefOid,
      headRef: pr.headRefName,
      baseRef: pr.baseRefName,
      baseSha: pr.baseRefOid,
      changedFiles: pr.changedFiles,
      author: pr.author ? { login: pr.author.login, type: pr.author.__typename } : null,
      autoMerge: pr.autoMergeRequest !== null,
      labels: (pr.labels?.nodes ?? []).map((l) => l.name),
    },
    existingChecks,
  };
}
