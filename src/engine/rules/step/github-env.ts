import type { Cmd } from '../../shell/command.js';
import { RUNNER_FILE, type WordValue } from '../../shell/words.js';
import type { Reason } from '../../types.js';
import { reason } from './context.js';

/**
 * `step:github-env` (red): writes of non-constant data to `$GITHUB_ENV` / `$GITHUB_PATH`, or of
 * loader variables. Later steps load these files: whoever controls the data controls later steps.
 */
const LOADER = /(^|\n)\s*(LD_PRELOAD|LD_LIBRARY_PATH|LD_AUDIT|DYLD_[A-Z_]+|NODE_OPTIONS|NODE_PATH|BASH_ENV|ENV|PYTHONPATH|PYTHONSTARTUP|PYTHONHOME|PERL5OPT|PERL5LIB|RUBYOPT|RUBYLIB|JAVA_TOOL_OPTIONS|_JAVA_OPTIONS|JDK_JAVA_OPTIONS|GIT_[A-Z_]+|PATH|PROMPT_COMMAND|SHELLOPTS|BASHOPTS|PS4|IFS)\s*(=|<<)/;

function targetOf(w: WordValue | null): string | null {
  if (!w || !w.text.startsWith(RUNNER_FILE)) return null;
  const name = w.text.slice(1);
  return name === 'GITHUB_ENV' || name === 'GITHUB_PATH' ? name : null;
}

export function githubEnvWrites(cmd: Cmd): Reason[] {
  const targets: string[] = [];
  for (const r of cmd.redirects) {
    if (r.kind === 'file' && (r.op === '>' || r.op === '>>' || r.op === '>|' || r.op === '&>' || r.op === '&>>')) {
      const t = targetOf(r.target);
      if (t) targets.push(t);
    }
  }
  if (cmd.name === 'tee') for (const a of cmd.args) {
    const t = targetOf(a);
    if (t) targets.push(t);
  }
  if (targets.length === 0) return [];
  const target = targets[0] as string;
  let data: string | null = null;
  if (cmd.name === 'echo' || cmd.name === 'printf') {
    const words = cmd.args.filter((a, i) => !(cmd.name === 'echo' && i === 0 && /^-[neE]+$/.test(a.text)));
    data = words.every((w) => w.known && w.vars.length === 0 && w.substitutions.length === 0) ? words.map((w) => w.text).join(' ') : null;
  } else if (cmd.name === 'cat' || cmd.name === 'tee') {
    const heredoc = cmd.redirects.find((r) => r.kind === 'heredoc');
    const herestring = cmd.redirects.find((r) => r.kind === 'herestring');
    if (heredoc && cmd.stdin === 'heredoc' && (heredoc.literalBody || !/[$`]/.test(heredoc.body ?? ''))) data = heredoc.body ?? '';
    else if (herestring?.target && herestring.target.known && herestring.target.vars.length === 0 && herestring.target.substitutions.length === 0) data = herestring.target.text;
    if (cmd.args.some((a) => targetOf(a) === null && !a.text.startsWith('-'))) data = null;
  }
  if (data === null) return [reason('step:github-env', 'red', cmd, `writes data that is not constant to $${target}: later steps load it`)];
  if (target === 'GITHUB_ENV' && LOADER.test(data)) return [reason('step:github-env', 'red', cmd, `sets a loader variable through $GITHUB_ENV (LD_PRELOAD, NODE_OPTIONS, BASH_ENV, PYTHONPATH, GIT_*, PATH ...): it injects code into later steps`)];
  return [];
}
