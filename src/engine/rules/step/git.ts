import type { Cmd } from '../../shell/command.js';
import { parseArgs, type ParsedArgs } from '../../shell/options.js';
import { changeDirectory, resolvePath } from '../../shell/paths.js';
import { display, UNKNOWN, type WordValue } from '../../shell/words.js';
import type { Reason } from '../../types.js';
import { reason, type RuleContext } from './context.js';
import { parseTarget } from './hosts.js';

/**
 * git: read commands (green), local writes (yellow), pushes (`step:git-push`, `step:force-push`,
 * `step:exfiltration`), deletions, remotes (`step:network`), configuration (`step:outside-write`,
 * `step:credential-access`) and configuration injected on the command line (`step:obfuscated`).
 */

const GLOBAL_VALUES = ['-C', '-c', '--config-env', '--git-dir', '--work-tree', '--namespace', '--exec-path', '--super-prefix', '--list-cmds', '--attr-source'];

/** GIT_* variables that only label or trace; every other one can point git at a program or a config. */
const HARMLESS_GIT_ENV = /^GIT_(AUTHOR|COMMITTER)_(NAME|EMAIL|DATE)$|^GIT_TERMINAL_PROMPT$|^GIT_TRACE\w*$|^GIT_CURL_VERBOSE$|^GIT_MERGE_AUTOEDIT$|^GIT_FLUSH$|^GIT_OPTIONAL_LOCKS$|^GIT_LFS_SKIP_SMUDGE$|^GIT_REDIRECT_STD\w+$|^GIT_PROGRESS_DELAY$|^GIT_ADVICE$|^GIT_DEFAULT_HASH$|^GIT_CLONE_PROTECTION_ACTIVE$|^GIT_HTTP_LOW_SPEED_\w+$|^GIT_NO_REPLACE_OBJECTS$|^GIT_LITERAL_PATHSPECS$|^GIT_GLOB_PATHSPECS$|^GIT_NOGLOB_PATHSPECS$|^GIT_ICASE_PATHSPECS$/;

export function isDangerousGitEnv(name: string): boolean {
  return name.startsWith('GIT_') && !HARMLESS_GIT_ENV.test(name);
}

const READ = new Set([
  'status', 'log', 'diff', 'show', 'blame', 'ls-files', 'rev-parse', 'describe', 'shortlog', 'reflog', 'grep', 'cat-file', 'ls-tree', 'merge-base',
  'name-rev', 'rev-list', 'for-each-ref', 'show-ref', 'whatchanged', 'range-diff', 'cherry', 'count-objects', 'check-ignore', 'check-attr', 'check-ref-format',
  'diff-tree', 'diff-files', 'diff-index', 'var', 'version', 'help', 'annotate', 'verify-commit', 'verify-tag', 'fsck', 'show-branch', 'ls-remote', 'difftool',
]);
const LOCAL_WRITE = new Set([
  'add', 'commit', 'checkout', 'switch', 'restore', 'stash', 'merge', 'rebase', 'tag', 'reset', 'cherry-pick', 'revert', 'am', 'apply', 'mv', 'init',
  'notes', 'worktree', 'pull', 'submodule', 'lfs', 'gc', 'prune', 'repack', 'maintenance', 'sparse-checkout', 'bisect', 'format-patch', 'bundle',
  'commit-tree', 'update-index', 'write-tree', 'read-tree', 'hash-object', 'mktag', 'mktree', 'fast-import', 'filter-branch', 'replace', 'rerere', 'clone', 'archive', 'update-ref', 'symbolic-ref', 'fetch', 'remote', 'branch', 'clean', 'rm', 'config', 'push', 'credential',
]);

function defaultBranches(rc: RuleContext): Set<string> {
  const s = new Set(['main', 'master']);
  if (rc.ctx.defaultBranch) s.add(rc.ctx.defaultBranch);
  return s;
}

/** Version-like names are tags unless the context says otherwise (`v1.2.3`, `1.0`, `release-2.0.1`). */
function isTagName(name: string, rc: RuleContext): boolean {
  if (rc.ctx.tags?.includes(name)) return true;
  return /^v?\d+(\.\d+)+([-.+][\w.-]*)?$/i.test(name) || /^(release|rel)[-/]?v?\d+(\.\d+)*$/i.test(name) || /^v\d+$/i.test(name);
}

function push(cmd: Cmd, p: ParsedArgs, rc: RuleContext): Reason[] {
  const out: Reason[] = [];
  const opts = new Set(p.options.map((o) => o.name));
  const has = (...n: string[]): boolean => n.some((x) => opts.has(x));
  if (has('--force', '-f', '--force-with-lease', '--force-if-includes')) out.push(reason('step:force-push', 'red', cmd, 'force-pushes: it rewrites published history'));
  if (has('--mirror', '--all', '--branches')) out.push(reason('step:force-push', 'red', cmd, 'pushes every branch (the default branch included)'));
  if (has('--tags', '--follow-tags')) out.push(reason('step:force-push', 'red', cmd, 'pushes tags: tags start releases'));
  if (has('--delete', '-d')) out.push(reason('step:delete', 'red', cmd, 'deletes remote refs'));
  if (has('--prune')) out.push(reason('step:delete', 'red', cmd, 'deletes remote branches that are gone locally (--prune)'));
  for (const o of p.options) {
    if ((o.name === '--receive-pack' || o.name === '--exec') && o.value) out.push(reason('step:obfuscated', 'red', cmd, `runs \`${display(o.value)}\` on the remote side`));
    if (o.name === '--repo' && o.value) p.positionals.unshift(o.value);
  }
  const [remote, ...refspecs] = p.positionals;
  if (remote) {
    const r = remote.text;
    if (!remote.known) out.push(reason('step:exfiltration', 'red', cmd, `pushes to \`${display(remote)}\`, a remote the engine cannot know`));
    else if (r.includes('://') || r.includes('@') || /^[^/]+:/.test(r) || r.startsWith('/') || r.startsWith('.') || r.startsWith('~')) {
      out.push(reason('step:exfiltration', 'red', cmd, `pushes to the URL or path \`${r}\`: it sends the code elsewhere`));
    } else if (r !== 'origin') out.push(reason('step:exfiltration', 'red', cmd, `pushes to the remote \`${r}\`, not the repository's own origin`));
  }
  const defaults = defaultBranches(rc);
  const current = rc.ctx.currentBranch ?? null;
  const targets: { name: string; known: boolean; src: string }[] = [];
  if (refspecs.length === 0) targets.push({ name: 'HEAD', known: true, src: 'HEAD' });
  for (const spec of refspecs) {
    let t = spec.text;
    if (!spec.known) {
      targets.push({ name: t, known: false, src: t });
      continue;
    }
    if (t.startsWith('+')) {
      out.push(reason('step:force-push', 'red', cmd, `\`${t}\` is a forced refspec`));
      t = t.slice(1);
    }
    const colon = t.indexOf(':');
    const src = colon === -1 ? t : t.slice(0, colon);
    const dst = colon === -1 ? t : t.slice(colon + 1);
    if (colon !== -1 && src === '') {
      out.push(reason('step:delete', 'red', cmd, `\`${t}\` deletes the remote ref ${dst}`));
      continue;
    }
    targets.push({ name: dst, known: true, src });
  }
  for (const t of targets) {
    if (!t.known) {
      out.push(reason('step:force-push', 'red', cmd, `pushes \`${t.name.split(UNKNOWN).join('…')}\`, a ref the engine cannot know`));
      continue;
    }
    let name = t.name;
    if (name.startsWith('refs/tags/') || (t.src.startsWith('refs/tags/') && !name.startsWith('refs/heads/'))) {
      out.push(reason('step:force-push', 'red', cmd, `pushes the tag ${name.replace(/^refs\/tags\//, '')}: tags start releases`));
      continue;
    }
    name = name.replace(/^refs\/heads\//, '');
    if (name === 'HEAD' || name === '@') {
      if (!current) out.push(reason('step:force-push', 'red', cmd, 'pushes the current branch, which the engine does not know: it may be the default branch'));
      else if (defaults.has(current)) out.push(reason('step:force-push', 'red', cmd, `pushes the current branch ${current}, the default branch`));
      else out.push(reason('step:git-push', 'yellow', cmd, `pushes the branch ${current}`));
      continue;
    }
    if (defaults.has(name)) out.push(reason('step:force-push', 'red', cmd, `pushes to ${name}, the default branch`));
    else if (isTagName(name, rc)) out.push(reason('step:force-push', 'red', cmd, `pushes ${name}, which looks like a tag: tags start releases`));
    else out.push(reason('step:git-push', 'yellow', cmd, `pushes the branch ${name}`));
  }
  return out;
}

const CONFIG_READ_FLAGS = ['--get', '--get-all', '--get-regexp', '--get-urlmatch', '--get-color', '--get-colorbool', '--list', '-l', '--show-origin', '--show-scope', '--name-only', '--null', '-z', '--type', '--bool', '--int', '--path', '--default', '--includes', '--no-includes', '--fixed-value'];
const CONFIG_WRITE_FLAGS = ['--add', '--unset', '--unset-all', '--replace-all', '--rename-section', '--remove-section', '-e', '--edit'];
const SAFE_LOCAL_KEYS = /^(user\.name|user\.email|init\.defaultbranch|pull\.rebase|push\.default|color\..+|advice\..+)$/i;
const TOKEN_KEYS = /^(http\..*|credential\..*|remote\..*\.url|remote\..*\.pushurl|url\..*)$/i;

function config(cmd: Cmd, args: WordValue[]): Reason[] {
  let list = args;
  let sub: string | null = null;
  const first = list[0]?.text;
  if (first && ['get', 'set', 'unset', 'list', 'edit', 'rename-section', 'remove-section'].includes(first)) {
    sub = first;
    list = list.slice(1);
  }
  const p = parseArgs(list, { values: ['-f', '--file', '--blob', '--type', '--default', '--comment', '--value'], aliases: { '-f': '--file', '-l': '--list', '-e': '--edit' } });
  const names = p.options.map((o) => o.name);
  const scopeOutside = names.some((n) => n === '--global' || n === '--system' || n === '--file' || n === '--blob');
  const isList = sub === 'list' || names.includes('--list');
  const isEdit = sub === 'edit' || names.includes('--edit');
  const writeFlag = names.some((n) => CONFIG_WRITE_FLAGS.includes(n)) || sub === 'set' || sub === 'unset' || sub === 'rename-section' || sub === 'remove-section';
  const readFlag = sub === 'get' || names.some((n) => CONFIG_READ_FLAGS.includes(n));
  const key = p.positionals[0]?.text ?? '';
  if (isList) return [reason('step:credential-access', 'red', cmd, 'lists git configuration, which can hold tokens (http.*, credential.*, remote URLs)')];
  if (isEdit) return [reason('step:outside-write', 'red', cmd, 'opens git configuration in an editor')];
  const isWrite = writeFlag || (!readFlag && p.positionals.length >= 2);
  if (!isWrite) {
    if (!p.positionals[0]?.known || TOKEN_KEYS.test(key) || names.includes('--get-regexp') || names.includes('--get-urlmatch')) {
      return [reason('step:credential-access', 'red', cmd, `reads the git configuration key \`${key || '…'}\`, which can hold tokens`)];
    }
    return [reason('step:read-only', 'green', cmd, `reads the git configuration key ${key}`)];
  }
  if (!scopeOutside && SAFE_LOCAL_KEYS.test(key) && !writeFlag) return [reason('step:workspace-write', 'yellow', cmd, `sets the repository-local ${key}`)];
  if (!scopeOutside && SAFE_LOCAL_KEYS.test(key) && sub === 'set') return [reason('step:workspace-write', 'yellow', cmd, `sets the repository-local ${key}`)];
  const where = scopeOutside ? 'global, system or file configuration' : 'repository configuration (.git/config)';
  return [reason('step:outside-write', 'red', cmd, `writes ${key || 'a key'} to the ${where}: git configuration can run programs (core.pager, core.sshCommand, hooks) and redirect remotes`)];
}

export function gitCommand(cmd: Cmd, rc: RuleContext): Reason[] {
  const out: Reason[] = [];
  for (const e of cmd.env) {
    if (isDangerousGitEnv(e.name)) out.push(reason('step:obfuscated', 'red', cmd, `${e.name} injects git configuration or a program into git`));
  }
  const p = parseArgs(cmd.args, { values: GLOBAL_VALUES, stopAtPositional: true });
  let cwd = cmd.cwd;
  for (const o of p.options) {
    if (o.name === '-c' || o.name === '--config-env') out.push(reason('step:obfuscated', 'red', cmd, `\`${o.name} ${o.value ? display(o.value) : ''}\` injects git configuration on the command line (it can run programs: core.pager, core.sshCommand, diff drivers)`));
    if (o.name === '--exec-path' && o.value) out.push(reason('step:obfuscated', 'red', cmd, '--exec-path makes git run programs from another directory'));
    if ((o.name === '-C' || o.name === '--git-dir' || o.name === '--work-tree') && o.value) {
      const target = resolvePath(o.value.text, cwd, rc.ctx);
      if (o.name === '-C') cwd = changeDirectory(o.value.known ? o.value.text : null, cwd, rc.ctx);
      if (target.place !== 'workspace' && target.place !== 'git') {
        out.push(reason('step:unknown', 'yellow', cmd, `${o.name} \`${display(o.value)}\` runs git in a tree the policy does not cover`));
      }
    }
  }
  const subWord = p.positionals[0];
  if (!subWord) return [...out, reason('step:read-only', 'green', cmd, 'git with no subcommand prints help')];
  if (!subWord.known || !subWord.literal) return [...out, reason('step:obfuscated', 'red', cmd, 'git subcommand from an expansion')];
  const sub = subWord.text;
  const args = p.positionals.slice(1);
  const sp = (values: string[] = []): ParsedArgs => parseArgs(args, { values });
  const a = args.map((w) => w.text);
  switch (sub) {
    case 'push':
      return [...out, ...push(cmd, sp(['--repo', '--receive-pack', '--exec', '-o', '--push-option', '--signed', '--force-with-lease', '--recurse-submodules']), rc)];
    case 'config':
      return [...out, ...config(cmd, args)];
    case 'credential':
    case 'credential-store':
    case 'credential-cache':
    case 'credential-osxkeychain':
    case 'credential-manager':
    case 'credential-libsecret':
      return [...out, reason('step:credential-access', 'red', cmd, 'talks to the git credential helper, which hands out tokens')];
    case 'remote': {
      const action = a.find((x) => !x.startsWith('-'));
      if (!action || action === 'show' || action === 'get-url' || a.includes('-v')) {
        if (action === 'get-url') return [...out, reason('step:read-only', 'green', cmd, 'prints a remote URL')];
        return [...out, reason('step:read-only', 'green', cmd, 'lists remotes')];
      }
      if (action === 'add' || action === 'set-url') return [...out, reason('step:network', 'red', cmd, `git remote ${action} points the repository at another server`)];
      if (action === 'update' || action === 'prune') return [...out, reason('step:workspace-write', 'yellow', cmd, `git remote ${action}`)];
      return [...out, reason('step:workspace-write', 'yellow', cmd, `git remote ${action}`)];
    }
    case 'submodule': {
      // `git submodule add URL` clones like `git clone`: the URL's host must be allowed.
      const q = sp(['-b', '--branch', '--name', '--reference', '--depth', '--jobs', '-j']);
      if (q.positionals[0]?.text === 'add' && q.positionals[1]) {
        const u = q.positionals[1];
        const host = u.known ? parseTarget(u.text).host : null;
        const local = u.known && (u.text.startsWith('./') || u.text.startsWith('../') || u.text.startsWith('/') || u.text.startsWith('file://'));
        if (!local && (!host || !rc.allowHost(host))) out.push(reason('step:network', 'red', cmd, `git submodule add from ${host ?? display(u)}, which is not on the network allow list`));
      }
      return [...out, reason('step:workspace-write', 'yellow', cmd, 'git submodule changes .gitmodules and checks out another repository')];
    }
    case 'clone':
    case 'fetch':
    case 'pull':
    case 'ls-remote':
    case 'archive': {
      const q = sp(['--depth', '--branch', '-b', '--origin', '-o', '--reference', '--separate-git-dir', '--upload-pack', '-u', '--template', '--filter', '--config', '-c', '--jobs', '-j', '--remote', '--format', '--prefix', '--output', '--shallow-since', '--shallow-exclude', '--deepen', '--recurse-submodules-default', '--server-option']);
      for (const o of q.options) {
        if (o.name === '--upload-pack' || o.name === '-u' || o.name === '--config' || o.name === '-c' || o.name === '--template') out.push(reason('step:obfuscated', 'red', cmd, `${o.name} makes git run or configure programs`));
      }
      const sources = sub === 'archive' ? q.options.filter((o) => o.name === '--remote' && o.value).map((o) => o.value as WordValue) : q.positionals.slice(0, 1);
      for (const s of sources) {
        const t = s.text;
        const isUrl = t.includes('://') || /^[^/\s]+@[^/\s]+:/.test(t) || /^[^/\s.]+\.[^/\s]+:/.test(t) || sub === 'clone';
        if (!s.known) out.push(reason('step:network', 'red', cmd, `git ${sub} from \`${display(s)}\`, which the engine cannot know`));
        else if (isUrl) {
          if (t.startsWith('file://') || t.startsWith('/') || t.startsWith('.') || (!t.includes(':') && sub === 'clone')) {
            out.push(reason('step:unknown', 'yellow', cmd, `git ${sub} of a local path`));
            continue;
          }
          const host = parseTarget(t).host;
          if (t.startsWith('ext::') || t.includes('::')) out.push(reason('step:obfuscated', 'red', cmd, 'a remote helper URL (ext::) runs a program'));
          else if (!host || !rc.allowHost(host)) out.push(reason('step:network', 'red', cmd, `git ${sub} from ${host ?? t}, which is not on the network allow list`));
        }
      }
      if (sub === 'clone') {
        const dest = q.positionals[1];
        if (dest) {
          const r = resolvePath(dest.text, cwd, rc.ctx);
          if (r.place !== 'workspace' && r.place !== 'tmp') out.push(reason('step:outside-write', 'red', cmd, `clones into \`${display(dest)}\` outside the workspace`));
        }
        return [...out, reason('step:workspace-write', 'yellow', cmd, 'clones a repository')];
      }
      if (sub === 'fetch' || sub === 'ls-remote') return [...out, reason('step:read-only', 'green', cmd, `git ${sub} from a configured remote`)];
      return [...out, reason('step:workspace-write', 'yellow', cmd, `git ${sub}`)];
    }
    case 'branch': {
      const q = sp(['-u', '--set-upstream-to', '--contains', '--no-contains', '--merged', '--no-merged', '--points-at', '--sort', '--format', '--color', '--column']);
      const n = q.options.map((o) => o.name);
      if (n.includes('-D') || (n.includes('-d') && n.includes('-f')) || (n.includes('--delete') && n.includes('--force'))) return [...out, reason('step:delete', 'red', cmd, 'force-deletes a branch (git branch -D): unmerged work is lost')];
      if (n.includes('-d') || n.includes('--delete')) return [...out, reason('step:workspace-write', 'yellow', cmd, 'deletes a merged branch')];
      if (n.includes('-M') || n.includes('-C') || (n.includes('-f') || n.includes('--force'))) return [...out, reason('step:workspace-write', 'yellow', cmd, 'moves or resets a branch')];
      if (q.positionals.length === 0 || n.some((x) => ['--list', '-l', '-a', '-r', '-v', '-vv', '--all', '--remotes', '--show-current', '--contains', '--merged', '--no-merged', '--points-at'].includes(x))) {
        if (q.positionals.length === 0 || n.includes('--list') || n.includes('-l')) return [...out, reason('step:read-only', 'green', cmd, 'lists branches')];
      }
      return [...out, reason('step:workspace-write', 'yellow', cmd, 'creates or changes a branch')];
    }
    case 'tag': {
      const q = sp(['-m', '--message', '-F', '--file', '-u', '--local-user', '--sort', '--format', '--contains', '--points-at', '--merged', '--no-merged', '--color', '--column', '-n']);
      const n = q.options.map((o) => o.name);
      if (n.includes('-d') || n.includes('--delete')) return [...out, reason('step:delete', 'red', cmd, 'deletes tags')];
      if (q.positionals.length === 0 || n.includes('-l') || n.includes('--list')) return [...out, reason('step:read-only', 'green', cmd, 'lists tags')];
      return [...out, reason('step:workspace-write', 'yellow', cmd, 'creates a local tag')];
    }
    case 'clean': {
      const q = sp(['-e', '--exclude']);
      const n = q.options.map((o) => o.name);
      if (n.includes('-n') || n.includes('--dry-run')) return [...out, reason('step:read-only', 'green', cmd, 'git clean -n only lists')];
      if (n.includes('-f') || n.includes('--force')) return [...out, reason('step:delete', 'red', cmd, 'deletes untracked files (git clean -f)')];
      return [...out, reason('step:workspace-write', 'yellow', cmd, 'git clean without -f does nothing')];
    }
    case 'rm':
      return [...out, reason('step:delete', 'red', cmd, 'removes files from the repository (git rm)')];
    case 'update-ref':
      if (a.includes('-d')) return [...out, reason('step:delete', 'red', cmd, 'deletes a ref')];
      return [...out, reason('step:workspace-write', 'yellow', cmd, 'moves a ref')];
    case 'stash':
      if (!a[0] || a[0] === 'list' || a[0] === 'show') return [...out, reason(a[0] ? 'step:read-only' : 'step:workspace-write', a[0] ? 'green' : 'yellow', cmd, a[0] ? 'reads the stash' : 'stashes changes')];
      return [...out, reason('step:workspace-write', 'yellow', cmd, `git stash ${a[0]}`)];
    case 'worktree':
      if (a[0] === 'list') return [...out, reason('step:read-only', 'green', cmd, 'lists worktrees')];
      if (a[0] === 'add') {
        const dest = args.slice(1).find((w) => !w.text.startsWith('-'));
        if (dest) {
          const r = resolvePath(dest.text, cwd, rc.ctx);
          if (r.place !== 'workspace' && r.place !== 'tmp') out.push(reason('step:outside-write', 'red', cmd, `creates a worktree at \`${display(dest)}\` outside the workspace`));
        }
      }
      return [...out, reason('step:workspace-write', 'yellow', cmd, `git worktree ${a[0] ?? ''}`)];
    case 'send-email':
    case 'daemon':
    case 'instaweb':
    case 'http-backend':
    case 'imap-send':
    case 'svn':
    case 'p4':
      return [...out, reason('step:network', 'red', cmd, `git ${sub} talks to other servers`)];
    case 'hook':
    case 'filter-repo':
      return [...out, reason('step:unknown', 'yellow', cmd, `git ${sub}`)];
    case 'diff':
    case 'log':
    case 'show':
      for (const w of args) {
        if (w.text === '--ext-diff' || w.text.startsWith('--output')) {
          if (w.text.startsWith('--output')) {
            const v = w.text.includes('=') ? w.text.slice(w.text.indexOf('=') + 1) : args[args.indexOf(w) + 1]?.text ?? '';
            const r = resolvePath(v, cwd, rc.ctx);
            if (r.place !== 'workspace' && r.place !== 'tmp' && r.place !== 'dev') out.push(reason('step:outside-write', 'red', cmd, `writes --output to \`${v}\` outside the workspace`));
            else out.push(reason('step:workspace-write', 'yellow', cmd, 'writes --output into the project'));
          } else out.push(reason('step:unknown', 'yellow', cmd, '--ext-diff runs a configured diff program'));
        }
      }
      return [...out, reason('step:read-only', 'green', cmd, `git ${sub} reads history`)];
    default:
      if (READ.has(sub)) return [...out, reason('step:read-only', 'green', cmd, `git ${sub} reads the repository`)];
      if (LOCAL_WRITE.has(sub)) return [...out, reason('step:workspace-write', 'yellow', cmd, `git ${sub} changes the working tree or local history`)];
      return [...out, reason('step:unknown', 'yellow', cmd, `git ${sub} (an alias or a command the policy does not list)`)];
  }
}
