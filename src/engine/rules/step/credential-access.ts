import type { Cmd } from '../../shell/command.js';
import { resolvePath, showPath, type Cwd } from '../../shell/paths.js';
import { display, type WordValue } from '../../shell/words.js';
import type { Reason, StepContext } from '../../types.js';
import { reason, type RuleContext } from './context.js';
import { credentialInPath } from './credential-paths.js';

/**
 * `step:credential-access` (red, locked): credential files named anywhere in a command, environment
 * dumps, token-printing commands and expansions of variables that hold credentials by convention.
 */

const SECRET_WORDS = new Set(['TOKEN', 'SECRET', 'PASSWORD', 'PASSWD', 'CREDENTIAL', 'CREDENTIALS', 'PAT', 'PRIVATE', 'DSN', 'WEBHOOK']);
const HARMLESS_KEYS = ['CACHE_KEY', 'SORT_KEY', 'PARTITION_KEY'];

/** A variable whose name by convention holds a credential (`$DEPLOY_KEY`, `$GH_TOKEN`; not `$CACHE_KEY`). */
export function isSecretVariable(name: string): boolean {
  const n = name.toUpperCase();
  if (n.split('_').some((w) => SECRET_WORDS.has(w))) return true;
  if (n.includes('CONNECTION_STRING') || n.includes('DATABASE_URL')) return true;
  if (n.endsWith('_KEY') && !HARMLESS_KEYS.some((k) => n.endsWith(k))) return true;
  return false;
}

/** The red reason for a path (or glob) that names a credential; also used by the hook for Read/Glob/Grep. */
export function credentialPathReason(path: string, ctx: StepContext): Reason | null {
  const hit = credentialInPath(path) ?? credentialInPath(showPath(resolvePath(path, { kind: 'ws', rel: '' }, ctx)));
  if (!hit) return null;
  return {
    rule: 'step:credential-access',
    zone: 'red',
    message: `\`${path}\` names a credential (${hit}): reading it exposes secrets`,
  };
}

function pathsOf(w: WordValue): string[] {
  const t = w.text;
  if (t.startsWith('-')) {
    const eq = t.indexOf('=');
    return eq === -1 ? [] : [t.slice(eq + 1)];
  }
  const out = [t];
  // `KEY=path`, `name=@file` and `x:path` hold paths after their separator.
  const eq = t.indexOf('=');
  if (eq > 0) out.push(t.slice(eq + 1));
  return out;
}

function credentialIn(text: string, cwd: Cwd, ctx: StepContext): string | null {
  const direct = credentialInPath(text);
  if (direct) return direct;
  if (cwd.kind === 'ws' && cwd.rel === '') return null;
  const r = resolvePath(text.startsWith('@') ? text.slice(1) : text, cwd, ctx);
  return r.place === 'home' || r.place === 'outside' ? credentialInPath(showPath(r)) : null;
}

const GH_ENDPOINT = /^\/?(repos|orgs|users?|enterprises|gists|repositories|teams|installation|app|search|notifications)\//;

/** Any argument, assignment or redirection naming a credential path, whatever the command. */
export function credentialArguments(cmd: Cmd, rc: RuleContext): Reason[] {
  const out: Reason[] = [];
  const words: WordValue[] = [...cmd.raw.words.slice(1)];
  if (cmd.raw.words[0] && cmd.raw.words[0] !== cmd.nameWord) words.unshift(cmd.raw.words[0]);
  if (!cmd.raw.words.includes(cmd.nameWord)) words.push(cmd.nameWord);
  for (const a of cmd.env) if (a.value) words.push(a.value);
  for (const r of cmd.redirects) if (r.target && r.kind !== 'herestring') words.push(r.target);
  const seen = new Set<string>();
  // A `gh api` endpoint (`repos/o/r/actions/secrets`) is a REST path, not a file: whether a call to it
  // reads or changes secrets is judged by the gh rules, where GET of such an endpoint is read-only.
  const endpoint = cmd.name === 'gh' && cmd.args[0]?.text === 'api' ? cmd.args.slice(1).find((a) => GH_ENDPOINT.test(a.text)) : undefined;
  for (const w of words) {
    if (w === endpoint) continue;
    for (const p of pathsOf(w)) {
      const hit = credentialIn(p, cmd.cwd, rc.ctx);
      if (!hit || seen.has(hit)) continue;
      seen.add(hit);
      out.push(reason('step:credential-access', 'red', cmd, `names the credential path \`${display(w)}\` (${hit}): credentials must not be read, copied or sent by an agent`));
    }
  }
  return out;
}

function dump(cmd: Cmd, what: string): Reason[] {
  return [reason('step:credential-access', 'red', cmd, `${what} dumps the environment, which holds the job's tokens and secrets`)];
}

/** Environment dumps and secret-printing commands that are not cloud CLIs (those live in cloud.ts). */
export function credentialCommand(cmd: Cmd): Reason[] | null {
  const a = cmd.args.map((w) => w.text);
  switch (cmd.name) {
    case 'printenv': {
      const names = a.filter((x) => !x.startsWith('-'));
      if (names.length === 0) return dump(cmd, 'printenv with no variable');
      const secret = names.filter(isSecretVariable);
      if (secret.length) return [reason('step:credential-access', 'red', cmd, `prints ${secret.join(', ')}, a variable that holds a credential by convention`)];
      if (!cmd.args.every((w) => w.known)) return [reason('step:credential-access', 'red', cmd, 'printenv of a variable whose name the engine cannot know')];
      return [reason('step:read-only', 'green', cmd, `prints the variable ${names.join(', ')}`)];
    }
    case 'set':
      if (a.length === 0) return dump(cmd, '`set` with no arguments');
      return null;
    case 'ps': {
      const bsd = a.filter((x) => !x.startsWith('-'));
      if (bsd.some((x) => /^[a-zA-Z]*e[a-zA-Z]*$/.test(x) && !/^(?:-|[A-Z])/.test(x))) return dump(cmd, '`ps e` (process environments)');
      return [reason('step:read-only', 'green', cmd, 'lists processes')];
    }
    case 'ssh-agent':
    case 'ssh-add':
      return [reason('step:credential-access', 'red', cmd, `${cmd.name} loads or exposes SSH keys`)];
    case 'security':
      if (a.some((x) => /^(find|dump|export)-/.test(x) || x === 'dump-keychain')) return [reason('step:credential-access', 'red', cmd, 'reads the macOS keychain')];
      return null;
    case 'pass':
    case 'gopass':
    case 'op':
    case 'bw':
    case 'lpass':
    case 'secret-tool':
    case 'keyring':
    case 'vault':
    case 'sops':
    case 'chamber':
    case 'doppler':
    case 'infisical':
      return [reason('step:credential-access', 'red', cmd, `${cmd.name} reads or manages secrets`)];
    case 'gpg':
    case 'gpg2':
      if (a.some((x) => x === '--export-secret-keys' || x === '--export-secret-subkeys' || x === '-d' || x === '--decrypt')) return [reason('step:credential-access', 'red', cmd, 'exports or decrypts with private keys')];
      return null;
    default:
      return null;
  }
}

/** `export`, `declare -p`, `typeset` with no names print every variable. */
export function declarationDump(keyword: string, words: WordValue[], line: number): Reason | null {
  const names = words.filter((w) => !w.text.startsWith('-') && !w.text.startsWith('+'));
  const opts = words.filter((w) => w.text.startsWith('-')).map((w) => w.text);
  const text = [keyword, ...words.map(display)].join(' ');
  const mk = (msg: string): Reason => ({ rule: 'step:credential-access', zone: 'red', message: `\`${text}\`: ${msg}`, line });
  if (names.length === 0) {
    if (keyword === 'export' || keyword === 'typeset') return mk('prints every exported variable, tokens included');
    if (keyword === 'declare' && (opts.length === 0 || opts.some((o) => /[px]/.test(o)))) return mk('prints every variable, tokens included');
    if (keyword === 'readonly' && (opts.length === 0 || opts.includes('-p'))) return mk('prints variables');
    return null;
  }
  if (opts.some((o) => o.includes('p'))) {
    const secret = names.filter((n) => isSecretVariable(n.text));
    if (secret.length) return mk(`prints ${secret.map((s) => s.text).join(', ')}, which holds a credential by convention`);
  }
  return null;
}
