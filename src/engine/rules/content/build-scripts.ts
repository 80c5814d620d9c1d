import type { ShownLine } from './new-side.js';

/**
 * Turns Makefile and justfile text into the shell the tool would run, so the shell classifier judges
 * it. Each function returns logical commands (continuations joined) with the file line they start on.
 */
export interface ShellPiece {
  script: string;
  line: number;
  added: boolean;
}

/** Built-in make variables and their defaults (GNU make's `make -p`). */
const MAKE_DEFAULTS: Record<string, string> = {
  RM: 'rm -f',
  MAKE: 'make',
  CC: 'cc',
  CXX: 'g++',
  CPP: 'cc -E',
  AR: 'ar',
  AS: 'as',
  LD: 'ld',
  INSTALL: 'install',
  SHELL: 'sh',
};

const MAKE_ASSIGNMENT = /^(?:export\s+|override\s+)?([A-Za-z_][\w.-]*)\s*(::=|:::=|:=|\?=|\+=|!=|=)\s*(.*)$/;
const MAKE_FUNCTION = /^(?:shell|wildcard|patsubst|subst|strip|findstring|filter|filter-out|sort|word|words|wordlist|firstword|lastword|dir|notdir|suffix|basename|addsuffix|addprefix|join|realpath|abspath|if|or|and|foreach|call|value|eval|origin|flavor|error|warning|info|file|let)\s/;

/** Replaces make references: `$$` -> `$`, `$(shell x)` -> `$(x)`, known variables by value. */
export function expandMake(text: string, vars: ReadonlyMap<string, string>, depth = 0): string {
  let out = '';
  let i = 0;
  let commandStart = true;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch !== '$') {
      out += ch;
      if (!/\s/.test(ch)) commandStart = /[;&|(]/.test(ch);
      i++;
      continue;
    }
    const next = text[i + 1];
    if (next === '$') {
      out += '$';
      i += 2;
      commandStart = false;
      continue;
    }
    if (next === '(' || next === '{') {
      const close = next === '(' ? ')' : '}';
      let level = 0;
      let j = i + 1;
      for (; j < text.length; j++) {
        if (text[j] === next) level++;
        else if (text[j] === close && --level === 0) break;
      }
      const inner = text.slice(i + 2, j);
      i = j + 1;
      if (inner.startsWith('shell ')) {
        out += `$(${expandMake(inner.slice(6), vars, depth + 1)})`;
      } else if (MAKE_FUNCTION.test(inner)) {
        out += '${MAKE_FUNCTION_VALUE}';
      } else if (/^[@<^?*%+|][DF]?$/.test(inner)) {
        out += 'make-target';
      } else {
        const name = inner.split(':')[0]!.trim();
        const value = vars.get(name) ?? MAKE_DEFAULTS[name];
        if (value !== undefined && depth < 4) out += expandMake(value, vars, depth + 1);
        // In command position an unknown variable names its tool (`$(DOCKER) build`); elsewhere it
        // stays an expansion, which the classifier treats as unknown.
        else out += commandStart ? name.toLowerCase() : `\${${name.replace(/\W/g, '_')}}`;
      }
      commandStart = false;
      continue;
    }
    if (next !== undefined && /[@<^?*%+|]/.test(next)) {
      out += 'make-target';
      i += 2;
      commandStart = false;
      continue;
    }
    out += ch;
    i++;
  }
  return out;
}

/** Strips make's recipe prefixes: `@` (silent), `-` (ignore errors), `+` (always run). */
function stripRecipePrefix(s: string): string {
  return s.replace(/^[@+-]+\s*/, '');
}

/** Make variable assignments visible in the shown lines (the last one wins, as in make). */
function makeVariables(runs: readonly ShownLine[][]): Map<string, string> {
  const vars = new Map<string, string>();
  for (const run of runs) {
    for (const l of run) {
      if (l.text.startsWith('\t')) continue;
      const m = MAKE_ASSIGNMENT.exec(l.text);
      if (m && m[2] !== '!=') vars.set(m[1]!, m[2] === '+=' ? `${vars.get(m[1]!) ?? ''} ${m[3]!}`.trim() : m[3]!.trim());
    }
  }
  return vars;
}

function joinContinuations(run: readonly ShownLine[], isBody: (l: ShownLine) => boolean): { lines: ShownLine[]; text: string }[] {
  const out: { lines: ShownLine[]; text: string }[] = [];
  let cur: { lines: ShownLine[]; text: string } | null = null;
  for (const l of run) {
    if (cur) {
      cur.lines.push(l);
      cur.text = cur.text.replace(/\\$/, '') + ' ' + l.text.trim();
    } else if (isBody(l)) {
      cur = { lines: [l], text: l.text };
    } else {
      continue;
    }
    if (!/\\$/.test(l.text)) {
      out.push(cur);
      cur = null;
    }
  }
  if (cur) out.push(cur);
  return out;
}

/**
 * Makefile recipe lines (tab-indented; each logical line runs in its own shell), and the shell that
 * make itself runs while reading the file: `$(shell ...)` and `!=` assignments.
 */
export function makefilePieces(runs: readonly ShownLine[][]): ShellPiece[] {
  const vars = makeVariables(runs);
  const pieces: ShellPiece[] = [];
  for (const run of runs) {
    for (const logical of joinContinuations(run, (l) => l.text.startsWith('\t'))) {
      const script = expandMake(stripRecipePrefix(logical.text.replace(/^\t+/, '')), vars);
      pieces.push({ script, line: logical.lines[0]!.line, added: logical.lines.some((l) => l.added) });
    }
    for (const l of run) {
      if (l.text.startsWith('\t')) continue;
      const m = MAKE_ASSIGNMENT.exec(l.text);
      if (m && m[2] === '!=') pieces.push({ script: expandMake(m[3]!, vars), line: l.line, added: l.added });
      let at = l.text.indexOf('$(shell ');
      while (at !== -1) {
        const inner = expandMake(l.text.slice(at), vars);
        const cmd = /^\$\((.*)\)/.exec(inner)?.[1];
        if (cmd) pieces.push({ script: cmd, line: l.line, added: l.added });
        at = l.text.indexOf('$(shell ', at + 8);
      }
      // `target: prereq ; command` runs the command as a recipe.
      const semi = /^[^\t#=:][^=#]*?:(?!=)[^;=]*;(.*)$/.exec(l.text);
      if (semi && semi[1]!.trim() !== '') pieces.push({ script: expandMake(stripRecipePrefix(semi[1]!.trim()), vars), line: l.line, added: l.added });
    }
  }
  return pieces;
}

/** justfile recipe bodies (indented lines) and backtick evaluations, with `{{expr}}` as expansions. */
export function justfilePieces(runs: readonly ShownLine[][]): ShellPiece[] {
  const pieces: ShellPiece[] = [];
  const interpolate = (s: string): string =>
    s.replace(/\{\{(.*?)\}\}/g, (_, expr: string) => {
      const id = expr.trim();
      return /^[A-Za-z_]\w*$/.test(id) ? `\${${id}}` : '${JUST_EXPRESSION}';
    });
  for (const run of runs) {
    // A shebang recipe runs its body with that interpreter; only shell ones are shell.
    let foreignBody = false;
    let cur: { text: string; line: number; added: boolean } | null = null;
    const flush = (): void => {
      if (cur && !foreignBody) pieces.push({ script: interpolate(stripRecipePrefix(cur.text)), line: cur.line, added: cur.added });
      cur = null;
    };
    for (const l of run) {
      if (cur) {
        cur.text = cur.text.replace(/\\$/, '') + ' ' + l.text.trim();
        cur.added ||= l.added;
      } else if (/^[ \t]+\S/.test(l.text)) {
        const body = l.text.trim();
        if (body.startsWith('#!')) {
          foreignBody = !/\b(?:sh|bash|zsh|dash|ksh)\b/.test(body);
          continue;
        }
        cur = { text: body, line: l.line, added: l.added };
      } else {
        if (l.text.trim() !== '' && !l.text.trimStart().startsWith('#')) foreignBody = false;
        const re = /`([^`]+)`/g;
        for (let m = re.exec(l.text); m; m = re.exec(l.text)) pieces.push({ script: interpolate(m[1]!), line: l.line, added: l.added });
        continue;
      }
      if (!/\\$/.test(l.text)) flush();
    }
    flush();
  }
  return pieces;
}
