import type { Cmd } from '../../shell/command.js';
import type { Reason } from '../../types.js';
import { reason, type RuleContext } from './context.js';

/**
 * `step:approve` for GitHub REST and GraphQL calls made through any client (`gh api`, `curl`,
 * `wget`, `http`): merges, approvals, protection, settings, refs on the default branch or tags,
 * releases, dispatches. Other mutating calls are `step:api-write` (yellow); GET is read-only.
 */
export interface ApiCall {
  method: string;
  /** Path without host, e.g. `repos/o/r/pulls/1/merge` (leading slash and `/api/v3` removed). */
  path: string;
  /** Field values and body text, searched for APPROVE / branch names. */
  body: string[];
  /** The body could not be seen (`--input file`, `-d @file`). */
  hiddenBody: boolean;
}

const GRAPHQL_APPROVE = ['mergepullrequest', 'enablepullrequestautomerge', 'updatebranchprotectionrule', 'createbranchprotectionrule', 'deletebranchprotectionrule', 'updaterepository', 'createref', 'updateref', 'deleteref', 'updaterefs', 'createcommitonbranch', 'mergebranch', 'createrelease', 'updaterelease', 'deleterelease', 'createrepositoryruleset', 'updaterepositoryruleset', 'deleterepositoryruleset', 'addcollaborator'];

function defaultNames(rc: RuleContext): Set<string> {
  const s = new Set(['main', 'master']);
  if (rc.ctx.defaultBranch) s.add(rc.ctx.defaultBranch.toLowerCase());
  return s;
}

function mentionsApprove(body: string[]): boolean {
  return body.some((b) => /approve/i.test(b));
}

export function judgeApiCall(cmd: Cmd, call: ApiCall, rc: RuleContext, client: string): Reason[] {
  const method = call.method.toUpperCase();
  const path = call.path.replace(/^\/+/, '').replace(/^api\/v3\//, '').split(/[?#]/)[0] ?? '';
  const lower = path.toLowerCase();
  const approve = (what: string): Reason[] => [reason('step:approve', 'red', cmd, `${client} ${method} ${path}: ${what}`)];

  if (lower === 'graphql') {
    const text = call.body.join(' ').toLowerCase();
    if (call.hiddenBody) return approve('GraphQL request whose query the engine cannot see');
    if (GRAPHQL_APPROVE.some((m) => text.includes(m))) return approve('GraphQL mutation that merges, approves, changes protection, refs, releases or settings');
    if ((text.includes('addpullrequestreview') || text.includes('submitpullrequestreview')) && text.includes('approve')) return approve('GraphQL review with APPROVE');
    if (/\bmutation\b/.test(text) || text.includes('mutation{') || text.includes('mutation ')) {
      return [reason('step:api-write', 'yellow', cmd, `${client} GraphQL mutation`)];
    }
    return [reason('step:read-only', 'green', cmd, `${client} GraphQL query (read)`)];
  }

  if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') return [reason('step:read-only', 'green', cmd, `${client} ${method} ${path} (read)`)];
  if (method === 'DELETE') {
    return [
      reason('step:approve', 'red', cmd, `${client} DELETE ${path}: API deletions are never automatic`),
      reason('step:delete', 'red', cmd, `${client} DELETE ${path}`),
    ];
  }

  const segs = lower.split('/').filter(Boolean);
  const isRepo = segs[0] === 'repos' && segs.length >= 3;
  const rest = isRepo ? segs.slice(3) : segs;
  const tail = rest.join('/');
  const defaults = defaultNames(rc);
  const body = call.body.map((b) => b.toLowerCase());
  const bodyNames = (key: string): string[] => body.filter((b) => b.startsWith(key + '=')).map((b) => b.slice(key.length + 1));

  if (/^pulls\/[^/]+\/merge$/.test(tail)) return approve('merges a pull request');
  if (/^pulls\/[^/]+\/reviews(\/[^/]+\/events)?$/.test(tail) && (call.hiddenBody || mentionsApprove(call.body))) return approve('submits an approving review');
  if (tail.includes('/protection') || tail.startsWith('rulesets') || tail.startsWith('collaborators') || tail.startsWith('hooks') || tail.startsWith('actions/secrets') || tail.startsWith('environments') || tail.startsWith('actions/permissions') || tail.startsWith('keys') || tail.startsWith('actions/variables') || tail.startsWith('dependabot/secrets') || tail.startsWith('codespaces/secrets') || tail.startsWith('pages') || tail.startsWith('invitations')) {
    return approve('changes protection, access, secrets or settings');
  }
  if (segs[0] === 'orgs' || segs[0] === 'user' || segs[0] === 'admin' || segs[0] === 'enterprises') return approve('changes organisation, account or enterprise settings');
  if (isRepo && rest.length === 0) return approve('changes repository settings');
  if (tail.startsWith('releases')) return approve('creates or changes a release');
  if (tail.endsWith('dispatches') || tail === 'dispatches') return approve('dispatches a workflow');
  if (/^actions\/workflows\/[^/]+\/(enable|disable)$/.test(tail)) return approve('enables or disables a workflow');
  if (tail.startsWith('git/refs') || tail.startsWith('git/tags')) {
    const ref = rest.slice(2).join('/');
    const refBody = bodyNames('ref').join(' ');
    if (tail.startsWith('git/tags') || ref.startsWith('tags') || refBody.includes('refs/tags')) return approve('creates or moves a tag (tags start releases)');
    const branch = ref.startsWith('heads/') ? ref.slice(6) : refBody.replace(/^refs\/heads\//, '');
    if (!branch || defaults.has(branch) || call.hiddenBody) return approve('moves a ref on the default branch (or one the engine cannot tell)');
    return [reason('step:api-write', 'yellow', cmd, `${client} ${method} ${path}: updates the branch ${branch}`)];
  }
  if (tail.startsWith('contents/')) {
    const branch = bodyNames('branch')[0];
    if (!branch || defaults.has(branch) || call.hiddenBody) return approve('writes a file on the default branch');
    return [reason('step:api-write', 'yellow', cmd, `${client} ${method} ${path}: writes a file on ${branch}`)];
  }
  if (tail === 'merges') {
    const base = bodyNames('base')[0];
    if (!base || defaults.has(base) || call.hiddenBody) return approve('merges into the default branch');
    return [reason('step:api-write', 'yellow', cmd, `${client} ${method} ${path}: merges into ${base}`)];
  }
  if (tail.startsWith('pulls/') && tail.endsWith('/update-branch')) return [reason('step:api-write', 'yellow', cmd, `${client} ${method} ${path}`)];
  return [reason('step:api-write', 'yellow', cmd, `${client} ${method} ${path}: a mutating API call`)];
}
