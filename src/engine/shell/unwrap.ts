import { posix } from 'node:path';
import type { StepContext } from '../types.js';
import type { Assignment, Cmd, RawCommand } from './command.js';
import { changeDirectory, type Cwd } from './paths.js';
import { display, syntheticWord, UNKNOWN, type WordValue } from './words.js';

/** What removing wrappers found besides the command. */
export interface Unwrapped {
  /** null when there is no command at all (`env` alone, `exec` with only redirections). */
  cmd: Cmd | null;
  /** The wrapper that had no command (`env`, `exec`, `command -v` is a lookup). */
  bare?: { wrapper: string; lookup?: boolean };
}

interface WrapperSpec {
  values: readonly string[];
  /** Positionals to skip before the command (`timeout DURATION`, `flock FILE`). */
  skipPositionals?: number;
  /** Accepts `NAME=value` words before the command. */
  assignments?: boolean;
}

const WRAPPERS: Record<string, WrapperSpec> = {
  env: { values: ['-u', '--unset', '-C', '--chdir', '-S', '--split-string'], assignments: true },
  sudo: { values: ['-u', '-g', '-C', '-D', '-h', '-p', '-r', '-t', '-T', '-U', '--user', '--group', '--close-from', '--chdir', '--host', '--prompt', '--role', '--type', '--command-timeout', '--other-user'], assignments: true },
  doas: { values: ['-u', '-C'] },
  nohup: { values: [] },
  time: { values: ['-f', '-o', '--format', '--output'] },
  nice: { values: ['-n', '--adjustment'] },
  ionice: { values: ['-c', '-n', '-p', '-P', '-u', '--class', '--classdata'] },
  timeout: { values: ['-s', '-k', '--signal', '--kill-after'], skipPositionals: 1 },
  xargs: { values: ['-I', '-n', '-P', '-L', '-l', '-d', '-E', '-e', '-s', '-a', '--arg-file', '--delimiter', '--max-args', '--max-procs', '--max-lines', '--replace', '--eof', '--max-chars', '--process-slot-var'] },
  command: { values: [] },
  exec: { values: ['-a'] },
  builtin: { values: [] },
  stdbuf: { values: ['-i', '-o', '-e', '--input', '--output', '--error'] },
  setsid: { values: [] },
  unbuffer: { values: [] },
  chronic: { values: [] },
  caffeinate: { values: ['-t', '-w'] },
  flock: { values: ['-w', '-E', '--timeout', '--conflict-exit-code'], skipPositionals: 1 },
  nocorrect: { values: [] },
  noglob: { values: [] },
  busybox: { values: [] },
  toybox: { values: [] },
  torsocks: { values: [] },
  proxychains: { values: ['-f'] },
  proxychains4: { values: ['-f'] },
  strace: { values: ['-o', '-e', '-p', '-s', '-u', '-E', '-P', '-a', '-I', '-b', '-S', '-X'] },
  ltrace: { values: ['-o', '-e', '-p', '-s', '-u', '-E', '-a', '-n'] },
  catchsegv: { values: [] },
  'run-one': { values: [] },
};

export function isWrapper(name: string): boolean {
  return Object.prototype.hasOwnProperty.call(WRAPPERS, name);
}

export function baseName(text: string): string {
  const t = text.replace(/\/+$/, '');
  return posix.basename(t) || t;
}

const ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)=/;

function commandText(words: readonly WordValue[]): string {
  return words.map(display).join(' ');
}

export function makeCmd(raw: RawCommand, words: WordValue[], env: Assignment[], wrappers: string[], hiddenArgs: boolean, cwd: Cwd): Cmd {
  const nameWord = words[0] as WordValue;
  const stdinRedirect = [...raw.redirects].reverse().find((r) => r.kind === 'heredoc' || r.kind === 'herestring' || (r.kind === 'file' && (r.op === '<' || r.op === '<>') && (r.fd === null || r.fd === '0')));
  const stdin = stdinRedirect ? (stdinRedirect.kind === 'file' ? 'file' : stdinRedirect.kind) : raw.piped ? 'pipe' : null;
  return {
    raw,
    name: nameWord.known ? baseName(nameWord.text) : nameWord.text,
    nameWord,
    args: words.slice(1),
    env,
    wrappers,
    hiddenArgs,
    cwd,
    text: commandText(words),
    line: raw.line,
    redirects: raw.redirects,
    stdin: stdin as Cmd['stdin'],
  };
}

/**
 * Removes wrappers until the real command is reached: `sudo env -i FOO=1 nice -n 5 rm -rf x` is `rm
 * -rf x` with FOO in its environment. `env -S 'a b'` and `flock -c 'cmd'` carry a command line: they
 * become `sh -c '...'` so the shell rules parse it.
 */
export function unwrap(raw: RawCommand, ctx: StepContext): Unwrapped {
  let words = raw.words.slice();
  const env: Assignment[] = [...raw.assignments];
  const wrappers: string[] = [];
  let hiddenArgs = false;
  let cwd = raw.cwd;
  for (let guard = 0; guard < 32; guard++) {
    const first = words[0];
    if (!first || !first.known || !first.literal) break;
    const name = baseName(first.text);
    const spec = WRAPPERS[name];
    if (!spec) break;
    wrappers.push(name);
    let i = 1;
    let positionalsToSkip = spec.skipPositionals ?? 0;
    let lookup = false;
    let split: WordValue | null = null;
    let shellString: WordValue | null = null;
    const values = new Set(spec.values);
    for (; i < words.length; i++) {
      const w = words[i] as WordValue;
      const t = w.text;
      if (t === '--') {
        i++;
        break;
      }
      if (t.startsWith('-') && t.length > 1 && positionalsToSkip >= 0) {
        if (name === 'nice' && /^-\d+$/.test(t)) continue;
        if (name === 'command' && (t === '-v' || t === '-V')) lookup = true;
        if (name === 'flock' && (t === '-c' || t === '--command')) {
          shellString = words[i + 1] ?? null;
          i = words.length;
          break;
        }
        const eq = t.indexOf('=');
        const opt = eq === -1 ? t : t.slice(0, eq);
        const takesValue = values.has(opt) || (opt.length > 2 && !opt.startsWith('--') && values.has(opt.slice(0, 2)));
        const glued = eq !== -1 || (!opt.startsWith('--') && opt.length > 2 && values.has(opt.slice(0, 2)));
        const optName = opt.startsWith('--') ? opt : opt.slice(0, 2);
        let value: WordValue | null = null;
        if (takesValue) {
          if (glued) value = { ...w, text: eq !== -1 ? t.slice(eq + 1) : t.slice(2) };
          else {
            value = words[i + 1] ?? null;
            i++;
          }
        }
        if (name === 'env' && (optName === '-C' || optName === '--chdir')) cwd = changeDirectory(value?.known ? value.text : null, cwd, ctx);
        if (name === 'env' && (optName === '-S' || optName === '--split-string')) split = value;
        if (name === 'sudo' && (optName === '-D' || optName === '--chdir')) cwd = changeDirectory(value?.known ? value.text : null, cwd, ctx);
        if (name === 'xargs' && (optName === '-i' || optName === '-I' || optName === '--replace')) hiddenArgs = true;
        continue;
      }
      if (spec.assignments) {
        const m = ASSIGNMENT.exec(t);
        if (m) {
          env.push({ name: m[1] as string, value: { ...w, text: t.slice((m[0] as string).length) }, line: w.line });
          continue;
        }
      }
      if (positionalsToSkip > 0) {
        positionalsToSkip--;
        continue;
      }
      break;
    }
    if (name === 'xargs') hiddenArgs = true;
    if (split || shellString) {
      const script = (split ?? shellString) as WordValue;
      const rest = split ? words.slice(i) : [];
      const sh = syntheticWord('sh', first.line);
      const c = syntheticWord('-c', first.line);
      const joined: WordValue = rest.length
        ? { ...script, text: [script.text, ...rest.map((r) => r.text)].join(' '), known: script.known && rest.every((r) => r.known) }
        : script;
      words = [sh, c, joined];
      break;
    }
    const restWords = words.slice(i);
    if (restWords.length === 0) {
      if (name === 'xargs') {
        words = [syntheticWord('echo', first.line)];
        break;
      }
      return { cmd: null, bare: { wrapper: name, lookup } };
    }
    if (lookup) return { cmd: null, bare: { wrapper: name, lookup: true } };
    words = restWords;
  }
  if (words.length === 0) return { cmd: null, bare: { wrapper: wrappers[wrappers.length - 1] ?? '' } };
  return { cmd: makeCmd(raw, words, env, wrappers, hiddenArgs, cwd) };
}

/** The same command with other words (a package runner's target, `find -exec`'s command). */
export function rewrap(cmd: Cmd, words: WordValue[], wrapper: string, hiddenArgs = cmd.hiddenArgs): Cmd | null {
  if (words.length === 0) return null;
  return makeCmd(cmd.raw, words, cmd.env, [...cmd.wrappers, wrapper], hiddenArgs, cmd.cwd);
}

export { UNKNOWN };
