/**
 * What the spec counts as "not a secret" in a literal: placeholders, references to the environment
 * or a secret store, and locators (URLs without credentials, file paths). Shared by the generic rule,
 * the known-format detectors (whose variable part is checked) and URL credentials (the password).
 */

/** Words that make a literal built only of words a placeholder (default-policy.md, `content:secret`). */
const PLACEHOLDER_WORDS = new Set(['your', 'example', 'placeholder', 'redacted', 'changeme', 'dummy', 'sample', 'fake', 'replaceme']);

/** Placeholder words that disqualify the variable part of a known-format token. */
const TOKEN_PLACEHOLDER_WORD = /your|example|placeholder|redacted/i;

/** Whole-literal placeholder shapes: `<...>`, `${...}`, `{{...}}`, `%(...)s`, `{name}`, `#{...}`, `$VAR`, `$(...)`, `%VAR%`. */
const TEMPLATE_SHAPES: readonly RegExp[] = [
  /^<[^<>]*>$/,
  /^\$\{.*\}$/s,
  /^\{\{.*\}\}$/s,
  /^%\([^)]*\)[sdr]$/,
  /^\{[A-Za-z_][\w.-]*\}$/,
  /^#\{.*\}$/,
  /^\$[A-Za-z_][A-Za-z0-9_]*$/,
  /^\$\(.*\)$/s,
  /^%[A-Za-z_][A-Za-z0-9_]*%$/,
  /^@[A-Za-z_][A-Za-z0-9_]*@$/,
];

const EXACT_PLACEHOLDERS = new Set(['changeme', 'redacted', 'password', 'secret', 'none', 'null', 'undefined', 'true', 'false']);

const PREFIX_PLACEHOLDER = /^(?:xxx|\*\*\*|example|dummy|sample|your[_-])/i;

/**
 * References to the environment or a secret store. Written as a literal they name where the secret
 * lives, not the secret (`secrets.X`, `process.env.X`, an AWS Secrets Manager ARN, a 1Password URI).
 */
const STORE_REFERENCE =
  /^(?:process\.env\b|os\.environ\b|os\.getenv\b|os\.Getenv\b|secrets\.|env\.|vars\.|ENV\[|ENV\.fetch|System\.getenv|import\.meta\.env\b|Deno\.env\b|std::env::|getenv\(|arn:aws[\w-]*:(?:secretsmanager|ssm|kms):|op:\/\/|vault:|ref\+|sm:\/\/|gcp:secretmanager:|projects\/[^/]+\/secrets\/|azurekeyvault:|keyvault:)/;

/** An upper-snake name such as `GITHUB_TOKEN`: the name of an environment variable, not its value. */
const ENV_NAME = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/;

/** A file path: a locator, like a URL without credentials. */
const FILE_PATH = /^(?:~|\.{1,2})?\/[\w@%+=:,.~/-]*$|^[A-Za-z]:\\[\w\\. -]*$/;

const URL_LIKE = /^[a-z][a-z0-9+.-]*:\/\//i;

export function isRepeatedChar(s: string): boolean {
  if (s.length === 0) return false;
  const c = s[0];
  for (let i = 1; i < s.length; i++) if (s[i] !== c) return false;
  return true;
}

export function isStoreReference(s: string): boolean {
  return STORE_REFERENCE.test(s) || ENV_NAME.test(s);
}

/**
 * A run of 8+ letters and digits that does not read as a word: it mixes letters and digits, mixes
 * case beyond camelCase humps, or has no vowel over 5 letters. `Zq8Rk2Vw` is random-looking,
 * `changeme` and `placeholder` are not.
 */
export function isRandomLookingRun(run: string): boolean {
  if (run.length < 8) return false;
  const hasDigit = /[0-9]/.test(run);
  const hasLetter = /[A-Za-z]/.test(run);
  if (hasDigit && hasLetter) return true;
  if (!hasLetter) return false;
  // Upper-case letters closer than 3 apart inside a run (not `ApiKeyHere` humps, but `aQxZ`).
  const ups: number[] = [];
  for (let i = 1; i < run.length; i++) if (run[i]! >= 'A' && run[i]! <= 'Z') ups.push(i);
  const hasLower = /[a-z]/.test(run);
  if (hasLower) for (let i = 1; i < ups.length; i++) if (ups[i]! - ups[i - 1]! < 3) return true;
  return /[bcdfghjklmnpqrstvwxz]{6,}/i.test(run);
}

/** Every maximal alphanumeric run of the literal. */
function runs(s: string): string[] {
  return s.match(/[A-Za-z0-9]+/g) ?? [];
}

/** Words of a run, split at camelCase humps (`yourApiKeyHere` -> your, Api, Key, Here). */
function words(run: string): string[] {
  return run.split(/(?<=[a-z0-9])(?=[A-Z])/);
}

/**
 * A literal made only of words and separators with a placeholder word among them
 * (`your-bot-token-here`, `example_secret`), and no random-looking run (`changeme-Zq8Rk2Vw` is a secret).
 */
export function isPlaceholderWords(literal: string): boolean {
  if (!/^[A-Za-z0-9][A-Za-z0-9\s._/:-]*$/.test(literal)) return false;
  let hasPlaceholder = false;
  for (const run of runs(literal)) {
    // A run like `yourApiKeyHere` is camelCase words; one like `Zq8Rk2Vw` is not.
    if (isRandomLookingRun(run) && !words(run).every((w) => /^[A-Za-z][a-z]+$/.test(w))) return false;
    for (const w of words(run)) if (PLACEHOLDER_WORDS.has(w.toLowerCase())) hasPlaceholder = true;
    if (PLACEHOLDER_WORDS.has(run.toLowerCase())) hasPlaceholder = true;
  }
  return hasPlaceholder;
}

/** True when the whole literal is a placeholder or a reference (default-policy.md, `content:secret`). */
export function isPlaceholderLiteral(raw: string): boolean {
  const literal = raw.trim();
  if (literal === '') return true;
  for (const shape of TEMPLATE_SHAPES) if (shape.test(literal)) return true;
  if (EXACT_PLACEHOLDERS.has(literal.toLowerCase())) return true;
  if (PREFIX_PLACEHOLDER.test(literal)) return true;
  if (isRepeatedChar(literal)) return true;
  if (isStoreReference(literal)) return true;
  return isPlaceholderWords(literal);
}

/** A URL (which the generic rule leaves to the URL-credentials detector) or a file path. */
export function isLocator(literal: string): boolean {
  return URL_LIKE.test(literal) || FILE_PATH.test(literal);
}

/**
 * The variable part of a known-format token is no secret when it is one repeated character
 * (`ghp_xxxx...`) or holds a placeholder word (`AKIA...EXAMPLE`).
 */
export function isPlaceholderTokenBody(body: string): boolean {
  return isRepeatedChar(body) || TOKEN_PLACEHOLDER_WORD.test(body);
}

/**
 * Removes template interpolations (`${x}`, `{{x}}`, `{x}`, `#{x}`, `%(x)s`, `$X`) from a literal:
 * what remains is the only part written out in the change.
 */
export function stripInterpolations(literal: string): string {
  return literal
    // A bare `$NAME` counts only in the environment-variable convention (upper case): `k9$Xq2!mZ7pL`
    // is a password with a dollar sign in it, not an interpolation.
    .replace(/\$\{\{.*?\}\}|\$\{[^}]*\}|\{\{.*?\}\}|#\{[^}]*\}|%\([^)]*\)[sdr]|\{[A-Za-z_][\w.]*\}|\$[A-Z_][A-Z0-9_]*(?![A-Za-z0-9_])/g, '')
    .trim();
}
