/**
 * Checks on the regular expressions a config supplies (`secrets.patterns[].regex`, `secrets.allow[]`).
 * They run over every added line of an agent's diff, which the agent controls, so a pattern with
 * exponential backtracking is a denial of service on the gate; and an allow pattern that matches
 * real-looking tokens would switch off a locked rule (`content:secret`).
 */

/** The flags the loader guarantees a config regex compiles with: none (the most permissive syntax). */
export function compileConfigRegex(source: string): RegExp {
  return new RegExp(source);
}

/** A reason the regex does not compile, or null. */
export function regexSyntaxError(source: string): string | null {
  try {
    compileConfigRegex(source);
    return null;
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    // "Invalid regular expression: /x/: Unterminated group" -> "Unterminated group"
    return msg.replace(/^Invalid regular expression: \/.*\/[a-z]*: /s, '');
  }
}

/**
 * True when an unbounded quantifier (`*`, `+`, `{n,}`) applies to a group that itself contains an
 * unbounded quantifier (`(a+)+`, `(\w*x?)*`): the classic exponential-backtracking shape. A cheap
 * scan of the source, not a full analysis: overlapping alternations under a star (`(a|a)*`) are not
 * caught. Written by hand because the packages that do this (safe-regex and kin) are not dependencies.
 */
export function hasNestedQuantifier(source: string): boolean {
  // One frame per open group: whether anything inside it repeats without bound.
  const stack: boolean[] = [false];
  let lastGroupUnbounded: boolean | null = null; // set right after `)`, for the quantifier that may follow
  let i = 0;
  const markUnbounded = () => {
    stack[stack.length - 1] = true;
  };
  while (i < source.length) {
    const c = source[i];
    if (c === '\\') {
      i += 2;
      lastGroupUnbounded = null;
      continue;
    }
    if (c === '[') {
      i++;
      while (i < source.length && source[i] !== ']') i += source[i] === '\\' ? 2 : 1;
      i++;
      lastGroupUnbounded = null;
      continue;
    }
    if (c === '(') {
      stack.push(false);
      i++;
      lastGroupUnbounded = null;
      continue;
    }
    if (c === ')') {
      const inner = stack.pop() ?? false;
      if (stack.length === 0) stack.push(false);
      if (inner) markUnbounded();
      lastGroupUnbounded = inner;
      i++;
      continue;
    }
    const quant = quantifierAt(source, i);
    if (quant) {
      if (quant.unbounded) {
        if (lastGroupUnbounded === true) return true;
        markUnbounded();
      }
      i += quant.length;
      if (source[i] === '?') i++;
      lastGroupUnbounded = null;
      continue;
    }
    lastGroupUnbounded = null;
    i++;
  }
  return false;
}

function quantifierAt(source: string, i: number): { unbounded: boolean; length: number } | null {
  const c = source[i];
  if (c === '*' || c === '+') return { unbounded: true, length: 1 };
  if (c === '?') return { unbounded: false, length: 1 };
  if (c === '{') {
    const m = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(i));
    if (m) return { unbounded: m[2] !== undefined && m[3] === '', length: m[0].length };
  }
  return null;
}

/**
 * Strings shaped like real credentials (the formats `content:secret` knows), built at run time so this
 * file holds no token-shaped literal for secret scanners to flag. An allow pattern matching any of them
 * would hide real secrets.
 */
export function secretProbes(): string[] {
  const run = (alphabet: string, n: number) => Array.from({ length: n }, (_, i) => alphabet[(i * 7 + 3) % alphabet.length]).join('');
  const alnum = 'aB3dE5gH7jK9mN2pQ4sT6vW8yZ';
  const upper = 'Q7W3E9R2T5Y8U4I6O1P0ASDFGHJKLZXCVBNM';
  return [
    ['gh', 'p_', run(alnum, 36)].join(''),
    ['AK', 'IA', run(upper, 16)].join(''),
    ['sk', '_live_', run(alnum, 24)].join(''),
    ['gl', 'pat-', run(alnum, 20)].join(''),
    ['xo', 'xb-', '1234567890', '-', run(alnum, 24)].join(''),
    ['np', 'm_', run(alnum, 36)].join(''),
    ['AI', 'za', run(alnum, 35)].join(''),
    run(`${alnum}!%`, 20),
  ];
}
