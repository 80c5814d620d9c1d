import type { DiffFile, Hunk, HunkLine } from '../../../../src/engine/diff/types.js';
import { sampler } from '../../../../src/engine/rules/content/detectors.js';

/** A new file: every line added. */
export function addedFile(path: string, content: string): DiffFile {
  const lines = content.split('\n');
  const hunkLines: HunkLine[] = lines.map((text, i) => ({ kind: '+', text, newLine: i + 1 }));
  const hunk: Hunk = { oldStart: 0, oldCount: 0, newStart: 1, newCount: lines.length, lines: hunkLines };
  return {
    oldPath: null,
    newPath: path,
    status: 'added',
    oldMode: null,
    newMode: '100644',
    binary: false,
    similarity: null,
    hunks: [hunk],
    added: lines.map((text, i) => ({ line: i + 1, text })),
    truncated: false,
  };
}

/**
 * A modified file from hunks written as lines prefixed with ' ', '+' or '-'; each hunk is
 * `{ start, lines }` where `start` is the new-file line of its first line.
 */
export function modifiedFile(path: string, hunks: { start: number; lines: string[] }[]): DiffFile {
  const out: Hunk[] = [];
  const added: { line: number; text: string }[] = [];
  for (const h of hunks) {
    let newLine = h.start;
    let oldLine = h.start;
    const lines: HunkLine[] = [];
    for (const raw of h.lines) {
      const kind = raw[0] as '+' | '-' | ' ';
      const text = raw.slice(1);
      if (kind === '+') {
        lines.push({ kind, text, newLine });
        added.push({ line: newLine, text });
        newLine++;
      } else if (kind === '-') {
        lines.push({ kind, text, oldLine });
        oldLine++;
      } else {
        lines.push({ kind: ' ', text, newLine, oldLine });
        newLine++;
        oldLine++;
      }
    }
    const newCount = lines.filter((l) => l.kind !== '-').length;
    const oldCount = lines.filter((l) => l.kind !== '+').length;
    out.push({ oldStart: h.start, oldCount, newStart: h.start, newCount, lines });
  }
  return { oldPath: path, newPath: path, status: 'modified', oldMode: '100644', newMode: '100644', binary: false, similarity: null, hunks: out, added, truncated: false };
}

const rand = sampler(0xc0ffee);
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Random-looking token material, built at run time so that no real-shaped token sits in the source. */
export function rnd(n: number, alphabet = ALNUM): string {
  return rand(alphabet, n);
}
export const HEX = '0123456789abcdef';
export const UPPER_NUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
export const B64URL = ALNUM + '-_';
export const B64 = ALNUM + '+/';
/** Concatenates parts so scanners of this repository do not see whole tokens in the source. */
export const j = (...parts: string[]): string => parts.join('');
