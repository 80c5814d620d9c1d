/**
 * A problem in a config file, located and explained so a user can fix it without reading docs:
 * `file:line:col: key \`agents.authors\`: <problem>. Fix: <how>` (config.md).
 */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  /** The file the problem is in: the local config path, or `owner/repo:path` for a shared (`_extends`) file. */
  readonly file: string;
  /** 1-based; null when the problem has no place in the text. */
  readonly line: number | null;
  readonly column: number | null;
  /** The key path, e.g. `overrides[1].zone`; null for problems of the file as a whole. */
  readonly key: string | null;
  /** What is wrong, without the location. */
  readonly problem: string;
  /** How to fix it. */
  readonly fix: string;
  /**
   * Every problem found in the config, this one first. loadPolicy throws the first and keeps the
   * rest here so the App can list them all on the check run while the CLI prints one line.
   */
  all: readonly ConfigError[];

  constructor(init: { file: string; line?: number | null; column?: number | null; key?: string | null; problem: string; fix: string }) {
    const location = formatLocation(init.file, init.line ?? null, init.column ?? null);
    const key = init.key ?? null;
    super(`${location}: ${key === null ? '' : `key \`${key}\`: `}${init.problem}. Fix: ${init.fix}`);
    this.file = init.file;
    this.line = init.line ?? null;
    this.column = init.column ?? null;
    this.key = key;
    this.problem = init.problem;
    this.fix = init.fix;
    this.all = [this];
  }

  /** One line for stderr or a check-run annotation. */
  oneLine(): string {
    return this.message.replace(/[\r\n]+/g, ' ');
  }
}

function formatLocation(file: string, line: number | null, column: number | null): string {
  if (line === null) return file;
  return column === null ? `${file}:${line}` : `${file}:${line}:${column}`;
}

/** Throws the first error carrying all of them, in text order within each file. */
export function throwConfigErrors(errors: readonly ConfigError[]): never {
  const first = errors[0];
  if (!first) throw new Error('throwConfigErrors called with no errors');
  first.all = errors;
  throw first;
}
