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
 *
 * Speed: a DFA step is a table load whose address depends on the previous load, so one automaton
 * cannot go faster than the load latency. Two automata over the two halves of a block run
 * interleaved in one loop and overlap their latencies (about 1.6x); the block is first copied into a
 * Uint16Array, which reads faster than `charCodeAt` (above all on sliced strings) and is exact for
 * every UTF-16 code unit.
 */

/** Where a state has outputs: bit 31 of its entries in the transition table (states stay < 2^24). */
const OUTPUT_FLAG = 1 << 31;
/** Where the character read is a run character: bit 30 (`(x << 1) >> 31` makes it a mask). */
const RUN_FLAG = 1 << 30;
const STATE_MASK = 0x3fffffff;
/** Characters per block: 64 KiB of copy buffer, which stays in the CPU cache. */
const BLOCK = 1 << 15;
/** States of the largest automaton the block loop takes (the default policy's has about 500). */
const TABLE_STATES = 1024;
/** Below this length the two-stream setup costs more than it saves (decoded literals, short inputs). */
const SERIAL_BELOW = 256;
/** Buffer.write('utf16le') gives the code units in memory order only on little-endian machines. */
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

// Scratch of the block loop, shared by every scanner (scans never run inside one another: a scan
// makes no callbacks). Module constants, not fields, for the speed of `pairLoop`.
const UNITS = new Uint16Array(BLOCK);
const UNIT_BYTES = Buffer.from(UNITS.buffer, UNITS.byteOffset, UNITS.byteLength);
/**
 * Node's Buffer has `ucs2Write`, which `write(s, 0, 'utf16le')` ends up calling after its argument
 * checks and encoding lookup; called directly it saves a few layers per block (about 8% on a PR of
 * small files). Undocumented, so feature-tested, with `write` as the fallback.
 */
const UCS2_WRITER = typeof (UNIT_BYTES as unknown as Partial<Ucs2Writer>).ucs2Write === 'function' ? (UNIT_BYTES as unknown as Ucs2Writer) : null;
/**
 * The transition table of the scanner that last ran the block loop (copied in when another scanner
 * runs: a policy other than the last one, which costs one copy of at most 512 KiB).
 */
const TABLE = new Int32Array(TABLE_STATES * 128);
let tableOwner = -1;
let scannerIds = 0;
/** The loop's automaton states and run lengths between calls. */
const LOOP_STATE = new Int32Array(4);

interface Ucs2Writer {
  ucs2Write(s: string, offset: number, length: number): number;
}

export interface PrefilterResult<T> {
  /** Keyword hits, in text order; one per distinct output group per line. */
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

/** What one stream finds. The second stream of a block has its own, appended once the block is done: results stay in text order. */
class Sink {
  hitCount = 0;
  hitLineStart = new Int32Array(64);
  hitOutput = new Int32Array(64);
  runCount = 0;
  runStart = new Int32Array(64);
  /** The line of the last hit, [start, end): later hits on it need no search for its bounds. */
  private lineStart = 0;
  private lineEnd = -1;

  /** Empties the sink for a new text. */
  reset(): void {
    this.clear();
    this.lineEnd = -1;
  }

  /**
   * Empties the sink for the next block of the same text. The line bounds stay: a line longer than
   * a block is then searched once, not once per block.
   */
  clear(): void {
    this.hitCount = 0;
    this.runCount = 0;
  }

  /**
   * A keyword hit at offset `i`. Line bounds are looked up here, not tracked in the loop (hits are
   * rare), and once per line: a long line with many hits stays linear.
   */
  hit(text: string, i: number, output: number): void {
    if (i >= this.lineEnd) {
      this.lineStart = text.lastIndexOf('\n', i) + 1;
      const nl = text.indexOf('\n', i);
      this.lineEnd = nl === -1 ? text.length : nl;
    }
    this.addHit(this.lineStart, output);
  }

  /** Records an output group for a line unless the line has it already (a line holds few groups). */
  addHit(lineStart: number, output: number): void {
    const k = this.hitCount;
    for (let j = k - 1; j >= 0 && this.hitLineStart[j] === lineStart; j--) if (this.hitOutput[j] === output) return;
    if (k === this.hitLineStart.length) {
      this.hitLineStart = grow(this.hitLineStart);
      this.hitOutput = grow(this.hitOutput);
    }
    this.hitLineStart[k] = lineStart;
    this.hitOutput[k] = output;
    this.hitCount = k + 1;
  }

  addRun(start: number): void {
    if (this.runCount === this.runStart.length) this.runStart = grow(this.runStart);
    this.runStart[this.runCount++] = start;
  }

  /** Appends what another sink found later in the text. */
  append(other: Sink): void {
    for (let j = 0; j < other.hitCount; j++) this.addHit(other.hitLineStart[j]!, other.hitOutput[j]!);
    for (let j = 0; j < other.runCount; j++) this.addRun(other.runStart[j]!);
  }
}

function grow(a: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}

export class KeywordScanner<T> {
  private readonly id = scannerIds++;
  /** Next state of (state << 7 | char), with OUTPUT_FLAG (the next state has outputs) and RUN_FLAG (char is a run character). */
  private readonly delta: Int32Array;
  /** For each state, the index into `outputs` of what ends there (-1: nothing). */
  private readonly outputOf: Int32Array;
  private readonly outputs: T[][];
  /** -1 for a run character, 0 otherwise: `run = (run + 1) & runMask[c]` counts without a branch. */
  private readonly runMask = new Int32Array(128);
  private readonly minRun: number;
  /** Characters before a stream's start that bring its automaton to the state it would have there. */
  private readonly warmUp: number;
  private readonly first = new Sink();
  private readonly second = new Sink();
  private readonly result: PrefilterResult<T>;

  constructor(entries: ReadonlyMap<string, readonly T[]>, runClass: RunClass) {
    const goto: Map<number, number>[] = [new Map()];
    const ends: Set<T>[] = [new Set()];
    let longest = 0;
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
      longest = Math.max(longest, keyword.length);
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
    for (const ch of runClass.chars) {
      const c = ch.charCodeAt(0);
      if (c >= 128) throw new Error(`run character ${ch} is not ASCII`);
      this.runMask[c] = -1;
    }
    // Two flags ride in the table so the hot loop needs no other lookup: the next state has outputs,
    // the character read is a run character.
    for (let k = 0; k < delta.length; k++) {
      if (this.outputOf[delta[k]!] !== -1) delta[k] = delta[k]! | OUTPUT_FLAG;
      if (this.runMask[k & 127] !== 0) delta[k] = delta[k]! | RUN_FLAG;
    }
    this.delta = delta;
    // The automaton's state is the longest suffix read that is a proper keyword prefix (for what
    // follows, a complete keyword acts as its failure state): `longest - 1` characters rebuild it.
    this.warmUp = Math.max(0, longest - 1);

    if (runClass.minRun < 1) throw new Error('minRun must be at least 1');
    this.minRun = runClass.minRun;
    this.result = { hitCount: 0, hitLineStart: this.first.hitLineStart, hitOutput: this.first.hitOutput, outputs: this.outputs, runCount: 0, runStart: this.first.runStart };
  }

  /**
   * Scans `text`. The result is shared by every call of this scanner: read it before the next scan
   * (a nested scan of decoded text overwrites it).
   */
  scan(text: string): PrefilterResult<T> {
    const out = this.first;
    out.reset();
    this.second.reset();
    const n = text.length;
    // A table too large for TABLE (thousands of custom keywords) is scanned by the one-stream loop.
    if (n < SERIAL_BELOW || this.delta.length > TABLE.length) this.scanSerial(text);
    else {
      if (tableOwner !== this.id) {
        TABLE.set(this.delta);
        tableOwner = this.id;
      }
      for (let b = 0; b < n; b += BLOCK) {
        const e = Math.min(n, b + BLOCK);
        this.load(b === 0 && e === n ? text : text.slice(b, e));
        this.second.clear();
        this.scanBlock(text, b, b + ((e - b) >> 1), e);
        out.append(this.second);
      }
    }
    const r = this.result;
    // The sink's arrays may have grown during this scan.
    r.hitCount = out.hitCount;
    r.hitLineStart = out.hitLineStart;
    r.hitOutput = out.hitOutput;
    r.runCount = out.runCount;
    r.runStart = out.runStart;
    return r;
  }

  /** Copies a block's UTF-16 code units into UNITS. */
  private load(piece: string): void {
    if (!LITTLE_ENDIAN) for (let i = 0; i < piece.length; i++) UNITS[i] = piece.charCodeAt(i);
    else if (UCS2_WRITER) UCS2_WRITER.ucs2Write(piece, 0, piece.length * 2);
    else UNIT_BYTES.write(piece, 0, 'utf16le');
  }

  /** One automaton over a short text. */
  private scanSerial(text: string): void {
    const { delta, runMask, minRun, outputOf } = this;
    const out = this.first;
    let s = 0;
    let run = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c >= 128) {
        s = 0;
        run = 0;
        continue;
      }
      // `<< 7` also drops the output flag of the previous state.
      s = delta[(s << 7) | c]!;
      run = (run + 1) & runMask[c]!;
      if (s < 0) out.hit(text, i, outputOf[s & STATE_MASK]!);
      if (run === minRun) out.addRun(i + 1 - minRun);
    }
  }

  /**
   * Scans [start, end) of `text`, whose code units from `start` are in UNITS: one stream over
   * [start, mid) into `first`, one over [mid, end) into `second`, interleaved by `pairLoop`.
   */
  private scanBlock(text: string, start: number, mid: number, end: number): void {
    const half = mid - start;
    const { first, second, minRun, outputOf, delta, runMask, warmUp } = this;
    // Each stream starts in the state an automaton would have there: the characters just before
    // its start rebuild the automaton state, and the run length is counted back.
    for (let k = 0; k < 2; k++) {
      const at = k === 0 ? start : mid;
      let s = 0;
      for (let i = Math.max(0, at - warmUp); i < at; i++) {
        const c = text.charCodeAt(i);
        s = c >= 128 ? 0 : delta[(s << 7) | c]! & STATE_MASK;
      }
      let run = 0;
      for (let i = at - 1; i >= 0 && run < minRun; i--) {
        const c = text.charCodeAt(i);
        if (c >= 128 || runMask[c] === 0) break;
        run++;
      }
      LOOP_STATE[k] = s;
      LOOP_STATE[k + 2] = run;
    }
    for (let i = pairLoop(0, half, minRun); i < half; i = pairLoop(i + 1, half, minRun)) {
      const s = LOOP_STATE[0]!;
      const t = LOOP_STATE[1]!;
      const runS = LOOP_STATE[2]!;
      const runT = LOOP_STATE[3]!;
      if (s < 0) first.hit(text, start + i, outputOf[s & STATE_MASK]!);
      if (runS === minRun) first.addRun(start + i + 1 - minRun);
      if (t < 0) second.hit(text, start + half + i, outputOf[t & STATE_MASK]!);
      if (runT === minRun) second.addRun(start + half + i + 1 - minRun);
    }
    // The second half is one character longer when the block length is odd.
    const j = 2 * half;
    if (start + j < end) {
      const c = UNITS[j]!;
      if (c >= 128) return;
      const t = TABLE[(LOOP_STATE[1]! << 7) | c]!;
      const runT = (LOOP_STATE[3]! + 1) & ((t << 1) >> 31);
      if (t < 0) this.second.hit(text, start + j, this.outputOf[t & STATE_MASK]!);
      if (runT === this.minRun) this.second.addRun(start + j + 1 - this.minRun);
    }
  }
}

/**
 * The hot loop: two automata over [0, half) and [half, 2 * half) of UNITS, stepped together so that
 * their table loads overlap. It reads only module constants (V8 folds their bounds and data
 * pointers into the code: about twice as fast as the same loop over typed arrays held in fields)
 * and makes no calls: it returns at the first step where a keyword ends or a run reaches `minRun`
 * (rare), or at `half`, with its states and run lengths in LOOP_STATE. Returns the step it stopped at.
 */
function pairLoop(from: number, half: number, minRun: number): number {
  let s = LOOP_STATE[0]!;
  let t = LOOP_STATE[1]!;
  let runS = LOOP_STATE[2]!;
  let runT = LOOP_STATE[3]!;
  let i = from;
  for (; i < half; i++) {
    const a = UNITS[i]!;
    const c = UNITS[i + half]!;
    if ((a | c) < 128) {
      // `<< 7` drops the flags of the previous entry; `(x << 1) >> 31` turns RUN_FLAG into a mask.
      s = TABLE[(s << 7) | a]!;
      t = TABLE[(t << 7) | c]!;
      runS = (runS + 1) & ((s << 1) >> 31);
      runT = (runT + 1) & ((t << 1) >> 31);
    } else {
      // Outside ASCII no keyword or run continues.
      if (a < 128) {
        s = TABLE[(s << 7) | a]!;
        runS = (runS + 1) & ((s << 1) >> 31);
      } else s = runS = 0;
      if (c < 128) {
        t = TABLE[(t << 7) | c]!;
        runT = (runT + 1) & ((t << 1) >> 31);
      } else t = runT = 0;
    }
    if ((s | t) < 0 || runS === minRun || runT === minRun) break;
  }
  LOOP_STATE[0] = s;
  LOOP_STATE[1] = t;
  LOOP_STATE[2] = runS;
  LOOP_STATE[3] = runT;
  return i;
}
