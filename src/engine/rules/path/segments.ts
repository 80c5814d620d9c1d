/** Path helpers shared by the path rules: lower-cased segments of an NFC path. */
export function segments(path: string): string[] {
  return path.normalize('NFC').toLowerCase().split('/').filter((s) => s !== '');
}

export function baseName(path: string): string {
  const s = segments(path);
  return s[s.length - 1] ?? '';
}

export function extension(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1) : '';
}

/** Directory names that make a subtree source, docs or test code (default-policy.md, path:production). */
export const CODE_TREE_DIRS: ReadonlySet<string> = new Set(['src', 'lib', 'pkg', 'internal', 'docs', 'doc', 'test', 'tests']);
export const DOCS_OR_TEST_DIRS: ReadonlySet<string> = new Set(['docs', 'doc', 'test', 'tests', '__tests__', 'spec']);

/** True when any directory before index `i` is in `names`. */
export function hasAncestorIn(segs: readonly string[], i: number, names: ReadonlySet<string>): boolean {
  for (let k = 0; k < i; k++) if (names.has(segs[k] as string)) return true;
  return false;
}
