// GitHub App endpoints: installation tokens (JWT-authenticated), installations, accessible repos.
import { HttpError, notFound, paginate, type Route } from '../server.js';
import type { Installation } from '../model/world.js';
import type { SimCore } from '../core.js';
import type { Auth } from '../auth.js';

function installationJson(core: SimCore, inst: Installation) {
  const acc = core.world.account(inst.account);
  return {
    id: inst.id, account: core.shapes.user(acc), repository_selection: 'selected', access_tokens_url: `${core.urls.api}/app/installations/${inst.id}/access_tokens`,
    repositories_url: `${core.urls.api}/installation/repositories`, html_url: `${core.urls.html}/settings/installations/${inst.id}`, app_id: core.appId,
    app_slug: core.app.slug, target_id: acc.id, target_type: acc.type === 'Organization' ? 'Organization' : 'User',
    permissions: { checks: 'write', pull_requests: 'write', contents: 'read', issues: 'write', metadata: 'read', members: 'read' },
    events: ['pull_request', 'pull_request_review', 'check_run', 'merge_group'], created_at: '2024-01-01T00:00:00Z', updated_at: '2024-01-01T00:00:00Z',
    single_file_name: null, has_multiple_single_files: false, single_file_paths: [], suspended_by: null, suspended_at: null,
  };
}

export function appRoutes(auth: Auth): Route[] {
  return [
    {
      method: 'GET', template: '/app', operation: 'apps/get-authenticated', auth: 'app',
      handle: ({ core }) => ({ body: core.shapes.app(core.app) }),
    },
    {
      method: 'POST', template: '/app/installations/{installation_id}/access_tokens', operation: 'apps/create-installation-access-token', auth: 'app',
      handle: ({ core, params }) => {
        const inst = core.world.installations.get(Number(params.installation_id));
        if (!inst) throw notFound();
        const { token, expiresAt } = auth.issueToken(inst.id);
        const repos = [...core.world.repos.values()].filter((r) => r.installationId === inst.id);
        return { status: 201, body: { token, expires_at: expiresAt, permissions: installationJson(core, inst).permissions, repository_selection: 'selected', repositories: repos.map((r) => core.shapes.repository(r)) } };
      },
    },
    {
      method: 'GET', template: '/app/installations', operation: 'apps/list-installations', auth: 'app',
      handle: (ctx) => paginate(ctx, [...ctx.core.world.installations.values()].map((i) => installationJson(ctx.core, i))),
    },
    {
      method: 'GET', template: '/app/installations/{installation_id}', operation: 'apps/get-installation', auth: 'app',
      handle: ({ core, params }) => {
        const inst = core.world.installations.get(Number(params.installation_id));
        if (!inst) throw notFound();
        return { body: installationJson(core, inst) };
      },
    },
    {
      method: 'GET', template: '/repos/{owner}/{repo}/installation', operation: 'apps/get-repo-installation', auth: 'app',
      handle: ({ core, repo }) => {
        if (repo.installationId === null) throw notFound();
        return { body: installationJson(core, core.world.installations.get(repo.installationId)!) };
      },
    },
    {
      method: 'GET', template: '/installation/repositories', operation: 'apps/list-repos-accessible-to-installation',
      handle: (ctx) => {
        if (ctx.caller.kind !== 'installation') throw new HttpError(401, 'Bad credentials');
        const id = ctx.caller.installationId;
        const repos = [...ctx.core.world.repos.values()].filter((r) => r.installationId === id).map((r) => ctx.core.shapes.repository(r));
        return paginate(ctx, repos, (page, total) => ({ total_count: total, repository_selection: 'selected', repositories: page }));
      },
    },
  ];
}
