import { compileCommandPattern } from '../engine/command-pattern.js';
import { globError } from '../engine/glob.js';
import { RULE_BY_ID, RULES } from '../engine/rule-ids.js';
import { LOCKED_RULES } from './defaults.js';
import { formatKeyPath, type ConfigDocument, type Segment } from './document.js';
import { ConfigError } from './errors.js';
import { parseExtendsRef } from './extends.js';
import { compileConfigRegex, hasNestedQuantifier, regexSyntaxError, secretProbes } from './regex-check.js';
import { closest } from './suggest.js';

/**
 * Checks the schema cannot express: globs, regexes and command patterns compile; overrides name a
 * red, unlocked rule with the right kind of target; hosts are not too broad; `_extends` is a usable
 * reference. Runs on whatever parts of the value have the right type, so a file with a structural
 * error elsewhere still gets these reported.
 */
export function semanticErrors(doc: ConfigDocument, value: unknown): ConfigError[] {
  const errors: ConfigError[] = [];
  const report = (path: Segment[], problem: string, fix: string) =>
    errors.push(new ConfigError({ file: doc.file, ...doc.valuePosition(path), key: formatKeyPath(path), problem, fix }));
  if (!isObject(value)) return errors;

  for (const [section, key] of [
    ['paths', 'green'],
    ['paths', 'yellow'],
    ['paths', 'red'],
    ['deletions', 'allow'],
    ['agents', 'branches'],
  ] as const) {
    eachString(value, [section, key], (glob, path) => checkGlob(glob, path, report));
  }
  for (const key of ['green', 'yellow', 'red'] as const) {
    eachString(value, ['commands', key], (pattern, path) => checkCommand(pattern, path, report));
  }
  eachItem(value, ['secrets', 'patterns'], (item, path) => {
    if (isObject(item) && typeof item.regex === 'string') checkSecretPattern(item.regex, [...path, 'regex'], report);
  });
  eachString(value, ['secrets', 'allow'], (source, path) => checkAllowRegex(source, path, report));
  eachString(value, ['network', 'allow'], (host, path) => checkHostBreadth(host, path, report));
  eachItem(value, ['overrides'], (item, path) => checkOverride(item, path, report));
  if (typeof value._extends === 'string') {
    const parsed = parseExtendsRef(value._extends);
    if ('problem' in parsed) report(['_extends'], parsed.problem, parsed.fix);
  }
  return errors;
}

type Report = (path: Segment[], problem: string, fix: string) => void;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function getIn(value: unknown, path: readonly string[]): unknown {
  let v: unknown = value;
  for (const k of path) v = isObject(v) && Object.hasOwn(v, k) ? v[k] : undefined;
  return v;
}

function eachItem(value: unknown, path: string[], fn: (item: unknown, path: Segment[]) => void): void {
  const list = getIn(value, path);
  if (Array.isArray(list)) list.forEach((item, i) => fn(item, [...path, i]));
}

function eachString(value: unknown, path: string[], fn: (s: string, path: Segment[]) => void): void {
  eachItem(value, path, (s, itemPath) => {
    if (typeof s === 'string' && s !== '') fn(s, itemPath);
  });
}

function checkGlob(glob: string, path: Segment[], report: Report): void {
  const shown = JSON.stringify(glob);
  if (glob.trimStart().startsWith('!')) {
    // picomatch reads a leading `!` as "everything except", which would silently widen the list.
    report(path, `${shown} starts with \`!\`: negated globs are not supported here (they would match every other path)`, 'list the paths the entry applies to instead; to exempt a path, leave it out');
    return;
  }
  const err = globError(glob);
  if (err !== null) report(path, `${shown} is not a valid glob: ${err}`, 'fix the glob: close brackets and braces, or escape a literal `[`, `{` or `(` with `\\\\`');
}

function checkCommand(pattern: string, path: Segment[], report: Report): void {
  try {
    compileCommandPattern(pattern);
  } catch (e) {
    report(path, `${JSON.stringify(pattern)} is not a valid command pattern: ${e instanceof Error ? e.message : String(e)}`, 'write one simple command, e.g. "make docs", with `*` as a wildcard');
    return;
  }
  const joiner = commandJoiner(pattern);
  if (joiner !== null) {
    // Patterns are matched against one simple command at a time, so this one could never match.
    report(path, `${JSON.stringify(pattern)} joins commands with ${joiner === '\n' ? 'a line break' : `\`${joiner}\``}, but a pattern is matched against one simple command at a time`, 'list each command as its own entry, e.g. ["npm ci", "npm test"]');
  }
}

/**
 * The first unquoted `&&`, `||`, `;`, `|`, backquote, `$(` or line break in a command pattern, or
 * null. A config lint over a short pattern (not command recognition): quotes are tracked so that
 * `grep "a|b"` is one command.
 */
function commandJoiner(pattern: string): string | null {
  let quote: string | null = null;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] ?? '';
    if (quote !== null) {
      if (c === quote) quote = null;
      else if (c === '\\' && quote === '"') i++;
      continue;
    }
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '"' || c === "'") {
      quote = c;
      continue;
    }
    const two = pattern.slice(i, i + 2);
    if (two === '&&' || two === '||' || two === '$(') return two;
    if (c === ';' || c === '|' || c === '`' || c === '\n') return c;
  }
  return null;
}

const ESCAPE_FIX = 'escape special characters with `\\` (inside double quotes in YAML write `\\\\`, or use single quotes)';

function regexProblems(source: string, path: Segment[], report: Report): boolean {
  const syntax = regexSyntaxError(source);
  if (syntax !== null) {
    const inlineFlags = /\(\?[a-z]+\)/.test(source);
    report(
      path,
      `${JSON.stringify(source)} is not a valid JavaScript regular expression: ${syntax}`,
      inlineFlags ? 'JavaScript regexes have no inline flags such as `(?i)`: remove it and write both cases, e.g. `[Aa][Cc][Mm][Ee]`' : ESCAPE_FIX,
    );
    return true;
  }
  if (hasNestedQuantifier(source)) {
    report(
      path,
      `${JSON.stringify(source)} repeats a group that itself repeats without bound (like \`(a+)+\`), which can take exponential time on a crafted line`,
      'remove the nesting, e.g. write `(ab)+` or `[ab]+` instead of `(a+b*)+`, or bound the inner repeat',
    );
    return true;
  }
  return false;
}

function checkSecretPattern(source: string, path: Segment[], report: Report): void {
  if (regexProblems(source, path, report)) return;
  if (compileConfigRegex(source).test('')) {
    report(path, `${JSON.stringify(source)} matches the empty string, so every line would be reported as a secret`, 'make the pattern require the secret itself, e.g. `ACME_[A-Z0-9]{32}`');
  }
}

function checkAllowRegex(source: string, path: Segment[], report: Report): void {
  if (regexProblems(source, path, report)) return;
  // The secret scanner matches an allow entry against the whole literal, so the probe does too.
  const re = compileConfigRegex(`^(?:${source})$`);
  const probe = secretProbes().find((p) => re.test(p));
  if (probe !== undefined) {
    // content:secret is locked: an allow pattern is for placeholders, not a way to switch detection off.
    report(
      path,
      `${JSON.stringify(source)} also matches real-looking secrets (e.g. ${JSON.stringify(`${probe.slice(0, 8)}...`)}), which would hide them; \`content:secret\` cannot be lowered`,
      'anchor the pattern to your placeholder, e.g. `^your-[a-z-]+-here$` or `^<[A-Z_]+>$`',
    );
  }
}

function checkHostBreadth(host: string, path: Segment[], report: Report): void {
  if (/^\*\.[^.]+$/.test(host)) {
    report(path, `${JSON.stringify(host)} allows every host under a top-level domain`, 'name the domain you trust, e.g. `*.example.com`');
  }
}

function checkOverride(item: unknown, path: Segment[], report: Report): void {
  if (!isObject(item) || typeof item.rule !== 'string' || item.rule === '') return;
  const id = item.rule;
  const info = RULE_BY_ID.get(id);
  const rulePath = [...path, 'rule'];
  if (!info) {
    const guess = closest(id, RULES.map((r) => r.id));
    report(rulePath, `unknown rule \`${id}\``, guess !== null ? `did you mean \`${guess}\`?` : 'name a rule id from the default policy, e.g. `path:migration` or `step:delete`');
    return;
  }
  if (LOCKED_RULES.has(id)) {
    report(rulePath, `\`${id}\` is a locked rule and cannot be lowered`, 'remove this override; a change this rule flags needs a qualified approval');
    return;
  }
  if (info.target === 'none') {
    report(rulePath, `\`${id}\` applies to a workflow or the whole PR, not to paths or commands, so it cannot be overridden`, 'remove this override; such a change needs a qualified approval');
    return;
  }
  if (info.zone !== 'red') {
    const where = info.target === 'paths' ? '`paths.green` or `paths.yellow`' : '`commands.green` or `commands.yellow`';
    report(rulePath, `\`${id}\` is a ${info.zone} rule; overrides only lower red rules`, `to re-zone what it matches, use ${where}`);
    return;
  }
  if (id === 'change:delete' && item.zone === 'green') {
    report([...path, 'zone'], '`change:delete` is never lower than yellow', 'write `zone: yellow`, or list the globs under `deletions.allow`');
  }
  if (info.target === 'commands' && item.paths !== undefined) {
    report([...path, 'paths'], `\`${id}\` is a step rule: it is lowered for commands, not paths`, 'replace `paths` with `commands: [...]`, the commands it applies to');
  }
  if (info.target === 'paths' && item.commands !== undefined) {
    report([...path, 'commands'], `\`${id}\` is a path rule: it is lowered for paths, not commands`, 'replace `commands` with `paths: [...]`, the globs it applies to');
  }
  const paths = item.paths;
  if (Array.isArray(paths)) paths.forEach((g, i) => typeof g === 'string' && g !== '' && checkGlob(g, [...path, 'paths', i], report));
  const commands = item.commands;
  if (Array.isArray(commands)) commands.forEach((c, i) => typeof c === 'string' && c !== '' && checkCommand(c, [...path, 'commands', i], report));
}
