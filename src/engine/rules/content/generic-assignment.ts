import { DOCUMENTED_EXAMPLES } from './detectors.js';
import { passesEntropy } from './entropy.js';
import { isLocator, isPlaceholderLiteral, isRandomLookingRun, stripInterpolations } from './placeholder.js';

/**
 * The generic rule of `content:secret`: a secret-like name assigned a literal, in code, YAML, JSON,
 * .env or shell form. Only run on lines the keyword prefilter picked.
 */

/** How an unquoted value is read: in code it is an expression, in config files a literal. */
export type FileKind = 'code' | 'config' | 'other';

const CODE_EXT =
  /\.(?:[cm]?[jt]sx?|py|pyi|go|rb|java|kts?|cs|php|rs|swift|scala|c|h|cc|cpp|cxx|hpp|m|mm|lua|dart|groovy|gradle|exs?|erl|clj|hs|ml|r|jl|pl|pm|vue|svelte|astro)$/i;
const CONFIG_EXT = /\.(?:ya?ml|env|ini|cfg|conf|properties|toml|sh|bash|zsh|ksh|ps1|tf|tfvars|hcl|json|jsonc|json5|xml|plist|service)$/i;
const CONFIG_NAME = /(?:^|\/)(?:\.env(?:\.[^/]*)?|[^/]*\.env|Dockerfile[^/]*|Containerfile|Makefile|GNUmakefile|justfile|\.npmrc|\.pypirc|\.netrc|Procfile)$/i;

export function fileKind(path: string | undefined): FileKind {
  if (!path) return 'other';
  if (CONFIG_NAME.test(path) || CONFIG_EXT.test(path)) return 'config';
  if (CODE_EXT.test(path)) return 'code';
  return 'other';
}

/** Name words that make an assignment secret-like (`DB_PASSWORD`, `githubToken`, `client_secret`). */
const SECRET_WORDS = new Set([
  'password', 'passwords', 'passwd', 'pwd', 'passphrase', 'secret', 'secrets', 'token', 'tokens', 'apikey',
  'accesskey', 'secretkey', 'privatekey', 'credential', 'credentials', 'signingkey', 'encryptionkey', 'masterkey',
]);
/** Words glued to a prefix without a separator (`dbpassword`, `githubtoken`). */
const SECRET_SUFFIXES = ['password', 'passwd', 'passphrase', 'secret', 'token', 'apikey'];
/** `<first> <key>` pairs (`api_key`, `accessKey`, `private-key`). */
const KEY_PAIRS = new Set(['api', 'access', 'private', 'secret', 'signing', 'encryption', 'master', 'auth', 'client']);
/** A last word that makes the name describe the secret instead of holding it (`token_url`, `password_file`). */
const DESCRIPTIVE_LAST = new Set([
  'path', 'paths', 'file', 'files', 'filename', 'dir', 'directory', 'url', 'uri', 'endpoint', 'name', 'names',
  'type', 'types', 'field', 'label', 'prompt', 'hint', 'length', 'len', 'size', 'count', 'env', 'var', 'variable',
  'pattern', 'regex', 'format', 'policy', 'ttl', 'expiry', 'expires', 'expiration', 'header', 'ref', 'arn', 'location',
  'min', 'max', 'enabled', 'required', 'mode', 'provider', 'store', 'source', 'kind', 'template', 'placeholder', 'example',
]);

function nameWords(name: string): string[] {
  return name
    .replace(/^[-@$:]+/, '')
    .split(/[._\-\s[\]'"]+|(?<=[a-z0-9])(?=[A-Z])/)
    .filter((w) => w !== '')
    .map((w) => w.toLowerCase());
}

export function isSecretName(name: string): boolean {
  const words = nameWords(name);
  if (words.length === 0) return false;
  const last = words[words.length - 1]!;
  if (DESCRIPTIVE_LAST.has(last)) return false;
  if (last === 'id' && !words.includes('secret')) return false;
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (SECRET_WORDS.has(w)) return true;
    if (w === 'key' && i > 0 && KEY_PAIRS.has(words[i - 1]!)) return true;
    for (const s of SECRET_SUFFIXES) if (w.length > s.length && w.endsWith(s)) return true;
  }
  return false;
}

export interface GenericHit {
  name: string;
  literal: string;
  /** Offset of the literal in the line. */
  index: number;
}

// `name <op> value` where name may be quoted (JSON), prefixed (`$`, `@`, `:`), dotted or dashed.
const ASSIGNMENT =
  /(?<![\w$@.-])(?<q>["'`]?)(?<name>[@$:]?[A-Za-z_][\w.$-]*)\k<q>\s*(?<op>:=|=>|===?|!==?|\?\?=|\|\|=|=|:(?![:/]))[ \t]*/g;
// `--password=value`, `--token value`.
const CLI_FLAG = /(?<![\w-])--(?<name>[A-Za-z][\w-]*)(?:=|[ \t]+)/g;
// `<password>value</password>`.
const XML_ELEMENT = /<(?<name>[A-Za-z_][\w.-]*)>(?<val>[^<\s]+)<\/\k<name>>/g;
// `Authorization: Bearer <token>`.
const BEARER = /\bBearer[ \t]+(?<val>[A-Za-z0-9._~+/-]{12,}=*)/gi;

/** Reads the value that starts at `at`; null when there is no literal there. */
function readValue(line: string, at: number, kind: FileKind): { literal: string; index: number } | null {
  let i = at;
  const prefix = /^[rRbBuUfF]{1,2}(?=["'`])/.exec(line.slice(i, i + 3));
  if (prefix) i += prefix[0].length;
  const q = line[i];
  if (q === '"' || q === "'" || q === '`') {
    let j = i + 1;
    let out = '';
    while (j < line.length && line[j] !== q) {
      if (line[j] === '\\' && j + 1 < line.length) {
        out += line[j + 1];
        j += 2;
        continue;
      }
      out += line[j];
      j++;
    }
    // An unterminated string continues on the next line: judge the part written here.
    return { literal: out, index: i + 1 };
  }
  const m = /^[^\s,;'"`]+/.exec(line.slice(i));
  if (!m || kind === 'code') return null;
  // Member, call and index expressions name where a value lives: `config.db.password`, `getToken()`.
  if (/[([]/.test(m[0]) || /^[A-Za-z_$][\w$]*(?:(?:\.|\?\.|::|->)[A-Za-z_$][\w$]*)+$/.test(m[0])) return null;
  const literal = m[0].replace(/[)\]}>]+$/, '');
  if (kind === 'other' && /^[A-Za-z_][A-Za-z0-9_]*$/.test(literal) && !(literal.match(/[A-Za-z0-9]+/g) ?? []).some(isRandomLookingRun)) {
    // In prose and unknown files a bare identifier is more likely a variable than a password.
    return null;
  }
  return { literal, index: i };
}

/** The literal is long, random enough, and not a placeholder, reference or locator. */
export function isSecretLiteral(literal: string): boolean {
  if (literal.length < 12) return false;
  if (isPlaceholderLiteral(literal) || isLocator(literal)) return false;
  if (/\s/.test(literal)) return false;
  if (DOCUMENTED_EXAMPLES.has(literal)) return false;
  // An unsigned JWT (`alg: none`, empty signature) proves nothing: only signed ones are credentials.
  if (/^eyJ[\w-]+\.[\w-]*\.$/.test(literal)) return false;
  const rest = stripInterpolations(literal);
  if (rest !== literal && (rest.length < 12 || isPlaceholderLiteral(rest))) return false;
  return passesEntropy(rest);
}

export function findGenericAssignments(line: string, kind: FileKind): GenericHit[] {
  const hits: GenericHit[] = [];
  const push = (name: string, v: { literal: string; index: number } | null): void => {
    if (v && isSecretLiteral(v.literal)) hits.push({ name, literal: v.literal, index: v.index });
  };
  ASSIGNMENT.lastIndex = 0;
  for (let m = ASSIGNMENT.exec(line); m; m = ASSIGNMENT.exec(line)) {
    const name = m.groups!.name!;
    if (!isSecretName(name)) continue;
    push(name, readValue(line, ASSIGNMENT.lastIndex, kind));
  }
  CLI_FLAG.lastIndex = 0;
  for (let m = CLI_FLAG.exec(line); m; m = CLI_FLAG.exec(line)) {
    const name = m.groups!.name!;
    if (isSecretName(name)) push(name, readValue(line, CLI_FLAG.lastIndex, 'config'));
  }
  if (line.includes('</')) {
    XML_ELEMENT.lastIndex = 0;
    for (let m = XML_ELEMENT.exec(line); m; m = XML_ELEMENT.exec(line)) {
      if (isSecretName(m.groups!.name!)) push(m.groups!.name!, { literal: m.groups!.val!, index: m.index + m.groups!.name!.length + 2 });
    }
  }
  BEARER.lastIndex = 0;
  for (let m = BEARER.exec(line); m; m = BEARER.exec(line)) {
    push('Bearer', { literal: m.groups!.val!, index: m.index + m[0].length - m.groups!.val!.length });
  }
  return hits;
}
