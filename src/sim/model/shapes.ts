// REST (and webhook) JSON for the model, typed from GitHub's OpenAPI description so a field the App
// reads cannot silently be missing or misnamed.
import type { components } from '@octokit/openapi-types';
import type { Account, AppInfo, CheckRun, Comment, Issue, Label, Repo, Review, World } from './world.js';
import type { Commit } from './git.js';
import type { FileDiff } from './files.js';

type S = components['schemas'];

export interface Urls {
  html: string; // http://127.0.0.1:port
  api: string; // http://127.0.0.1:port/api/v3
}

function reactions(url: string): S['reaction-rollup'] {
  return { url, total_count: 0, '+1': 0, '-1': 0, laugh: 0, confused: 0, heart: 0, hooray: 0, eyes: 0, rocket: 0 };
}

export class Shapes {
  constructor(private readonly world: World, private readonly urls: Urls) {}

  user(a: Account | string): S['simple-user'] {
    const acc = typeof a === 'string' ? this.world.account(a) : a;
    const u = `${this.urls.api}/users/${acc.login}`;
    return {
      login: acc.login, id: acc.id, node_id: acc.nodeId, avatar_url: `${this.urls.html}/avatars/u/${acc.id}`, gravatar_id: '',
      url: u, html_url: `${this.urls.html}/${acc.login}`, followers_url: `${u}/followers`, following_url: `${u}/following{/other_user}`,
      gists_url: `${u}/gists{/gist_id}`, starred_url: `${u}/starred{/owner}{/repo}`, subscriptions_url: `${u}/subscriptions`,
      organizations_url: `${u}/orgs`, repos_url: `${u}/repos`, events_url: `${u}/events{/privacy}`, received_events_url: `${u}/received_events`,
      type: acc.type, site_admin: false, user_view_type: 'public',
    };
  }

  app(a: AppInfo): NonNullable<S['check-run']['app']> {
    return {
      id: a.id, slug: a.slug, node_id: `A_kwHO${a.id}`, client_id: `Iv1.${a.id}`, owner: this.user(a.owner), name: a.name, description: '',
      external_url: `${this.urls.html}/apps/${a.slug}`, html_url: `${this.urls.html}/apps/${a.slug}`,
      created_at: '2024-01-01T00:00:00Z', updated_at: '2024-01-01T00:00:00Z',
      permissions: { checks: 'write', pull_requests: 'write', contents: 'read', issues: 'write', metadata: 'read' },
      events: ['pull_request', 'pull_request_review', 'check_run', 'merge_group'],
    };
  }

  repository(r: Repo): S['full-repository'] & Record<string, unknown> {
    const u = `${this.urls.api}/repos/${r.fullName}`;
    const h = `${this.urls.html}/${r.fullName}`;
    const owner = this.user(r.owner);
    return {
      id: r.id, node_id: r.nodeId, name: r.name, full_name: r.fullName, private: false, owner, html_url: h, description: null, fork: false, url: u,
      archive_url: `${u}/{archive_format}{/ref}`, assignees_url: `${u}/assignees{/user}`, blobs_url: `${u}/git/blobs{/sha}`, branches_url: `${u}/branches{/branch}`,
      collaborators_url: `${u}/collaborators{/collaborator}`, comments_url: `${u}/comments{/number}`, commits_url: `${u}/commits{/sha}`,
      compare_url: `${u}/compare/{base}...{head}`, contents_url: `${u}/contents/{+path}`, contributors_url: `${u}/contributors`,
      deployments_url: `${u}/deployments`, downloads_url: `${u}/downloads`, events_url: `${u}/events`, forks_url: `${u}/forks`,
      git_commits_url: `${u}/git/commits{/sha}`, git_refs_url: `${u}/git/refs{/sha}`, git_tags_url: `${u}/git/tags{/sha}`, git_url: `${h.replace(/^https?/, 'git')}.git`,
      issue_comment_url: `${u}/issues/comments{/number}`, issue_events_url: `${u}/issues/events{/number}`, issues_url: `${u}/issues{/number}`,
      keys_url: `${u}/keys{/key_id}`, labels_url: `${u}/labels{/name}`, languages_url: `${u}/languages`, merges_url: `${u}/merges`,
      milestones_url: `${u}/milestones{/number}`, notifications_url: `${u}/notifications{?since,all,participating}`, pulls_url: `${u}/pulls{/number}`,
      releases_url: `${u}/releases{/id}`, ssh_url: `git@sim:${r.fullName}.git`, stargazers_url: `${u}/stargazers`, statuses_url: `${u}/statuses/{sha}`,
      subscribers_url: `${u}/subscribers`, subscription_url: `${u}/subscription`, tags_url: `${u}/tags`, teams_url: `${u}/teams`, trees_url: `${u}/git/trees{/sha}`,
      clone_url: `${h}.git`, mirror_url: null, hooks_url: `${u}/hooks`, svn_url: h, homepage: null, language: null, forks_count: 0, stargazers_count: 0,
      watchers_count: 0, size: 0, default_branch: r.defaultBranch, open_issues_count: [...r.issues.values()].filter((i) => i.state === 'open').length,
      is_template: false, topics: [], has_issues: true, has_projects: true, has_wiki: true, has_pages: false, has_downloads: true, has_discussions: false,
      archived: false, disabled: false, visibility: 'public', pushed_at: r.createdAt, created_at: r.createdAt, updated_at: r.createdAt,
      permissions: { admin: false, maintain: false, push: false, triage: false, pull: true },
      allow_rebase_merge: r.allowRebaseMerge, allow_squash_merge: r.allowSquashMerge, allow_merge_commit: r.allowMergeCommit,
      allow_auto_merge: r.allowAutoMerge, delete_branch_on_merge: false, allow_update_branch: false, allow_forking: true,
      web_commit_signoff_required: false, subscribers_count: 0, network_count: 0, forks: 0, open_issues: 0, watchers: 0, license: null,
      custom_properties: {},
    };
  }

  label(repo: Repo, l: Label): S['label'] {
    return { id: l.id, node_id: l.nodeId, url: `${this.urls.api}/repos/${repo.fullName}/labels/${encodeURIComponent(l.name)}`, name: l.name, description: l.description, color: l.color, default: l.default };
  }

  labelsOf(repo: Repo, issue: Issue): S['label'][] {
    return issue.labels.map((n) => this.label(repo, this.world.ensureLabel(repo, n)));
  }

  issue(repo: Repo, i: Issue): S['issue'] {
    const u = `${this.urls.api}/repos/${repo.fullName}/issues/${i.number}`;
    const out: S['issue'] = {
      id: i.id, node_id: i.nodeId, url: u, repository_url: `${this.urls.api}/repos/${repo.fullName}`, labels_url: `${u}/labels{/name}`,
      comments_url: `${u}/comments`, events_url: `${u}/events`, html_url: `${this.urls.html}/${repo.fullName}/${i.pull ? 'pull' : 'issues'}/${i.number}`,
      number: i.number, state: i.state, state_reason: i.stateReason as S['issue']['state_reason'], title: i.title, body: i.body, user: this.user(i.user),
      labels: this.labelsOf(repo, i), assignee: null, assignees: [], milestone: null, locked: false, active_lock_reason: null,
      comments: repo.comments.filter((c) => c.issue === i.number).length, closed_at: i.closedAt, created_at: i.createdAt, updated_at: i.updatedAt,
      author_association: this.association(repo, i.user), draft: i.pull?.draft ?? false, reactions: reactions(`${u}/reactions`),
    };
    if (i.pull) {
      const p = `${this.urls.api}/repos/${repo.fullName}/pulls/${i.number}`;
      out.pull_request = { url: p, html_url: `${this.urls.html}/${repo.fullName}/pull/${i.number}`, diff_url: `${this.urls.html}/${repo.fullName}/pull/${i.number}.diff`, patch_url: `${this.urls.html}/${repo.fullName}/pull/${i.number}.patch`, merged_at: i.pull.mergedAt };
    }
    return out;
  }

  association(repo: Repo, login: string): S['author-association'] {
    if (login.toLowerCase() === repo.owner.toLowerCase()) return 'OWNER';
    return this.world.permission(repo, login) === 'none' ? 'NONE' : 'COLLABORATOR';
  }

  branchRef(repo: Repo, ref: string, sha: string): S['pull-request']['head'] {
    return { label: `${repo.owner}:${ref}`, ref, sha, user: this.user(repo.owner), repo: this.repository(repo) as unknown as S['pull-request']['head']['repo'] };
  }

  /** The base sha GitHub reports: the base branch tip while open, the tip it merged onto once merged. */
  baseSha(repo: Repo, i: Issue & { pull: NonNullable<Issue['pull']> }): string {
    return i.pull.baseShaAtMerge ?? repo.git.branches.get(i.pull.baseRef) ?? '';
  }

  pullRequest(repo: Repo, i: Issue & { pull: NonNullable<Issue['pull']> }, extra: { files: FileDiff[]; commits: number; mergeable: boolean | null; mergeableState: string }): S['pull-request'] {
    const pr = i.pull;
    const u = `${this.urls.api}/repos/${repo.fullName}/pulls/${i.number}`;
    const h = `${this.urls.html}/${repo.fullName}/pull/${i.number}`;
    const iu = `${this.urls.api}/repos/${repo.fullName}/issues/${i.number}`;
    const statuses = `${this.urls.api}/repos/${repo.fullName}/statuses/${pr.headSha}`;
    const additions = extra.files.reduce((n, f) => n + f.additions, 0);
    const deletions = extra.files.reduce((n, f) => n + f.deletions, 0);
    return {
      url: u, id: i.id, node_id: i.nodeId, html_url: h, diff_url: `${h}.diff`, patch_url: `${h}.patch`, issue_url: iu, commits_url: `${u}/commits`,
      review_comments_url: `${u}/comments`, review_comment_url: `${this.urls.api}/repos/${repo.fullName}/pulls/comments{/number}`, comments_url: `${iu}/comments`,
      statuses_url: statuses, number: i.number, state: i.state, locked: false, title: i.title, user: this.user(i.user), body: i.body,
      labels: this.labelsOf(repo, i) as S['pull-request']['labels'], milestone: null, active_lock_reason: null, created_at: i.createdAt, updated_at: i.updatedAt,
      closed_at: i.closedAt, merged_at: pr.mergedAt, merge_commit_sha: pr.mergedSha, assignee: null, assignees: [],
      requested_reviewers: pr.requestedUsers.map((l) => this.user(l)),
      requested_teams: pr.requestedTeams.map((slug) => this.team(repo.owner, slug)),
      head: this.branchRef(repo, pr.headRef, pr.headSha), base: this.branchRef(repo, pr.baseRef, this.baseSha(repo, i)),
      _links: { self: { href: u }, html: { href: h }, issue: { href: iu }, comments: { href: `${iu}/comments` }, review_comments: { href: `${u}/comments` },
        review_comment: { href: `${this.urls.api}/repos/${repo.fullName}/pulls/comments{/number}` }, commits: { href: `${u}/commits` }, statuses: { href: statuses } },
      author_association: this.association(repo, i.user),
      auto_merge: pr.autoMerge ? { enabled_by: this.user(pr.autoMerge.enabledBy), merge_method: pr.autoMerge.method.toLowerCase() as 'merge', commit_title: '', commit_message: '' } : null,
      draft: pr.draft, merged: pr.merged, mergeable: extra.mergeable, rebaseable: extra.mergeable, mergeable_state: extra.mergeableState,
      merged_by: pr.mergedBy ? this.user(pr.mergedBy) : null, comments: repo.comments.filter((c) => c.issue === i.number).length, review_comments: 0,
      maintainer_can_modify: false, commits: extra.commits, additions, deletions, changed_files: extra.files.length,
    };
  }

  team(org: string, slug: string): S['team'] {
    const t = this.world.teams.get(`${org}/${slug}`.toLowerCase());
    const id = t?.id ?? 0;
    const u = `${this.urls.api}/orgs/${org}/teams/${slug}`;
    return { id, node_id: `T_kwDO${id}`, url: u, html_url: `${this.urls.html}/orgs/${org}/teams/${slug}`, name: slug, slug, description: null, privacy: 'closed',
      notification_setting: 'notifications_enabled', permission: 'pull', members_url: `${u}/members{/member}`, repositories_url: `${u}/repos`, parent: null, type: 'organization' };
  }

  review(repo: Repo, number: number, r: Review): S['pull-request-review'] {
    const h = `${this.urls.html}/${repo.fullName}/pull/${number}#pullrequestreview-${r.id}`;
    const pu = `${this.urls.api}/repos/${repo.fullName}/pulls/${number}`;
    return { id: r.id, node_id: r.nodeId, user: this.user(r.user), body: r.body, state: r.state, html_url: h, pull_request_url: pu,
      _links: { html: { href: h }, pull_request: { href: pu } }, submitted_at: r.submittedAt, commit_id: r.commitId, author_association: this.association(repo, r.user) };
  }

  checkRun(repo: Repo, c: CheckRun): S['check-run'] {
    const u = `${this.urls.api}/repos/${repo.fullName}/check-runs/${c.id}`;
    const app = this.world.apps.get(c.appId);
    const pulls = [...repo.issues.values()].filter((i) => i.pull && i.state === 'open' && i.pull.headSha === c.headSha).map((i) => ({
      url: `${this.urls.api}/repos/${repo.fullName}/pulls/${i.number}`, id: i.id, number: i.number,
      head: { ref: i.pull!.headRef, sha: i.pull!.headSha, repo: { id: repo.id, url: `${this.urls.api}/repos/${repo.fullName}`, name: repo.name } },
      base: { ref: i.pull!.baseRef, sha: repo.git.branches.get(i.pull!.baseRef) ?? '', repo: { id: repo.id, url: `${this.urls.api}/repos/${repo.fullName}`, name: repo.name } },
    }));
    return {
      id: c.id, node_id: c.nodeId, head_sha: c.headSha, external_id: c.externalId, url: u, html_url: `${this.urls.html}/${repo.fullName}/runs/${c.id}`,
      details_url: c.detailsUrl, status: c.status as S['check-run']['status'], conclusion: c.conclusion as S['check-run']['conclusion'],
      started_at: c.startedAt, completed_at: c.completedAt, name: c.name, check_suite: { id: c.suiteId },
      output: { title: c.output.title, summary: c.output.summary, text: c.output.text, annotations_count: c.annotations.length, annotations_url: `${u}/annotations` },
      app: app ? this.app(app) : null, pull_requests: pulls,
    };
  }

  diffEntry(repo: Repo, headSha: string, f: FileDiff, omitPatch: boolean): S['diff-entry'] {
    const enc = f.filename.split('/').map(encodeURIComponent).join('/');
    const out: S['diff-entry'] = {
      sha: f.sha, filename: f.filename, status: f.status, additions: f.additions, deletions: f.deletions, changes: f.changes,
      blob_url: `${this.urls.html}/${repo.fullName}/blob/${headSha}/${enc}`, raw_url: `${this.urls.html}/${repo.fullName}/raw/${headSha}/${enc}`,
      contents_url: `${this.urls.api}/repos/${repo.fullName}/contents/${enc}?ref=${headSha}`,
    };
    if (f.patch !== undefined && !omitPatch) out.patch = f.patch;
    if (f.previous_filename !== undefined) out.previous_filename = f.previous_filename;
    return out;
  }

  commit(repo: Repo, c: Commit): S['commit'] {
    const u = `${this.urls.api}/repos/${repo.fullName}/commits/${c.sha}`;
    const who = { name: c.author, email: `${c.author}@users.noreply.sim`, date: c.date };
    return {
      url: u, sha: c.sha, node_id: `C_kwDO${c.sha.slice(0, 12)}`, html_url: `${this.urls.html}/${repo.fullName}/commit/${c.sha}`, comments_url: `${u}/comments`,
      commit: { url: `${this.urls.api}/repos/${repo.fullName}/git/commits/${c.sha}`, author: who, committer: who, message: c.message, comment_count: 0,
        tree: { sha: c.treeSha, url: `${this.urls.api}/repos/${repo.fullName}/git/trees/${c.treeSha}` } },
      author: this.user(c.author), committer: this.user(c.author),
      parents: c.parents.map((p) => ({ sha: p, url: `${this.urls.api}/repos/${repo.fullName}/commits/${p}` })),
    };
  }

  comment(repo: Repo, c: Comment): S['issue-comment'] {
    const u = `${this.urls.api}/repos/${repo.fullName}/issues/comments/${c.id}`;
    return { id: c.id, node_id: c.nodeId, url: u, html_url: `${this.urls.html}/${repo.fullName}/issues/${c.issue}#issuecomment-${c.id}`, body: c.body,
      user: this.user(c.user), created_at: c.createdAt, updated_at: c.updatedAt, issue_url: `${this.urls.api}/repos/${repo.fullName}/issues/${c.issue}`,
      author_association: this.association(repo, c.user), reactions: reactions(`${u}/reactions`) };
  }
}
