/**
 * "Did you mean ...?" for config keys, rule ids and enum values. Hand-written because it is a dozen
 * lines and no edit-distance package is a dependency of the project (adding one for this is not worth
 * a supply-chain entry).
 */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur[j] = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
    }
    prev = cur;
  }
  return prev[b.length] ?? 0;
}

/**
 * The candidate the user most likely meant, or null: an exact case-insensitive match, a candidate whose
 * part after `:` is the word given (`migration` -> `path:migration`), or the closest by edit distance
 * within a third of the word's length (at least 1).
 */
export function closest(word: string, candidates: readonly string[]): string | null {
  const w = word.toLowerCase();
  const exact = candidates.find((c) => c.toLowerCase() === w);
  if (exact !== undefined) return exact;
  const bySuffix = candidates.filter((c) => c.includes(':') && c.slice(c.indexOf(':') + 1).toLowerCase() === w);
  if (bySuffix.length === 1) return bySuffix[0] ?? null;
  const limit = Math.max(1, Math.floor(w.length / 3));
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = editDistance(w, c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return bestDistance <= limit ? best : null;
}

/** `a`, `b` or `c` */
export function listOr(items: readonly string[]): string {
  const quoted = items.map((i) => `\`${i}\``);
  if (quoted.length <= 1) return quoted.join('');
  return `${quoted.slice(0, -1).join(', ')} or ${quoted[quoted.length - 1]}`;
}
