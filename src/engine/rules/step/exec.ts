import type { Cmd, RawCommand } from '../../shell/command.js';
import { parseArgs } from '../../shell/options.js';
import { rewrap } from '../../shell/unwrap.js';
import { display, syntheticWord, type WordValue } from '../../shell/words.js';
import type { Reason } from '../../types.js';
import { reason, type RuleContext } from './context.js';
import { classifyInlineCode } from './inline-code.js';
import { FETCHERS, isDownloaded } from './network.js';
import { productionName } from './production.js';

/**
 * Programs that run other programs: shells (`sh -c`, a heredoc, a pipe), interpreters (`python -c`,
 * `node -e`, a script read from stdin), `eval`, `source`, and "download, then run it". Literal
 * programs are parsed and judged; programs the engine cannot see are `step:obfuscated`, or
 * `step:remote-exec` when a download feeds them.
 */

export const SHELLS = new Set(['sh', 'bash', 'zsh', 'dash', 'ksh', 'ash', 'mksh', 'yash', 'fish', 'rbash', 'csh', 'tcsh', 'su', 'runuser', 'sg']);

interface Interpreter {
  language: string;
  /** Options whose value is program text. */
  inline: string[];
  /** Options that take a (non-program) value. */
  values: string[];
}

const PY: Interpreter = { language: 'python', inline: ['-c'], values: ['-m', '-W', '-X', '--check-hash-based-pycs'] };
const INTERPRETERS: Record<string, Interpreter> = {
  python: PY, python2: PY, python3: PY, pypy: PY, pypy3: PY,
  node: { language: 'node', inline: ['-e', '--eval', '-p', '--print'], values: ['-r', '--require', '--import', '--loader', '--experimental-loader', '--input-type', '--conditions', '-C', '--env-file', '--title', '--stack-size'] },
  nodejs: { language: 'node', inline: ['-e', '--eval', '-p', '--print'], values: ['-r', '--require', '--import', '--loader'] },
  bun: { language: 'node', inline: ['-e', '--eval', '-p', '--print'], values: ['--cwd', '-r', '--preload', '--env-file'] },
  perl: { language: 'perl', inline: ['-e', '-E'], values: ['-I', '-M', '-m', '-x', '-i'] },
  ruby: { language: 'ruby', inline: ['-e'], values: ['-I', '-r', '-C', '-E', '-x'] },
  php: { language: 'php', inline: ['-r', '-B', '-R', '-E'], values: ['-c', '-d', '-f', '-z', '-t'] },
  lua: { language: 'lua', inline: ['-e'], values: ['-l'] },
  luajit: { language: 'lua', inline: ['-e'], values: ['-l', '-j', '-O'] },
  Rscript: { language: 'r', inline: ['-e'], values: [] },
  osascript: { language: 'applescript', inline: ['-e'], values: ['-l', '-s'] },
  pwsh: { language: 'pwsh', inline: ['-c', '-command', '-Command', '-CommandWithArgs', '-cwa'], values: ['-f', '-File', '-file', '-wd', '-WorkingDirectory', '-ExecutionPolicy', '-ex', '-ep', '-o', '-OutputFormat', '-i', '-InputFormat', '-s'] },
  powershell: { language: 'pwsh', inline: ['-c', '-command', '-Command'], values: ['-f', '-File', '-file', '-ExecutionPolicy', '-ep'] },
  tclsh: { language: 'tcl', inline: [], values: [] },
  irb: { language: 'ruby', inline: [], values: [] },
};

function fedByDownload(raws: readonly RawCommand[]): boolean {
  return raws.some((r) => FETCHERS.has((r.words[0]?.text ?? '').split('/').pop() ?? '') || ['nc', 'ncat', 'socat', 'ssh', 'gh', 'scp', 'tftp', 'ftp'].includes((r.words[0]?.text ?? '').split('/').pop() ?? ''));
}

function substitutionDownloads(words: readonly WordValue[], rc: RuleContext): boolean {
  return words.some((w) => w.substitutions.some((s) => fedByDownload(rc.commandsWithin(s))));
}

/** A program the engine cannot see: red, and remote-exec when a download feeds it. */
function hidden(cmd: Cmd, download: boolean, what: string): Reason {
  return download
    ? reason('step:remote-exec', 'red', cmd, `${what} from a download: downloaded code runs unreviewed`)
    : reason('step:obfuscated', 'red', cmd, `${what} that the engine cannot read: its commands are hidden`);
}

/** Where a program without a file or -c argument comes from. */
function programFromStdin(cmd: Cmd, rc: RuleContext, language: string | null): Reason[] {
  const heredoc = [...cmd.redirects].reverse().find((r) => r.kind === 'heredoc');
  const herestring = [...cmd.redirects].reverse().find((r) => r.kind === 'herestring');
  const fileIn = [...cmd.redirects].reverse().find((r) => r.kind === 'file' && (r.op === '<' || r.op === '<>') && (r.fd === null || r.fd === '0'));
  const kind = language ?? 'shell';
  if (cmd.stdin === 'heredoc' && heredoc) {
    const body = heredoc.body ?? '';
    const nested = language ? classifyInlineCode(language, body, rc.policy).map((r) => ({ ...r, line: (heredoc.bodyLine ?? cmd.line) + ((r.line ?? 1) - 1), message: `\`${cmd.name} <<heredoc\`: ${r.message}` })) : rc.nested(body, heredoc.bodyLine ?? cmd.line + 1);
    return nested;
  }
  if (cmd.stdin === 'herestring' && herestring) {
    const t = herestring.target;
    const out = [hidden(cmd, t ? substitutionDownloads([t], rc) : false, `a ${kind} reading its program from a here-string`)];
    if (t && t.known && !language) out.push(...rc.nested(t.text, cmd.line));
    return out;
  }
  if (cmd.stdin === 'file' && fileIn?.target) {
    return [hidden(cmd, isDownloaded(cmd, fileIn.target, rc), `a ${kind} reading its program from the file \`${display(fileIn.target)}\``)];
  }
  if (cmd.stdin === 'pipe') {
    const upstreamHeredoc = cmd.raw.upstream.length === 1 && cmd.raw.upstream[0]?.redirects.some((r) => r.kind === 'heredoc');
    const out = [hidden(cmd, fedByDownload(cmd.raw.upstream), `a ${kind} reading its program from a pipe`)];
    if (upstreamHeredoc) {
      const h = cmd.raw.upstream[0]?.redirects.find((r) => r.kind === 'heredoc');
      if (h?.body !== undefined) out.push(...(language ? classifyInlineCode(language, h.body, rc.policy).map((r) => ({ ...r, line: cmd.line })) : rc.nested(h.body, h.bodyLine ?? cmd.line)));
    }
    return out;
  }
  return [reason('step:unknown', 'yellow', cmd, `starts an interactive ${kind}`)];
}

function scriptFile(cmd: Cmd, file: WordValue, rc: RuleContext, how: string): Reason[] {
  if (file.substitutions.some((s) => s.type === 'process_substitution')) {
    return [hidden(cmd, substitutionDownloads([file], rc) || cmd.name === 'source' || cmd.name === '.', `${how} a program from a process substitution`)];
  }
  if (isDownloaded(cmd, file, rc)) return [reason('step:remote-exec', 'red', cmd, `runs \`${display(file)}\`, which the script downloaded: downloaded code runs unreviewed`)];
  if (!file.known) return [reason('step:obfuscated', 'red', cmd, `${how} \`${display(file)}\`, a program the engine cannot know`)];
  const prod = productionName(cmd, file.text);
  if (prod) return [prod];
  return [reason('step:unknown', 'yellow', cmd, `${how} the script \`${display(file)}\`: its content is not judged here`)];
}

function shell(cmd: Cmd, rc: RuleContext): Reason[] {
  const args = cmd.args;
  let i = 0;
  let inline = false;
  let stdinFlag = false;
  for (; i < args.length; i++) {
    const t = (args[i] as WordValue).text;
    if (t === '--' || t === '-') {
      if (t === '-') stdinFlag = true;
      i++;
      break;
    }
    if (t === '-o' || t === '+o' || t === '-O' || t === '+O' || t === '--rcfile' || t === '--init-file' || (cmd.name === 'su' && (t === '-s' || t === '--shell' || t === '-g' || t === '-G' || t === '--group'))) {
      i++;
      continue;
    }
    if (t === '--command' || (t.startsWith('-') && !t.startsWith('--') && t.slice(1).includes('c'))) inline = true;
    else if (t.startsWith('-') && !t.startsWith('--') && t.includes('s') && cmd.name !== 'su') stdinFlag = true;
    else if (t.startsWith('-') || t.startsWith('+')) continue;
    else if (cmd.name === 'su' || cmd.name === 'runuser' || cmd.name === 'sg') continue;
    else break;
    if (inline) {
      i++;
      break;
    }
  }
  if (inline) {
    const program = args[i];
    if (!program) return [reason('step:obfuscated', 'red', cmd, `${cmd.name} -c with no program`)];
    if (!program.known) return [hidden(cmd, substitutionDownloads([program], rc), `\`${cmd.name} -c\` runs a program`)];
    return rc.nested(program.text, program.line);
  }
  const file = args[i];
  if (file && !stdinFlag) return scriptFile(cmd, file, rc, 'runs');
  return programFromStdin(cmd, rc, null);
}

function interpreter(cmd: Cmd, spec: Interpreter, rc: RuleContext): Reason[] {
  const out: Reason[] = [];
  const args = cmd.args;
  for (let i = 0; i < args.length; i++) {
    const w = args[i] as WordValue;
    const t = w.text;
    if (t === '--') {
      const f = args[i + 1];
      return f ? scriptFile(cmd, f, rc, 'runs') : programFromStdin(cmd, rc, spec.language);
    }
    if (spec.language === 'pwsh' && /^-(e|ec|enc|encodedcommand)$/i.test(t)) return [reason('step:obfuscated', 'red', cmd, 'PowerShell -EncodedCommand hides its program')];
    const inlineOpt = spec.inline.find((o) => t === o || (o.length === 2 && !t.startsWith('--') && t.startsWith('-') && t.length > 2 && t.endsWith(o[1] as string) && spec.language === 'perl'));
    if (inlineOpt || (spec.language !== 'pwsh' && spec.inline.some((o) => o.length === 2 && t.startsWith(o) && t.length > 2 && spec.language === 'python'))) {
      const glued = inlineOpt ? null : t.slice(2);
      const code = glued !== null ? { ...w, text: glued } : args[i + 1];
      if (!code) return [reason('step:obfuscated', 'red', cmd, `${cmd.name} ${t} with no program`)];
      if (!code.known) return [hidden(cmd, substitutionDownloads([code], rc), `${cmd.name} ${t} runs code`)];
      const rest = spec.language === 'pwsh' ? args.slice(i + 2).map((x) => x.text).join(' ') : '';
      return [...out, ...classifyInlineCode(spec.language, rest ? `${code.text} ${rest}` : code.text, rc.policy).map((r) => ({ ...r, line: cmd.line, message: `\`${cmd.text.slice(0, 80)}\`: ${r.message}` }))];
    }
    if (spec.language === 'python' && (t === '-m' || (t.startsWith('-m') && t.length > 2))) {
      const mod = t === '-m' ? args[i + 1] : { ...w, text: t.slice(2) };
      if (!mod || !mod.known) return [reason('step:obfuscated', 'red', cmd, 'python -m of a module the engine cannot know')];
      const rest = args.slice(t === '-m' ? i + 2 : i + 1);
      const inner = rewrap(cmd, [syntheticWord(mod.text, mod.line), ...rest], `${cmd.name} -m`);
      if (mod.text === 'http.server' || mod.text === 'SimpleHTTPServer') return [reason('step:network', 'red', cmd, 'serves files over HTTP')];
      return inner ? rc.judge(inner) : [];
    }
    if (spec.values.includes(t)) {
      i++;
      continue;
    }
    if (t.startsWith('-')) continue;
    if (cmd.name === 'bun' || cmd.name === 'deno') return [];
    return scriptFile(cmd, w, rc, 'runs');
  }
  return programFromStdin(cmd, rc, spec.language);
}

function evalCommand(cmd: Cmd, rc: RuleContext): Reason[] {
  if (cmd.args.length === 0) return [reason('step:read-only', 'green', cmd, 'eval with nothing to run')];
  const literal = cmd.args.every((w) => w.known && w.vars.length === 0 && w.substitutions.length === 0);
  const text = cmd.args.map((w) => w.text).join(' ');
  if (literal) return rc.nested(text, cmd.line);
  const out = [hidden(cmd, substitutionDownloads(cmd.args, rc), 'eval runs text')];
  if (cmd.args.every((w) => w.known)) out.push(...rc.nested(text, cmd.line));
  return out;
}

function sourceCommand(cmd: Cmd, rc: RuleContext): Reason[] {
  const file = cmd.args[0];
  if (!file) return [reason('step:obfuscated', 'red', cmd, `${cmd.name} with no file`)];
  if (file.substitutions.some((s) => s.type === 'process_substitution')) {
    return [reason('step:remote-exec', 'red', cmd, `${cmd.name} <(...) runs the output of a command as shell code`)];
  }
  if ((file.text === '/dev/stdin' || file.text === '-') && cmd.stdin) return programFromStdin(cmd, rc, null);
  return scriptFile(cmd, file, rc, 'sources');
}

/** `chmod +x` of a downloaded file: the second half of "download, then run it". */
export function chmodDownloaded(cmd: Cmd, rc: RuleContext): Reason[] {
  if (cmd.name !== 'chmod' || rc.state.downloads.size === 0) return [];
  const p = parseArgs(cmd.args, {});
  const mode = p.positionals[0]?.text ?? '';
  if (!/x|[1357]/.test(mode)) return [];
  return p.positionals.slice(1).some((f) => isDownloaded(cmd, f, rc))
    ? [reason('step:remote-exec', 'red', cmd, 'makes a downloaded file executable: downloaded code is about to run')]
    : [];
}

/** Running a downloaded file by path (`./install.sh`). */
export function runsDownloaded(cmd: Cmd, rc: RuleContext): Reason[] {
  if (rc.state.downloads.size === 0 || !cmd.nameWord.text.includes('/')) return [];
  return isDownloaded(cmd, cmd.nameWord, rc) ? [reason('step:remote-exec', 'red', cmd, 'runs a file the script downloaded')] : [];
}

export function execCommand(cmd: Cmd, rc: RuleContext): Reason[] | null {
  if (SHELLS.has(cmd.name)) return shell(cmd, rc);
  if (cmd.name === 'bun' && !cmd.args.some((a) => ['-e', '--eval', '-p', '--print'].includes(a.text))) return null;
  if (cmd.name === 'deno' && cmd.args[0]?.text === 'eval') {
    const code = cmd.args.slice(1).find((a) => !a.text.startsWith('-'));
    if (!code) return [reason('step:obfuscated', 'red', cmd, 'deno eval with no program')];
    if (!code.known) return [hidden(cmd, substitutionDownloads([code], rc), 'deno eval runs code')];
    return classifyInlineCode('deno', code.text, rc.policy).map((r) => ({ ...r, line: cmd.line, message: `\`${cmd.text.slice(0, 80)}\`: ${r.message}` }));
  }
  const spec = INTERPRETERS[cmd.name] ?? (/^python3\.\d+$/.test(cmd.name) ? PY : undefined);
  if (spec) return interpreter(cmd, spec, rc);
  switch (cmd.name) {
    case 'eval':
      return evalCommand(cmd, rc);
    case 'source':
    case '.':
      return sourceCommand(cmd, rc);
    case 'trap': {
      const action = cmd.args[0];
      if (!action || cmd.args.length === 1 || action.text.startsWith('-')) return [reason('step:read-only', 'green', cmd, 'lists or resets traps')];
      if (!action.known) return [reason('step:obfuscated', 'red', cmd, 'trap runs text the engine cannot read')];
      return rc.nested(action.text, cmd.line);
    }
    case 'watch': {
      const p = parseArgs(cmd.args, { values: ['-n', '--interval', '-q', '--equexit'], stopAtPositional: true });
      if (p.positionals.length === 0) return [reason('step:unknown', 'yellow', cmd, 'watch')];
      if (p.options.some((o) => o.name === '-x' || o.name === '--exec')) {
        const inner = rewrap(cmd, p.positionals, 'watch');
        return inner ? rc.judge(inner) : [];
      }
      const words = p.positionals;
      if (!words.every((w) => w.known)) return [reason('step:obfuscated', 'red', cmd, 'watch runs text the engine cannot read')];
      return rc.nested(words.map((w) => w.text).join(' '), cmd.line);
    }
    case 'alias': {
      const out: Reason[] = [reason('step:unknown', 'yellow', cmd, 'defines an alias')];
      for (const a of cmd.args) {
        const eq = a.text.indexOf('=');
        if (eq > 0) out.push(...(a.known ? rc.nested(a.text.slice(eq + 1), cmd.line) : [reason('step:obfuscated', 'red', cmd, 'alias of text the engine cannot read')]));
      }
      return out;
    }
    default:
      return null;
  }
}
