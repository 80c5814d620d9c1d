import type { Cmd } from '../../shell/command.js';
import { rewrap } from '../../shell/unwrap.js';
import { display, syntheticWord, type WordValue } from '../../shell/words.js';
import type { Reason } from '../../types.js';
import { reason, type RuleContext } from './context.js';
import { sedCommand, writeTarget } from './writes.js';

/** `step:read-only` (green): commands that only read, with their dangerous options excluded. */

export const READ_ONLY = new Set([
  'ls', 'cat', 'head', 'tail', 'wc', 'stat', 'file', 'tree', 'pwd', 'echo', 'printf', 'true', 'false', 'test', '[', 'id', 'uname', 'whoami', 'which',
  'date', 'sort', 'uniq', 'cut', 'tr', 'diff', 'cmp', 'basename', 'dirname', 'realpath', 'readlink', 'less', 'more', 'column', 'nl', 'od', 'hexdump',
  'sha1sum', 'sha256sum', 'sha512sum', 'md5sum', 'shasum', 'cksum', 'b2sum', 'du', 'df', 'type', 'whereis', 'seq', 'sleep', 'wait', 'uptime', 'free',
  'hostname', 'tac', 'rev', 'fold', 'fmt', 'paste', 'join', 'comm', 'expand', 'unexpand', 'strings', 'locale', 'nproc', 'arch', 'getconf', 'tput',
  'clear', 'xxd', 'base64', 'base32', 'groups', 'users', 'who', 'w', 'lsb_release', 'sw_vers', 'cal', 'look', 'zcat', 'bzcat', 'xzcat', 'zless',
  'colordiff', 'lscpu', 'lsblk', 'ldd', 'nm', 'objdump', 'readelf', 'size', 'iconv', 'numfmt', 'tsort', 'factor', 'expr', 'bc', 'dc', 'yes', 'echo',
  'jobs', 'hash', 'help', 'history', 'dirs', 'times', 'ulimit', 'umask', 'let', 'getopts', 'read', 'mapfile', 'readarray', 'shift', 'caller',
  'enable', 'compgen', 'complete', 'logger', 'tty', 'stty', 'env_parallel', 'git-lfs', 'lsof', 'pgrep', 'top', 'htop', 'vmstat', 'iostat', 'uptime',
]);

/** Shell plumbing (green): it changes how the shell runs, not what is around it. */
export const PLUMBING = new Set(['set', 'shopt', 'cd', 'pushd', 'popd', 'export', 'exit', 'return', ':', 'unset', 'local', 'declare', 'typeset', 'readonly', 'break', 'continue', 'true', 'false', 'setopt', 'unsetopt', 'emulate', 'bind', 'disown', 'bg', 'fg', 'suspend', 'logout']);

const FIND_EXEC = new Set(['-exec', '-execdir', '-ok', '-okdir']);
const FIND_WRITE = new Set(['-fprint', '-fprint0', '-fprintf', '-fls']);

function find(cmd: Cmd, rc: RuleContext): Reason[] {
  const out: Reason[] = [];
  const a = cmd.args;
  for (let i = 0; i < a.length; i++) {
    const t = (a[i] as WordValue).text;
    if (t === '-delete') out.push(reason('step:delete', 'red', cmd, 'find -delete removes every file it matches'));
    if (FIND_WRITE.has(t) && a[i + 1]) out.push(...writeTarget(cmd, a[i + 1] as WordValue, rc, `writes (${t}) to`));
    if (FIND_EXEC.has(t)) {
      const words: WordValue[] = [];
      let j = i + 1;
      for (; j < a.length; j++) {
        const w = a[j] as WordValue;
        if (w.text === ';' || w.text === '+') break;
        words.push(w.text === '{}' ? { ...w, text: '\u0000', known: false, raw: '{}' } : w);
      }
      out.push(reason('step:unknown', 'yellow', cmd, `find ${t} runs a command for each file it finds`));
      const inner = rewrap(cmd, words, `find ${t}`, true);
      if (inner) out.push(...rc.judge(inner));
      i = j;
    }
  }
  if (out.length === 0) out.push(reason('step:read-only', 'green', cmd, 'find only lists files'));
  return out;
}

function grepLike(cmd: Cmd, rc: RuleContext): Reason[] {
  const out: Reason[] = [];
  for (let i = 0; i < cmd.args.length; i++) {
    const t = (cmd.args[i] as WordValue).text;
    if (t === '--pre' || t.startsWith('--pre=')) {
      const v = t === '--pre' ? cmd.args[i + 1] : { ...(cmd.args[i] as WordValue), text: t.slice(6) };
      out.push(reason('step:unknown', 'yellow', cmd, `--pre runs \`${v ? display(v) : '…'}\` on every file searched`));
      if (v && !v.known) out.push(reason('step:obfuscated', 'red', cmd, '--pre runs a program the engine cannot know'));
      else if (v) {
        const inner = rewrap(cmd, [syntheticWord(v.text, v.line)], '--pre', true);
        if (inner) out.push(...rc.judge(inner));
      }
    }
    if (t === '--search-zip' || t === '-z') continue;
  }
  return out.length ? out : [reason('step:read-only', 'green', cmd, `${cmd.name} searches files`)];
}

function jq(cmd: Cmd): Reason[] {
  const program = cmd.args.find((a) => !a.text.startsWith('-'));
  const usesEnv = cmd.args.some((a) => a.text === '--arg' ? false : /(^|[^A-Za-z0-9_.$])(\$ENV|env)\b/.test(a.text) && a === program);
  if (usesEnv) return [reason('step:credential-access', 'red', cmd, `${cmd.name} reads the environment ($ENV / env)`)];
  if (cmd.args.some((a) => a.text === '-i' || a.text === '--inplace' || a.text.startsWith('--in-place'))) return [reason('step:workspace-write', 'yellow', cmd, `${cmd.name} -i edits a file in place`)];
  return [reason('step:read-only', 'green', cmd, `${cmd.name} reads data`)];
}

function awk(cmd: Cmd): Reason[] {
  const program = cmd.args.find((a) => !a.text.startsWith('-'));
  if (cmd.args.some((a) => a.text.includes('ENVIRON'))) return [reason('step:credential-access', 'red', cmd, 'awk ENVIRON reads the environment')];
  if (!program || !program.known) return [reason('step:unknown', 'yellow', cmd, 'awk program the engine cannot read')];
  if (/\bsystem\s*\(|\|\s*getline|print[^;}]*[|>]|\bclose\s*\(/.test(program.text) || cmd.args.some((a) => a.text === '-f')) return [reason('step:unknown', 'yellow', cmd, 'awk program that runs commands or writes files')];
  return [reason('step:read-only', 'green', cmd, 'awk filter')];
}

export function readOnlyCommand(cmd: Cmd, rc: RuleContext): Reason[] | null {
  switch (cmd.name) {
    case 'find':
    case 'gfind':
    case 'fd':
    case 'fdfind':
      if (cmd.name === 'fd' || cmd.name === 'fdfind') {
        if (cmd.args.some((a) => ['-x', '--exec', '-X', '--exec-batch'].includes(a.text))) return [reason('step:unknown', 'yellow', cmd, 'fd --exec runs a command per file')];
        return [reason('step:read-only', 'green', cmd, 'fd lists files')];
      }
      return find(cmd, rc);
    case 'grep':
    case 'egrep':
    case 'fgrep':
    case 'rg':
    case 'ag':
    case 'ack':
    case 'git-grep':
      return grepLike(cmd, rc);
    case 'sed':
    case 'gsed':
      return sedCommand(cmd, rc);
    case 'jq':
    case 'yq':
    case 'gojq':
    case 'jaq':
      return jq(cmd);
    case 'awk':
    case 'gawk':
    case 'mawk':
    case 'nawk':
      return awk(cmd);
    case 'sort':
    case 'uniq':
      return [reason('step:read-only', 'green', cmd, `${cmd.name} reads its input`)];
    case 'xxd':
      if (cmd.args.some((a) => /^-[a-z]*r/.test(a.text))) return [reason('step:unknown', 'yellow', cmd, 'xxd -r decodes binary data')];
      return [reason('step:read-only', 'green', cmd, 'xxd dumps bytes')];
    case 'date':
      if (cmd.args.some((a) => a.text === '-s' || a.text.startsWith('--set'))) return [reason('step:outside-write', 'red', cmd, 'sets the system clock')];
      return [reason('step:read-only', 'green', cmd, 'prints the date')];
    case 'hostname':
      if (cmd.args.some((a) => !a.text.startsWith('-'))) return [reason('step:outside-write', 'red', cmd, 'sets the host name')];
      return [reason('step:read-only', 'green', cmd, 'prints the host name')];
    default:
      if (READ_ONLY.has(cmd.name)) return [reason('step:read-only', 'green', cmd, `${cmd.name} only reads or prints`)];
      return null;
  }
}
