import type { Policy } from '../../../policy/types.js';
import type { DiffFile } from '../../diff/types.js';
import type { Reason, StepResult } from '../../types.js';
import { classifyScript } from '../step/index.js';
import { classifyWorkflowText } from './whole.js';
import { entry, judgeModel, unparsableEntry } from './classify.js';
import { chainsInText, readsCredential } from './expressions.js';
import { buildFragment, UNSEEN_JOB, type Trigger, type WorkflowModel } from './model.js';
import { prepareScript } from './script-text.js';
import { templateInjectionReasons } from './template-injection.js';
import { parseYaml } from './yaml-source.js';

/**
 * The fallback when only a unified diff is available. A new file is its added lines. For a
 * modified file the hunks show pieces: each run of consecutive visible lines is read as the part
 * of a workflow it is (steps, a job, the top level), placed at its real line numbers, and the steps
 * holding added lines are judged. Added lines that fit no such piece (the middle of a `run: |`
 * block whose start the hunk does not show) are judged as a shell fragment, never skipped.
 */

interface Line {
  line: number;
  text: string;
  added: boolean;
}

function visibleLines(file: DiffFile): Line[] {
  const byLine = new Map<number, Line>();
  for (const hunk of file.hunks) {
    for (const l of hunk.lines) {
      if (l.kind === '-' || l.newLine === undefined) continue;
      byLine.set(l.newLine, { line: l.newLine, text: l.text, added: l.kind === '+' });
    }
  }
  for (const a of file.added) byLine.set(a.line, { line: a.line, text: a.text, added: true });
  return [...byLine.values()].sort((a, b) => a.line - b.line);
}

function segmentsOf(lines: Line[]): Line[][] {
  const out: Line[][] = [];
  for (const l of lines) {
    const last = out[out.length - 1];
    const prev = last?.[last.length - 1];
    if (last && prev && prev.line + 1 === l.line) last.push(l);
    else out.push([l]);
  }
  return out;
}

interface Piece {
  /** Lines before the part that parses (the tail of a block whose start is not visible). */
  loose: Line[];
  /** Set when no tail of the segment parses as YAML at all. */
  error?: { message: string; line: number };
  model: WorkflowModel | null;
  lines: Line[];
}

const MAX_DROPPED_LINES = 200;

/** Reads a segment as YAML at its real line numbers, dropping leading lines until it parses as a workflow part. */
function readSegment(segment: Line[]): Piece {
  let fallback: Piece | null = null;
  let lastError: { message: string; line: number } | undefined;
  // A block's unseen start is rarely more than a screen above; the cap keeps huge hunks linear.
  const attempts = Math.min(segment.length, MAX_DROPPED_LINES);
  for (let k = 0; k < attempts; k++) {
    const rest = segment.slice(k);
    const first = rest[0] as Line;
    const text = '\n'.repeat(first.line - 1) + rest.map((l) => l.text).join('\n') + '\n';
    const parsed = parseYaml(text);
    if (!parsed.ok) {
      const problem = parsed.problems[0];
      // The shortest tail that still fails names the real error, not the cut-off start of the hunk.
      if (problem) lastError = { message: `invalid YAML at line ${problem.line}: ${problem.message}`, line: problem.line };
      continue;
    }
    const model = buildFragment(parsed.source);
    if (model) return { loose: segment.slice(0, k), model, lines: rest };
    fallback ??= { loose: segment, model: null, lines: [] };
  }
  if (fallback) return fallback;
  return lastError ? { loose: segment, model: null, lines: [], error: lastError } : { loose: segment, model: null, lines: [] };
}

function dedent(texts: string[]): string[] {
  const indents = texts.filter((t) => t.trim() !== '').map((t) => t.length - t.trimStart().length);
  const cut = indents.length ? Math.min(...indents) : 0;
  return texts.map((t) => t.slice(Math.min(cut, t.length - t.trimStart().length)));
}

interface LoosePiece {
  label: string | null;
  /** Lines of a script (a `run:` value or bare shell lines), in file order. */
  script: Line[];
}

const RUN_KEY = /^(\s*)(?:-\s+)?run:\s*(.*)$/;
const NAME_KEY = /^\s*(?:-\s+)?name:\s*(.+)$/;
const YAML_KEY = /^\s*(?:-\s+)?[A-Za-z0-9_-]+:(?:\s|$)/;
const BLOCK_HEADER = /^[|>][-+0-9]*\s*(?:#.*)?$/;

function unquoteYaml(value: string): string {
  const v = value.trim();
  if (v.length >= 2 && (v[0] === '"' || v[0] === "'") && v.endsWith(v[0])) return v.slice(1, -1);
  return v;
}

/**
 * Splits lines that do not parse as a workflow part into the scripts they hold. This reads YAML
 * lines, not shell: `run:` values (inline or as a block) become scripts, other `key: value` lines are
 * settings, and lines that look like neither are taken as the middle of a script whose `run:` the
 * diff does not show.
 */
function loosePieces(lines: Line[]): LoosePiece[] {
  const pieces: LoosePiece[] = [];
  let label: string | null = null;
  let bare: Line[] = [];
  const flushBare = (): void => {
    if (bare.length) pieces.push({ label: null, script: bare });
    bare = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i] as Line;
    const name = NAME_KEY.exec(l.text);
    const run = RUN_KEY.exec(l.text);
    if (run) {
      flushBare();
      const indent = (run[1] ?? '').length;
      const value = run[2] ?? '';
      if (BLOCK_HEADER.test(value.trim())) {
        const body: Line[] = [];
        while (i + 1 < lines.length) {
          const next = lines[i + 1] as Line;
          const nextIndent = next.text.length - next.text.trimStart().length;
          if (next.text.trim() !== '' && nextIndent <= indent) break;
          body.push(next);
          i++;
        }
        pieces.push({ label, script: body.length ? body : [{ ...l, text: '' }] });
      } else {
        pieces.push({ label, script: [{ ...l, text: unquoteYaml(value) }] });
      }
      label = null;
    } else if (name) {
      flushBare();
      label = unquoteYaml(name[1] ?? '');
    } else if (YAML_KEY.test(l.text) || l.text.trim() === '' || /^\s*-\s*$/.test(l.text)) {
      flushBare();
    } else {
      bare.push(l);
    }
  }
  flushBare();
  return pieces;
}

/** One loose script holding added lines: judged as the shell script it most likely is. */
function looseEntry(path: string, piece: LoosePiece, policy: Policy): StepResult {
  const lines = piece.script;
  const texts = dedent(lines.map((l) => l.text));
  const code = texts.join('\n');
  const lineOf = (scriptLine: number): number => lines[Math.min(Math.max(scriptLine, 1), lines.length) - 1]?.line ?? (lines[0] as Line).line;
  const lineOfOffset = (offset: number): number => lineOf(code.slice(0, offset).split('\n').length);
  const prepared = prepareScript(code);
  const reasons: Reason[] = [];
  for (const { chain, expression, offset } of chainsInText(code)) {
    if (!readsCredential(chain)) continue;
    reasons.push({ rule: 'step:credential-access', zone: 'red', line: lineOfOffset(offset), message: `\`${expression}\` hands a secret or the GitHub token to the step; a human must review what receives it` });
  }
  reasons.push(...classifyScript(prepared.script, policy, { inWorkflow: true }).map((r: Reason) => ({ ...r, line: r.line !== undefined ? lineOf(r.line) : lineOf(1) })));
  reasons.push(...templateInjectionReasons(code, 'run:', lineOfOffset));
  const first = lines[0] as Line;
  const last = lines[lines.length - 1] as Line;
  const where = first.line === last.line ? `line ${first.line}` : `lines ${first.line}-${last.line}`;
  reasons.push({
    rule: 'step:unknown',
    zone: 'yellow',
    line: first.line,
    message: `${where} changed in a part of the workflow the diff does not show whole (judged as a shell script); review them with the full file`,
  });
  return entry(path, null, piece.label ?? where, reasons);
}

/** Settings lines that are no script can still hand out secrets. */
function looseCredentialEntry(path: string, lines: Line[]): StepResult | null {
  const reasons: Reason[] = [];
  for (const l of lines) {
    if (!l.added) continue;
    for (const { chain, expression } of chainsInText(l.text)) {
      if (readsCredential(chain)) reasons.push({ rule: 'step:credential-access', zone: 'red', line: l.line, message: `\`${expression}\` hands a secret or the GitHub token to a step or job the diff does not show whole` });
    }
  }
  return reasons.length ? entry(path, null, `line ${reasons[0]?.line}`, reasons) : null;
}

function looseEntries(path: string, lines: Line[], policy: Policy): StepResult[] {
  const out: StepResult[] = [];
  const inScripts = new Set<number>();
  for (const piece of loosePieces(lines)) {
    for (const l of piece.script) inScripts.add(l.line);
    // Unchanged scripts are not the change; a `run:` whose key line was added counts as changed.
    const keyLine = lines.find((l) => l.line === (piece.script[0]?.line ?? 0) - 1);
    const touched = piece.script.some((l) => l.added) || (keyLine?.added === true && RUN_KEY.test(keyLine.text));
    if (touched && piece.script.some((l) => l.text.trim() !== '')) out.push(looseEntry(path, piece, policy));
  }
  const settings = looseCredentialEntry(path, lines.filter((l) => !inScripts.has(l.line)));
  if (settings) out.push(settings);
  return out;
}

function judgePiece(path: string, piece: Piece & { model: WorkflowModel }, added: Set<number>, policy: Policy): StepResult[] {
  const { model } = piece;
  const judged = judgeModel(path, model, policy, { ctx: {}, judgeAbsence: false });
  const out: StepResult[] = [];
  const fixJob = (r: StepResult): StepResult => (r.job === UNSEEN_JOB ? { ...r, job: null } : r);
  for (const level of judged.levels) {
    out.push(
      fixJob({
        ...level,
        reasons: level.reasons.map((r) => (r.line !== undefined && !added.has(r.line) ? { ...r, message: `${r.message} (on a line the diff shows unchanged)` } : r)),
      }),
    );
  }
  for (const s of judged.steps) {
    if (!s.node) continue;
    const from = model.source.lineOf(s.node, 0);
    const to = model.source.endLineOf(s.node, from);
    let touched = false;
    for (let l = from; l <= to && !touched; l++) touched = added.has(l);
    if (touched) out.push(fixJob(s.result));
  }
  return out;
}

export function classifyDiffFile(file: DiffFile, policy: Policy): StepResult[] {
  if (file.status === 'removed' || file.newPath === null) return [];
  const path = file.newPath;
  if (file.binary) return [unparsableEntry(path, 'the diff shows the file as binary, so its content is not visible')];
  const out: StepResult[] = [];
  if (file.truncated) out.push(unparsableEntry(path, 'the diff of this file is cut short'));
  const lines = visibleLines(file);

  if (file.oldPath === null || file.status === 'added') {
    const text = lines.map((l) => l.text);
    // A new file's added lines are the whole file.
    const complete = lines.every((l, i) => l.line === i + 1);
    if (complete) return [...out, ...classifyWorkflowText(path, text.join('\n') + '\n', policy, {})];
  }

  const added = new Set(lines.filter((l) => l.added).map((l) => l.line));
  const pieces = segmentsOf(lines).map(readSegment);
  let triggers: Trigger[] | null = null;
  // Borrow triggers only from a fully visible `on:` block: a partial list could hide `pull_request`.
  for (const p of pieces) if (p.model?.triggers && p.model.triggersComplete) triggers = [...(triggers ?? []), ...p.model.triggers];
  let usable = false;
  const problems: StepResult[] = [];
  for (const piece of pieces) {
    if (piece.model) {
      usable = true;
      if (piece.model.triggers === null && triggers !== null) {
        piece.model.triggers = triggers;
        piece.model.triggersBorrowed = true;
      }
      out.push(...judgePiece(path, { ...piece, model: piece.model }, added, policy));
    }
    if (piece.loose.some((l) => l.added)) out.push(...looseEntries(path, piece.loose, policy));
    if (piece.error && piece.loose.some((l) => l.added)) problems.push(unparsableEntry(path, piece.error.message, piece.error.line));
  }
  if (!usable && added.size > 0 && problems.length === 0) problems.push(unparsableEntry(path, 'no part of the changed lines reads as a workflow (steps, jobs or the top level)'));
  // One workflow-level entry for everything that could not be read.
  if (problems.length) out.unshift(entry(path, null, null, problems.flatMap((p) => p.reasons)));
  return out;
}
