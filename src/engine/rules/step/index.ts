import type { Policy } from '../../../policy/types.js';
import type { Assignment, Cmd, RawCommand } from '../../shell/command.js';
import { isShellReady, parseShell, type Node } from '../../shell/parser.js';
import { changeDirectory, WORKSPACE_ROOT } from '../../shell/paths.js';
import { unwrap } from '../../shell/unwrap.js';
import { ScriptWalker, type ShellState } from '../../shell/walk.js';
import { PLACEHOLDER_PREFIX, UNKNOWN, type ExpressionTable, type WordValue } from '../../shell/words.js';
import type { Reason, StepContext } from '../../types.js';
import { applyCommandConfig } from './config.js';
import { reason, shown, type RuleContext } from './context.js';
import { credentialArguments, credentialCommand, credentialPathReason, declarationDump, isSecretVariable } from './credential-access.js';
import { credentialInPath } from './credential-paths.js';
import { deleteCommand } from './delete.js';
import { chmodDownloaded, execCommand, runsDownloaded } from './exec.js';
import { ghCommand } from './gh.js';
import { gitCommand, isDangerousGitEnv } from './git.js';
import { githubEnvWrites } from './github-env.js';
import { hostAllower } from './hosts.js';
import { classifyInlineCode } from './inline-code.js';
import { devTcp, networkCommand } from './network.js';
import { packageCommand } from './packages.js';
import { genericProduction, productionCommand, productionName } from './production.js';
import { PLUMBING, readOnlyCommand } from './read-only.js';
import { outputOptions, redirectWrites, writeCommand } from './writes.js';

export { classifyInlineCode, credentialPathReason };

/** Nested scripts deeper than this are not followed: such nesting only hides commands. */
const MAX_DEPTH = 8;

interface Expressions {
  table: ExpressionTable;
  script: string;
  reasons: Reason[];
}

const EXPRESSION_VALUES: Record<string, string> = { 'github.workspace': '.', 'runner.temp': '/tmp', 'env.HOME': '~', 'env.RUNNER_TEMP': '/tmp', 'env.GITHUB_WORKSPACE': '.' };

/**
 * Replaces GitHub `${{ }}` expressions with placeholders so the shell parses, and reports the ones
 * that read secrets. Scanning for `${{ ... }}` is template syntax, not shell: no command is found here.
 */
function replaceExpressions(script: string): Expressions {
  const table: ExpressionTable = { values: new Map() };
  const reasons: Reason[] = [];
  let out = '';
  let i = 0;
  let n = 0;
  while (i < script.length) {
    const start = script.indexOf('${{', i);
    if (start === -1) {
      out += script.slice(i);
      break;
    }
    const end = script.indexOf('}}', start + 3);
    if (end === -1) {
      out += script.slice(i);
      reasons.push({ rule: 'step:obfuscated', zone: 'red', message: 'an unterminated `${{` expression: the script cannot be read', line: script.slice(0, start).split('\n').length });
      break;
    }
    const expr = script.slice(start + 3, end).trim();
    const line = script.slice(0, start).split('\n').length;
    const lower = expr.toLowerCase().replace(/\s+/g, '');
    if (/\bsecrets\b/.test(lower) || lower.includes('github.token') || lower.includes("github['token']") || /env\.\w+/.test(lower) && (lower.match(/env\.(\w+)/g) ?? []).some((m) => isSecretVariable(m.slice(4)))) {
      reasons.push({ rule: 'step:credential-access', zone: 'red', message: `\`\${{ ${expr} }}\` puts a secret or the job token into the script, where any command can read or leak it; pass it through env: to the one command that needs it`, line });
    }
    const placeholder = `${PLACEHOLDER_PREFIX}${n++}__`;
    table.values.set(placeholder, EXPRESSION_VALUES[expr] ?? null);
    out += script.slice(i, start) + placeholder + '\n'.repeat((script.slice(start, end + 2).match(/\n/g) ?? []).length);
    i = end + 2;
  }
  return { table, script: out, reasons };
}

function firstError(node: Node): Node | null {
  if (node.type === 'ERROR' || node.isMissing) return node;
  if (!node.hasError) return null;
  for (const c of node.children) {
    if (!c) continue;
    const e = firstError(c);
    if (e) return e;
  }
  return node;
}

class StepJudge implements RuleContext {
  readonly state: ShellState = { vars: new Map(), cwd: WORKSPACE_ROOT, functions: new Set(), downloads: new Set() };
  readonly allowHost: (host: string) => boolean;
  private readonly out: Reason[] = [];
  private readonly nestedReasons = new WeakSet<Reason>();
  private readonly emitted: RawCommand[][] = [];
  private exprs: ExpressionTable | null = null;
  private depth = 0;

  constructor(
    readonly policy: Policy,
    readonly ctx: StepContext,
  ) {
    this.allowHost = hostAllower(policy);
  }

  run(script: string): Reason[] {
    let text = script;
    if (script.includes('${{')) {
      const e = replaceExpressions(script);
      if (this.ctx.inWorkflow) {
        this.exprs = e.table;
        text = e.script;
        this.out.push(...e.reasons);
      } else {
        // Outside a workflow the text is judged as the shell sees it, but a pasted `run:` body that
        // names a secret still reads one once it lands in a workflow: the spec makes any such
        // reference step:credential-access, quoted or not.
        this.out.push(...e.reasons.filter((r) => r.rule === 'step:credential-access'));
      }
    }
    this.out.push(...this.script(text, 0));
    return dedupe(this.out);
  }

  /** Parses and judges one script (the step, or a nested `sh -c` / heredoc / eval text). */
  private script(text: string, lineOffset: number): Reason[] {
    if (this.depth >= MAX_DEPTH) {
      return [{ rule: 'step:obfuscated', zone: 'red', message: `shell code nested more than ${MAX_DEPTH} levels deep: only hiding needs that`, line: lineOffset + 1 }];
    }
    this.depth++;
    const tree = parseShell(text);
    const reasons: Reason[] = [];
    const emitted: RawCommand[] = [];
    this.emitted.push(emitted);
    try {
      const root = tree.rootNode;
      if (root.hasError) {
        const err = firstError(root);
        const line = (err?.startPosition.row ?? 0) + 1 + lineOffset;
        reasons.push({ rule: 'step:obfuscated', zone: 'red', message: `the shell parser cannot parse this script near \`${shown(err?.text.slice(0, 60) ?? '')}\`: a script the engine cannot read is never trusted`, line });
      }
      reasons.push(...this.secretExpansions(root, lineOffset));
      const walker = new ScriptWalker(
        this.state,
        {
          command: (raw) => {
            emitted.push(raw);
            reasons.push(...this.command(raw));
          },
          assignment: (a) => reasons.push(...this.assignment(a, emitted)),
          declaration: (keyword, words, _node, line) => {
            const d = declarationDump(keyword, words, line);
            if (d) reasons.push(d);
            for (const w of words) reasons.push(...this.wordCredentials(w, `${keyword} ${w.raw}`));
          },
          words: (words) => {
            for (const w of words) reasons.push(...this.wordCredentials(w, w.raw));
          },
        },
        this.ctx,
        this.exprs,
        lineOffset,
      );
      walker.walk(root);
    } finally {
      this.emitted.pop();
      tree.delete();
      this.depth--;
    }
    return reasons;
  }

  private secretExpansions(root: Node, lineOffset: number): Reason[] {
    const out: Reason[] = [];
    const seen = new Set<string>();
    const visit = (n: Node): void => {
      if (n.type === 'variable_name') {
        const p = n.parent?.type;
        const inExpansion = p === 'simple_expansion' || p === 'expansion' || (p === 'subscript' && n.parent?.parent?.type === 'expansion');
        if (inExpansion && isSecretVariable(n.text)) {
          const line = n.startPosition.row + 1 + lineOffset;
          const key = `${n.text}:${line}`;
          if (!seen.has(key)) {
            seen.add(key);
            out.push({ rule: 'step:credential-access', zone: 'red', message: `expands $${n.text}, a variable that holds a credential by convention: any command given it can leak it`, line });
          }
        }
        return;
      }
      for (const c of n.namedChildren) if (c) visit(c);
    };
    visit(root);
    return out;
  }

  private wordCredentials(w: WordValue, text: string): Reason[] {
    const hit = credentialInPath(w.text);
    return hit ? [{ rule: 'step:credential-access', zone: 'red', message: `\`${shown(text)}\` names the credential path ${hit}`, line: w.line }] : [];
  }

  private assignment(a: Assignment, emitted: RawCommand[]): Reason[] {
    const out: Reason[] = [];
    if (isDangerousGitEnv(a.name)) out.push({ rule: 'step:obfuscated', zone: 'red', message: `\`${a.name}=...\` injects git configuration or a program into every later git command`, line: a.line });
    if (a.value) {
      // `tmp=$(mktemp)` is a temporary path, whatever its name.
      const sub = a.value.substitutions[0];
      if (sub && a.value.substitutions.length === 1 && this.commandsWithin(sub).some((r) => r.words[0]?.text === 'mktemp')) this.state.vars.set(a.name, '/tmp/' + UNKNOWN);
      out.push(...this.wordCredentials(a.value, `${a.name}=${a.value.raw}`));
      void emitted;
    }
    return out;
  }

  commandsWithin(node: Node): RawCommand[] {
    const out: RawCommand[] = [];
    for (const list of this.emitted) {
      for (const r of list) {
        if (r.node.tree === node.tree && r.node.startIndex >= node.startIndex && r.node.endIndex <= node.endIndex) out.push(r);
      }
    }
    return out;
  }

  nested(script: string, line: number): Reason[] {
    const savedCwd = this.state.cwd;
    const reasons = this.script(script, line - 1);
    this.state.cwd = savedCwd;
    for (const r of reasons) this.nestedReasons.add(r);
    return reasons;
  }

  judge(cmd: Cmd): Reason[] {
    const reasons = applyCommandConfig(this.families(cmd), cmd.text, cmd.line, this.policy);
    for (const r of reasons) this.nestedReasons.add(r);
    return reasons;
  }

  /** One simple command as written: unwrap, judge, apply the config. */
  private command(raw: RawCommand): Reason[] {
    const { cmd, bare } = unwrap(raw, this.ctx);
    const own: Reason[] = [];
    for (const a of raw.assignments) own.push(...this.assignment(a, []));
    if (!cmd) {
      const pseudo = { raw, name: bare?.wrapper ?? '', nameWord: raw.words[0], args: raw.words.slice(1), env: raw.assignments, wrappers: [], hiddenArgs: false, cwd: raw.cwd, text: raw.words.map((w) => w.raw).join(' '), line: raw.line, redirects: raw.redirects, stdin: null } as unknown as Cmd;
      own.push(...redirectWrites(pseudo, this), ...githubEnvWrites(pseudo), ...devTcp(pseudo, this));
      if (raw.words.length) own.push(...credentialArguments(pseudo, this));
      if (bare?.wrapper === 'env') own.push(reason('step:credential-access', 'red', pseudo, '`env` with no command dumps the environment, which holds the job\'s tokens and secrets'));
      else if (bare?.lookup) own.push(reason('step:read-only', 'green', pseudo, 'looks a command up'));
      else if (bare && bare.wrapper !== 'exec') own.push(reason('step:unknown', 'yellow', pseudo, `${bare.wrapper} with no command`));
      return dedupe(applyCommandConfig(own, pseudo.text, raw.line, this.policy));
    }
    for (const a of cmd.env.slice(raw.assignments.length)) own.push(...this.assignment(a, []));
    own.push(...this.crossCutting(cmd));
    own.push(...this.families(cmd));
    return dedupe(this.applyConfig(own, cmd));
  }

  private applyConfig(reasons: Reason[], cmd: Cmd): Reason[] {
    const mine = reasons.filter((r) => !this.nestedReasons.has(r));
    const nested = reasons.filter((r) => this.nestedReasons.has(r));
    return [...applyCommandConfig(mine, cmd.text, cmd.line, this.policy), ...nested];
  }

  /** Checks that apply to every command, whatever it is. */
  private crossCutting(cmd: Cmd): Reason[] {
    return [
      ...credentialArguments(cmd, this),
      ...redirectWrites(cmd, this),
      ...outputOptions(cmd, this),
      ...devTcp(cmd, this),
      ...githubEnvWrites(cmd),
      ...chmodDownloaded(cmd, this),
      ...runsDownloaded(cmd, this),
    ];
  }

  /** The rule family the command belongs to; `step:unknown` when none claims it. */
  private families(cmd: Cmd): Reason[] {
    const out: Reason[] = [];
    if (!cmd.nameWord.known || !cmd.nameWord.literal) {
      out.push(reason('step:obfuscated', 'red', cmd, `the command name \`${cmd.nameWord.raw}\` is not a literal word: the engine cannot be sure what runs`));
      if (!cmd.nameWord.known) {
        if (cmd.nameWord.substitutions.some((s) => this.commandsWithin(s).some((r) => ['curl', 'wget'].includes(r.words[0]?.text ?? '')))) {
          out.push(reason('step:remote-exec', 'red', cmd, 'runs a command name produced by a download'));
        }
        return out;
      }
    }
    const name = cmd.name;
    if (this.state.functions.has(name) && cmd.nameWord.literal) return [...out, reason('step:read-only', 'green', cmd, `calls the function ${name} defined in this script (its body is judged where it is defined)`)];
    if (PLUMBING.has(name)) {
      if (name === 'cd' || name === 'pushd') {
        const target = cmd.args.find((a) => !a.text.startsWith('-') || a.text === '-');
        this.state.cwd = changeDirectory(target ? (target.known ? target.text : null) : '', this.state.cwd, this.ctx);
        return out;
      }
      if (name === 'popd') {
        this.state.cwd = { kind: 'unknown' };
        return out;
      }
      if (name === 'set' && cmd.args.length === 0) return [...out, ...(credentialCommand(cmd) ?? [])];
      if ((name === 'export' || name === 'declare' || name === 'typeset' || name === 'readonly') && (cmd.args.length === 0 || cmd.args.every((a) => a.text.startsWith('-')))) {
        const d = declarationDump(name, cmd.args, cmd.line);
        if (d) return [...out, d];
      }
      return out;
    }
    const family =
      credentialCommand(cmd) ??
      deleteCommand(cmd, this) ??
      writeCommand(cmd, this) ??
      execCommand(cmd, this) ??
      networkCommand(cmd, this) ??
      (name === 'git' ? gitCommand(cmd, this) : null) ??
      (name === 'gh' ? ghCommand(cmd, this) : null) ??
      packageCommand(cmd, this) ??
      productionCommand(cmd, this) ??
      readOnlyCommand(cmd, this);
    if (family) {
      out.push(...family);
      if (out.length === 0) out.push(reason('step:read-only', 'green', cmd, `${name}: nothing to judge`));
      return out;
    }
    const generic = genericProduction(cmd);
    if (generic.length) return [...out, ...generic];
    if (cmd.nameWord.text.includes('/')) {
      const p = productionName(cmd, cmd.nameWord.text);
      if (p) return [...out, p];
    }
    if (cmd.name === 'mktemp') return [...out, reason('step:workspace-write', 'yellow', cmd, 'creates a temporary file')];
    return [...out, reason('step:unknown', 'yellow', cmd, `\`${name}\` is not a command the policy lists: it runs as an unknown program (logged, not blocked)`)];
  }
}

function dedupe(reasons: Reason[]): Reason[] {
  const seen = new Set<string>();
  const out: Reason[] = [];
  for (const r of reasons) {
    const key = `${r.rule}\u0001${r.zone}\u0001${r.line ?? ''}\u0001${r.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(r);
  }
  return out;
}

/**
 * Judges a shell script (a workflow `run:`, `agent-zones step --run`, or a command an agent asks to
 * run). Synchronous once `initShell()` has resolved. Never empty: a script with no command gets one
 * green `step:read-only` reason.
 */
export function classifyScript(script: string, policy: Policy, ctx: StepContext): Reason[] {
  if (!isShellReady()) throw new Error('agent-zones: classifyScript called before initShell() resolved');
  let reasons: Reason[];
  try {
    reasons = new StepJudge(policy, ctx).run(script);
  } catch (error) {
    if (error instanceof Error && error.message.includes('initShell')) throw error;
    // Fail closed: an engine error on a script is never a pass.
    reasons = [{ rule: 'step:obfuscated', zone: 'red', message: `the engine could not judge this script (${error instanceof Error ? error.message : String(error)}): failing closed`, line: 1 }];
  }
  if (reasons.length === 0) return [{ rule: 'step:read-only', zone: 'green', message: 'no command to run (empty, comments or shell plumbing only)', line: 1 }];
  return reasons;
}
