// GraphQL at /api/graphql, executed by graphql-js against GitHub's published schema
// (@octokit/graphql-schema), so every document the App sends is validated as GitHub would. Resolvers
// are plain source objects (graphql-js's default resolver reads properties and calls functions);
// errors are reshaped to GitHub's `{ type, path, locations, message }` with HTTP 200.
import { buildSchema, execute, GraphQLError, parse, validate, type DocumentNode, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { schema as githubSchema } from '@octokit/graphql-schema';
import { isDir, listDir, treeSha, type Commit, type FileEntry, type Tree } from './model/git.js';
import { now, type CheckRun, type Repo } from './model/world.js';
import type { Pull, SimCore } from './core.js';

let cached: GraphQLSchema | undefined;

/** GitHub's schema; it defines a few fields twice, which GitHub's own tooling tolerates, hence assumeValidSDL. */
export function githubGraphqlSchema(): GraphQLSchema {
  cached ??= buildSchema(githubSchema.idl, { assumeValidSDL: true });
  return cached;
}

type Args = Record<string, unknown>;
type Obj = Record<string, unknown>;

const TEXT_LIMIT = 512 * 1024;

function fail(type: string, message: string): never {
  throw new GraphQLError(message, { extensions: { type } });
}

function connection<T>(items: T[], args: Args, name: string): Obj {
  const first = args.first as number | undefined;
  const last = args.last as number | undefined;
  if (first === undefined && last === undefined) fail('MISSING_PAGINATION_BOUNDARIES', `You must provide a \`first\` or \`last\` value to properly paginate the \`${name}\` connection.`);
  const n = (first ?? last)!;
  if (n > 100) fail('EXCESSIVE_PAGINATION', `Requesting ${n} records on the \`${name}\` connection exceeds the \`${first !== undefined ? 'first' : 'last'}\` limit of 100 records.`);
  let start = 0, end = items.length;
  const cursorIndex = (c: unknown) => Number(Buffer.from(String(c), 'base64').toString('utf8').replace(/^cursor:v2:/, ''));
  if (args.after) start = cursorIndex(args.after) + 1;
  if (args.before) end = Math.min(end, cursorIndex(args.before));
  if (first !== undefined) end = Math.min(end, start + first);
  else start = Math.max(start, end - n);
  const slice = items.slice(start, end);
  const cursor = (i: number) => Buffer.from(`cursor:v2:${i}`).toString('base64');
  return {
    nodes: slice, totalCount: items.length,
    edges: slice.map((node, i) => ({ node, cursor: cursor(start + i) })),
    pageInfo: { hasNextPage: end < items.length, hasPreviousPage: start > 0, startCursor: slice.length ? cursor(start) : null, endCursor: slice.length ? cursor(end - 1) : null },
  };
}

/** graphql-js's wording of an unknown field, reworded as GitHub words it (`Field 'x' doesn't exist on type 'Y'`). */
function githubValidationError(e: GraphQLError): Obj {
  const m = /^Cannot query field "(\w+)" on type "(\w+)"/.exec(e.message);
  if (m) return { path: e.path, extensions: { code: 'undefinedField', typeName: m[2], fieldName: m[1] }, locations: e.locations, message: `Field '${m[1]}' doesn't exist on type '${m[2]}'` };
  return { path: e.path, extensions: { code: 'validationError' }, locations: e.locations, message: e.message };
}

const MODE_INT: Record<string, number> = { '100644': 0o100644, '100755': 0o100755, '120000': 0o120000, '160000': 0o160000, '40000': 0o40000 };

export class GraphqlApi {
  constructor(private readonly core: SimCore) {}

  async handle(body: { query?: string; variables?: Record<string, unknown>; operationName?: string }, caller: { installationId: number }): Promise<{ operation?: string; result: object }> {
    const schema = githubGraphqlSchema();
    let doc: DocumentNode;
    try {
      doc = parse(body.query ?? '');
    } catch (e) {
      return { result: { errors: [{ message: (e as GraphQLError).message, locations: (e as GraphQLError).locations }] } };
    }
    const op = doc.definitions.find((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition' && (!body.operationName || d.name?.value === body.operationName));
    const operation = op?.name?.value ?? op?.selectionSet.selections.map((s) => (s.kind === 'Field' ? s.name.value : '')).join(',');
    const errors = validate(schema, doc);
    if (errors.length) {
      return { operation, result: { errors: errors.map(githubValidationError) } };
    }
    const res = await execute({ schema, document: doc, rootValue: this.root(caller.installationId), variableValues: body.variables ?? {}, operationName: body.operationName });
    const out: Obj = { data: res.data ?? null };
    if (res.errors?.length) {
      out.errors = res.errors.map((e) => ({ type: (e.extensions?.type as string) ?? 'INTERNAL', path: e.path, locations: e.locations, message: e.message }));
    }
    return { operation, result: out };
  }

  private visible(installationId: number): Repo[] {
    return [...this.core.world.repos.values()].filter((r) => r.installationId === installationId);
  }

  private root(installationId: number): Obj {
    const findPull = (id: unknown): { repo: Repo; pr: Pull } => {
      for (const repo of this.visible(installationId)) {
        for (const i of repo.issues.values()) if (i.pull && i.nodeId === id) return { repo, pr: i as Pull };
      }
      fail('NOT_FOUND', `Could not resolve to a node with the global id of '${String(id)}'`);
    };
    return {
      repository: ({ owner, name }: Args) => {
        const repo = this.core.world.findRepo(String(owner), String(name));
        if (!repo || repo.installationId !== installationId) fail('NOT_FOUND', `Could not resolve to a Repository with the name '${owner}/${name}'.`);
        return this.repoNode(repo);
      },
      node: ({ id }: Args) => {
        for (const repo of this.visible(installationId)) {
          if (repo.nodeId === id) return this.repoNode(repo);
          for (const i of repo.issues.values()) if (i.pull && i.nodeId === id) return this.pullNode(repo, i as Pull);
        }
        return null;
      },
      enablePullRequestAutoMerge: ({ input }: Args) => {
        const inp = input as { pullRequestId: string; expectedHeadOid?: string; mergeMethod?: 'MERGE' | 'SQUASH' | 'REBASE' };
        const { repo, pr } = findPull(inp.pullRequestId);
        const method = inp.mergeMethod ?? 'MERGE';
        if (!repo.allowAutoMerge) fail('UNPROCESSABLE', 'Auto merge is not allowed for this repository');
        if (pr.state !== 'open') fail('UNPROCESSABLE', 'Pull request Pull request is closed');
        if (inp.expectedHeadOid && inp.expectedHeadOid !== pr.pull.headSha) fail('UNPROCESSABLE', 'Head branch was modified. Review and try the merge again.');
        const allowed = { MERGE: repo.allowMergeCommit, SQUASH: repo.allowSquashMerge, REBASE: repo.allowRebaseMerge }[method];
        if (!allowed) fail('UNPROCESSABLE', `Pull request ${method === 'MERGE' ? 'Merge commits are' : method === 'SQUASH' ? 'Squash merges are' : 'Rebase merges are'} not allowed on this repository.`);
        const st = this.core.mergeState(repo, pr).state;
        if (st === 'draft') fail('UNPROCESSABLE', 'Pull request Pull request is in draft state');
        if (st === 'clean' || st === 'unstable' || st === 'dirty') fail('UNPROCESSABLE', `Pull request Pull request is in ${st} status`);
        pr.pull.autoMerge = { expectedHeadOid: inp.expectedHeadOid ?? null, method, enabledBy: this.core.appBot, enabledAt: now() };
        this.core.deliverer.sendLater('pull_request', this.core.pullPayload('auto_merge_enabled', repo, pr, this.core.appBot));
        return { clientMutationId: null, actor: this.actor(this.core.appBot), pullRequest: this.pullNode(repo, pr) };
      },
      disablePullRequestAutoMerge: ({ input }: Args) => {
        const { repo, pr } = findPull((input as { pullRequestId: string }).pullRequestId);
        if (!pr.pull.autoMerge) fail('UNPROCESSABLE', "Can't disable auto-merge for this pull request: auto-merge is not enabled.");
        pr.pull.autoMerge = null;
        this.core.deliverer.sendLater('pull_request', this.core.pullPayload('auto_merge_disabled', repo, pr, this.core.appBot, { reason: 'disabled by the App' }));
        return { clientMutationId: null, actor: this.actor(this.core.appBot), pullRequest: this.pullNode(repo, pr) };
      },
    };
  }

  private actor(login: string): Obj {
    const a = this.core.world.account(login);
    return { __typename: a.type === 'Bot' ? 'Bot' : a.type === 'Organization' ? 'Organization' : 'User', login: a.login, id: a.nodeId, databaseId: a.id,
      url: `${this.core.urls.html}/${a.login}`, avatarUrl: `${this.core.urls.html}/avatars/u/${a.id}`, resourcePath: `/${a.login}` };
  }

  private appNode(id: number): Obj | null {
    const app = this.core.world.apps.get(id);
    return app ? { __typename: 'App', id: `A_kwHO${app.id}`, databaseId: app.id, slug: app.slug, name: app.name } : null;
  }

  private repoNode(repo: Repo): Obj {
    return {
      __typename: 'Repository', id: repo.nodeId, databaseId: repo.id, name: repo.name, nameWithOwner: repo.fullName, owner: this.actor(repo.owner),
      url: `${this.core.urls.html}/${repo.fullName}`, autoMergeAllowed: repo.allowAutoMerge, mergeCommitAllowed: repo.allowMergeCommit,
      squashMergeAllowed: repo.allowSquashMerge, rebaseMergeAllowed: repo.allowRebaseMerge, isArchived: false, isPrivate: false,
      defaultBranchRef: () => this.refNode(repo, repo.defaultBranch),
      ref: ({ qualifiedName }: Args) => {
        const name = String(qualifiedName).replace(/^refs\/heads\//, '');
        return repo.git.branches.has(name) ? this.refNode(repo, name) : null;
      },
      pullRequest: ({ number }: Args) => {
        const i = repo.issues.get(Number(number));
        if (!i?.pull) fail('NOT_FOUND', `Could not resolve to a PullRequest with the number of ${number}.`);
        return this.pullNode(repo, i as Pull);
      },
      object: ({ oid, expression }: Args) => this.objectAt(repo, oid as string | undefined, expression as string | undefined),
      labels: (args: Args) => {
        const q = String(args.query ?? '').toLowerCase();
        return connection([...repo.labels.values()].filter((l) => l.name.toLowerCase().includes(q)).map((l) => this.labelNode(l)), args, 'labels');
      },
      label: ({ name }: Args) => {
        const l = repo.labels.get(String(name).toLowerCase());
        return l ? this.labelNode(l) : null;
      },
      // (drift report) the repository's pull requests, filtered by state and ordered as GitHub does
      pullRequests: (args: Args) => {
        const states = args.states as string[] | undefined;
        const order = (args.orderBy ?? { field: 'CREATED_AT', direction: 'ASC' }) as { field: string; direction: string };
        const stateOf = (pr: Pull) => (pr.pull.merged ? 'MERGED' : pr.state === 'open' ? 'OPEN' : 'CLOSED');
        const key = (pr: Pull) => (order.field === 'UPDATED_AT' ? pr.updatedAt : pr.createdAt);
        const list = [...repo.issues.values()].filter((i): i is Pull => Boolean(i.pull)).filter((pr) => !states || states.includes(stateOf(pr)))
          .sort((a, b) => key(a).localeCompare(key(b)) || a.number - b.number);
        if (order.direction === 'DESC') list.reverse();
        return connection(list.map((pr) => this.pullNode(repo, pr)), args, 'pullRequests');
      },
    };
  }

  private labelNode(l: { nodeId: string; name: string; color: string; description: string | null }): Obj {
    return { __typename: 'Label', id: l.nodeId, name: l.name, color: l.color, description: l.description, isDefault: false };
  }

  private refNode(repo: Repo, name: string): Obj {
    const protection = repo.protection.get(name);
    const rules = repo.rulesets.get(name);
    return {
      __typename: 'Ref', id: `REF_${repo.id}_${name}`, name, prefix: 'refs/heads/',
      target: () => this.commitNode(repo, repo.git.get(repo.git.branches.get(name)!)),
      branchProtectionRule: protection ? {
        __typename: 'BranchProtectionRule', id: `BPR_${repo.id}_${name}`, pattern: name, requiresStatusChecks: protection.length > 0,
        requiredStatusCheckContexts: protection.map((c) => c.context), requiresStrictStatusChecks: false, requiresApprovingReviews: false,
        requiredApprovingReviewCount: 0, isAdminEnforced: false,
        requiredStatusChecks: protection.map((c) => ({ context: c.context, app: c.appId === undefined ? null : this.appNode(c.appId) })),
      } : null,
      rules: (args: Args) => connection(rules ? [{
        __typename: 'RepositoryRule', id: `RR_${repo.id}_${name}`, type: 'REQUIRED_STATUS_CHECKS',
        parameters: { __typename: 'RequiredStatusChecksParameters', doNotEnforceOnCreate: false, strictRequiredStatusChecksPolicy: false,
          requiredStatusChecks: rules.map((c) => ({ context: c.context, integrationId: c.appId ?? null })) },
      }] : [], args, 'rules'),
    };
  }

  private pullNode(repo: Repo, pr: Pull): Obj {
    const p = pr.pull;
    const files = () => this.core.files(repo, pr);
    const ms = () => this.core.mergeState(repo, pr);
    return {
      __typename: 'PullRequest', id: pr.nodeId, databaseId: pr.id, number: pr.number, title: pr.title, body: pr.body ?? '',
      url: `${this.core.urls.html}/${repo.fullName}/pull/${pr.number}`, state: p.merged ? 'MERGED' : pr.state === 'open' ? 'OPEN' : 'CLOSED',
      merged: p.merged, closed: pr.state === 'closed', isDraft: p.draft, headRefOid: p.headSha, headRefName: p.headRef, baseRefName: p.baseRef,
      baseRefOid: () => this.core.shapes.baseSha(repo, pr), changedFiles: () => files().length,
      additions: () => files().reduce((n, f) => n + f.additions, 0), deletions: () => files().reduce((n, f) => n + f.deletions, 0),
      mergeable: () => ({ true: 'MERGEABLE', false: 'CONFLICTING', null: 'UNKNOWN' })[String(ms().mergeable) as 'true'],
      mergeStateStatus: () => ms().state.toUpperCase(), author: this.actor(pr.user), createdAt: pr.createdAt, updatedAt: pr.updatedAt,
      repository: () => this.repoNode(repo), baseRepository: () => this.repoNode(repo), headRepository: () => this.repoNode(repo),
      mergeCommit: p.mergedSha ? () => this.commitNode(repo, repo.git.get(p.mergedSha!)) : null,
      autoMergeRequest: p.autoMerge ? { __typename: 'AutoMergeRequest', enabledAt: p.autoMerge.enabledAt, mergeMethod: p.autoMerge.method,
        enabledBy: this.actor(p.autoMerge.enabledBy), authorEmail: null, commitBody: null, commitHeadline: null, pullRequest: () => this.pullNode(repo, pr) } : null,
      labels: (args: Args) => connection(pr.labels.map((n) => this.labelNode(this.core.world.ensureLabel(repo, n))), args, 'labels'),
      commits: (args: Args) => connection(this.core.commits(repo, pr).map((c) => ({ __typename: 'PullRequestCommit', id: `PRC_${c.sha}`, commit: this.commitNode(repo, c), url: '' })), args, 'commits'),
      // (drift report) when and by whom it was merged, and its changed paths
      mergedAt: p.mergedAt, closedAt: pr.closedAt, mergedBy: p.mergedBy ? this.actor(p.mergedBy) : null,
      files: (args: Args) => connection(files().map((f) => ({ __typename: 'PullRequestChangedFile', path: f.filename, additions: f.additions, deletions: f.deletions })), args, 'files'),
    };
  }

  private commitNode(repo: Repo, c: Commit): Obj {
    return {
      __typename: 'Commit', id: `C_${c.sha}`, oid: c.sha, abbreviatedOid: c.sha.slice(0, 7), message: c.message, committedDate: c.date,
      url: `${this.core.urls.html}/${repo.fullName}/commit/${c.sha}`, tree: () => this.treeNode(repo, c.tree, ''),
      checkSuites: (args: Args) => {
        const filter = (args.filterBy ?? {}) as { appId?: number; checkName?: string };
        const suites = [...repo.checkSuites].filter(([k]) => k.startsWith(`${c.sha}:`)).map(([k, id]) => ({ id, appId: Number(k.split(':')[1]) }))
          .filter((s) => filter.appId === undefined || s.appId === filter.appId)
          .filter((s) => !filter.checkName || repo.checkRuns.some((r) => r.suiteId === s.id && r.name === filter.checkName));
        return connection(suites.map((s) => this.suiteNode(repo, s.id, s.appId)), args, 'checkSuites');
      },
    };
  }

  private suiteNode(repo: Repo, id: number, appId: number): Obj {
    const runs = repo.checkRuns.filter((r) => r.suiteId === id);
    const done = runs.every((r) => r.status === 'completed');
    return {
      __typename: 'CheckSuite', id: `CS_kwDO${id}`, databaseId: id, app: this.appNode(appId), status: done ? 'COMPLETED' : 'IN_PROGRESS',
      conclusion: done ? (runs.some((r) => r.conclusion === 'failure') ? 'FAILURE' : 'SUCCESS') : null,
      checkRuns: (args: Args) => {
        const f = (args.filterBy ?? {}) as { checkName?: string; status?: string; conclusions?: string[] };
        const list = runs.filter((r) => (!f.checkName || r.name === f.checkName) && (!f.status || r.status.toUpperCase() === f.status)
          && (!f.conclusions || f.conclusions.includes(String(r.conclusion).toUpperCase()))).sort((a, b) => b.id - a.id);
        return connection(list.map((r) => this.runNode(repo, r)), args, 'checkRuns');
      },
    };
  }

  private runNode(repo: Repo, r: CheckRun): Obj {
    return { __typename: 'CheckRun', id: r.nodeId, databaseId: r.id, name: r.name, status: r.status.toUpperCase(), conclusion: r.conclusion ? r.conclusion.toUpperCase() : null,
      startedAt: r.startedAt, completedAt: r.completedAt, detailsUrl: r.detailsUrl, title: r.output.title, summary: r.output.summary, text: r.output.text,
      url: `${this.core.urls.html}/${repo.fullName}/runs/${r.id}`, permalink: `${this.core.urls.html}/${repo.fullName}/runs/${r.id}` };
  }

  /** `object(oid:)` finds commits; `object(expression: "rev:path")` a tree or blob at a branch or sha. */
  private objectAt(repo: Repo, oid?: string, expression?: string): Obj | null {
    if (oid) {
      const c = repo.git.commits.get(oid);
      return c ? this.commitNode(repo, c) : null;
    }
    if (!expression) return null;
    const colon = expression.indexOf(':');
    const rev = colon === -1 ? expression : expression.slice(0, colon);
    const commit = rev === 'HEAD' ? repo.git.resolve(repo.defaultBranch) : repo.git.resolve(rev);
    if (!commit) return null;
    if (colon === -1) return this.commitNode(repo, commit);
    const path = expression.slice(colon + 1).replace(/^\/+|\/+$/g, '');
    const file = commit.tree.get(path);
    if (file) return file.mode === '160000' ? null : this.blobNode(file);
    return isDir(commit.tree, path) ? this.treeNode(repo, commit.tree, path) : null;
  }

  private blobNode(f: FileEntry): Obj {
    const truncated = f.data.length > TEXT_LIMIT;
    return { __typename: 'Blob', id: `B_${f.sha}`, oid: f.sha, abbreviatedOid: f.sha.slice(0, 7), byteSize: f.data.length, isBinary: f.binary,
      isTruncated: truncated, text: f.binary ? null : f.data.subarray(0, TEXT_LIMIT).toString('utf8') };
  }

  private treeNode(repo: Repo, tree: Tree, dir: string): Obj {
    const prefix = dir ? dir + '/' : '';
    const sub: Tree = new Map([...tree].filter(([p]) => p.startsWith(prefix)).map(([p, e]) => [p.slice(prefix.length), e]));
    const oid = treeSha(sub);
    return {
      __typename: 'Tree', id: `T_${oid}`, oid, abbreviatedOid: oid.slice(0, 7),
      entries: () => listDir(tree, prefix).sort((a, b) => a.name.localeCompare(b.name)).map((e) => {
        const child = e.type === 'tree' ? this.treeNode(repo, tree, e.path) : null;
        const mode = e.type === 'tree' ? '40000' : e.entry!.mode;
        return {
          __typename: 'TreeEntry', name: e.name, path: e.path, mode: MODE_INT[mode], type: e.type, isGenerated: false,
          oid: e.type === 'tree' ? (child!.oid as string) : e.entry!.sha, size: e.entry?.data.length ?? 0,
          extension: e.type === 'blob' && e.name.includes('.') ? e.name.slice(e.name.lastIndexOf('.')) : null,
          nameRaw: Buffer.from(e.name).toString('base64'), pathRaw: Buffer.from(e.path).toString('base64'),
          object: e.type === 'tree' ? child : e.type === 'blob' ? this.blobNode(e.entry!) : null,
          repository: () => this.repoNode(repo),
        };
      }),
    };
  }
}
