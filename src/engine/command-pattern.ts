/**
 * `commands.*` and `overrides[].commands` patterns (config.md): one simple command, words separated
 * by single spaces, `*` a wildcard for any run of characters. Matched against the whole of one
 * simple command after unwrapping, never against a whole script.
 */
export type CommandMatcher = (command: string) => boolean;

export function normaliseCommand(command: string): string {
  return command.trim().replace(/\s+/g, ' ');
}

export function compileCommandPattern(pattern: string): CommandMatcher {
  const norm = normaliseCommand(pattern);
  if (norm === '') throw new Error('empty command pattern');
  const source = norm
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  const re = new RegExp(`^${source}$`, 's');
  return (command) => re.test(normaliseCommand(command));
}

export function compileCommandPatterns(patterns: readonly string[]): CommandMatcher {
  const ms = patterns.map(compileCommandPattern);
  return (command) => ms.some((m) => m(command));
}
