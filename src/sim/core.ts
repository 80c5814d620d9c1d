// GitHub's behaviour over the model: file lists, mergeability from required checks, merging with the
// head guard, auto-merge that fires when the required checks pass, and the webhooks each change sends.
import { diffTrees, type FileDiff } from './model/files.js';
import { mergeTrees, type Commit } from './model/git.js';
import { Shapes, type Urls } from './model/shapes.js';
import { now, PERMISSION_RANK, World, type AppInfo, type CheckRun, type Issue, type PullState, type Repo } from './model/world.js';
import type { Deliverer } from './webhooks.js';

export type Pull = Issue & { pull: PullState };

/** The App id GitHub Actions has on github.com: "another CI" in the simulator. */
export const EXTERNAL_CI_APP_ID = 15368;

export const PASSING = new Set(['success', 'neutral', 'skipped']);

export interface MergeOutcome {
  status: number;
  message: string;
  sha?: string;
}

export class SimCore {
  readonly world = new World();
  readonly shapes: Shapes;
  readonly app: AppInfo;

  constructor(readonly appId: number, readonly urls: Urls, readonly deliverer: Deliverer, appSlug = 'agent-zones') {
    this.shapes = new Shapes(this.world, urls);
    this.app = { id: appId, slug: appSlug, name: appSlug, owner: 'sim-apps' };
    this.world.apps.set(appId, this.app);
    this.world.account('sim-apps', 'Organization');
    this.world.account(`${appSlug}[bot]`, 'Bot');
    this.world.account('github', 'Organization');
    this.world.apps.set(EXTERNAL_CI_APP_ID, { id: EXTERNAL_CI_APP_ID, slug: 'github-actions', name: 'GitHub Actions', owner: 'github' });
  }

  get appBot(): string {
    return `${this.app.slug}[bot]`;
  }

  // ---- diffs ---------------------------------------------------------------------------------

  mergeBaseOf(repo: Repo, pr: Pull): string {
    const baseTip = repo.git.branches.get(pr.pull.baseRef);
    if (!baseTip) return pr.pull.headSha;
    if (pr.pull.merged && pr.pull.baseShaAtMerge) return repo.git.mergeBase(pr.pull.baseShaAtMerge, pr.pull.headSha) ?? pr.pull.baseShaAtMerge;
    return repo.git.mergeBase(baseTip, pr.pull.headSha) ?? baseTip;
  }

  files(repo: Repo, pr: Pull): FileDiff[] {
    const mb = this.mergeBaseOf(repo, pr);
    const key = `${repo.id}:${mb}:${pr.pull.headSha}`;
    let f = this.world.diffCache.get(key);
    if (!f) {
      f = diffTrees(repo.git.get(mb).tree, repo.git.get(pr.pull.headSha).tree);
      this.world.diffCache.set(key, f);
    }
    return f;
  }

  commits(repo: Repo, pr: Pull): Commit[] {
    return repo.git.commitsBetween(this.mergeBaseOf(repo, pr), pr.pull.headSha);
  }

  // ---- mergeability --------------------------------------------------------------------------

  /** The first required check of the base branch that does not pass on the head, and why. */
  unmetRequiredCheck(repo: Repo, baseRef: string, sha: string): { context: string; why: 'expected' | 'failing' } | null {
    const runs = this.world.latestRuns(repo, sha);
    for (const req of this.world.requiredChecks(repo, baseRef)) {
      const run = runs.filter((r) => r.name === req.context && (req.appId === undefined || r.appId === req.appId)).sort((a, b) => b.id - a.id)[0];
      if (!run || run.status !== 'completed') return { context: req.context, why: 'expected' };
      if (!PASSING.has(run.conclusion ?? '')) return { context: req.context, why: 'failing' };
    }
    return null;
  }

  conflicts(repo: Repo, pr: Pull): string[] {
    const baseTip = repo.git.branches.get(pr.pull.baseRef);
    if (!baseTip) return [];
    const mb = this.mergeBaseOf(repo, pr);
    return mergeTrees(repo.git.get(mb).tree, repo.git.get(baseTip).tree, repo.git.get(pr.pull.headSha).tree).conflicts;
  }

  mergeState(repo: Repo, pr: Pull): { mergeable: boolean | null; state: 'clean' | 'blocked' | 'dirty' | 'unstable' | 'draft' | 'unknown' } {
    if (pr.state !== 'open') return { mergeable: null, state: 'unknown' };
    if (this.conflicts(repo, pr).length) return { mergeable: false, state: 'dirty' };
    if (pr.pull.draft) return { mergeable: true, state: 'draft' };
    if (this.unmetRequiredCheck(repo, pr.pull.baseRef, pr.pull.headSha)) return { mergeable: true, state: 'blocked' };
    if (this.changesRequested(repo, pr)) return { mergeable: true, state: 'blocked' };
    const failing = this.world.latestRuns(repo, pr.pull.headSha).some((r) => r.status === 'completed' && !PASSING.has(r.conclusion ?? ''));
    return { mergeable: true, state: failing ? 'unstable' : 'clean' };
  }

  /** GitHub blocks merging while a reviewer with write access has an outstanding change request. */
  private changesRequested(repo: Repo, pr: Pull): boolean {
    const latest = new Map<string, string>();
    for (const r of pr.pull.reviews) if (r.state !== 'COMMENTED') latest.set(r.user.toLowerCase(), r.state);
    return [...latest].some(([u, s]) => s === 'CHANGES_REQUESTED' && PERMISSION_RANK[this.world.permission(repo, u)] >= PERMISSION_RANK.write);
  }

  pullJson(repo: Repo, pr: Pull) {
    const m = this.mergeState(repo, pr);
    return this.shapes.pullRequest(repo, pr, { files: this.files(repo, pr), commits: this.commits(repo, pr).length, mergeable: m.mergeable, mergeableState: m.state });
  }

  // ---- merging -------------------------------------------------------------------------------

  merge(repo: Repo, pr: Pull, opts: { sha?: string; method?: string; by: string; title?: string; message?: string }): MergeOutcome {
    const method = (opts.method ?? 'merge').toLowerCase();
    if (pr.state !== 'open') return { status: 405, message: 'Pull Request is not mergeable' };
    if (opts.sha && opts.sha !== pr.pull.headSha) return { status: 409, message: 'Head branch was modified. Review and try the merge again.' };
    if (pr.pull.draft) return { status: 405, message: 'Pull Request is still a draft' };
    const allowed = { merge: repo.allowMergeCommit, squash: repo.allowSquashMerge, rebase: repo.allowRebaseMerge }[method as 'merge'];
    if (allowed === undefined) return { status: 422, message: 'Validation Failed' };
    if (!allowed) return { status: 405, message: `${method === 'merge' ? 'Merge commits' : method === 'squash' ? 'Squash merges' : 'Rebase merges'} are not allowed on this repository.` };
    const unmet = this.unmetRequiredCheck(repo, pr.pull.baseRef, pr.pull.headSha);
    if (unmet) return { status: 405, message: `Required status check "${unmet.context}" is ${unmet.why}.` };
    if (this.changesRequested(repo, pr)) return { status: 405, message: 'Changes must be made through a pull request. At least 1 approving review is required by reviewers with write access.' };
    const baseTip = repo.git.branches.get(pr.pull.baseRef)!;
    const mb = this.mergeBaseOf(repo, pr);
    const merged = mergeTrees(repo.git.get(mb).tree, repo.git.get(baseTip).tree, repo.git.get(pr.pull.headSha).tree);
    if (merged.conflicts.length) return { status: 405, message: 'Pull Request is not mergeable' };
    let commit: Commit;
    if (method === 'merge') {
      commit = repo.git.store(merged.tree, [baseTip, pr.pull.headSha], opts.by, opts.message ?? `Merge pull request #${pr.number} from ${repo.owner}/${pr.pull.headRef}\n\n${pr.title}`);
    } else if (method === 'squash') {
      commit = repo.git.store(merged.tree, [baseTip], opts.by, `${opts.title ?? `${pr.title} (#${pr.number})`}${opts.message ? `\n\n${opts.message}` : ''}`);
    } else {
      let tip = baseTip;
      for (const c of repo.git.commitsBetween(mb, pr.pull.headSha)) {
        const parent = c.parents[0] ? repo.git.get(c.parents[0]).tree : new Map();
        tip = repo.git.store(mergeTrees(parent, repo.git.get(tip).tree, c.tree).tree, [tip], c.author, c.message).sha;
      }
      commit = repo.git.get(tip);
    }
    repo.git.branches.set(pr.pull.baseRef, commit.sha);
    const t = now();
    Object.assign(pr.pull, { merged: true, mergedSha: commit.sha, mergeMethod: method, mergedAt: t, mergedBy: opts.by, baseShaAtMerge: baseTip });
    Object.assign(pr, { state: 'closed', closedAt: t, updatedAt: t });
    this.deliverer.sendLater('pull_request', this.pullPayload('closed', repo, pr, opts.by));
    return { status: 200, message: 'Pull Request successfully merged', sha: commit.sha };
  }

  /** Merges every open PR whose auto-merge is on and whose required checks now pass, as GitHub does. */
  settle(repo: Repo): void {
    for (const i of repo.issues.values()) {
      if (!i.pull || i.state !== 'open' || !i.pull.autoMerge) continue;
      const pr = i as Pull;
      const st = this.mergeState(repo, pr).state;
      if (st !== 'clean' && st !== 'unstable') continue;
      this.merge(repo, pr, { method: pr.pull.autoMerge!.method, by: pr.pull.autoMerge!.enabledBy });
    }
  }

  // ---- check runs ----------------------------------------------------------------------------

  addCheckRun(repo: Repo, run: Omit<CheckRun, 'id' | 'nodeId' | 'suiteId'>): CheckRun {
    const id = this.world.nextId();
    const full: CheckRun = { ...run, id, nodeId: `CR_kwDO${id}`, suiteId: this.world.suiteId(repo, run.headSha, run.appId) };
    repo.checkRuns.push(full);
    return full;
  }

  checkRunPayload(action: string, repo: Repo, run: CheckRun, sender: string): object {
    const base = this.shapes.checkRun(repo, run);
    const app = this.world.apps.get(run.appId);
    const branch = [...repo.git.branches].find(([, s]) => s === run.headSha)?.[0] ?? null;
    const check_suite = {
      id: run.suiteId, node_id: `CS_kwDO${run.suiteId}`, head_branch: branch, head_sha: run.headSha, status: run.status, conclusion: run.conclusion,
      url: `${this.urls.api}/repos/${repo.fullName}/check-suites/${run.suiteId}`, before: null, after: run.headSha, pull_requests: base.pull_requests,
      app: app ? this.shapes.app(app) : null, created_at: run.startedAt, updated_at: run.completedAt ?? run.startedAt,
    };
    return { action, check_run: { ...base, check_suite }, ...this.envelope(repo, sender) };
  }

  // ---- webhook payloads ----------------------------------------------------------------------

  envelope(repo: Repo, sender: string): Record<string, unknown> {
    const out: Record<string, unknown> = { repository: this.shapes.repository(repo), sender: this.shapes.user(sender) };
    const owner = this.world.account(repo.owner);
    if (owner.type === 'Organization') {
      const u = `${this.urls.api}/orgs/${owner.login}`;
      out.organization = { login: owner.login, id: owner.id, node_id: owner.nodeId, url: u, repos_url: `${u}/repos`, events_url: `${u}/events`, hooks_url: `${u}/hooks`,
        issues_url: `${u}/issues`, members_url: `${u}/members{/member}`, public_members_url: `${u}/public_members{/member}`, avatar_url: `${this.urls.html}/avatars/u/${owner.id}`, description: null };
    }
    if (repo.installationId !== null) out.installation = { id: repo.installationId, node_id: `MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9u${repo.installationId}` };
    return out;
  }

  pullPayload(action: string, repo: Repo, pr: Pull, sender: string, extra: Record<string, unknown> = {}): object {
    return { action, number: pr.number, pull_request: this.pullJson(repo, pr), ...extra, ...this.envelope(repo, sender) };
  }

  issuePayload(action: string, repo: Repo, issue: Issue, sender: string, extra: Record<string, unknown> = {}): object {
    return { action, issue: this.shapes.issue(repo, issue), ...extra, ...this.envelope(repo, sender) };
  }
}
