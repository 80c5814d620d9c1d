// The files of a pull request as GitHub's files API reports them: the three-dot diff from the merge
// base to the head, exact renames detected, patches as bare unified hunks (from `@@`).
import { structuredPatch } from 'diff';
import type { FileEntry, Tree } from './git.js';

export type FileStatus = 'added' | 'removed' | 'modified' | 'renamed' | 'changed';

export interface FileDiff {
  filename: string;
  previous_filename?: string;
  status: FileStatus;
  sha: string;
  additions: number;
  deletions: number;
  changes: number;
  patch?: string;
  binary: boolean;
}

function text(e: FileEntry | undefined): string {
  if (!e) return '';
  if (e.mode === '160000') return `Subproject commit ${e.sha}\n`;
  return e.data.toString('utf8');
}

/** git's hunk header: `-0,0` for an empty side, the count left out when it is 1. */
function range(start: number, count: number): string {
  const s = count === 0 ? start - 1 : start;
  return count === 1 ? `${s}` : `${s},${count}`;
}

export function patchOf(oldEntry: FileEntry | undefined, newEntry: FileEntry | undefined): { patch: string; additions: number; deletions: number } {
  const p = structuredPatch('a', 'b', text(oldEntry), text(newEntry), '', '', { context: 3 });
  let additions = 0, deletions = 0;
  const parts: string[] = [];
  for (const h of p.hunks) {
    for (const l of h.lines) {
      if (l.startsWith('+')) additions++;
      else if (l.startsWith('-')) deletions++;
    }
    parts.push(`@@ -${range(h.oldStart, h.oldLines)} +${range(h.newStart, h.newLines)} @@\n${h.lines.join('\n')}`);
  }
  return { patch: parts.join('\n'), additions, deletions };
}

export function diffTrees(base: Tree, head: Tree): FileDiff[] {
  const removed = new Map<string, FileEntry>();
  const added = new Map<string, FileEntry>();
  const out: FileDiff[] = [];
  for (const [p, e] of base) if (!head.has(p)) removed.set(p, e);
  for (const [p, e] of head) {
    const old = base.get(p);
    if (!old) { added.set(p, e); continue; }
    if (old.sha === e.sha && old.mode === e.mode) continue;
    if (old.sha === e.sha) out.push(entry(p, 'changed', old, e, false));
    else out.push(entry(p, 'modified', old, e, true));
  }
  // exact renames: a removed blob that reappears unchanged under a new path
  for (const [p, e] of added) {
    const from = [...removed].find(([, r]) => r.sha === e.sha && r.mode === e.mode);
    if (from) {
      removed.delete(from[0]);
      out.push({ ...entry(p, 'renamed', from[1], e, false), previous_filename: from[0] });
    } else {
      out.push(entry(p, 'added', undefined, e, true));
    }
  }
  for (const [p, e] of removed) out.push(entry(p, 'removed', e, undefined, true));
  return out.sort((a, b) => (a.filename < b.filename ? -1 : a.filename > b.filename ? 1 : 0));
}

function entry(filename: string, status: FileStatus, oldE: FileEntry | undefined, newE: FileEntry | undefined, withPatch: boolean): FileDiff {
  const binary = Boolean(oldE?.binary || newE?.binary);
  const sha = (newE ?? oldE)!.sha;
  if (!withPatch || binary) return { filename, status, sha, additions: 0, deletions: 0, changes: 0, binary };
  const { patch, additions, deletions } = patchOf(oldE, newE);
  return { filename, status, sha, additions, deletions, changes: additions + deletions, patch, binary };
}
