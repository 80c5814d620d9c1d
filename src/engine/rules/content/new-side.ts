import type { DiffFile } from '../../diff/types.js';

/** One line of the new file that the diff shows (added or context), in order. */
export interface ShownLine {
  line: number;
  text: string;
  added: boolean;
}

/**
 * The parts of the new file the diff shows: one run per hunk (context and added lines). For an added
 * file the single run is the whole file, and `complete` says so: what precedes a run is then known.
 */
export interface NewSide {
  runs: ShownLine[][];
  complete: boolean;
  /** Removed lines (old file), for telling a changed value from one that only moved. */
  removed: string[];
}

export function newSide(file: DiffFile): NewSide {
  if (file.status === 'added' || file.hunks.length === 0) {
    return { runs: [file.added.map((a) => ({ line: a.line, text: a.text, added: true }))], complete: file.status === 'added', removed: [] };
  }
  const runs: ShownLine[][] = [];
  const removed: string[] = [];
  for (const h of file.hunks) {
    const run: ShownLine[] = [];
    for (const l of h.lines) {
      if (l.kind === '-') removed.push(l.text);
      else run.push({ line: l.newLine ?? 0, text: l.text, added: l.kind === '+' });
    }
    runs.push(run);
  }
  return { runs, complete: false, removed };
}
