// The simulator's state: accounts, installations, repositories with their git stores, issues and
// pull requests (one number space, as on GitHub), reviews, check runs, labels and teams.
import { GitStore } from './git.js';
import type { FileDiff } from './files.js';

export type Permission = 'read' | 'triage' | 'write' | 'maintain' | 'admin';
export const PERMISSION_RANK: Record<Permission | 'none', number> = { none: 0, read: 1, triage: 2, write: 3, maintain: 4, admin: 5 };

export interface Account {
  login: string;
  id: number;
  nodeId: string;
  type: 'User' | 'Bot' | 'Organization';
}

export interface AppInfo {
  id: number;
  slug: string;
  name: string;
  owner: string;
}

export interface Installation {
  id: number;
  account: string;
}

export interface RequiredCheck {
  context: string;
  appId?: number;
}

export interface Label {
  id: number;
  nodeId: string;
  name: string;
  color: string;
  description: string | null;
  default: boolean;
}

export interface Review {
  id: number;
  nodeId: string;
  user: string;
  state: 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED' | 'DISMISSED';
  commitId: string;
  body: string;
  submittedAt: string;
}

export interface AutoMerge {
  expectedHeadOid: string | null;
  method: 'MERGE' | 'SQUASH' | 'REBASE';
  enabledBy: string;
  enabledAt: string;
}

export interface PullState {
  headRef: string;
  headSha: string;
  baseRef: string;
  draft: boolean;
  merged: boolean;
  mergedSha: string | null;
  mergeMethod: string | null;
  mergedAt: string | null;
  mergedBy: string | null;
  baseShaAtMerge: string | null;
  autoMerge: AutoMerge | null;
  reviews: Review[];
  requestedUsers: string[];
  requestedTeams: string[];
}

export interface Issue {
  number: number;
  id: number;
  nodeId: string;
  title: string;
  body: string | null;
  state: 'open' | 'closed';
  stateReason: string | null;
  user: string;
  labels: string[];
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  pull?: PullState;
}

export interface Comment {
  id: number;
  nodeId: string;
  issue: number;
  user: string;
  body: string;
  createdAt: string;
  updatedAt: string;
}

export interface Annotation {
  path: string;
  start_line: number;
  end_line: number;
  annotation_level: string;
  message: string;
  title?: string;
  raw_details?: string;
  start_column?: number;
  end_column?: number;
}

export interface CheckRun {
  id: number;
  nodeId: string;
  name: string;
  headSha: string;
  status: string;
  conclusion: string | null;
  startedAt: string;
  completedAt: string | null;
  output: { title: string | null; summary: string | null; text: string | null };
  annotations: Annotation[];
  appId: number;
  suiteId: number;
  detailsUrl: string | null;
  externalId: string | null;
}

export interface Repo {
  id: number;
  nodeId: string;
  owner: string;
  name: string;
  fullName: string;
  defaultBranch: string;
  allowAutoMerge: boolean;
  allowMergeCommit: boolean;
  allowSquashMerge: boolean;
  allowRebaseMerge: boolean;
  installationId: number | null;
  git: GitStore;
  collaborators: Map<string, Permission>;
  protection: Map<string, RequiredCheck[]>;
  rulesets: Map<string, RequiredCheck[]>;
  labels: Map<string, Label>;
  issues: Map<number, Issue>;
  comments: Comment[];
  checkRuns: CheckRun[];
  checkSuites: Map<string, number>;
  omitPatch: Set<string>;
  createdAt: string;
}

export function now(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function nodeId(prefix: string, id: number): string {
  return `${prefix}_kwDO${Buffer.from(String(id)).toString('base64url')}`;
}

export class World {
  readonly accounts = new Map<string, Account>();
  readonly installations = new Map<number, Installation>();
  readonly repos = new Map<string, Repo>();
  readonly teams = new Map<string, { id: number; org: string; slug: string; members: Set<string> }>();
  readonly apps = new Map<number, AppInfo>();
  /** Memoised PR file lists, keyed by merge base and head; trees are immutable so this never goes stale. */
  readonly diffCache = new Map<string, FileDiff[]>();
  private seq = 1000;

  nextId(): number {
    return ++this.seq;
  }

  /** The account for a login, created on first sight (a `[bot]` suffix makes it a Bot, as on GitHub). */
  account(login: string, type?: Account['type']): Account {
    let a = this.accounts.get(login.toLowerCase());
    if (!a) {
      const id = this.nextId();
      const t = type ?? (login.endsWith('[bot]') ? 'Bot' : 'User');
      a = { login, id, nodeId: nodeId(t === 'Bot' ? 'BOT' : t === 'Organization' ? 'O' : 'U', id), type: t };
      this.accounts.set(login.toLowerCase(), a);
    } else if (type && a.type !== type) {
      a.type = type;
    }
    return a;
  }

  repo(fullName: string): Repo {
    const r = this.repos.get(fullName.toLowerCase());
    if (!r) throw new Error(`sim: no repository ${fullName}`);
    return r;
  }

  findRepo(owner: string, name: string): Repo | undefined {
    return this.repos.get(`${owner}/${name}`.toLowerCase());
  }

  issue(repo: Repo, number: number): Issue {
    const i = repo.issues.get(number);
    if (!i) throw new Error(`sim: no issue or pull request #${number} in ${repo.fullName}`);
    return i;
  }

  pull(repo: Repo, number: number): Issue & { pull: PullState } {
    const i = this.issue(repo, number);
    if (!i.pull) throw new Error(`sim: #${number} in ${repo.fullName} is an issue, not a pull request`);
    return i as Issue & { pull: PullState };
  }

  permission(repo: Repo, login: string): Permission | 'none' {
    if (login.toLowerCase() === repo.owner.toLowerCase()) return 'admin';
    for (const [l, p] of repo.collaborators) if (l.toLowerCase() === login.toLowerCase()) return p;
    return 'none';
  }

  /** Required checks of a branch: classic protection and rulesets together, as GitHub enforces both. */
  requiredChecks(repo: Repo, branch: string): RequiredCheck[] {
    return [...(repo.protection.get(branch) ?? []), ...(repo.rulesets.get(branch) ?? [])];
  }

  suiteId(repo: Repo, sha: string, appId: number): number {
    const key = `${sha}:${appId}`;
    let id = repo.checkSuites.get(key);
    if (id === undefined) {
      id = this.nextId();
      repo.checkSuites.set(key, id);
    }
    return id;
  }

  /** The latest run per (name, app) on a sha, as `filter=latest` returns them. */
  latestRuns(repo: Repo, sha: string): CheckRun[] {
    const latest = new Map<string, CheckRun>();
    for (const r of repo.checkRuns) {
      if (r.headSha !== sha) continue;
      const key = `${r.name}\0${r.appId}`;
      const prev = latest.get(key);
      if (!prev || prev.id < r.id) latest.set(key, r);
    }
    return [...latest.values()];
  }

  ensureLabel(repo: Repo, name: string, color = 'ededed'): Label {
    const key = name.toLowerCase();
    let l = repo.labels.get(key);
    if (!l) {
      const id = this.nextId();
      l = { id, nodeId: nodeId('LA', id), name, color, description: null, default: false };
      repo.labels.set(key, l);
    }
    return l;
  }
}
