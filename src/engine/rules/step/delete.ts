import type { Cmd } from '../../shell/command.js';
import { parseArgs } from '../../shell/options.js';
import { resolvePath, showPath } from '../../shell/paths.js';
import { display, type WordValue } from '../../shell/words.js';
import type { Reason } from '../../types.js';
import { reason, type RuleContext } from './context.js';

/** Build output folders whose recursive removal is routine (the yellow exception of `step:delete`). */
export const DISPOSABLE = new Set(['node_modules', 'dist', 'build', 'out', 'target', 'coverage', '.cache', '.next', '__pycache__', 'tmp']);

function disposable(w: WordValue, cmd: Cmd, rc: RuleContext): boolean {
  if (!w.known) {
    // `$RUNNER_TEMP/...` is known to be /tmp-like; any other unknown part is not.
    return false;
  }
  const r = resolvePath(w.text, cmd.cwd, rc.ctx);
  if (r.place === 'tmp') return r.path !== '/tmp' && r.path !== '/var/tmp';
  if (r.place !== 'workspace' || r.path === '') return false;
  const segs = r.path.split('/');
  const at = segs.findIndex((s) => DISPOSABLE.has(s.toLowerCase()));
  if (at === -1) return false;
  // Globs are fine only below the disposable folder (`dist/*`), not in front of it (`*/dist`).
  if (w.glob && segs.slice(0, at + 1).some((s) => /[*?[{]/.test(s))) return false;
  return true;
}

/** `rm`, `unlink`: red with -r/-f or a glob or outside the workspace; disposable build paths yellow. */
function rm(cmd: Cmd, rc: RuleContext): Reason[] {
  const p = parseArgs(cmd.args, { aliases: { '--recursive': '-r', '-R': '-r', '--force': '-f' } });
  const recursive = p.options.some((o) => o.name === '-r');
  const force = p.options.some((o) => o.name === '-f');
  const targets = p.positionals;
  const flags = `-${recursive ? 'r' : ''}${force ? 'f' : ''}`;
  if (targets.length === 0 || cmd.hiddenArgs) {
    if (cmd.hiddenArgs) return [reason('step:delete', 'red', cmd, `${cmd.name} of paths from input the engine cannot see (xargs / find -exec)`)];
    return [reason('step:workspace-write', 'yellow', cmd, `${cmd.name} with no target`)];
  }
  const out: Reason[] = [];
  for (const t of targets) {
    const shownT = display(t);
    if (!t.known) {
      out.push(reason('step:delete', 'red', cmd, `removes \`${shownT}\`, a target with an unknown expansion: it could be anything`));
      continue;
    }
    const r = resolvePath(t.text, cmd.cwd, rc.ctx);
    if (r.place === 'dev') continue;
    if (r.place !== 'workspace' && r.place !== 'tmp') {
      const where = r.place === 'git' ? 'inside .git/' : 'outside the workspace';
      out.push(reason('step:delete', 'red', cmd, `removes \`${showPath(r)}\` ${where}`));
      continue;
    }
    if (recursive || force || t.glob) {
      if (disposable(t, cmd, rc)) {
        out.push(reason('step:delete', 'yellow', cmd, `removes \`${shownT}\`, a disposable build or temporary path`));
      } else {
        const why = t.glob ? 'a glob' : `\`${cmd.name} ${flags}\``;
        out.push(reason('step:delete', 'red', cmd, `removes \`${shownT}\` with ${why}: deletions beyond build outputs need a human`));
      }
      continue;
    }
    if (r.place === 'tmp') out.push(reason('step:workspace-write', 'yellow', cmd, `removes the temporary file \`${shownT}\``));
    else out.push(reason('step:workspace-write', 'yellow', cmd, `removes the project file \`${shownT}\``));
  }
  return out;
}

/** Every other destructive command of the `step:delete` row. */
export function deleteCommand(cmd: Cmd, rc: RuleContext): Reason[] | null {
  switch (cmd.name) {
    case 'rm':
    case 'unlink':
      return rm(cmd, rc);
    case 'rmdir':
      return [reason('step:delete', 'red', cmd, 'removes directories')];
    case 'truncate':
      return [reason('step:delete', 'red', cmd, 'truncates files, destroying their content')];
    case 'shred':
    case 'wipe':
    case 'srm':
      return [reason('step:delete', 'red', cmd, 'destroys files beyond recovery')];
    case 'dd': {
      const of = cmd.args.find((a) => a.text.startsWith('of='));
      if (!of) return [reason('step:read-only', 'green', cmd, 'dd without of= only reads')];
      if (of.text === 'of=/dev/null') return [reason('step:read-only', 'green', cmd, 'dd into /dev/null')];
      return [reason('step:delete', 'red', cmd, `dd writes raw data over \`${display(of).slice(3)}\``)];
    }
    default:
      return null;
  }
}
