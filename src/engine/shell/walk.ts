import type { StepContext } from '../types.js';
import type { Assignment, RawCommand, Redirect } from './command.js';
import type { Node } from './parser.js';
import type { Cwd } from './paths.js';
import { evalWord, UNKNOWN, type EvalEnv, type ExpressionTable, type VarTable, type WordValue } from './words.js';

/** What the shell knows while it runs through a script, in order. */
export interface ShellState {
  vars: VarTable;
  cwd: Cwd;
  /** Names of functions the script defines: calling one is not an unknown command. */
  functions: Set<string>;
  /** Files written by a download earlier in the script (for "download, then run it"). */
  downloads: Set<string>;
}

export interface WalkHooks {
  /** Every simple command, in execution order (command substitutions before their command). */
  command(raw: RawCommand): void;
  /** A plain `NAME=value` statement or `export/declare/local NAME=value`. */
  assignment(a: Assignment, exported: boolean, node: Node): void;
  /** `export`, `declare -p` and friends with their words, for environment-dump detection. */
  declaration(keyword: string, words: WordValue[], node: Node, line: number): void;
  /** A `[[ ... ]]` / `(( ))` test: its words are judged for credential paths. */
  words(words: WordValue[], node: Node): void;
}

interface PipeContext {
  piped: boolean;
  upstream: RawCommand[];
}

/**
 * Walks a tree-sitter-bash tree in execution order, turning it into simple commands with their
 * words expanded as far as the variables followed so far allow.
 */
export class ScriptWalker {
  private pipe: PipeContext | null = null;
  private inherited: Redirect[] = [];
  private collectors: RawCommand[][] = [];
  /** Redirections tree-sitter-bash nests inside a heredoc node (`cat <<EOF > file`). */
  private extraRedirects: Redirect[] = [];

  constructor(
    readonly state: ShellState,
    private readonly hooks: WalkHooks,
    private readonly ctx: StepContext,
    private readonly exprs: ExpressionTable | null,
    private readonly lineOffset: number,
  ) {}

  get env(): EvalEnv {
    return { vars: this.state.vars, exprs: this.exprs, lineOffset: this.lineOffset };
  }

  line(node: Node): number {
    return node.startPosition.row + 1 + this.lineOffset;
  }

  word(node: Node): WordValue {
    return evalWord(node, this.env);
  }

  walk(node: Node): void {
    switch (node.type) {
      case 'comment':
        return;
      case 'command':
        this.command(node);
        return;
      case 'pipeline':
        this.pipeline(node, []);
        return;
      case 'redirected_statement':
        this.redirected(node);
        return;
      case 'subshell': {
        const saved = this.state.cwd;
        this.children(node);
        this.state.cwd = saved;
        return;
      }
      case 'variable_assignment':
        this.plainAssignment(node, false);
        return;
      case 'variable_assignments':
        for (const c of node.namedChildren) if (c) this.walk(c);
        return;
      case 'declaration_command':
        this.declaration(node);
        return;
      case 'unset_command':
        for (const c of node.namedChildren) if (c?.type === 'variable_name') this.state.vars.delete(c.text);
        return;
      case 'function_definition': {
        const name = node.childForFieldName('name');
        if (name) this.state.functions.add(name.text);
        const body = node.childForFieldName('body');
        if (body) this.walk(body);
        return;
      }
      case 'for_statement': {
        const variable = node.childForFieldName('variable');
        for (const v of node.childrenForFieldName('value')) if (v) this.substitutionsOf(this.word(v));
        if (variable) this.state.vars.set(variable.text, null);
        const body = node.childForFieldName('body');
        if (body) this.walk(body);
        return;
      }
      case 'test_command':
      case 'arithmetic_expansion':
      case 'binary_expression':
      case 'unary_expression': {
        const words: WordValue[] = [];
        this.collectWords(node, words);
        this.hooks.words(words, node);
        return;
      }
      case 'command_substitution':
      case 'process_substitution':
        this.substitution(node);
        return;
      case 'heredoc_body':
        this.substitutionsIn(node);
        return;
      default:
        if (!node.isNamed && node.childCount === 0) return;
        this.children(node);
    }
  }

  private children(node: Node): void {
    for (const c of node.children) if (c) this.walk(c);
  }

  private collectWords(node: Node, out: WordValue[]): void {
    for (const c of node.namedChildren) {
      if (!c) continue;
      if (['word', 'string', 'raw_string', 'concatenation', 'simple_expansion', 'expansion', 'command_substitution', 'number', 'ansi_c_string'].includes(c.type)) {
        const w = this.word(c);
        this.substitutionsOf(w);
        out.push(w);
      } else this.collectWords(c, out);
    }
  }

  /** Runs the commands of `$(...)` / `<(...)` with no pipe around them. */
  substitution(node: Node): void {
    const savedPipe = this.pipe;
    const savedInherited = this.inherited;
    this.pipe = null;
    this.inherited = [];
    for (const c of node.namedChildren) if (c) this.walk(c);
    this.pipe = savedPipe;
    this.inherited = savedInherited;
  }

  substitutionsOf(w: WordValue): void {
    for (const s of w.substitutions) this.substitution(s);
  }

  private substitutionsIn(node: Node): void {
    for (const c of node.namedChildren) {
      if (!c) continue;
      if (c.type === 'command_substitution' || c.type === 'process_substitution') this.substitution(c);
      else this.substitutionsIn(c);
    }
  }

  private pipeline(node: Node, initialUpstream: RawCommand[]): void {
    const upstream: RawCommand[] = [...initialUpstream];
    const saved = this.pipe;
    const savedCwd = this.state.cwd;
    let first = initialUpstream.length === 0;
    for (const c of node.children) {
      if (!c || !c.isNamed || c.type === 'comment') continue;
      this.pipe = { piped: !first, upstream: [...upstream] };
      const collected: RawCommand[] = [];
      this.collectors.push(collected);
      this.walk(c);
      this.collectors.pop();
      upstream.push(...collected);
      first = false;
    }
    this.pipe = saved;
    // Every part of a pipeline runs in a subshell: a `cd` inside does not last.
    this.state.cwd = savedCwd;
  }

  private redirected(node: Node): void {
    const body = node.childForFieldName('body');
    const redirects: Redirect[] = [];
    const continuations: Node[] = [];
    for (const r of node.childrenForFieldName('redirect')) {
      if (!r) continue;
      const parsed = this.redirect(r, continuations);
      if (parsed) redirects.push(parsed);
      redirects.push(...this.extraRedirects.splice(0));
    }
    const saved = this.inherited;
    this.inherited = [...saved, ...redirects];
    const collected: RawCommand[] = [];
    this.collectors.push(collected);
    if (body) this.walk(body);
    else if (redirects.length) this.emit(node, [], [], redirects);
    this.collectors.pop();
    this.inherited = saved;
    for (const list of this.collectors) list.push(...collected);
    // tree-sitter-bash hangs `| sh` / `&& cmd` after a heredoc start inside the heredoc node.
    for (const c of continuations) {
      if (c.type === 'pipeline' && c.child(0)?.type === '|') this.pipeline(c, collected);
      else this.walk(c);
    }
  }

  private redirect(node: Node, continuations: Node[]): Redirect | null {
    const line = this.line(node);
    if (node.type === 'herestring_redirect') {
      const target = node.namedChildren.find((c) => c && c.type !== 'file_descriptor');
      const w = target ? this.word(target) : null;
      if (w) this.substitutionsOf(w);
      return { op: '<<<', fd: null, target: w, kind: 'herestring', line };
    }
    if (node.type === 'heredoc_redirect') {
      let op = '<<';
      let literalBody = false;
      let body = '';
      let bodyLine = line + 1;
      for (const c of node.children) {
        if (!c) continue;
        if (c.type === '<<' || c.type === '<<-') op = c.type;
        else if (c.type === 'heredoc_start') literalBody = /['"\\]/.test(c.text);
        else if (c.type === 'heredoc_body') {
          bodyLine = this.line(c);
          body = literalBody ? c.text : this.heredocText(c);
          if (!literalBody) this.substitutionsIn(c);
        } else if (c.type === 'file_redirect' || c.type === 'herestring_redirect') {
          const extra = this.redirect(c, continuations);
          if (extra) this.extraRedirects.push(extra);
        } else if (c.isNamed && c.type !== 'heredoc_end' && c.type !== 'file_descriptor') continuations.push(c);
      }
      return { op, fd: null, target: null, kind: 'heredoc', body, literalBody, bodyLine, line };
    }
    if (node.type !== 'file_redirect') return null;
    let op = '';
    let fd: string | null = null;
    let target: WordValue | null = null;
    for (const c of node.children) {
      if (!c) continue;
      if (c.type === 'file_descriptor') fd = c.text;
      else if (!c.isNamed) op = c.type;
      else if (!target) {
        target = this.word(c);
        this.substitutionsOf(target);
      }
    }
    if ((op === '>&' || op === '<&' || op === '>&-' || op === '<&-') && (!target || /^\d+-?$|^-$/.test(target.text))) {
      return { op, fd, target, kind: 'dup', line };
    }
    return { op, fd, target, kind: 'file', line };
  }

  /** The body an unquoted heredoc delivers: known variables substituted, unknown ones left for the reader. */
  private heredocText(node: Node): string {
    let out = '';
    let pos = node.startIndex;
    for (const c of node.namedChildren) {
      if (!c) continue;
      out += node.text.slice(pos - node.startIndex, c.startIndex - node.startIndex);
      if (c.type === 'simple_expansion' || c.type === 'expansion') {
        const w = this.word(c);
        out += w.known ? w.text : c.text;
      } else out += c.text;
      pos = c.endIndex;
    }
    out += node.text.slice(pos - node.startIndex);
    return out;
  }

  private command(node: Node): void {
    const words: WordValue[] = [];
    const assignments: Assignment[] = [];
    const redirects: Redirect[] = [];
    const continuations: Node[] = [];
    for (const c of node.children) {
      if (!c) continue;
      if (c.type === 'variable_assignment') {
        const a = this.assignmentOf(c);
        if (a) assignments.push(a);
      } else if (c.type === 'command_name') {
        const inner = c.namedChild(0);
        if (inner) words.push(this.word(inner));
      } else if (c.type === 'file_redirect' || c.type === 'heredoc_redirect' || c.type === 'herestring_redirect') {
        const r = this.redirect(c, continuations);
        if (r) redirects.push(r);
        redirects.push(...this.extraRedirects.splice(0));
      } else if (c.isNamed && c.type !== 'comment') {
        words.push(this.word(c));
      }
    }
    for (const w of words) this.substitutionsOf(w);
    if (words.length === 0) {
      // `FOO=bar` alone with a redirection, or assignments only: they set shell variables.
      for (const a of assignments) this.state.vars.set(a.name, a.value && a.value.known ? a.value.text : null);
    }
    this.emit(node, words, assignments, redirects);
    for (const c of continuations) this.walk(c);
  }

  private emit(node: Node, words: WordValue[], assignments: Assignment[], redirects: Redirect[]): void {
    const raw: RawCommand = {
      node,
      line: this.line(node),
      words,
      assignments,
      redirects: [...this.inherited, ...redirects],
      piped: this.pipe?.piped ?? false,
      upstream: this.pipe?.upstream ?? [],
      cwd: this.state.cwd,
    };
    for (const list of this.collectors) list.push(raw);
    this.hooks.command(raw);
  }

  private assignmentOf(node: Node): Assignment | null {
    const name = node.childForFieldName('name');
    const value = node.childForFieldName('value');
    if (!name) return null;
    const w = value ? this.word(value) : null;
    if (w) this.substitutionsOf(w);
    let n = name.text;
    if (name.type === 'subscript') n = name.childForFieldName('name')?.text ?? n;
    return { name: n, value: w ?? { text: '', known: true, literal: true, glob: false, raw: '', substitutions: [], vars: [], line: this.line(node) }, line: this.line(node) };
  }

  private plainAssignment(node: Node, exported: boolean): void {
    const a = this.assignmentOf(node);
    if (!a) return;
    const appended = node.children.some((c) => c?.type === '+=');
    const previous = this.state.vars.get(a.name);
    let value: string | null = a.value && a.value.known ? a.value.text : null;
    if (appended) value = previous !== undefined && previous !== null && value !== null ? previous + value : null;
    if (node.childForFieldName('value')?.type === 'array') value = null;
    this.state.vars.set(a.name, value);
    this.hooks.assignment(a, exported, node);
  }

  private declaration(node: Node): void {
    const keyword = node.child(0)?.type ?? 'declare';
    const words: WordValue[] = [];
    for (const c of node.namedChildren) {
      if (!c) continue;
      if (c.type === 'variable_assignment') {
        this.plainAssignment(c, keyword === 'export' || words.some((w) => w.text.includes('x')));
        const name = c.childForFieldName('name')?.text ?? '';
        words.push({ text: name, known: true, literal: true, glob: false, raw: c.text, substitutions: [], vars: [], line: this.line(c) });
      }
      else if (c.type === 'variable_name') words.push({ text: c.text, known: true, literal: true, glob: false, raw: c.text, substitutions: [], vars: [], line: this.line(c) });
      else {
        const w = this.word(c);
        this.substitutionsOf(w);
        words.push(w);
      }
    }
    this.hooks.declaration(keyword, words, node, this.line(node));
  }
}

export function unknownWord(line: number): WordValue {
  return { text: UNKNOWN, known: false, literal: false, glob: false, raw: '…', substitutions: [], vars: [], line };
}
