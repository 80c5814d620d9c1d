import type { Cmd } from '../../shell/command.js';
import { parseArgs } from '../../shell/options.js';
import { display, type WordValue } from '../../shell/words.js';
import type { Reason } from '../../types.js';
import { judgeApiCall } from './api.js';
import { reason, type RuleContext } from './context.js';

/** The GitHub CLI: reads green, mutations yellow (`step:api-write`), approvals/merges/settings red. */

const GH_API_VALUES = ['-X', '--method', '-f', '--raw-field', '-F', '--field', '-H', '--header', '--input', '-q', '--jq', '-t', '--template', '--hostname', '--cache', '-p', '--preview'];

function ghApi(cmd: Cmd, args: WordValue[], rc: RuleContext): Reason[] {
  const p = parseArgs(args, { values: GH_API_VALUES, aliases: { '-X': '--method', '-f': '--raw-field', '-F': '--field', '-H': '--header' } });
  const out: Reason[] = [];
  const endpoint = p.positionals[0];
  let method: string | null = null;
  const body: string[] = [];
  let hiddenBody = false;
  for (const o of p.options) {
    const v = o.value;
    if (o.name === '--method') method = v?.known ? v.text.toUpperCase() : 'UNKNOWN';
    if (o.name === '--raw-field' || o.name === '--field') {
      if (v) {
        body.push(v.text);
        if (!v.known) hiddenBody = true;
        if (o.name === '--field' && /^[^=]*=@/.test(v.text)) hiddenBody = true;
      }
    }
    if (o.name === '--input') hiddenBody = true;
    if (o.name === '--hostname' && v) {
      const h = v.known ? v.text.toLowerCase() : null;
      if (!h || !rc.allowHost(h)) out.push(reason('step:network', 'red', cmd, `gh api to the host ${v ? display(v) : '…'}, which is not on the network allow list`));
    }
  }
  if (!method) method = body.length || hiddenBody ? 'POST' : 'GET';
  if (!endpoint) return [...out, reason('step:api-write', 'yellow', cmd, 'gh api without an endpoint')];
  if (!endpoint.known) {
    if (method === 'GET') return [...out, reason('step:unknown', 'yellow', cmd, `gh api GET of an endpoint the engine cannot know`)];
    return [...out, reason('step:approve', 'red', cmd, `gh api ${method} of an endpoint the engine cannot know`)];
  }
  if (method === 'UNKNOWN') return [...out, reason('step:approve', 'red', cmd, 'gh api with a method from an unknown expansion')];
  let path = endpoint.text;
  if (/^https?:\/\//i.test(path)) {
    try {
      const u = new URL(path);
      if (!rc.allowHost(u.hostname)) out.push(reason('step:network', 'red', cmd, `gh api to ${u.hostname}, which is not on the network allow list`));
      path = u.pathname;
    } catch {
      return [...out, reason('step:approve', 'red', cmd, 'gh api with an endpoint the engine cannot parse')];
    }
  }
  path = path.replace(/\{owner\}/g, 'o').replace(/\{repo\}/g, 'r').replace(/\{branch\}/g, rc.ctx.currentBranch ?? 'HEAD');
  return [...out, ...judgeApiCall(cmd, { method, path, body, hiddenBody }, rc, 'gh api')];
}

const READ_VERBS = new Set(['view', 'list', 'ls', 'diff', 'checks', 'status', 'watch', 'download-logs', 'search', 'browse']);

export function ghCommand(cmd: Cmd, rc: RuleContext): Reason[] {
  const p = parseArgs(cmd.args, { values: ['-R', '--repo', '--hostname'], stopAtPositional: true });
  const out: Reason[] = [];
  const pos = p.positionals;
  const group = pos[0]?.text ?? '';
  const verb = pos[1]?.text ?? '';
  const rest = pos.slice(2);
  const flags = new Set(rest.map((w) => w.text.split('=')[0] as string));
  const has = (...f: string[]): boolean => f.some((x) => flags.has(x));
  const api = (msg: string): Reason[] => [...out, reason('step:api-write', 'yellow', cmd, msg)];
  const red = (rule: string, msg: string): Reason[] => [...out, reason(rule, 'red', cmd, msg)];
  const read = (msg: string): Reason[] => [...out, reason('step:read-only', 'green', cmd, msg)];
  if (!pos[0]?.known) return red('step:obfuscated', 'gh subcommand from an expansion');
  switch (group) {
    case 'api':
      return [...out, ...ghApi(cmd, pos.slice(1), rc)];
    case 'auth':
      if (verb === 'token') return red('step:credential-access', 'prints the GitHub token');
      if (verb === 'status') return has('--show-token', '-t') ? red('step:credential-access', 'prints the GitHub token (--show-token)') : read('shows the login status');
      return red('step:credential-access', `gh auth ${verb} changes or exposes GitHub credentials`);
    case 'secret':
      if (verb === 'list' || verb === 'ls') return read('lists secret names');
      return red('step:credential-access', `gh secret ${verb} changes repository secrets`);
    case 'variable':
      if (verb === 'list' || verb === 'ls' || verb === 'get') return read('reads variables');
      return red('step:credential-access', `gh variable ${verb} changes repository variables`);
    case 'pr':
      if (READ_VERBS.has(verb)) return read(`gh pr ${verb}`);
      if (verb === 'merge') return red('step:approve', 'merges a pull request');
      if (verb === 'review') {
        if (has('--approve', '-a')) return red('step:approve', 'approves a pull request');
        return api('comments on or requests changes to a pull request');
      }
      if (verb === 'checkout') return [...out, reason('step:workspace-write', 'yellow', cmd, 'checks out a pull request')];
      if (verb === 'create' || verb === 'comment' || verb === 'edit' || verb === 'ready' || verb === 'close' || verb === 'reopen' || verb === 'update-branch' || verb === 'lock' || verb === 'unlock') {
        if (verb === 'edit' && has('--add-reviewer') === false && has('--base', '-B')) return api('retargets a pull request');
        return api(`gh pr ${verb}`);
      }
      return api(`gh pr ${verb}`);
    case 'issue':
      if (READ_VERBS.has(verb)) return read(`gh issue ${verb}`);
      if (verb === 'delete') return red('step:delete', 'deletes an issue');
      if (verb === 'transfer') return red('step:approve', 'transfers an issue to another repository');
      return api(`gh issue ${verb}`);
    case 'label':
      if (verb === 'list') return read('lists labels');
      if (verb === 'delete') return red('step:delete', 'deletes a label');
      return api(`gh label ${verb}`);
    case 'repo':
      if (verb === 'view' || verb === 'list') return read(`gh repo ${verb}`);
      if (verb === 'delete') return red('step:delete', 'deletes a repository');
      if (verb === 'edit' || verb === 'rename' || verb === 'archive' || verb === 'unarchive' || verb === 'set-default' || verb === 'deploy-key') return red('step:approve', `gh repo ${verb} changes repository settings`);
      if (verb === 'create') return has('--push') ? red('step:network', 'creates a repository and pushes the code to it') : api('creates a repository');
      if (verb === 'clone' || verb === 'fork') return [...out, reason('step:workspace-write', 'yellow', cmd, `gh repo ${verb}`)];
      if (verb === 'sync') return red('step:force-push', 'gh repo sync can force-update branches');
      return api(`gh repo ${verb}`);
    case 'release':
      if (verb === 'view' || verb === 'list') return read(`gh release ${verb}`);
      if (verb === 'download') return [...out, reason('step:workspace-write', 'yellow', cmd, 'downloads release assets')];
      if (verb === 'delete' || verb === 'delete-asset') return [...red('step:delete', 'deletes a release'), reason('step:production', 'red', cmd, 'changes a release')];
      return [...red('step:production', `gh release ${verb} publishes a release`), reason('step:approve', 'red', cmd, 'releases are never automatic')];
    case 'workflow':
      if (verb === 'view' || verb === 'list') return read(`gh workflow ${verb}`);
      return red('step:approve', `gh workflow ${verb} dispatches or changes workflows`);
    case 'run':
      if (READ_VERBS.has(verb) || verb === 'download') return verb === 'download' ? [...out, reason('step:workspace-write', 'yellow', cmd, 'downloads run artifacts')] : read(`gh run ${verb}`);
      if (verb === 'delete') return red('step:delete', 'deletes a workflow run');
      return api(`gh run ${verb}`);
    case 'gist':
      if (verb === 'view' || verb === 'list') return read(`gh gist ${verb}`);
      if (verb === 'create' || verb === 'edit') return red('step:network', 'publishes files in a gist, outside the repository');
      if (verb === 'delete') return red('step:delete', 'deletes a gist');
      return api(`gh gist ${verb}`);
    case 'cache':
      if (verb === 'list') return read('lists caches');
      return red('step:delete', 'deletes Actions caches');
    case 'ruleset':
      if (verb === 'view' || verb === 'list' || verb === 'check') return read(`gh ruleset ${verb}`);
      return red('step:approve', 'changes rulesets');
    case 'ssh-key':
    case 'gpg-key':
      if (verb === 'list') return read(`gh ${group} list`);
      return red('step:credential-access', `gh ${group} ${verb} changes account keys`);
    case 'extension':
    case 'ext':
      if (verb === 'list') return read('lists extensions');
      if (verb === 'install' || verb === 'upgrade') return [...out, reason('step:package-install', 'yellow', cmd, 'installs a gh extension')];
      return [...out, reason('step:unknown', 'yellow', cmd, `gh extension ${verb}`)];
    case 'search':
    case 'status':
    case 'browse':
    case 'help':
    case 'version':
    case '--version':
    case 'completion':
      return read(`gh ${group}`);
    case 'codespace':
    case 'cs':
      return red('step:network', 'gh codespace reaches remote machines');
    case 'alias':
      if (verb === 'list') return read('lists aliases');
      return red('step:obfuscated', 'gh alias set defines a command that can run anything');
    case 'attestation':
      return read('gh attestation');
    case 'org':
      return verb === 'list' ? read('lists organisations') : red('step:approve', 'changes an organisation');
    case 'project':
      return READ_VERBS.has(verb) || verb === 'field-list' || verb === 'item-list' ? read(`gh project ${verb}`) : api(`gh project ${verb}`);
    default:
      return [...out, reason('step:unknown', 'yellow', cmd, `gh ${group} (an extension or alias the policy does not list)`)];
  }
}
