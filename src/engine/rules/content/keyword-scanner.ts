/**
 * The prefilter of secret scanning: one pass over the text that does the only per-character work of
 * the scan. It finds
 *  - every keyword (case-insensitive, including keywords inside others) with an Aho-Corasick
 *    automaton compiled to a dense DFA over ASCII, ASCII letters folded to lower case: one table
 *    lookup per character;
 *  - every run of at least `minRun` characters of one class (the token alphabet): the places where
 *    an encoded literal or a keyword-less token can be, so that nothing else has to walk the text.
 * Hand-written because this loop is the hot path of secret scanning: a case-insensitive regex
 * alternation of ~80 keywords runs several times slower, a separate regex pass for the runs costs as
 * much as the whole automaton, and no maintained npm package ships a case-folding DFA without
 * per-match allocation. Nothing is allocated per call: results go to buffers reused across calls.
 */

/** Where a state has outputs: bit 31 of its entries in the transition table (states stay < 2^24). */
const OUTPUT_FLAG = 1 << 31;
const STATE_MASK = 0x7fffffff;

export interface PrefilterResult<T> {
  /** Keyword hits: `hitCount` pairs, in text order; one per distinct output group per line. */
  hitCount: number;
  /** Offset of the line start of each hit. */
  hitLineStart: Int32Array;
  /** Index into `outputs` of each hit: the values of every keyword that ends there. */
  hitOutput: Int32Array;
  outputs: readonly (readonly T[])[];
  /** Runs of at least `minRun` class characters: the offset where each starts, in text order. */
  runCount: number;
  runStart: Int32Array;
}

export interface RunClass {
  /** The characters of a run (ASCII). */
  chars: string;
  /** How long a run must be to be reported. */
  minRun: number;
}

export class KeywordScanner<T> {
  /** next state of (state << 7 | char); OUTPUT_FLAG set when the next state has outputs. */
  private readonly delta: Int32Array;
  /** For each state, the index into `outputs` of what ends there (-1: nothing). */
  private readonly outputOf: Int32Array;
  private readonly outputs: T[][];
  /** -1 for a run character, 0 otherwise: `run = (run + 1) & runMask[c]` counts without a branch. */
  private readonly runMask = new Int32Array(128);
  private readonly minRun: number;
  private readonly result: PrefilterResult<T>;
  /** The line of the last hit, [start, end): later hits on it need no search for its bounds. */
  private lineStart = 0;
  private lineEnd = -1;

  constructor(entries: ReadonlyMap<string, readonly T[]>, runClass: RunClass) {
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
    if (n >= 1 << 24) throw new Error('too many keyword states');
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
    this.outputOf = new Int32Array(n).fill(-1);
    this.outputs = [];
    for (let s = 0; s < n; s++) {
      if (ends[s]!.size === 0) continue;
      this.outputOf[s] = this.outputs.length;
      this.outputs.push([...ends[s]!]);
    }
    // The output flag rides in the table so the hot loop needs no second lookup to know there is none.
    for (let k = 0; k < delta.length; k++) if (this.outputOf[delta[k]!] !== -1) delta[k] = delta[k]! | OUTPUT_FLAG;
    this.delta = delta;

    for (const ch of runClass.chars) {
      const c = ch.charCodeAt(0);
      if (c >= 128) throw new Error(`run character ${ch} is not ASCII`);
      this.runMask[c] = -1;
    }
    if (runClass.minRun < 1) throw new Error('minRun must be at least 1');
    this.minRun = runClass.minRun;
    this.result = { hitCount: 0, hitLineStart: new Int32Array(64), hitOutput: new Int32Array(64), outputs: this.outputs, runCount: 0, runStart: new Int32Array(64) };
  }

  /**
   * Scans `text`. The result is shared by every call of this scanner: read it before the next scan
   * (a nested scan of decoded text overwrites it).
   */
  scan(text: string): PrefilterResult<T> {
    const { delta, runMask, minRun, result } = this;
    result.hitCount = 0;
    result.runCount = 0;
    this.lineEnd = -1;
    let s = 0;
    let run = 0;
    const n = text.length;
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c >= 128) {
        s = 0;
        run = 0;
        continue;
      }
      // `<< 7` also drops the output flag of the previous state.
      s = delta[(s << 7) | c]!;
      run = (run + 1) & runMask[c]!;
      if (s < 0 || run === minRun) {
        if (s < 0) this.hit(text, i, s & STATE_MASK);
        if (run === minRun) this.pushRun(i + 1 - minRun);
      }
    }
    return result;
  }

  /**
   * Records a keyword hit, once per output group per line. Line bounds are looked up here, not
   * tracked in the loop (hits are rare), and once per line: a long line with many hits stays linear.
   */
  private hit(text: string, i: number, state: number): void {
    const r = this.result;
    const o = this.outputOf[state]!;
    if (i >= this.lineEnd) {
      this.lineStart = text.lastIndexOf('\n', i) + 1;
      const nl = text.indexOf('\n', i);
      this.lineEnd = nl === -1 ? text.length : nl;
    }
    const lineStart = this.lineStart;
    const k = r.hitCount;
    if (k > 0 && r.hitLineStart[k - 1] === lineStart) {
      // Same line: skip an output group already recorded for it (lines hold few hits).
      for (let j = k - 1; j >= 0 && r.hitLineStart[j] === lineStart; j--) if (r.hitOutput[j] === o) return;
    }
    if (k === r.hitLineStart.length) {
      r.hitLineStart = grow(r.hitLineStart);
      r.hitOutput = grow(r.hitOutput);
    }
    r.hitLineStart[k] = lineStart;
    r.hitOutput[k] = o;
    r.hitCount = k + 1;
  }

  private pushRun(start: number): void {
    const r = this.result;
    if (r.runCount === r.runStart.length) r.runStart = grow(r.runStart);
    r.runStart[r.runCount++] = start;
  }
}

function grow(a: Int32Array): Int32Array {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}
