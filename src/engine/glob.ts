import picomatch from 'picomatch';

/**
 * Globs with gitignore/CODEOWNERS anchoring (default-policy.md, "Paths and globs"): a pattern with
 * no `/` except a trailing one matches a name at any depth; a pattern with a `/` is anchored at the
 * root; a pattern that names a directory also matches everything below it. Dotfiles match; matching
 * is case-insensitive on the NFC-normalised path. picomatch does the globbing; this module only
 * rewrites the anchoring, which picomatch does not know about.
 */
export type PathMatcher = (path: string) => boolean;

const OPTIONS: picomatch.PicomatchOptions = { dot: true, nocase: true, strictBrackets: true };

export function normalisePath(path: string): string {
  return nfc(path);
}

/** The picomatch patterns one anchored glob stands for. */
export function expandGlob(glob: string): string[] {
  let g = glob.trim().normalize('NFC');
  let dirOnly = false;
  if (g.endsWith('/')) {
    dirOnly = true;
    g = g.replace(/\/+$/, '');
  }
  const anchored = g.includes('/');
  if (g.startsWith('/')) g = g.slice(1);
  const base = anchored || g.startsWith('**') ? g : `**/${g}`;
  if (dirOnly) return [`${base}/**`];
  if (base.endsWith('/**')) return [base];
  return [base, `${base}/**`];
}

const ASCII = /^[\x00-\x7f]*$/;

/** NFC normalisation is the identity on ASCII, and almost every path is ASCII: skip the work there. */
function nfc(path: string): string {
  return ASCII.test(path) ? path : path.normalize('NFC');
}

/** The regular expressions picomatch makes for one anchored glob (throws on an invalid one). */
function regexesOf(glob: string): RegExp[] {
  if (glob.trim() === '') throw new Error('empty glob');
  return expandGlob(glob).map((p) => picomatch.makeRe(p, OPTIONS));
}

/**
 * One matcher for a list of globs: true when any matches. The globs are joined into a single
 * regular expression so that a path is tested once, not once per glob (the shell rules test every
 * argument of every command against the credential globs).
 */
export function compileGlobs(globs: readonly string[]): PathMatcher {
  const res = globs.flatMap(regexesOf);
  if (res.length === 0) return () => false;
  const combined = new RegExp(res.map((r) => `(?:${r.source})`).join('|'), 'i');
  const prefilter = literalPrefilter(globs);
  if (!prefilter) return (path) => combined.test(nfc(path));
  return (path) => {
    const p = nfc(path);
    return prefilter.test(p) && combined.test(p);
  };
}

const GLOB_SYNTAX = /[*?[\]{}()!+@\\]/;

/**
 * A path can only match a glob if it contains the glob's longest literal run (`**\/id_rsa` needs
 * `id_rsa`). picomatch's regular expressions are exact but slow; one alternation of those literals
 * rejects most paths first. Globs with braces, classes or extglobs have no safe literal: then none.
 */
function literalPrefilter(globs: readonly string[]): RegExp | null {
  const literals: string[] = [];
  for (const g of globs) {
    const glob = g.trim().normalize('NFC');
    if (/[[\]{}()!+@\\]/.test(glob)) return null;
    const longest = glob.split(GLOB_SYNTAX).reduce((a, b) => (b.length > a.length ? b : a), '');
    const literal = longest.replace(/^\/+|\/+$/g, '');
    if (literal.length < 2) return null;
    literals.push(literal.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'));
  }
  return new RegExp(literals.join('|'), 'i');
}

/** Throws a descriptive Error when the glob cannot be compiled. */
export function compileGlob(glob: string): PathMatcher {
  return compileGlobs([glob]);
}

/** Returns an error message for an invalid glob, or null. */
export function globError(glob: string): string | null {
  try {
    compileGlob(glob);
    return null;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}
