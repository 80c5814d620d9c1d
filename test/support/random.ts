/** A small seeded PRNG (mulberry32) so fuzz runs are reproducible: a failing seed is a test case. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(r: () => number, items: readonly T[]): T {
  return items[Math.floor(r() * items.length)] as T;
}

/** Mutates text: deletes, duplicates, swaps and inserts lines and bytes. */
export function mutate(r: () => number, text: string, tokens: readonly string[]): string {
  const lines = text.split('\n');
  const n = 1 + Math.floor(r() * 4);
  for (let k = 0; k < n; k++) {
    const i = Math.floor(r() * Math.max(1, lines.length));
    switch (Math.floor(r() * 7)) {
      case 0:
        lines.splice(i, 1);
        break;
      case 1:
        lines.splice(i, 0, lines[i] ?? '');
        break;
      case 2:
        lines.splice(i, 0, pick(r, tokens));
        break;
      case 3: {
        const line = lines[i] ?? '';
        const at = Math.floor(r() * (line.length + 1));
        lines[i] = line.slice(0, at) + pick(r, tokens) + line.slice(at);
        break;
      }
      case 4: {
        const line = lines[i] ?? '';
        const at = Math.floor(r() * (line.length + 1));
        lines[i] = line.slice(0, at) + line.slice(at + 1 + Math.floor(r() * 5));
        break;
      }
      case 5:
        lines.length = Math.max(0, Math.min(lines.length, i));
        break;
      default: {
        const j = Math.floor(r() * lines.length);
        const t = lines[i] ?? '';
        lines[i] = lines[j] ?? '';
        lines[j] = t;
      }
    }
  }
  return lines.join('\n');
}

export function randomText(r: () => number, tokens: readonly string[], maxLines = 30): string {
  const out: string[] = [];
  const n = Math.floor(r() * maxLines);
  for (let i = 0; i < n; i++) {
    if (r() < 0.5) out.push(pick(r, tokens));
    else out.push(Array.from({ length: Math.floor(r() * 20) }, () => String.fromCharCode(Math.floor(r() * 0x80 + (r() < 0.1 ? 0x2000 : 0)))).join(''));
  }
  return out.join('\n');
}
