/**
 * The keyword prefilter: an Aho-Corasick automaton compiled to a dense DFA over ASCII, with ASCII
 * letters folded to lower case, so one pass over the text costs one table lookup per character and
 * finds every keyword (including keywords inside others) on every line. Hand-written because the
 * prefilter is the hot loop of secret scanning: a case-insensitive regex alternation of ~80 keywords
 * runs several times slower, and no maintained npm package ships a case-folding DFA without
 * per-match allocation.
 */
export class KeywordScanner<T> {
  private readonly delta: Int32Array;
  /** For each state, the index into `outputs` of what ends there (-1: nothing). */
  private readonly outputOf: Int32Array;
  private readonly outputs: T[][];

  constructor(entries: ReadonlyMap<string, readonly T[]>) {
    const goto: Map<number, number>[] = [new Map()];
    const ends: Set<T>[] = [new Set()];
    for (const [keyword, values] of entries) {
      let s = 0;
      for (const ch of keyword.toLowerCase()) {
        const c = ch.charCodeAt(0);
        if (c >= 128) throw new Error(`keyword ${keyword} is not ASCII`);
        let next = goto[s]!.get(c);
        if (next === undefined) {
          next = goto.length;
          goto.push(new Map());
          ends.push(new Set());
          goto[s]!.set(c, next);
        }
        s = next;
      }
      for (const v of values) ends[s]!.add(v);
    }
    const n = goto.length;
    const delta = new Int32Array(n * 128);
    const fail = new Int32Array(n);
    // Breadth-first: failure links, then the full transition table (a DFA, no failure walks at scan time).
    const queue: number[] = [];
    for (let c = 0; c < 128; c++) {
      const next = goto[0]!.get(c);
      delta[c] = next ?? 0;
      if (next !== undefined) queue.push(next);
    }
    for (let qi = 0; qi < queue.length; qi++) {
      const s = queue[qi]!;
      for (const v of ends[fail[s]!]!) ends[s]!.add(v);
      for (let c = 0; c < 128; c++) {
        const next = goto[s]!.get(c);
        if (next !== undefined) {
          fail[next] = delta[fail[s]! * 128 + c]!;
          delta[s * 128 + c] = next;
          queue.push(next);
        } else {
          delta[s * 128 + c] = delta[fail[s]! * 128 + c]!;
        }
      }
    }
    // Fold upper-case ASCII onto lower case.
    for (let s = 0; s < n; s++) for (let c = 65; c <= 90; c++) delta[s * 128 + c] = delta[s * 128 + c + 32]!;
    this.delta = delta;
    this.outputOf = new Int32Array(n).fill(-1);
    this.outputs = [];
    for (let s = 0; s < n; s++) {
      if (ends[s]!.size === 0) continue;
      this.outputOf[s] = this.outputs.length;
      this.outputs.push([...ends[s]!]);
    }
  }

  /**
   * Calls `hit(line, values)` for each line (0-based) where keywords end, once per distinct output
   * group on that line.
   */
  scan(text: string, hit: (line: number, lineStart: number, values: readonly T[]) => void): void {
    const { delta, outputOf, outputs } = this;
    let s = 0;
    let line = 0;
    let lineStart = 0;
    let lastLine = -1;
    let lastOut = -1;
    const n = text.length;
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c >= 128) {
        s = 0;
        continue;
      }
      if (c === 10) {
        line++;
        lineStart = i + 1;
      }
      s = delta[(s << 7) | c]!;
      const o = outputOf[s]!;
      if (o !== -1 && (o !== lastOut || line !== lastLine)) {
        lastOut = o;
        lastLine = line;
        hit(line, lineStart, outputs[o]!);
      }
    }
  }
}
