import type { Policy } from '../../../policy/types.js';
import { compiledSecrets, isAllowed, LONG_RUN, TOKEN_RUN_CHARS, type CompiledSecrets, type Trigger } from './compiled-secrets.js';
import { DOCUMENTED_EXAMPLES, type Detector } from './detectors.js';
import { shannonEntropy } from './entropy.js';
import { fileKind, findGenericAssignments, type FileKind } from './generic-assignment.js';
import { isPlaceholderTokenBody } from './placeholder.js';
import type { PrefilterResult } from './keyword-scanner.js';
import { PRIVATE_KEY_LINE } from './private-key.js';
import { URL_CREDENTIALS, isExampleHost, isPlaceholderPassword } from './url-credentials.js';

/**
 * `content:secret` (and the private-key line, which the same pass finds): known token formats, URLs
 * with inline credentials and the generic assignment rule. One prefilter pass (keyword-scanner.ts)
 * is the only walk over every character: it reports the lines holding a keyword and the long runs
 * of the token alphabet. Only those lines meet a detector's regex, only those runs are tried for
 * base64/hex decoding and keyword-less formats, and entropy is computed only on candidates.
 * Suppression comments (`gitleaks:allow`, ...) are never read: a change cannot silence this rule.
 *
 * Hand-written rather than built on secretlint: secretlint 12+ needs Node 22 (11 is the last for
 * Node 20), its recommended preset has no generic/entropy rule and no placeholder handling as the
 * policy defines them, it honours `secretlint-disable` comments a change can add, and its per-file
 * engine is several times slower than a gate scanning 20 MB diffs can afford (`npm run bench`
 * measures both on the same lines). Detectors keep each provider's real token shape and length.
 */
export interface SecretFinding {
  /** Detector id: a known format (`github-token`), `url-credentials`, `generic-assignment`, `private-key`, a custom id; `:base64`/`:hex` when found in a decoded literal. */
  detector: string;
  /** 1-based line and column in the scanned text. */
  line: number;
  column: number;
  /** A redacted view: a short prefix and the length, never the whole secret. */
  preview: string;
  /** What was found, for messages (`GitHub token`). */
  title: string;
}

export interface FindSecretsOptions {
  /** Test files and fixtures: the generic rule does not apply (known formats still do). */
  isTest?: boolean;
  /** Where the text goes; decides whether an unquoted value is an expression (code) or a literal (config). */
  path?: string;
}

/** Shows at most a quarter of the secret (8 characters at most) and its length. */
export function redact(secret: string): string {
  const n = Math.min(8, Math.floor(secret.length / 4));
  return `${secret.slice(0, n)}… (${secret.length} chars)`;
}

interface RawFinding {
  detector: string;
  title: string;
  start: number;
  end: number;
  secret: string;
}

const AWS_SECRET_NEARBY = /(?<![A-Za-z0-9/+=])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g;
/** How many lines around an AWS access key id are searched for its secret key. */
const AWS_PAIR_DISTANCE = 3;

function groupOf(m: RegExpExecArray): { secret: string; start: number } {
  const s = m.groups?.s;
  if (s === undefined) return { secret: m[0], start: m.index };
  return { secret: s, start: m.index + m[0].indexOf(s) };
}

function runDetector(d: Detector, line: string, lineStart: number, c: CompiledSecrets, out: RawFinding[]): void {
  d.regex.lastIndex = 0;
  for (let m = d.regex.exec(line); m; m = d.regex.exec(line)) {
    if (m[0] === '') {
      d.regex.lastIndex++;
      continue;
    }
    const { secret, start } = groupOf(m);
    if (DOCUMENTED_EXAMPLES.has(secret)) continue;
    const body = d.prefix ? secret.replace(d.prefix, '') : secret;
    if (isPlaceholderTokenBody(body)) continue;
    if (d.validate && !d.validate(secret)) continue;
    if (isAllowed(c, d.id, secret)) continue;
    out.push({ detector: d.id, title: d.title, start: lineStart + start, end: lineStart + start + secret.length, secret });
  }
}

function runUrlCredentials(line: string, lineStart: number, c: CompiledSecrets, out: RawFinding[]): void {
  URL_CREDENTIALS.lastIndex = 0;
  for (let m = URL_CREDENTIALS.exec(line); m; m = URL_CREDENTIALS.exec(line)) {
    const { pass, host } = m.groups as { pass: string; host: string };
    if (isExampleHost(host) || isPlaceholderPassword(pass)) continue;
    if (isAllowed(c, 'url-credentials', pass) || isAllowed(c, 'url-credentials', m[0])) continue;
    out.push({ detector: 'url-credentials', title: 'URL with inline credentials', start: lineStart + m.index, end: lineStart + m.index + m[0].length, secret: m[0] });
  }
}

function runPrivateKey(line: string, lineStart: number, out: RawFinding[]): void {
  const m = PRIVATE_KEY_LINE.exec(line);
  if (m) out.push({ detector: 'private-key', title: 'private key', start: lineStart + m.index, end: lineStart + m.index + m[0].length, secret: m[0] });
}

function runGeneric(line: string, lineStart: number, kind: FileKind, c: CompiledSecrets, out: RawFinding[]): void {
  for (const h of findGenericAssignments(line, kind)) {
    if (isAllowed(c, 'generic', h.literal)) continue;
    out.push({
      detector: 'generic-assignment',
      title: `hard-coded value of \`${h.name}\``,
      start: lineStart + h.index,
      end: lineStart + h.index + h.literal.length,
      secret: h.literal,
    });
  }
}

/** The AWS secret key "beside" an access key id: a 40-character base64 run within a few lines. */
function awsSecretsNearby(text: string, from: number, to: number, c: CompiledSecrets, out: RawFinding[]): void {
  const window = text.slice(from, to);
  AWS_SECRET_NEARBY.lastIndex = 0;
  for (let m = AWS_SECRET_NEARBY.exec(window); m; m = AWS_SECRET_NEARBY.exec(window)) {
    const v = m[0];
    if (!/[a-z]/.test(v) || !/[A-Z]/.test(v) || !/[0-9]/.test(v) || shannonEntropy(v) < 4) continue;
    if (DOCUMENTED_EXAMPLES.has(v) || isPlaceholderTokenBody(v) || isAllowed(c, 'aws-secret-access-key', v)) continue;
    out.push({ detector: 'aws-secret-access-key', title: 'AWS secret access key', start: from + m.index, end: from + m.index + v.length, secret: v });
  }
}

/** Start of the line `count` lines above the one holding `offset` (the first line at most). */
function linesBefore(text: string, offset: number, count: number): number {
  let from = offset > 0 ? text.lastIndexOf('\n', offset - 1) + 1 : 0;
  for (let k = 0; k < count && from > 0; k++) from = from >= 2 ? text.lastIndexOf('\n', from - 2) + 1 : 0;
  return from;
}

/** End (before its newline) of the line `count` lines below the one holding `offset` (the last line at most). */
function linesAfter(text: string, offset: number, count: number): number {
  let to = offset;
  for (let k = 0; k <= count; k++) {
    const nl = text.indexOf('\n', to);
    if (nl === -1) return text.length;
    to = k === count ? nl : nl + 1;
  }
  return to;
}

function lineAt(text: string, lineStart: number): string {
  const nl = text.indexOf('\n', lineStart);
  return text.slice(lineStart, nl === -1 ? text.length : nl);
}

/** Runs what the keyword hits ask for, line by line, in the order the keywords occur on the line. */
function runTriggered(text: string, pre: PrefilterResult<Trigger>, c: CompiledSecrets, opts: FindSecretsOptions, out: RawFinding[]): void {
  const awsKeys: RawFinding[] = [];
  const triggers: Trigger[] = [];
  const kind = fileKind(opts.path);
  for (let h = 0; h < pre.hitCount; ) {
    const start = pre.hitLineStart[h]!;
    triggers.length = 0;
    for (; h < pre.hitCount && pre.hitLineStart[h] === start; h++) {
      for (const t of pre.outputs[pre.hitOutput[h]!]!) if (!triggers.includes(t)) triggers.push(t);
    }
    const line = lineAt(text, start);
    let generic = false;
    let url = false;
    let key = false;
    for (const t of triggers) {
      if (t.kind === 'detector') {
        const before = out.length;
        runDetector(t.detector, line, start, c, out);
        if (t.detector.id === 'aws-access-key-id') awsKeys.push(...out.slice(before));
      } else if (t.kind === 'generic') generic = true;
      else if (t.kind === 'url') url = true;
      else key = true;
    }
    if (url) runUrlCredentials(line, start, c, out);
    if (key) runPrivateKey(line, start, out);
    if (generic && !opts.isTest) runGeneric(line, start, kind, c, out);
  }
  // Keys on one line share their window: it is searched once (a long line holding many keys would
  // otherwise be searched once per key). Keys come in text order.
  let lineEnd = -1;
  for (const k of awsKeys) {
    if (k.start < lineEnd) continue;
    const nl = text.indexOf('\n', k.start);
    lineEnd = nl === -1 ? text.length : nl;
    awsSecretsNearby(text, linesBefore(text, k.start, AWS_PAIR_DISTANCE), linesAfter(text, k.start, AWS_PAIR_DISTANCE), c, out);
  }
}

/** Keyword-less detectors whose tokens lie in a long run: tried once on each line that holds one. */
function runInLongRuns(text: string, runStarts: readonly number[], c: CompiledSecrets, out: RawFinding[]): void {
  let lineEnd = -1;
  for (const runStart of runStarts) {
    if (runStart < lineEnd) continue;
    const start = text.lastIndexOf('\n', runStart) + 1;
    const nl = text.indexOf('\n', runStart);
    lineEnd = nl === -1 ? text.length : nl;
    const line = text.slice(start, lineEnd);
    for (const d of c.inLongRun) runDetector(d, line, start, c, out);
  }
}

// One level of base64 / hex decoding is tried on a long literal: the regex
//   ["'`=:>] ?([A-Za-z0-9+/_-]{24,}={0,2})   (global, so literals do not overlap)
// picked it out of the text; it is now evaluated only at the long runs the prefilter reports.
const HASH_PREFIX = /^(?:sha\d+|md5|h1)-?/i;

function isLiteralOpener(ch: number): boolean {
  return ch === 0x22 || ch === 0x27 || ch === 0x60 || ch === 0x3d || ch === 0x3a || ch === 0x3e; // " ' ` = : >
}

const TOKEN_CHAR = new Uint8Array(128);
for (const ch of TOKEN_RUN_CHARS) TOKEN_CHAR[ch.charCodeAt(0)] = 1;

function isTokenChar(ch: number): boolean {
  return ch < 128 && TOKEN_CHAR[ch] === 1;
}

/**
 * The long literals of the text, as the regex above finds them: a run that follows an opener (a space
 * between allowed) not already taken by the previous literal's trailing `=`, with up to two `=`.
 */
function longLiterals(text: string, runStarts: readonly number[]): { at: number; v: string }[] {
  const found: { at: number; v: string }[] = [];
  let taken = 0;
  for (const at of runStarts) {
    let opener = at - 1;
    if (opener >= 0 && text.charCodeAt(opener) === 0x20) opener--;
    if (opener < taken || !isLiteralOpener(text.charCodeAt(opener))) continue;
    let end = at + LONG_RUN;
    while (end < text.length && isTokenChar(text.charCodeAt(end))) end++;
    for (let k = 0; k < 2 && text.charCodeAt(end) === 0x3d; k++) end++;
    found.push({ at, v: text.slice(at, end) });
    taken = end;
  }
  return found;
}

function decodeLiteral(v: string): { text: string; encoding: 'base64' | 'hex' } | null {
  if (HASH_PREFIX.test(v)) return null;
  let buf: Buffer;
  let encoding: 'base64' | 'hex';
  if (/^[0-9a-fA-F]+$/.test(v)) {
    if (v.length < 32 || v.length % 2 !== 0) return null;
    buf = Buffer.from(v, 'hex');
    encoding = 'hex';
  } else {
    buf = Buffer.from(v, /[-_]/.test(v) ? 'base64url' : 'base64');
    encoding = 'base64';
  }
  if (buf.length < 12) return null;
  let printable = 0;
  for (const b of buf) if ((b >= 0x20 && b < 0x7f) || b === 0x09 || b === 0x0a || b === 0x0d) printable++;
  if (printable < buf.length * 0.95) return null;
  return { text: buf.toString('latin1'), encoding };
}

const NO_RUNS: readonly number[] = [];

function scan(text: string, c: CompiledSecrets, opts: FindSecretsOptions, depth: number): RawFinding[] {
  const out: RawFinding[] = [];
  // The only pass over every character; the rest of the work happens at what it reports.
  const pre = c.scanner.scan(text);
  // Copied: the scan of a decoded literal below reuses the prefilter's buffers.
  const runStarts = pre.runCount === 0 ? NO_RUNS : Array.from(pre.runStart.subarray(0, pre.runCount));
  if (pre.hitCount > 0) runTriggered(text, pre, c, opts, out);
  if (runStarts.length > 0 && c.inLongRun.length > 0) runInLongRuns(text, runStarts, c, out);
  for (const d of c.unkeyed) runDetector(d, text, 0, c, out);

  if (depth === 0 && runStarts.length > 0) {
    // A literal that overlaps a finding is not decoded. Literals come in text order and do not
    // overlap one another (nor the findings added for them), so the findings made so far, sorted by
    // start, are walked once: `reach` is the furthest end among those starting before the literal ends.
    const found = [...out].sort((a, b) => a.start - b.start);
    let next = 0;
    let reach = -1;
    for (const { at, v } of longLiterals(text, runStarts)) {
      for (; next < found.length && found[next]!.start < at + v.length; next++) reach = Math.max(reach, found[next]!.end);
      if (reach > at) continue;
      const decoded = decodeLiteral(v);
      if (!decoded) continue;
      for (const f of scan(decoded.text, c, opts, depth + 1)) {
        out.push({ detector: `${f.detector}:${decoded.encoding}`, title: `${f.title} (${decoded.encoding}-encoded)`, start: at, end: at + v.length, secret: f.secret });
      }
    }
  }
  return out.length === 0 ? out : dedupe(out);
}

/** A known format beats the generic rule on the same characters; one finding per span. */
function dedupe(findings: RawFinding[]): RawFinding[] {
  const rank = (f: RawFinding): number => (f.detector.startsWith('generic') ? 2 : f.detector.startsWith('url-') ? 1 : 0);
  const sorted = [...findings].sort((a, b) => a.start - b.start || rank(a) - rank(b));
  const kept: RawFinding[] = [];
  // Findings come by start: a kept one that ends before this one starts cannot meet any later one,
  // so the search for a clash starts past those (else many findings would cost quadratic time).
  let live = 0;
  for (const f of sorted) {
    while (live < kept.length && kept[live]!.end <= f.start) live++;
    let clash = -1;
    for (let i = live; i < kept.length; i++) {
      const k = kept[i]!;
      if (k.start < f.end && f.start < k.end) {
        clash = i;
        break;
      }
    }
    if (clash === -1) kept.push(f);
    else if (rank(f) < rank(kept[clash]!)) kept[clash] = f;
  }
  return kept.sort((a, b) => a.start - b.start);
}

/** Every secret in `text`, with 1-based line and column and a redacted preview. */
export function findSecrets(text: string, policy: Policy, opts: FindSecretsOptions = {}): SecretFinding[] {
  if (text === '') return [];
  const c = compiledSecrets(policy);
  const raw = scan(text, c, opts, 0);
  if (raw.length === 0) return [];
  // Findings come sorted by offset: lines are counted once, up to the last one.
  let line = 0;
  let lineStart = 0;
  let nl = text.indexOf('\n');
  return raw.map((f) => {
    while (nl !== -1 && nl < f.start) {
      line++;
      lineStart = nl + 1;
      nl = text.indexOf('\n', lineStart);
    }
    return { detector: f.detector, title: f.title, line: line + 1, column: f.start - lineStart + 1, preview: redact(f.secret) };
  });
}
