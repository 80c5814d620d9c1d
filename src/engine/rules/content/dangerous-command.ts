import type { Policy } from '../../../policy/types.js';
import type { DiffFile } from '../../diff/types.js';
import { parseShell } from '../../shell/parser.js';
import type { Reason } from '../../types.js';
import { classifyScript } from '../step/index.js';
import { justfilePieces, makefilePieces, type ShellPiece } from './build-scripts.js';
import { isNewOrChanged, scriptPlace, type PackageJsonView } from './package-json.js';
import { powershellReasons } from './powershell.js';
import { newSide, type NewSide, type ShownLine } from './new-side.js';

/**
 * `content:dangerous-command`: a shell script or build file whose added lines hold a red command, as
 * the step rules judge it (the same shell parser and classifier as a workflow `run:`). A new file is
 * judged whole; a modified one by its runs of added lines, falling back to single lines where a run
 * does not parse on its own (the middle of an `if` block), because a fragment that cannot parse
 * without its context is no evidence of obfuscation.
 */
export type ScriptKind = 'shell' | 'make' | 'just' | 'powershell';

const SHELL_EXT = /\.(?:sh|bash|zsh|ksh|dash|command)$/i;
const SHELL_SHEBANG = /^#!\s*\S*(?:\/|\s)(?:env\s+(?:-\S+\s+)*)?(?:ba|z|k|da|a)?sh\b/;
const MAKEFILE = /(?:^|\/)(?:GNUmakefile|makefile|Makefile)$|\.(?:mk|mak)$/i;
const JUSTFILE = /(?:^|\/)\.?justfile$/i;
const POWERSHELL = /\.(?:ps1|psm1)$/i;
/** `scripts/**` at the root: shell unless the extension or shebang says another language. */
const SCRIPTS_DIR = /^scripts\//i;

export function scriptKind(path: string, side: NewSide): ScriptKind | null {
  if (MAKEFILE.test(path)) return 'make';
  if (JUSTFILE.test(path)) return 'just';
  if (POWERSHELL.test(path)) return 'powershell';
  if (SHELL_EXT.test(path)) return 'shell';
  const first = side.runs[0]?.[0];
  const shebang = first && first.line === 1 && first.text.startsWith('#!') ? first.text : null;
  if (shebang) return SHELL_SHEBANG.test(shebang) ? 'shell' : null;
  const name = path.split('/').pop() ?? path;
  if (SCRIPTS_DIR.test(path) && !name.includes('.')) return 'shell';
  return null;
}

function parses(script: string): boolean {
  const tree = parseShell(script);
  try {
    return !tree.rootNode.hasError;
  } finally {
    tree.delete();
  }
}

/** Red reasons of a script; `fragment` drops the parse failure of a piece cut out of its context. */
function redReasons(script: string, policy: Policy, fragment: boolean): Reason[] {
  const reasons = classifyScript(script, policy, {}).filter((r: Reason) => r.zone === 'red');
  if (!fragment || reasons.every((r: Reason) => r.rule !== 'step:obfuscated') || parses(script)) return reasons;
  return reasons.filter((r: Reason) => r.rule !== 'step:obfuscated');
}

interface Judged {
  reason: Reason;
  line: number;
  source: string;
}

function judge(script: string, lines: readonly number[], sources: readonly string[], policy: Policy, fragment: boolean): Judged[] {
  return redReasons(script, policy, fragment).map((reason) => {
    const i = Math.min(Math.max((reason.line ?? 1) - 1, 0), lines.length - 1);
    return { reason, line: lines[i]!, source: sources[i] ?? '' };
  });
}

/** Runs of consecutive added lines; a run that does not parse is judged line by line. */
function judgeShellRuns(runs: readonly ShownLine[][], policy: Policy): Judged[] {
  const out: Judged[] = [];
  for (const run of runs) {
    let block: ShownLine[] = [];
    const flush = (): void => {
      if (block.length === 0) return;
      const script = block.map((l) => l.text).join('\n');
      if (parses(script)) {
        out.push(...judge(script, block.map((l) => l.line), block.map((l) => l.text), policy, false));
      } else {
        for (const l of block) if (l.text.trim() !== '') out.push(...judge(l.text, [l.line], [l.text], policy, true));
      }
      block = [];
    };
    for (const l of run) {
      if (l.added) block.push(l);
      else flush();
    }
    flush();
  }
  return out;
}

function judgePieces(pieces: readonly ShellPiece[], policy: Policy): Judged[] {
  const out: Judged[] = [];
  for (const p of pieces) {
    if (!p.added || p.script.trim() === '') continue;
    // Make and just syntax is translated best effort; a piece the translation leaves unparsable is
    // judged by what the parser still recognises, not failed wholesale.
    out.push(...judge(p.script, [p.line], [p.script], policy, true));
  }
  return out;
}

const WHERE: Record<ScriptKind | 'package.json', string> = {
  shell: 'shell script',
  make: 'Makefile recipe',
  just: 'justfile recipe',
  powershell: 'PowerShell script',
  'package.json': 'package.json script',
};

function toReasons(judged: readonly Judged[], where: string): Reason[] {
  const seen = new Set<string>();
  const out: Reason[] = [];
  for (const j of judged) {
    const key = `${j.line}\u0000${j.reason.rule}\u0000${j.reason.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const cmd = j.source.trim().replace(/\s+/g, ' ');
    out.push({
      rule: 'content:dangerous-command',
      zone: 'red',
      message: `${where} runs a red command (${j.reason.rule}): \`${cmd.length > 120 ? `${cmd.slice(0, 117)}...` : cmd}\`: ${j.reason.message}`,
      line: j.line,
    });
  }
  return out;
}

export function dangerousCommandReasons(path: string, file: DiffFile, policy: Policy, pkg: PackageJsonView | null): Reason[] {
  if (pkg) {
    const judged: Judged[] = [];
    for (const e of pkg.entries) {
      if (!isNewOrChanged(e, pkg)) continue;
      const place = scriptPlace(e);
      if (place === 'no' || (place === 'maybe' && !/\s/.test(e.value!.trim()))) continue;
      judged.push(...judge(e.value!, [e.line], [`${e.key}: ${e.value}`], policy, false));
    }
    return toReasons(judged, WHERE['package.json']);
  }
  const side = newSide(file);
  const kind = scriptKind(path, side);
  if (!kind) return [];
  if (kind === 'powershell') return powershellReasons(side, policy);
  if (kind === 'make') return toReasons(judgePieces(makefilePieces(side.runs), policy), WHERE.make);
  if (kind === 'just') return toReasons(judgePieces(justfilePieces(side.runs), policy), WHERE.just);
  if (side.complete) {
    const run = side.runs[0] ?? [];
    const script = run.map((l) => l.text).join('\n');
    return toReasons(judge(script, run.map((l) => l.line), run.map((l) => l.text), policy, false), WHERE.shell);
  }
  return toReasons(judgeShellRuns(side.runs, policy), WHERE.shell);
}
