import { isScalar, Scalar } from 'yaml';
import type { YamlSource } from './yaml-source.js';

/**
 * Maps positions in a scalar's value (a `run:` script, a `script:`) back to lines of the workflow
 * file. A literal block (`run: |`) keeps its lines one for one, starting on the line after the `|`;
 * folded, plain and quoted scalars join lines, so their value lines are found in the source in order.
 */
export interface ScalarLines {
  /** Workflow-file line of a 1-based line of the value. */
  lineOfValueLine(valueLine: number): number;
  /** Workflow-file line of an offset in the value. */
  lineOfOffset(offset: number): number;
}

export function scalarLines(source: YamlSource, node: unknown, value: string, fallbackLine: number): ScalarLines {
  const start = source.lineOf(node, fallbackLine);
  const end = source.endLineOf(node, start);
  const valueLines = value.split('\n');
  let map: number[];
  if (isScalar(node) && (node as Scalar).type === Scalar.BLOCK_LITERAL) {
    map = valueLines.map((_, i) => start + 1 + i);
  } else if (start === end) {
    map = valueLines.map(() => start);
  } else {
    map = searchLines(source, valueLines, isScalar(node) && (node as Scalar).type === Scalar.BLOCK_FOLDED ? start + 1 : start, end);
  }
  const lineOfValueLine = (valueLine: number): number => map[Math.min(Math.max(valueLine, 1), map.length) - 1] ?? start;
  return {
    lineOfValueLine,
    lineOfOffset: (offset) => {
      let line = 1;
      for (let i = 0; i < offset && i < value.length; i++) if (value.charCodeAt(i) === 10) line++;
      return lineOfValueLine(line);
    },
  };
}

function searchLines(source: YamlSource, valueLines: string[], first: number, last: number): number[] {
  const out: number[] = [];
  let cursor = first;
  for (const raw of valueLines) {
    const probe = raw.trim().slice(0, 24);
    if (probe === '') {
      out.push(cursor);
      continue;
    }
    let found = -1;
    for (let l = cursor; l <= last; l++) {
      if (source.sourceLine(l).includes(probe)) {
        found = l;
        break;
      }
    }
    if (found < 0) {
      out.push(cursor);
      continue;
    }
    out.push(found);
    cursor = found + 1 <= last ? found + 1 : found;
  }
  return out;
}
