import type { ShownLine } from './new-side.js';

/**
 * A tolerant JSON reader over the lines a diff shows. A hunk of a modified `package.json` starts in
 * the middle of the document, so a real JSON parser cannot read it; this reader tokenises each line
 * and keeps the stack of enclosing keys it has seen, marking where the stack's bottom is unknown.
 * It is enough for the line-oriented layout every tool writes `package.json` and lockfiles in.
 */
export interface JsonEntry {
  key: string | null;
  /** A scalar value as written (strings unquoted), or null when the value opens an object/array. */
  value: string | null;
  /** Enclosing keys, outermost first (null for array elements). */
  parents: (string | null)[];
  /** True when `parents` starts at the document root; false when the hunk began deeper. */
  rooted: boolean;
  line: number;
  added: boolean;
}

type Token = { t: 'str'; v: string } | { t: 'punct'; v: string } | { t: 'lit'; v: string };

function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === ' ' || ch === '\t' || ch === '\r') {
      i++;
    } else if (ch === '"') {
      let j = i + 1;
      let v = '';
      while (j < text.length && text[j] !== '"') {
        if (text[j] === '\\' && j + 1 < text.length) {
          const n = text[j + 1]!;
          v += n === 'n' ? '\n' : n === 't' ? '\t' : n;
          j += 2;
        } else v += text[j++];
      }
      out.push({ t: 'str', v });
      i = j + 1;
    } else if ('{}[]:,'.includes(ch)) {
      out.push({ t: 'punct', v: ch });
      i++;
    } else {
      let j = i;
      while (j < text.length && !' \t\r{}[]:,"'.includes(text[j]!)) j++;
      out.push({ t: 'lit', v: text.slice(i, j) });
      i = j;
    }
  }
  return out;
}

interface Frame {
  key: string | null;
  array: boolean;
}

export function readJsonLines(run: readonly ShownLine[], rooted: boolean): JsonEntry[] {
  const entries: JsonEntry[] = [];
  const stack: Frame[] = [];
  let isRooted = rooted;
  for (const l of run) {
    const toks = tokenize(l.text);
    let pendingKey: string | null = null;
    for (let k = 0; k < toks.length; k++) {
      const tok = toks[k]!;
      if (tok.t === 'punct') {
        if (tok.v === '{' || tok.v === '[') {
          entries.push({ key: pendingKey, value: null, parents: stack.map((f) => f.key), rooted: isRooted, line: l.line, added: l.added });
          stack.push({ key: pendingKey, array: tok.v === '[' });
          pendingKey = null;
        } else if (tok.v === '}' || tok.v === ']') {
          // Closing a container opened before the hunk: what encloses us now is unknown.
          if (stack.length === 0) isRooted = false;
          else stack.pop();
          pendingKey = null;
        }
        continue;
      }
      const next = toks[k + 1];
      if (tok.t === 'str' && next?.t === 'punct' && next.v === ':') {
        pendingKey = tok.v;
        k++;
        continue;
      }
      entries.push({ key: pendingKey, value: tok.v, parents: stack.map((f) => f.key), rooted: isRooted, line: l.line, added: l.added });
      pendingKey = null;
    }
  }
  return entries;
}

/** `"key": "value"` pairs of removed lines, to tell a changed value from a line that only moved. */
export function removedPairs(removed: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const text of removed) {
    const toks = tokenize(text);
    for (let k = 0; k + 2 < toks.length; k++) {
      const a = toks[k]!;
      const b = toks[k + 1]!;
      const c = toks[k + 2]!;
      if (a.t === 'str' && b.t === 'punct' && b.v === ':' && c.t !== 'punct') out.add(`${a.v}\u0000${c.v}`);
    }
  }
  return out;
}
