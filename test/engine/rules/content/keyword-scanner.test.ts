import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { KeywordScanner, type PrefilterResult } from '../../../../src/engine/rules/content/keyword-scanner.js';
import { sampler } from '../../../../src/engine/rules/content/detectors.js';

// The scanner splits long texts into blocks of 32,768 characters and each block into two halves
// scanned side by side; these tests put keywords and runs across every such seam and compare with a
// naive reference (substring search per line, a regex for the runs).
const BLOCK = 1 << 15;
const RUN_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/_-';
const MIN_RUN = 24;
const KEYWORDS = ['password', 'pass', 'sk-', 'sk-ant-', 'ghp_', '://', 'private key', 'discordapp.com/api/webhooks', 'a', 'token'];

function scanner(keywords: readonly string[] = KEYWORDS): KeywordScanner<string> {
  return new KeywordScanner<string>(new Map(keywords.map((k) => [k, [k]])), { chars: RUN_CHARS, minRun: MIN_RUN });
}

/** Line start -> sorted keywords, from the scanner. */
function hitsOf(r: PrefilterResult<string>): Map<number, string[]> {
  const m = new Map<number, Set<string>>();
  let last = -1;
  for (let h = 0; h < r.hitCount; h++) {
    const start = r.hitLineStart[h]!;
    assert.ok(start >= last, 'hits come in text order');
    last = start;
    const set = m.get(start) ?? new Set<string>();
    for (const v of r.outputs[r.hitOutput[h]!]!) set.add(v);
    m.set(start, set);
  }
  return new Map([...m].map(([k, v]) => [k, [...v].sort()]));
}

/** Line start -> sorted keywords, by substring search (ASCII letters folded, nothing else). */
function expectedHits(text: string, keywords: readonly string[]): Map<number, string[]> {
  const fold = (s: string): string => s.replace(/[A-Z]/g, (c) => c.toLowerCase());
  const m = new Map<number, string[]>();
  let start = 0;
  for (const line of text.split('\n')) {
    const found = keywords.filter((k) => fold(line).includes(k)).sort();
    if (found.length > 0) m.set(start, found);
    start += line.length + 1;
  }
  return m;
}

function expectedRuns(text: string): number[] {
  return [...text.matchAll(/[A-Za-z0-9+/_-]{24,}/g)].map((m) => m.index);
}

function check(sc: KeywordScanner<string>, text: string, keywords: readonly string[] = KEYWORDS): void {
  const r = sc.scan(text);
  assert.deepEqual(hitsOf(r), expectedHits(text, keywords));
  assert.deepEqual(Array.from(r.runStart.subarray(0, r.runCount)), expectedRuns(text));
}

const r = sampler(0x5eed);
const FILLER = 'the quick brown fox, jumps over; the lazy dog. ';

function filler(n: number): string {
  return FILLER.repeat(Math.ceil(n / FILLER.length)).slice(0, n);
}

describe('keyword scanner', () => {
  const sc = scanner();

  test('empty and short texts', () => {
    check(sc, '');
    check(sc, 'a');
    check(sc, 'PASSWORD=x\nSK-ant-1\n');
    check(sc, `x = "${'Q'.repeat(24)}"`);
    check(sc, 'Q'.repeat(23));
  });

  test('keywords inside others and case folding', () => {
    const text = `${filler(300)}\nMy PassWord is here\nsk-ant-api03 and sk-proj\nhttps://x\nPRIVATE KEY\n${filler(300)}`;
    check(sc, text);
  });

  // Lengths around the serial/two-stream threshold and around block sizes, odd and even.
  for (const n of [255, 256, 257, 1001, BLOCK - 1, BLOCK, BLOCK + 1, 2 * BLOCK + 3, 3 * BLOCK - 7]) {
    test(`every keyword and a long run across the seams of a ${n}-character text`, () => {
      const seams = new Set<number>([n >> 1]);
      for (let b = 0; b < n; b += BLOCK) {
        const e = Math.min(n, b + BLOCK);
        seams.add(b);
        seams.add(b + ((e - b) >> 1));
      }
      for (const seam of seams) {
        for (const k of ['discordapp.com/api/webhooks', 'password', 'sk-ant-', 'private key', '://']) {
          for (let off = 1; off < k.length; off++) {
            const at = seam - off;
            if (at < 0 || at + k.length > n) continue;
            const base = filler(n);
            check(sc, base.slice(0, at) + k.toUpperCase() + base.slice(at + k.length));
          }
        }
        for (const len of [23, 24, 25, 60]) {
          for (const off of [1, 12, 23, 24, 30]) {
            const at = seam - off;
            if (at < 0 || at + len > n) continue;
            const base = filler(n);
            check(sc, base.slice(0, at) + r(RUN_CHARS, len) + base.slice(at + len));
          }
        }
      }
    });
  }

  test('non-ASCII characters end keywords and runs, on either side of a seam', () => {
    const pieces = ['é', '中', '😀', '\u0161', 'İ', '\u00a0', 'passé', 'pass\u2028word', 'tok€n', 'Qq'.repeat(20) + 'ü' + 'Qq'.repeat(20)];
    for (const n of [600, BLOCK + 1, 2 * BLOCK + 11]) {
      let text = '';
      while (text.length < n) text += (r('01', 1) === '0' ? r(RUN_CHARS + ' \n"=:', 1 + (text.length % 40)) : '') + pieces[text.length % pieces.length]! + ' password ';
      check(sc, text.slice(0, n));
    }
  });

  test('random texts of mixed lengths match the reference', () => {
    const alphabet = RUN_CHARS + '   \n\n."=:>\'`éß中';
    for (let i = 0; i < 40; i++) {
      const n = [10, 300, 5000, BLOCK + 100, 70_001][i % 5]!;
      let text = '';
      while (text.length < n) text += r(alphabet, 1 + (i % 7)) + (i % 3 === 0 ? KEYWORDS[text.length % KEYWORDS.length] : '');
      check(sc, text);
    }
  });

  test('many hits on one long line stay one entry per keyword and line', () => {
    const text = 'password token '.repeat(20_000);
    const res = sc.scan(text);
    assert.equal(res.hitCount <= 2 * 4, true);
    check(sc, text);
  });

  test('two scanners used in turn each keep their own keywords', () => {
    const other = scanner(['acme-', 'zeta']);
    const text = `${filler(70_000)}\nacme-1 password zeta\n${filler(500)}`;
    for (let i = 0; i < 3; i++) {
      check(sc, text);
      check(other, text, ['acme-', 'zeta']);
    }
  });

  test('an automaton too large for the shared table is still exact (one-stream fallback)', () => {
    const many = Array.from({ length: 400 }, (_, i) => `kw${i}-${r('abcdefghij', 12)}`);
    const big = scanner(many);
    const text = `${filler(40_000)}\n${many[7]!.toUpperCase()} and ${many[399]!}\n${r(RUN_CHARS, 30)}\n${filler(40_000)}`;
    check(big, text, many);
  });
});
