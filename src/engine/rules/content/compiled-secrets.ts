import type { Policy } from '../../../policy/types.js';
import { KNOWN_DETECTORS, sampler, type Detector } from './detectors.js';
import { KeywordScanner } from './keyword-scanner.js';

/**
 * The keywords of the generic assignment rule: a line holds a secret-like name. Substrings, not
 * words: `DB_PASSWORD`, `githubToken`, `client_secret` all contain one.
 */
export const GENERIC_KEYWORDS = [
  'password',
  'passwd',
  'passphrase',
  'pwd',
  'secret',
  'token',
  'apikey',
  'api_key',
  'api-key',
  'access_key',
  'accesskey',
  'access-key',
  'private_key',
  'privatekey',
  'private-key',
  'credential',
  'signing_key',
  'signingkey',
  'encryption_key',
  'encryptionkey',
  'master_key',
  'bearer',
];

/** Keywords of the URL-credentials detector and of the private-key line. */
export const URL_KEYWORDS = ['://'];
export const PRIVATE_KEY_KEYWORDS = ['private key', 'putty-user-key-file'];

/**
 * The token alphabet (base64, base64url, hex) and the run length that makes a literal long: runs of
 * it are where one level of decoding is tried and where keyword-less detectors can match.
 */
export const TOKEN_RUN_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/_-';
export const LONG_RUN = 24;

export type Trigger = { kind: 'detector'; detector: Detector } | { kind: 'generic' } | { kind: 'url' } | { kind: 'private-key' };

export interface CompiledSecrets {
  detectors: Detector[];
  /** The one-pass prefilter over every keyword (case-insensitive). */
  scanner: KeywordScanner<Trigger>;
  /** Detectors without keywords whose matches lie in a long token run: run on the lines holding one. */
  inLongRun: Detector[];
  /** Custom detectors without keywords: run over the whole text. */
  unkeyed: Detector[];
  /** `secrets.allow`, anchored; `broadFor` names the detectors (and 'generic') whose random samples an entry matches. */
  allow: { regex: RegExp; broadFor: Set<string> }[];
}

const cache = new WeakMap<Policy, CompiledSecrets>();

function customDetector(id: string, source: string, keywords: readonly string[] | undefined): Detector | null {
  let regex: RegExp;
  try {
    regex = new RegExp(source, 'g');
  } catch {
    // The config loader rejects invalid regexes with the key and line (config:invalid); an entry that
    // still reaches here cannot be compiled and cannot match anything.
    return null;
  }
  return {
    id,
    title: `custom pattern \`${id}\` (secrets.patterns)`,
    keywords: (keywords ?? []).map((k) => k.toLowerCase()).filter((k) => k !== ''),
    regex,
    sample: () => '',
  };
}

/** Random literals of the generic rule's shape: an allow entry that matches them would whitelist every password. */
const GENERIC_SAMPLES = (() => {
  const r = sampler(0x1234567);
  const a = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  return [r(a, 12), r(a, 20), r(a + '!@#$%^&*-_', 32), r('0123456789abcdef', 40)];
})();

const URL_SAMPLES = [GENERIC_SAMPLES[1]!, `https://deploy:${GENERIC_SAMPLES[1]!}@db.acme.io`];

const KNOWN_SAMPLES: ReadonlyMap<string, string[]> = new Map(KNOWN_DETECTORS.map((d) => [d.id, [d.sample()]]));

function compile(policy: Policy): CompiledSecrets {
  const detectors: Detector[] = KNOWN_DETECTORS.filter((d) => d.keywords.length > 0);
  const inLongRun: Detector[] = KNOWN_DETECTORS.filter((d) => d.keywords.length === 0 && d.inLongRun === true);
  const unkeyed: Detector[] = KNOWN_DETECTORS.filter((d) => d.keywords.length === 0 && d.inLongRun !== true);
  for (const p of policy.secrets.patterns) {
    const d = customDetector(p.id, p.regex, p.keywords);
    if (!d) continue;
    if (d.keywords.length === 0) unkeyed.push(d);
    else detectors.push(d);
  }

  const byKeyword = new Map<string, Trigger[]>();
  const add = (k: string, t: Trigger): void => {
    const key = k.toLowerCase();
    const list = byKeyword.get(key) ?? [];
    list.push(t);
    byKeyword.set(key, list);
  };
  for (const d of detectors) for (const k of d.keywords) add(k, { kind: 'detector', detector: d });
  for (const k of GENERIC_KEYWORDS) add(k, { kind: 'generic' });
  for (const k of URL_KEYWORDS) add(k, { kind: 'url' });
  for (const k of PRIVATE_KEY_KEYWORDS) add(k, { kind: 'private-key' });

  // Custom keywords outside ASCII cannot enter the automaton; their detectors run over the whole text.
  for (const [k, list] of [...byKeyword]) {
    if (/^[\x00-\x7f]*$/.test(k)) continue;
    byKeyword.delete(k);
    for (const t of list) if (t.kind === 'detector' && !unkeyed.includes(t.detector)) unkeyed.push(t.detector);
  }
  const scanner = new KeywordScanner<Trigger>(byKeyword, { chars: TOKEN_RUN_CHARS, minRun: LONG_RUN });

  const samples = new Map<string, string[]>(KNOWN_SAMPLES);
  samples.set('generic', GENERIC_SAMPLES);
  samples.set('url-credentials', URL_SAMPLES);

  const allow: CompiledSecrets['allow'] = [];
  for (const source of policy.secrets.allow) {
    let regex: RegExp;
    try {
      regex = new RegExp(`^(?:${source})$`);
    } catch {
      continue;
    }
    const broadFor = new Set<string>();
    for (const [id, list] of samples) if (list.some((x) => regex.test(x))) broadFor.add(id);
    allow.push({ regex, broadFor });
  }
  return { detectors, scanner, inLongRun, unkeyed, allow };
}

export function compiledSecrets(policy: Policy): CompiledSecrets {
  let c = cache.get(policy);
  if (!c) {
    c = compile(policy);
    cache.set(policy, c);
  }
  return c;
}

/**
 * `secrets.allow` marks literal values known not to be secrets. An entry counts for a finding only
 * when it matches the whole literal and does not also match a random token of the same format: an
 * entry broad enough for that (`ghp_[A-Za-z0-9]{36}`, `.*`) would whitelist real tokens wholesale,
 * which would lower the locked `content:secret`, so it is ignored for that format.
 */
export function isAllowed(c: CompiledSecrets, detectorId: string, literal: string): boolean {
  for (const a of c.allow) if (!a.broadFor.has(detectorId) && a.regex.test(literal)) return true;
  return false;
}
