import type { Node } from './parser.js';

/** Stands for a part of a word whose value the engine cannot know (an unset variable, `$(...)`). */
export const UNKNOWN = '\u0000';
/** Prefix of the value of a runner file variable (`$GITHUB_ENV`, ...): the text after it is the name. */
export const RUNNER_FILE = '\u0002';

/** A shell word as the engine understands it after expansion. */
export interface WordValue {
  /** The expanded text; parts that cannot be known are UNKNOWN characters. */
  text: string;
  /** No unknown part. */
  known: boolean;
  /** A bare word: no quotes, escapes or expansions. Only such a word is a trustworthy command name. */
  literal: boolean;
  /** Unquoted glob or brace characters: the shell turns the word into file names. */
  glob: boolean;
  /** The source text, for messages and config patterns. */
  raw: string;
  /** `$(...)`, backquotes, `<(...)`, `>(...)` nodes inside the word: they run as commands. */
  substitutions: Node[];
  /** Names of the variables the word expands. */
  vars: string[];
  /** 1-based line of the word in the top-level script. */
  line: number;
}

/** Variables the engine knows something about. `null` means "set, but to something unknown". */
export type VarTable = Map<string, string | null>;

/** GitHub `${{ }}` expressions replaced by placeholders before parsing, with what each stands for. */
export interface ExpressionTable {
  /** placeholder -> known value (e.g. runner.temp -> /tmp) or null (unknown). */
  values: Map<string, string | null>;
}

export const PLACEHOLDER_PREFIX = '__AZX';
const PLACEHOLDER_RE = /__AZX\d+__/g;

export interface EvalEnv {
  vars: VarTable;
  exprs: ExpressionTable | null;
  lineOffset: number;
}

/** Variables whose value is a place the engine can classify, whatever the script did. */
const RUNNER_FILES = new Set(['GITHUB_ENV', 'GITHUB_PATH', 'GITHUB_OUTPUT', 'GITHUB_STEP_SUMMARY', 'GITHUB_STATE']);

function lookup(name: string, env: EvalEnv): string {
  if (env.vars.has(name)) {
    const v = env.vars.get(name);
    return v ?? UNKNOWN;
  }
  if (name === 'HOME') return '~';
  if (name === 'RUNNER_TEMP' || name === 'TMPDIR') return '/tmp';
  if (name === 'GITHUB_WORKSPACE' || name === 'CI_PROJECT_DIR') return '.';
  if (RUNNER_FILES.has(name)) return RUNNER_FILE + name;
  return UNKNOWN;
}

function expandPlaceholders(text: string, env: EvalEnv): string {
  if (!env.exprs || !text.includes(PLACEHOLDER_PREFIX)) return text;
  return text.replace(PLACEHOLDER_RE, (p) => env.exprs?.values.get(p) ?? UNKNOWN);
}

function unescapeUnquoted(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\' && i + 1 < text.length) {
      const n = text[i + 1];
      i++;
      if (n !== '\n') out += n;
    } else out += c;
  }
  return out;
}

function unescapeDoubleQuoted(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    const n = text[i + 1];
    if (c === '\\' && n !== undefined && '$`"\\\n'.includes(n)) {
      i++;
      if (n !== '\n') out += n;
    } else out += c;
  }
  return out;
}

/** Bash's `$'...'` escapes (hand-written: no library decodes ANSI-C quoting). */
export function decodeAnsiC(body: string): string {
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c !== '\\' || i + 1 >= body.length) {
      out += c;
      continue;
    }
    const n = body[++i] as string;
    const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', a: '\x07', b: '\b', e: '\x1b', E: '\x1b', f: '\f', v: '\v', '\\': '\\', "'": "'", '"': '"', '?': '?' };
    if (simple[n] !== undefined) out += simple[n];
    else if (n === 'x') {
      const m = /^[0-9a-fA-F]{1,2}/.exec(body.slice(i + 1));
      if (m) {
        out += String.fromCharCode(parseInt(m[0], 16));
        i += m[0].length;
      } else out += '\\x';
    } else if (n === 'u' || n === 'U') {
      const m = new RegExp(`^[0-9a-fA-F]{1,${n === 'u' ? 4 : 8}}`).exec(body.slice(i + 1));
      if (m) {
        out += String.fromCodePoint(parseInt(m[0], 16));
        i += m[0].length;
      } else out += '\\' + n;
    } else if (n >= '0' && n <= '7') {
      const m = /^[0-7]{1,3}/.exec(body.slice(i)) as RegExpExecArray;
      out += String.fromCharCode(parseInt(m[0], 8));
      i += m[0].length - 1;
    } else out += '\\' + n;
  }
  return out;
}

class Builder {
  text = '';
  literal = true;
  glob = false;
  substitutions: Node[] = [];
  vars: string[] = [];
}

function collectSubstitutions(node: Node, b: Builder): void {
  if (node.type === 'command_substitution' || node.type === 'process_substitution') {
    b.substitutions.push(node);
    return;
  }
  if (node.type === 'variable_name' && (node.parent?.type === 'simple_expansion' || node.parent?.type === 'expansion')) {
    b.vars.push(node.text);
  }
  for (const c of node.children) if (c) collectSubstitutions(c, b);
}

function variableOf(node: Node): string | null {
  for (const c of node.children) {
    if (!c) continue;
    if (c.type === 'variable_name' || c.type === 'special_variable_name') return c.text;
  }
  return null;
}

function evalInto(node: Node, env: EvalEnv, b: Builder, quoted: boolean): void {
  switch (node.type) {
    case 'word':
    case 'number': {
      const raw = node.text;
      if (raw.includes('\\')) b.literal = false;
      if (!quoted && /[*?[]/.test(raw)) b.glob = true;
      if (!quoted && (raw === '{' || raw === '}') && node.parent?.type === 'concatenation') b.glob = true;
      if (raw.includes(PLACEHOLDER_PREFIX)) b.literal = false;
      b.text += expandPlaceholders(quoted ? raw : unescapeUnquoted(raw), env);
      return;
    }
    case 'raw_string':
      b.literal = false;
      b.text += expandPlaceholders(node.text.slice(1, -1), env);
      return;
    case 'ansi_c_string':
      b.literal = false;
      b.text += decodeAnsiC(node.text.slice(2, -1));
      return;
    case 'string':
    case 'translated_string': {
      b.literal = false;
      const inner = node.type === 'translated_string' ? node.namedChildren : node.children;
      for (const c of inner) {
        if (!c) continue;
        if (c.type === '"' || c.type === '$') continue;
        if (c.type === 'string_content') b.text += expandPlaceholders(unescapeDoubleQuoted(c.text), env);
        else evalInto(c, env, b, true);
      }
      return;
    }
    case 'concatenation':
      for (const c of node.children) if (c) evalInto(c, env, b, quoted);
      return;
    case 'simple_expansion': {
      b.literal = false;
      const name = variableOf(node);
      if (name) b.vars.push(name);
      b.text += name ? lookup(name, env) : UNKNOWN;
      return;
    }
    case 'expansion': {
      b.literal = false;
      const named = node.namedChildren.filter((c): c is Node => c !== null);
      const only = named.length === 1 && named[0]?.type === 'variable_name' ? named[0].text : null;
      // `${NAME}` is the variable; any operator (`${X:-y}`, `${#X}`, `${!X}`) makes the value unknown.
      const isPlain = only !== null && node.text === '${' + only + '}';
      collectSubstitutions(node, b);
      if (only && isPlain) b.text += lookup(only, env);
      else b.text += UNKNOWN;
      return;
    }
    default:
      b.literal = false;
      collectSubstitutions(node, b);
      b.text += UNKNOWN;
  }
}

export function evalWord(node: Node, env: EvalEnv): WordValue {
  const b = new Builder();
  evalInto(node, env, b, false);
  if (node.type === 'word' && node.text.startsWith('~')) b.literal = b.literal && true;
  return {
    text: b.text,
    known: !b.text.includes(UNKNOWN),
    literal: b.literal,
    glob: b.glob,
    raw: node.text,
    substitutions: b.substitutions,
    vars: b.vars,
    line: node.startPosition.row + 1 + env.lineOffset,
  };
}

/** A word made up by the engine (xargs input, split strings): literal text, no node. */
export function syntheticWord(text: string, line: number, known = true): WordValue {
  return {
    text: known ? text : UNKNOWN,
    known,
    literal: known,
    glob: false,
    raw: known ? text : '…',
    substitutions: [],
    vars: [],
    line,
  };
}

/** What a reviewer sees for a word: the expanded text where known, else the source. */
export function display(w: WordValue): string {
  return w.known ? w.text : w.raw;
}
