import type { Node } from './parser.js';
import type { Cwd } from './paths.js';
import type { WordValue } from './words.js';

export interface Redirect {
  /** The operator: `>`, `>>`, `<`, `&>`, `&>>`, `>|`, `<>`, `<<`, `<<-`, `<<<`, `>&`, `<&`. */
  op: string;
  fd: string | null;
  /** The file (or here-string word); null for a heredoc or a descriptor duplication. */
  target: WordValue | null;
  kind: 'file' | 'heredoc' | 'herestring' | 'dup';
  /** Heredoc body as the command receives it (known variables substituted when the delimiter is unquoted). */
  body?: string;
  /** A quoted delimiter: the body is not expanded. */
  literalBody?: boolean;
  /** 1-based line of the heredoc body's first line. */
  bodyLine?: number;
  line: number;
}

export interface Assignment {
  name: string;
  value: WordValue | null;
  line: number;
}

/** One simple command as written, before wrappers are removed. */
export interface RawCommand {
  node: Node;
  line: number;
  words: WordValue[];
  assignments: Assignment[];
  redirects: Redirect[];
  /** Standard input comes from a pipe. */
  piped: boolean;
  /** Earlier commands of the same pipeline (their output flows into this one). */
  upstream: RawCommand[];
  cwd: Cwd;
}

/** One simple command after wrappers (`env`, `sudo`, `xargs`, ...) are removed. */
export interface Cmd {
  raw: RawCommand;
  /** Basename of the command name (`/usr/bin/rm` -> `rm`). */
  name: string;
  nameWord: WordValue;
  args: WordValue[];
  /** Environment given to the command: prefix assignments and `env NAME=value`. */
  env: Assignment[];
  wrappers: string[];
  /** `xargs`, `find -exec`: more arguments the engine cannot see are appended. */
  hiddenArgs: boolean;
  /** Directory the command runs in (after `env -C`, `git -C` is handled by git rules). */
  cwd: Cwd;
  /** The command for messages and `commands.*` patterns: unwrapped words, expanded where known. */
  text: string;
  line: number;
  redirects: Redirect[];
  stdin: 'pipe' | 'file' | 'herestring' | 'heredoc' | null;
}
