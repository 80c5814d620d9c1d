import type { DiffFile } from '../../diff/types.js';
import { readJsonLines, removedPairs, type JsonEntry } from './json-lines.js';
import { newSide } from './new-side.js';

/** What the `package.json` rules look at: entries of the shown lines, and the removed key/value pairs. */
export interface PackageJsonView {
  entries: JsonEntry[];
  removed: Set<string>;
}

export function isPackageJson(path: string): boolean {
  return /(?:^|\/)package\.json$/i.test(path);
}

export function packageJsonView(file: DiffFile): PackageJsonView {
  const side = newSide(file);
  const entries: JsonEntry[] = [];
  for (const run of side.runs) entries.push(...readJsonLines(run, side.complete));
  return { entries, removed: removedPairs(side.removed) };
}

/** The nearest enclosing key of an entry, or undefined when the hunk does not show it. */
export function parentKey(e: JsonEntry): string | null | undefined {
  if (e.parents.length === 0) return e.rooted ? null : undefined;
  return e.parents[e.parents.length - 1];
}

/** A script of the `scripts` object (or, when the hunk does not show the parent, possibly one). */
export function scriptPlace(e: JsonEntry): 'script' | 'maybe' | 'no' {
  const parent = parentKey(e);
  if (parent === undefined) return 'maybe';
  // Rooted parents start with the document's own object (key null).
  return parent === 'scripts' && e.parents.length === (e.rooted ? 2 : 1) ? 'script' : 'no';
}

/** An added entry whose key/value pair was not simply moved (a comma added, lines reordered). */
export function isNewOrChanged(e: JsonEntry, view: PackageJsonView): boolean {
  return e.added && e.key !== null && e.value !== null && !view.removed.has(`${e.key}\u0000${e.value}`);
}
