import type { DiffFile } from '../../diff/types.js';

/**
 * The added lines of a file as one text (lines joined with `\n`), so that whole-text passes (the
 * keyword prefilter, the invisible-character scan) run once per file, and a map from the text's
 * 1-based line to the new file's line number.
 */
export interface AddedText {
  text: string;
  /** lineNumbers[i] is the new-file line of text line i + 1. */
  lineNumbers: number[];
}

export function addedText(file: DiffFile): AddedText {
  const lines: string[] = new Array(file.added.length);
  const lineNumbers: number[] = new Array(file.added.length);
  for (let i = 0; i < file.added.length; i++) {
    const a = file.added[i]!;
    lines[i] = a.text;
    lineNumbers[i] = a.line;
  }
  return { text: lines.join('\n'), lineNumbers };
}

/** Most reasons one rule reports per file; the rest are counted in one last reason. */
export const MAX_REASONS_PER_RULE = 20;
