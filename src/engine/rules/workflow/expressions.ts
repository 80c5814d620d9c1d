/**
 * GitHub Actions expressions (`${{ ... }}`): where they are in a string and which contexts they read.
 * Hand-written because no maintained library parses the Actions expression language; the grammar is
 * tiny (literals, context property chains, function calls, operators) and we only need the chains.
 */

export interface ExpressionSpan {
  /** Offset of `${{` in the text. */
  start: number;
  /** Offset just past `}}` (or the end of the text for an unterminated expression). */
  end: number;
  /** The expression between the braces. */
  body: string;
}

/** Every `${{ ... }}` in a string. `}}` inside a quoted literal does not end the expression. */
export function findExpressions(text: string): ExpressionSpan[] {
  const out: ExpressionSpan[] = [];
  let i = 0;
  while (i < text.length) {
    const start = text.indexOf('${{', i);
    if (start < 0) break;
    let j = start + 3;
    let inString = false;
    let end = -1;
    while (j < text.length) {
      const ch = text[j];
      if (inString) {
        if (ch === "'") {
          if (text[j + 1] === "'") j++;
          else inString = false;
        }
      } else if (ch === "'") {
        inString = true;
      } else if (ch === '}' && text[j + 1] === '}') {
        end = j + 2;
        break;
      }
      j++;
    }
    // Unterminated: treat the rest as the expression so that nothing after `${{` escapes the checks.
    const terminated = end >= 0;
    if (!terminated) end = text.length;
    out.push({ start, end, body: text.slice(start + 3, terminated ? end - 2 : end) });
    i = end;
  }
  return out;
}

type Token =
  | { kind: 'ident'; value: string }
  | { kind: 'string'; value: string }
  | { kind: 'punct'; value: string }
  | { kind: 'other'; value: string };

function tokenize(body: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < body.length) {
    const ch = body[i] as string;
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === "'") {
      let j = i + 1;
      let value = '';
      while (j < body.length) {
        if (body[j] === "'") {
          if (body[j + 1] === "'") {
            value += "'";
            j += 2;
            continue;
          }
          break;
        }
        value += body[j];
        j++;
      }
      tokens.push({ kind: 'string', value });
      i = j + 1;
    } else if (/[A-Za-z_]/.test(ch)) {
      let j = i + 1;
      while (j < body.length && /[A-Za-z0-9_-]/.test(body[j] as string)) j++;
      tokens.push({ kind: 'ident', value: body.slice(i, j) });
      i = j;
    } else if ('.[]()*,'.includes(ch)) {
      tokens.push({ kind: 'punct', value: ch });
      i++;
    } else {
      let j = i + 1;
      while (j < body.length && !/[\sA-Za-z_'.[\]()*,]/.test(body[j] as string)) j++;
      tokens.push({ kind: 'other', value: body.slice(i, j) });
      i = j;
    }
  }
  return tokens;
}

/** Marks an index that is computed at run time (`github.event[inputs.field]`): it may be anything. */
export const DYNAMIC = '[dynamic]';

/**
 * The context property chains an expression reads, lower-cased (expression names are
 * case-insensitive): `toJSON(github.event.issue)` gives `[['github','event','issue']]`. A computed
 * index ends its chain with DYNAMIC; the index expression's own chains are listed too.
 */
export function contextChains(body: string): string[][] {
  const tokens = tokenize(body);
  const chains: string[][] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (t.kind !== 'ident') continue;
    const prev = tokens[i - 1];
    if (prev?.kind === 'punct' && prev.value === '.') continue;
    const next = tokens[i + 1];
    if (next?.kind === 'punct' && next.value === '(') continue; // a function name
    const lower = t.value.toLowerCase();
    if (['true', 'false', 'null', 'nan', 'infinity'].includes(lower) && !(next?.kind === 'punct' && next.value === '.')) continue;
    const chain = [lower];
    let j = i + 1;
    for (;;) {
      const a = tokens[j];
      const b = tokens[j + 1];
      const c = tokens[j + 2];
      if (a?.kind === 'punct' && a.value === '.' && b && (b.kind === 'ident' || (b.kind === 'punct' && b.value === '*'))) {
        chain.push(b.value.toLowerCase());
        j += 2;
      } else if (a?.kind === 'punct' && a.value === '[' && b?.kind === 'string' && c?.kind === 'punct' && c.value === ']') {
        chain.push(b.value.toLowerCase());
        j += 3;
      } else if (a?.kind === 'punct' && a.value === '[' && b?.kind === 'punct' && b.value === '*' && c?.kind === 'punct' && c.value === ']') {
        chain.push('*');
        j += 3;
      } else if (a?.kind === 'punct' && a.value === '[') {
        chain.push(DYNAMIC);
        break;
      } else {
        break;
      }
    }
    chains.push(chain);
    i = j - 1;
  }
  return chains;
}

/** The chains of every expression in a string, with the offset of the expression they come from. */
export function chainsInText(text: string): { chain: string[]; offset: number; expression: string }[] {
  const out: { chain: string[]; offset: number; expression: string }[] = [];
  for (const span of findExpressions(text)) {
    for (const chain of contextChains(span.body)) {
      out.push({ chain, offset: span.start, expression: text.slice(span.start, span.end) });
    }
  }
  return out;
}

export function chainText(chain: readonly string[]): string {
  return chain.map((c, i) => (c === DYNAMIC ? '[...]' : i === 0 ? c : `.${c}`)).join('');
}

/**
 * True when a chain reads a secret: `secrets.*` in any form, `github.token`, or the whole `github`
 * context (which holds the token) as in `toJSON(github)`.
 */
export function readsCredential(chain: readonly string[]): boolean {
  const [head, second] = chain;
  if (head === 'secrets') return true;
  if (head !== 'github') return false;
  return second === undefined || second === 'token' || second === DYNAMIC;
}

/** True when an expression string reads a secret or the token anywhere. */
export function textReadsCredential(text: string): boolean {
  return chainsInText(text).some((c) => readsCredential(c.chain));
}
