// The GitHub simulator: a stateful stand-in for GitHub (Enterprise Server layout) on loopback, driven
// by tests and the demo through this class, and by the real App through real Octokit and real signed
// webhooks.
import { Auth } from './auth.js';
import { EXTERNAL_CI_APP_ID, SimCore, type Pull } from './core.js';
import { Faults, type Fault } from './faults.js';
import { GraphqlApi } from './graphql.js';
import { GitStore, mergeTrees, type FileChange as Change } from './model/git.js';
import { nodeId, now, PERMISSION_RANK, type CheckRun, type Issue, type Permission, type Repo, type RequiredCheck } from './model/world.js';
import { addComment, createIssue, issueRoutes } from './routes/issues.js';
import { appRoutes } from './routes/apps.js';
import { checkRoutes } from './routes/checks.js';
import { pullRoutes } from './routes/pulls.js';
import { repoRoutes } from './routes/repos.js';
import { SimServer, type RequestRecord, type Route } from './server.js';
import { Deliverer, type DeliveryMode, type DeliveryRecord } from './webhooks.js';

export type { FileChange, FileMode } from './model/git.js';
export type { Fault } from './faults.js';
export type { RequestRecord } from './server.js';
export type { DeliveryRecord, DeliveryMode } from './webhooks.js';
export { sign } from './webhooks.js';
export { githubGraphqlSchema } from './graphql.js';

export { EXTERNAL_CI_APP_ID } from './core.js';

export interface SimCheckRun {
  id: number;
  name: string;
  head_sha: string;
  status: string;
  conclusion: string | null;
  output: { title: string | null; summary: string | null; text: string | null; annotations_count: number };
  annotations: CheckRun['annotations'];
  app_id: number;
  started_at: string;
  completed_at: string | null;
}

export interface StartOptions {
  webhookSecret: string;
  appId: number;
  privateKey: string;
  webhookUrl?: string;
  log?: boolean;
  /** The App's slug (its bot is `<slug>[bot]`); agent-zones when not given. */
  appSlug?: string;
}

export class GitHubSim {
  readonly url: string;
  readonly apiUrl: string;
  readonly graphqlUrl: string;

  private constructor(private readonly core: SimCore, private readonly server: SimServer, private readonly faults: Faults) {
    this.url = core.urls.html;
    this.apiUrl = core.urls.api;
    this.graphqlUrl = `${this.url}/api/graphql`;
  }

  static async start(opts: StartOptions): Promise<GitHubSim> {
    const auth = new Auth(opts.appId, opts.privateKey);
    const deliverer = new Deliverer(opts.webhookSecret, opts.appId, opts.webhookUrl, opts.log ?? false);
    // the port is known only after listening; the URL object is shared, so it is filled in afterwards
    const urls = { html: '', api: '' };
    const core = new SimCore(opts.appId, urls, deliverer, opts.appSlug);
    const faults = new Faults();
    const gql = new GraphqlApi(core);
    const server = new SimServer(core, auth, faults, (body, caller) => gql.handle(body, caller), opts.log ?? false);
    server.add([...appRoutes(auth), ...repoRoutes, ...pullRoutes, ...checkRoutes, ...issueRoutes]);
    const port = await server.listen();
    urls.html = `http://127.0.0.1:${port}`;
    urls.api = `${urls.html}/api/v3`;
    return new GitHubSim(core, server, faults);
  }

  /** Every REST route served, as Octokit URL templates, for conformance checks. */
  get routes(): readonly Pick<Route, 'method' | 'template' | 'operation'>[] {
    return this.server.routeList;
  }

  /** The App's bot login (`<slug>[bot]`), the sender of the App's own actions. */
  get appBot(): string {
    return this.core.appBot;
  }

  setWebhookUrl(url: string): void {
    this.core.deliverer.url = url;
  }

  async stop(): Promise<void> {
    await this.core.deliverer.idle().catch(() => undefined);
    await this.server.close();
  }

  // ---- world -------------------------------------------------------------------------------

  private get world() {
    return this.core.world;
  }

  private repo(fullName: string): Repo {
    return this.world.repo(fullName);
  }

  private pr(fullName: string, number: number): { repo: Repo; pr: Pull } {
    const repo = this.repo(fullName);
    return { repo, pr: this.world.pull(repo, number) };
  }

  private send(event: string, payload: object): Promise<void> {
    return this.core.deliverer.send(event, payload).then(() => undefined);
  }

  addUser(login: string, type: 'User' | 'Bot' = login.endsWith('[bot]') ? 'Bot' : 'User'): void {
    this.world.account(login, type);
  }

  createInstallation(account: string): number {
    const acc = this.world.account(account, this.world.accounts.get(account.toLowerCase())?.type ?? 'Organization');
    const existing = [...this.world.installations.values()].find((i) => i.account.toLowerCase() === acc.login.toLowerCase());
    if (existing) return existing.id;
    const id = this.world.nextId();
    this.world.installations.set(id, { id, account: acc.login });
    for (const r of this.world.repos.values()) if (r.owner.toLowerCase() === acc.login.toLowerCase() && r.installationId === null) r.installationId = id;
    return id;
  }

  createRepo(fullName: string, opts: { defaultBranch?: string; allowAutoMerge?: boolean; files?: Record<string, string>; installationId?: number } = {}): void {
    const [owner, name] = fullName.split('/');
    if (!owner || !name) throw new Error(`sim: repository name must be owner/name, got ${fullName}`);
    if (this.world.repos.has(fullName.toLowerCase())) throw new Error(`sim: repository ${fullName} exists`);
    const ownerAcc = this.world.account(owner, this.world.accounts.get(owner.toLowerCase())?.type ?? 'Organization');
    const id = this.world.nextId();
    const installationId = opts.installationId ?? [...this.world.installations.values()].find((i) => i.account.toLowerCase() === owner.toLowerCase())?.id ?? null;
    const git = new GitStore();
    const defaultBranch = opts.defaultBranch ?? 'main';
    const root = git.createCommit([], opts.files ?? { 'README.md': `# ${name}\n` }, ownerAcc.type === 'Organization' ? 'sim-admin' : ownerAcc.login, 'Initial commit');
    git.branches.set(defaultBranch, root.sha);
    const repo: Repo = {
      id, nodeId: nodeId('R', id), owner: ownerAcc.login, name, fullName: `${ownerAcc.login}/${name}`, defaultBranch,
      allowAutoMerge: opts.allowAutoMerge ?? true, allowMergeCommit: true, allowSquashMerge: true, allowRebaseMerge: true, installationId, git,
      collaborators: new Map(), protection: new Map(), rulesets: new Map(), labels: new Map(), issues: new Map(), comments: [], checkRuns: [],
      checkSuites: new Map(), omitPatch: new Set(), createdAt: now(),
    };
    this.world.repos.set(fullName.toLowerCase(), repo);
  }

  /** Repository merge settings (GitHub's allow_auto_merge, allow_squash_merge, ...). */
  setRepoOptions(fullName: string, opts: { allowAutoMerge?: boolean; allowMergeCommit?: boolean; allowSquashMerge?: boolean; allowRebaseMerge?: boolean }): void {
    const repo = this.repo(fullName);
    for (const [k, v] of Object.entries(opts)) if (v !== undefined) (repo as unknown as Record<string, boolean>)[k] = v;
  }

  addCollaborator(fullName: string, login: string, permission: Permission): void {
    const acc = this.world.account(login);
    this.repo(fullName).collaborators.set(acc.login, permission);
  }

  createTeam(org: string, slug: string, members: string[]): void {
    this.world.account(org, 'Organization');
    for (const m of members) this.world.account(m);
    const key = `${org}/${slug}`.toLowerCase();
    const existing = this.world.teams.get(key);
    this.world.teams.set(key, { id: existing?.id ?? this.world.nextId(), org, slug, members: new Set(members) });
  }

  /** Requires checks on a branch, by classic protection or a ruleset; `{ context, appId }` binds a check to an App. */
  protectBranch(fullName: string, branch: string, opts: { requiredChecks: (string | RequiredCheck)[]; via?: 'protection' | 'ruleset' }): void {
    const repo = this.repo(fullName);
    const checks = opts.requiredChecks.map((c) => (typeof c === 'string' ? { context: c } : c));
    (opts.via === 'ruleset' ? repo.rulesets : repo.protection).set(branch, checks);
    this.core.settle(repo);
  }

  /** Removes classic protection and rulesets from a branch. */
  unprotectBranch(fullName: string, branch: string): void {
    const repo = this.repo(fullName);
    repo.protection.delete(branch);
    repo.rulesets.delete(branch);
  }

  /**
   * Commits on a branch (created from the default branch when missing) and returns the sha. A commit
   * on the head branch of an open pull request synchronizes it, as a push would.
   */
  commit(fullName: string, branch: string, changes: Record<string, Change | null>, opts: { author?: string; message?: string } = {}): string {
    const repo = this.repo(fullName);
    const author = opts.author ?? (this.world.account(repo.owner).type === 'Organization' ? 'sim-admin' : repo.owner);
    this.world.account(author);
    const parent = repo.git.branches.get(branch) ?? repo.git.branches.get(repo.defaultBranch)!;
    const c = repo.git.createCommit([parent], changes, author, opts.message ?? `Update ${Object.keys(changes).join(', ')}`.slice(0, 72));
    repo.git.branches.set(branch, c.sha);
    for (const i of repo.issues.values()) {
      if (i.pull && i.state === 'open' && i.pull.headRef === branch) void this.synchronize(repo, i as Pull, parent, author);
    }
    return c.sha;
  }

  private synchronize(repo: Repo, pr: Pull, before: string, pusher: string): Promise<void> {
    pr.pull.headSha = repo.git.branches.get(pr.pull.headRef)!;
    pr.updatedAt = now();
    const sends: Promise<void>[] = [];
    // GitHub keeps auto-merge on when someone with write access pushes, and turns it off otherwise
    if (pr.pull.autoMerge && PERMISSION_RANK[this.world.permission(repo, pusher)] < PERMISSION_RANK.write) {
      pr.pull.autoMerge = null;
      sends.push(this.send('pull_request', this.core.pullPayload('auto_merge_disabled', repo, pr, pusher, { reason: 'Base branch was modified' })));
    }
    sends.push(this.send('pull_request', this.core.pullPayload('synchronize', repo, pr, pusher, { before, after: pr.pull.headSha })));
    this.core.settle(repo);
    return Promise.all(sends).then(() => undefined);
  }

  /** Points a new branch at an existing ref or sha (a second branch at the same commit). */
  createBranch(fullName: string, branch: string, from: string): string {
    const repo = this.repo(fullName);
    const sha = repo.git.resolve(from)?.sha;
    if (!sha) throw new Error(`sim: no ref ${from} in ${fullName}`);
    repo.git.branches.set(branch, sha);
    return sha;
  }

  async openPullRequest(fullName: string, opts: { head: string; base?: string; author: string; title?: string; body?: string; labels?: string[]; draft?: boolean }): Promise<number> {
    const repo = this.repo(fullName);
    const base = opts.base ?? repo.defaultBranch;
    const headSha = repo.git.branches.get(opts.head);
    if (!headSha) throw new Error(`sim: no branch ${opts.head} in ${fullName}`);
    if (!repo.git.branches.has(base)) throw new Error(`sim: no base branch ${base} in ${fullName}`);
    this.world.account(opts.author);
    const issue: Issue = createIssue({ core: this.core, repo }, opts.title ?? `Changes from ${opts.head}`, opts.body ?? null, opts.author);
    issue.nodeId = nodeId('PR', issue.id);
    issue.pull = { headRef: opts.head, headSha, baseRef: base, draft: opts.draft ?? false, merged: false, mergedSha: null, mergeMethod: null, mergedAt: null,
      mergedBy: null, baseShaAtMerge: null, autoMerge: null, reviews: [], requestedUsers: [], requestedTeams: [] };
    const pr = issue as Pull;
    await this.send('pull_request', this.core.pullPayload('opened', repo, pr, opts.author));
    for (const l of opts.labels ?? []) await this.addLabelByHand(fullName, pr.number, l, opts.author);
    return pr.number;
  }

  async push(fullName: string, number: number, changes: Record<string, Change | null>, opts: { author?: string } = {}): Promise<string> {
    const { repo, pr } = this.pr(fullName, number);
    const author = opts.author ?? pr.user;
    this.world.account(author);
    const before = pr.pull.headSha;
    const c = repo.git.createCommit([before], changes, author, `Update ${Object.keys(changes).join(', ')}`.slice(0, 72));
    repo.git.branches.set(pr.pull.headRef, c.sha);
    await this.synchronize(repo, pr, before, author);
    return c.sha;
  }

  async submitReview(fullName: string, number: number, opts: { user: string; state: 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED'; commitId?: string; body?: string }): Promise<number> {
    const { repo, pr } = this.pr(fullName, number);
    this.world.account(opts.user);
    const id = this.world.nextId();
    const review = { id, nodeId: nodeId('PRR', id), user: this.world.account(opts.user).login, state: opts.state, commitId: opts.commitId ?? pr.pull.headSha, body: opts.body ?? '', submittedAt: now() };
    pr.pull.reviews.push(review);
    pr.pull.requestedUsers = pr.pull.requestedUsers.filter((u) => u.toLowerCase() !== opts.user.toLowerCase());
    await this.send('pull_request_review', { action: 'submitted', review: this.reviewPayload(repo, pr, review), pull_request: this.core.pullJson(repo, pr), ...this.core.envelope(repo, opts.user) });
    this.core.settle(repo);
    return id;
  }

  private reviewPayload(repo: Repo, pr: Pull, review: Pull['pull']['reviews'][number]): object {
    const r = this.core.shapes.review(repo, pr.number, review);
    return { ...r, state: r.state.toLowerCase() };
  }

  async dismissReview(fullName: string, number: number, reviewId: number, by: string): Promise<void> {
    const { repo, pr } = this.pr(fullName, number);
    const review = pr.pull.reviews.find((r) => r.id === reviewId);
    if (!review) throw new Error(`sim: no review ${reviewId} on #${number}`);
    review.state = 'DISMISSED';
    await this.send('pull_request_review', { action: 'dismissed', review: this.reviewPayload(repo, pr, review), pull_request: this.core.pullJson(repo, pr), ...this.core.envelope(repo, by) });
    this.core.settle(repo);
  }

  async comment(fullName: string, number: number, user: string, body: string): Promise<void> {
    const repo = this.repo(fullName);
    const issue = this.world.issue(repo, number);
    this.world.account(user);
    const c = addComment({ core: this.core, repo }, issue, user, body);
    await this.send('issue_comment', this.core.issuePayload('created', repo, issue, user, { comment: this.core.shapes.comment(repo, c) }));
  }

  async retarget(fullName: string, number: number, base: string, by: string): Promise<void> {
    const { repo, pr } = this.pr(fullName, number);
    if (!repo.git.branches.has(base)) throw new Error(`sim: no branch ${base} in ${fullName}`);
    const from = pr.pull.baseRef;
    const fromSha = repo.git.branches.get(from)!;
    pr.pull.baseRef = base;
    pr.updatedAt = now();
    await this.send('pull_request', this.core.pullPayload('edited', repo, pr, by, { changes: { base: { ref: { from }, sha: { from: fromSha } } } }));
    this.core.settle(repo);
  }

  async close(fullName: string, number: number, by: string): Promise<void> {
    const { repo, pr } = this.pr(fullName, number);
    if (pr.state === 'closed') return;
    Object.assign(pr, { state: 'closed', closedAt: now(), stateReason: null });
    pr.pull.autoMerge = null;
    await this.send('pull_request', this.core.pullPayload('closed', repo, pr, by));
  }

  async reopen(fullName: string, number: number, by: string): Promise<void> {
    const { repo, pr } = this.pr(fullName, number);
    if (pr.state === 'open' || pr.pull.merged) return;
    Object.assign(pr, { state: 'open', closedAt: null, stateReason: 'reopened' });
    await this.send('pull_request', this.core.pullPayload('reopened', repo, pr, by));
  }

  async addLabelByHand(fullName: string, number: number, label: string, by: string): Promise<void> {
    const repo = this.repo(fullName);
    const issue = this.world.issue(repo, number);
    if (issue.labels.some((l) => l.toLowerCase() === label.toLowerCase())) return;
    const l = this.world.ensureLabel(repo, label);
    issue.labels.push(l.name);
    const extra = { label: this.core.shapes.label(repo, l) };
    await this.send(issue.pull ? 'pull_request' : 'issues', issue.pull ? this.core.pullPayload('labeled', repo, issue as Pull, by, extra) : this.core.issuePayload('labeled', repo, issue, by, extra));
  }

  async removeLabelByHand(fullName: string, number: number, label: string, by: string): Promise<void> {
    const repo = this.repo(fullName);
    const issue = this.world.issue(repo, number);
    const name = issue.labels.find((l) => l.toLowerCase() === label.toLowerCase());
    if (!name) return;
    issue.labels = issue.labels.filter((l) => l !== name);
    const extra = { label: this.core.shapes.label(repo, this.world.ensureLabel(repo, name)) };
    await this.send(issue.pull ? 'pull_request' : 'issues', issue.pull ? this.core.pullPayload('unlabeled', repo, issue as Pull, by, extra) : this.core.issuePayload('unlabeled', repo, issue, by, extra));
  }

  /** A check run from another CI (GitHub Actions' App id): null leaves it in progress. */
  async setExternalCheck(fullName: string, sha: string, name: string, conclusion: 'success' | 'failure' | 'neutral' | 'skipped' | null): Promise<void> {
    const repo = this.repo(fullName);
    if (!repo.git.commits.has(sha)) throw new Error(`sim: no commit ${sha} in ${fullName}`);
    const sender = 'github-actions[bot]';
    let run = repo.checkRuns.filter((r) => r.headSha === sha && r.name === name && r.appId === EXTERNAL_CI_APP_ID).sort((a, b) => b.id - a.id)[0];
    const sends: Promise<void>[] = [];
    if (!run) {
      run = this.core.addCheckRun(repo, { name, headSha: sha, status: 'in_progress', conclusion: null, startedAt: now(), completedAt: null,
        output: { title: null, summary: null, text: null }, annotations: [], appId: EXTERNAL_CI_APP_ID, detailsUrl: null, externalId: '' });
      sends.push(this.send('check_run', this.core.checkRunPayload('created', repo, run, sender)));
    }
    if (conclusion) {
      Object.assign(run, { status: 'completed', conclusion, completedAt: now() });
      sends.push(this.send('check_run', this.core.checkRunPayload('completed', repo, run, sender)));
    } else {
      Object.assign(run, { status: 'in_progress', conclusion: null, completedAt: null });
    }
    this.core.settle(repo);
    await Promise.all(sends);
  }

  async rerequestCheck(fullName: string, checkRunId: number, by?: string): Promise<void> {
    const repo = this.repo(fullName);
    const run = repo.checkRuns.find((r) => r.id === checkRunId);
    if (!run) throw new Error(`sim: no check run ${checkRunId} in ${fullName}`);
    await this.send('check_run', this.core.checkRunPayload('rerequested', repo, run, by ?? this.maintainer(repo)));
  }

  private maintainer(repo: Repo): string {
    const admin = [...repo.collaborators].find(([, p]) => p === 'admin' || p === 'maintain')?.[0];
    return admin ?? (this.world.account(repo.owner).type === 'Organization' ? 'sim-admin' : repo.owner);
  }

  /** Puts a PR into the merge queue: a merge of base and head on gh-readonly-queue/<base>/pr-<n>-<sha>. */
  async enqueueMergeGroup(fullName: string, number: number): Promise<string> {
    const { repo, pr } = this.pr(fullName, number);
    const baseSha = repo.git.branches.get(pr.pull.baseRef)!;
    const mb = this.core.mergeBaseOf(repo, pr);
    const merged = mergeTrees(repo.git.get(mb).tree, repo.git.get(baseSha).tree, repo.git.get(pr.pull.headSha).tree);
    if (merged.conflicts.length) throw new Error(`sim: #${number} conflicts with ${pr.pull.baseRef}`);
    const c = repo.git.store(merged.tree, [baseSha, pr.pull.headSha], 'github-merge-queue[bot]', `Merge pull request #${number} from ${repo.owner}/${pr.pull.headRef}\n\n${pr.title}`);
    const ref = `gh-readonly-queue/${pr.pull.baseRef}/pr-${number}-${pr.pull.headSha}`;
    repo.git.branches.set(ref, c.sha);
    const who = { name: 'GitHub', email: 'noreply@github.com' };
    await this.send('merge_group', {
      action: 'checks_requested',
      merge_group: { head_sha: c.sha, head_ref: `refs/heads/${ref}`, base_sha: baseSha, base_ref: `refs/heads/${pr.pull.baseRef}`,
        head_commit: { id: c.sha, tree_id: c.treeSha, message: c.message, timestamp: c.date, author: who, committer: who } },
      ...this.core.envelope(repo, this.maintainer(repo)),
    });
    return c.sha;
  }

  /**
   * An administrator's merge that bypasses branch protection and rulesets ("merge without waiting
   * for requirements"): the PR is merged whatever its required checks say. For the drift report's
   * bypass section.
   */
  async mergeAsAdmin(fullName: string, number: number, by: string, method: 'merge' | 'squash' | 'rebase' = 'squash'): Promise<string> {
    const { repo, pr } = this.pr(fullName, number);
    const base = pr.pull.baseRef;
    const protection = repo.protection.get(base);
    const rules = repo.rulesets.get(base);
    repo.protection.delete(base);
    repo.rulesets.delete(base);
    try {
      this.world.account(by);
      const out = this.core.merge(repo, pr, { method, by });
      if (out.status !== 200 || !out.sha) throw new Error(`sim: admin merge of #${number} failed: ${out.message}`);
      return out.sha;
    } finally {
      if (protection) repo.protection.set(base, protection);
      if (rules) repo.rulesets.set(base, rules);
    }
  }

  omitPatch(fullName: string, path: string): void {
    this.repo(fullName).omitPatch.add(path);
  }

  /** Sends a raw webhook (replays, forged signatures); signed with the secret unless a signature is given. */
  deliver(event: string, payload: object, opts: { signature?: string; deliveryId?: string } = {}): Promise<{ status: number }> {
    return this.core.deliverer.track(this.core.deliverer.post(event, payload, opts));
  }

  setDelivery(mode: DeliveryMode): void {
    this.core.deliverer.setMode(mode);
  }

  fault(f: Fault): void {
    this.faults.add(f);
  }

  /** Drops the faults not yet used up (a persistent fault must not outlive its test). */
  clearFaults(): void {
    this.faults.clear();
  }

  // ---- inspection ----------------------------------------------------------------------------

  get requests(): readonly RequestRecord[] {
    return this.server.requests;
  }

  get deliveries(): readonly DeliveryRecord[] {
    return this.core.deliverer.deliveries;
  }

  checkRuns(fullName: string, sha?: string): SimCheckRun[] {
    return this.repo(fullName).checkRuns.filter((r) => !sha || r.headSha === sha).map((r) => ({
      id: r.id, name: r.name, head_sha: r.headSha, status: r.status, conclusion: r.conclusion,
      output: { ...r.output, annotations_count: r.annotations.length }, annotations: [...r.annotations], app_id: r.appId, started_at: r.startedAt, completed_at: r.completedAt,
    }));
  }

  labels(fullName: string, number: number): string[] {
    return [...this.world.issue(this.repo(fullName), number).labels];
  }

  pull(fullName: string, number: number): { merged: boolean; mergedSha: string | null; mergeMethod: string | null; autoMerge: null | { expectedHeadOid: string | null; method: string }; head: string; base: string; state: string; headRef: string; mergeableState: string } {
    const { repo, pr } = this.pr(fullName, number);
    const p = pr.pull;
    return { merged: p.merged, mergedSha: p.mergedSha, mergeMethod: p.mergeMethod, autoMerge: p.autoMerge ? { expectedHeadOid: p.autoMerge.expectedHeadOid, method: p.autoMerge.method } : null,
      head: p.headSha, base: p.baseRef, state: pr.state, headRef: p.headRef, mergeableState: this.core.mergeState(repo, pr).state };
  }

  repoLabels(fullName: string): { name: string; color: string; description: string | null }[] {
    return [...this.repo(fullName).labels.values()].map((l) => ({ name: l.name, color: l.color, description: l.description }));
  }

  requestedReviewers(fullName: string, number: number): { users: string[]; teams: string[] } {
    const { pr } = this.pr(fullName, number);
    return { users: [...pr.pull.requestedUsers], teams: [...pr.pull.requestedTeams] };
  }

  issues(fullName: string): { number: number; title: string; body: string; state: string; labels: string[] }[] {
    return [...this.repo(fullName).issues.values()].filter((i) => !i.pull).map((i) => ({ number: i.number, title: i.title, body: i.body ?? '', state: i.state, labels: [...i.labels] }));
  }

  comments(fullName: string, number: number): { id: number; user: string; body: string }[] {
    return this.repo(fullName).comments.filter((c) => c.issue === number).map((c) => ({ id: c.id, user: c.user, body: c.body }));
  }

  /** The sha a branch points at, or undefined. */
  branch(fullName: string, branch: string): string | undefined {
    return this.repo(fullName).git.branches.get(branch);
  }

  /** A file's text at a branch or sha, or undefined. */
  file(fullName: string, ref: string, path: string): string | undefined {
    return this.repo(fullName).git.resolve(ref)?.tree.get(path)?.data.toString('utf8');
  }

  async waitFor(predicate: () => boolean, timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate()) {
      if (Date.now() > deadline) throw new Error(`sim.waitFor: condition not met within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 5));
    }
  }

  /** Resolves when no webhook delivery is in flight (including those caused by deliveries). */
  async idle(): Promise<void> {
    await this.core.deliverer.idle();
  }
}
