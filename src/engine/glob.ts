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
  return path.normalize('NFC');
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

/** Throws a descriptive Error when the glob cannot be compiled. */
export function compileGlob(glob: string): PathMatcher {
  if (glob.trim() === '') throw new Error('empty glob');
  const matchers = expandGlob(glob).map((p) => picomatch(p, OPTIONS));
  return (path) => {
    const p = normalisePath(path);
    for (const m of matchers) if (m(p)) return true;
    return false;
  };
}

/** One matcher for a list of globs: true when any matches. */
export function compileGlobs(globs: readonly string[]): PathMatcher {
  const matchers = globs.map(compileGlob);
  if (matchers.length === 0) return () => false;
  return (path) => {
    for (const m of matchers) if (m(path)) return true;
    return false;
  };
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
