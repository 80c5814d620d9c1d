import type { DiffFile } from '../../diff/types.js';
import type { Reason, Zone } from '../../types.js';

const SYMLINK = '120000';
const GITLINK = '160000';
const EXECUTABLE = '100755';

/** Symlinks, submodule pointers and executable bits, read from the file modes of the diff. */
export function modeReasons(file: DiffFile, path: string, pathZone: Zone): Reason[] {
  const out: Reason[] = [];
  const modes = [file.oldMode, file.newMode];
  if (modes.includes(SYMLINK) && file.status !== 'removed') {
    const target = file.added[0]?.text;
    out.push({
      rule: 'change:symlink',
      zone: 'red',
      message: `${path} is a symbolic link${target ? ` to ${JSON.stringify(target)}` : ''}: a link can point tools and reviewers at files outside the change. A human must approve.`,
    });
  }
  if ((modes.includes(GITLINK) && file.status !== 'removed') || path.toLowerCase().split('/').pop() === '.gitmodules') {
    out.push({
      rule: 'change:submodule',
      zone: 'red',
      message: `${path} adds or moves a git submodule: code from another repository that this review does not show. A human must approve.`,
    });
  }
  const becameExecutable = file.newMode === EXECUTABLE && (file.status === 'added' || (file.oldMode !== null && file.oldMode !== EXECUTABLE));
  if (becameExecutable) {
    const zone: Zone = pathZone === 'red' ? 'red' : 'yellow';
    out.push({
      rule: 'change:exec-bit',
      zone,
      message: `${path} ${file.status === 'added' ? 'is added as an executable' : 'becomes executable'} (mode 100755)${zone === 'red' ? ' under a red path' : ''}.`,
    });
  }
  return out;
}
