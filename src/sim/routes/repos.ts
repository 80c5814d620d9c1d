// Repository endpoints: metadata, contents at a ref, collaborator permission, team membership,
// branch protection and rulesets.
import { HttpError, notFound, type Route } from '../server.js';
import { isDir, listDir } from '../model/git.js';
import type { Repo } from '../model/world.js';
import type { SimCore } from '../core.js';

const ROLE_TO_PERMISSION = { admin: 'admin', maintain: 'write', write: 'write', triage: 'read', read: 'read', none: 'none' } as const;

function branchOrThrow(repo: Repo, branch: string): string {
  const sha = repo.git.branches.get(branch);
  if (!sha) throw new HttpError(404, 'Branch not found');
  return sha;
}

function statusChecks(core: SimCore, repo: Repo, branch: string) {
  const checks = repo.protection.get(branch)!;
  const u = `${core.urls.api}/repos/${repo.fullName}/branches/${encodeURIComponent(branch)}/protection/required_status_checks`;
  return { url: u, strict: false, contexts: checks.map((c) => c.context), contexts_url: `${u}/contexts`, checks: checks.map((c) => ({ context: c.context, app_id: c.appId ?? null })) };
}

export const repoRoutes: Route[] = [
  {
    method: 'GET', template: '/repos/{owner}/{repo}', operation: 'repos/get',
    handle: ({ core, repo }) => ({ body: core.shapes.repository(repo) }),
  },
  {
    method: 'GET', template: '/repos/{owner}/{repo}/contents/{path}', operation: 'repos/get-content',
    handle: ({ core, repo, params, query, headers }) => {
      const ref = query.get('ref') ?? repo.defaultBranch;
      const commit = repo.git.resolve(ref);
      if (!commit) throw new HttpError(404, `No commit found for the ref ${ref}`);
      const path = params.path!.replace(/^\/+|\/+$/g, '');
      const file = commit.tree.get(path);
      const accept = String(headers.accept ?? '');
      const base = `${core.urls.api}/repos/${repo.fullName}/contents`;
      if (file) {
        if (accept.includes('application/vnd.github.raw') || accept.includes('application/vnd.github.v3.raw')) return { raw: file.data, contentType: 'text/plain; charset=utf-8' };
        const name = path.split('/').pop()!;
        const html = `${core.urls.html}/${repo.fullName}/blob/${ref}/${path}`;
        const self = `${base}/${path}?ref=${ref}`;
        const b64 = file.data.toString('base64').replace(/.{60}/g, '$&\n');
        return { body: { type: file.mode === '120000' ? 'symlink' : file.mode === '160000' ? 'submodule' : 'file', encoding: 'base64', size: file.data.length, name, path, content: b64, sha: file.sha,
          url: self, git_url: `${core.urls.api}/repos/${repo.fullName}/git/blobs/${file.sha}`, html_url: html, download_url: `${core.urls.html}/${repo.fullName}/raw/${ref}/${path}`,
          _links: { self, git: `${core.urls.api}/repos/${repo.fullName}/git/blobs/${file.sha}`, html } } };
      }
      if (!isDir(commit.tree, path)) throw notFound();
      const entries = listDir(commit.tree, path ? path + '/' : '').sort((a, b) => a.name.localeCompare(b.name));
      return { body: entries.map((e) => ({ type: e.type === 'tree' ? 'dir' : e.type === 'commit' ? 'submodule' : 'file', size: e.entry?.data.length ?? 0, name: e.name, path: e.path,
        sha: e.entry?.sha ?? '', url: `${base}/${e.path}?ref=${ref}`, git_url: null, html_url: null, download_url: null, _links: { self: `${base}/${e.path}?ref=${ref}`, git: null, html: null } })) };
    },
  },
  {
    method: 'GET', template: '/repos/{owner}/{repo}/collaborators/{username}/permission', operation: 'repos/get-collaborator-permission-level',
    handle: ({ core, repo, params }) => {
      if (!core.world.accounts.has(params.username!.toLowerCase())) throw notFound();
      const role = core.world.permission(repo, params.username!);
      return { body: { permission: ROLE_TO_PERMISSION[role], role_name: role, user: { ...core.shapes.user(params.username!), permissions: { admin: role === 'admin', maintain: role === 'admin' || role === 'maintain', push: ROLE_TO_PERMISSION[role] === 'write' || role === 'admin', triage: role !== 'read' && role !== 'none', pull: role !== 'none' }, role_name: role } } };
    },
  },
  {
    method: 'GET', template: '/orgs/{org}/teams/{team_slug}/memberships/{username}', operation: 'teams/get-membership-for-user-in-org',
    handle: ({ core, params, caller }) => {
      const team = core.world.teams.get(`${params.org}/${params.team_slug}`.toLowerCase());
      const inst = caller.kind === 'installation' ? core.world.installations.get(caller.installationId) : undefined;
      if (!team || !inst || inst.account.toLowerCase() !== team.org.toLowerCase()) throw notFound();
      if (![...team.members].some((m) => m.toLowerCase() === params.username!.toLowerCase())) throw notFound();
      return { body: { url: `${core.urls.api}/teams/${team.id}/memberships/${params.username}`, role: 'member', state: 'active' } };
    },
  },
  {
    method: 'GET', template: '/repos/{owner}/{repo}/branches/{branch}/protection', operation: 'repos/get-branch-protection',
    handle: ({ core, repo, params }) => {
      branchOrThrow(repo, params.branch!);
      if (!repo.protection.has(params.branch!)) throw new HttpError(404, 'Branch not protected');
      const u = `${core.urls.api}/repos/${repo.fullName}/branches/${encodeURIComponent(params.branch!)}/protection`;
      return { body: { url: u, required_status_checks: statusChecks(core, repo, params.branch!), enforce_admins: { url: `${u}/enforce_admins`, enabled: false },
        required_linear_history: { enabled: false }, allow_force_pushes: { enabled: false }, allow_deletions: { enabled: false }, required_conversation_resolution: { enabled: false } } };
    },
  },
  {
    method: 'GET', template: '/repos/{owner}/{repo}/branches/{branch}/protection/required_status_checks', operation: 'repos/get-status-checks-protection',
    handle: ({ core, repo, params }) => {
      branchOrThrow(repo, params.branch!);
      if (!repo.protection.has(params.branch!)) throw new HttpError(404, 'Branch not protected');
      return { body: statusChecks(core, repo, params.branch!) };
    },
  },
  {
    method: 'GET', template: '/repos/{owner}/{repo}/rules/branches/{branch}', operation: 'repos/get-branch-rules',
    handle: ({ repo, params }) => {
      const checks = repo.rulesets.get(params.branch!);
      if (!checks) return { body: [] };
      return { body: [{ type: 'required_status_checks', ruleset_source_type: 'Repository', ruleset_source: repo.fullName, ruleset_id: repo.id,
        parameters: { strict_required_status_checks_policy: false, do_not_enforce_on_create: false, required_status_checks: checks.map((c) => (c.appId === undefined ? { context: c.context } : { context: c.context, integration_id: c.appId })) } }] };
    },
  },
];
