/** Shannon entropy of a string, in bits per character (over UTF-16 code units: literals are ASCII in practice). */
export function shannonEntropy(s: string): number {
  const n = s.length;
  if (n === 0) return 0;
  const counts = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  let h = 0;
  for (const k of counts.values()) {
    const p = k / n;
    h -= p * Math.log2(p);
  }
  return h;
}

/**
 * The entropy floor of the generic rule: min(3.2, 0.8 x log2(length)). A short literal cannot reach
 * 3.2 bits per character (12 distinct characters give 3.58 at most), so the floor falls with the
 * length and short random passwords are still caught.
 */
export function entropyThreshold(length: number): number {
  return Math.min(3.2, 0.8 * Math.log2(Math.max(length, 1)));
}

export const GENERIC_MIN_LENGTH = 12;

export function passesEntropy(literal: string): boolean {
  return literal.length >= GENERIC_MIN_LENGTH && shannonEntropy(literal) >= entropyThreshold(literal.length);
}
