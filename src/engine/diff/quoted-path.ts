/**
 * git quotes a path that holds control characters, a quote, a backslash or (with core.quotePath,
 * the default) bytes above 0x7f: `"a/caf\303\251.md"`. The escapes are C's, and octal escapes are raw
 * bytes of the UTF-8 path, so bytes are collected first and decoded once.
 */
const SIMPLE: Record<string, number> = { a: 7, b: 8, t: 9, n: 10, v: 11, f: 12, r: 13, '"': 34, '\\': 92 };

export function unquoteGitPath(quoted: string): { path: string; consumed: number } {
  if (!quoted.startsWith('"')) return { path: quoted, consumed: quoted.length };
  const bytes: number[] = [];
  let i = 1;
  for (; i < quoted.length; i++) {
    const ch = quoted[i] as string;
    if (ch === '"') {
      i++;
      break;
    }
    if (ch === '\\' && i + 1 < quoted.length) {
      const next = quoted[i + 1] as string;
      if (/[0-7]/.test(next)) {
        const oct = /^[0-7]{1,3}/.exec(quoted.slice(i + 1))?.[0] ?? '0';
        bytes.push(Number.parseInt(oct, 8) & 0xff);
        i += oct.length;
        continue;
      }
      const simple = SIMPLE[next];
      bytes.push(simple ?? next.charCodeAt(0));
      i++;
      continue;
    }
    for (const b of Buffer.from(ch, 'utf8')) bytes.push(b);
  }
  return { path: Buffer.from(bytes).toString('utf8'), consumed: i };
}
