import type { FileStatus } from '../types.js';

/** One line of a hunk: `+` added, `-` removed, ` ` context. Line numbers are 1-based. */
export interface HunkLine {
  kind: '+' | '-' | ' ';
  text: string;
  /** Line number in the old file (removed and context lines). */
  oldLine?: number;
  /** Line number in the new file (added and context lines). */
  newLine?: number;
}

export interface Hunk {
  oldStart: number;
  oldCount: number;
  newStart: number;
  newCount: number;
  lines: HunkLine[];
}

export interface AddedLine {
  /** 1-based line number in the new file. */
  line: number;
  text: string;
}

export interface DiffFile {
  /** Path before the change; null for an added file. */
  oldPath: string | null;
  /** Path after the change; null for a removed file. */
  newPath: string | null;
  status: FileStatus;
  oldMode: string | null;
  newMode: string | null;
  /** `Binary files ... differ` or `GIT binary patch`: the content is not visible as text. */
  binary: boolean;
  similarity: number | null;
  hunks: Hunk[];
  /** Every added line, in order, with its new-file line number. */
  added: AddedLine[];
  /** A hunk of this file ended before its header's line counts were met. */
  truncated: boolean;
}

export interface ParsedDiff {
  files: DiffFile[];
  /** Problems that make the input incomplete (cut-off hunks, garbage between files); each is `pr:truncated`. */
  problems: string[];
}

/** Thrown for input that is not a diff at all (the CLI exits 2 with its message). */
export class DiffParseError extends Error {
  override name = 'DiffParseError';
}
