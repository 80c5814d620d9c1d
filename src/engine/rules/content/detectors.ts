/**
 * Known token formats with their real shape and length (default-policy.md, `content:secret`). Each
 * detector names lowercase keywords: a line is only tried against a detector when one of its keywords
 * occurs in it (the cheap prefilter, as gitleaks does), so the regexes below run on few lines.
 *
 * Regexes are global and case-sensitive unless the format is not; the secret is the named group `s`
 * (the whole match when there is none). `prefix` strips the fixed part of a token, leaving the
 * variable part that the placeholder checks look at.
 */
export interface Detector {
  id: string;
  /** What a reviewer reads in the message. */
  title: string;
  keywords: readonly string[];
  regex: RegExp;
  prefix?: RegExp;
  /** Extra shape check on the secret (a JWT header that decodes to JSON, ...). */
  validate?: (secret: string) => boolean;
  /** Builds a random token of this format: allow regexes that match it are too broad to mark placeholders. */
  sample: () => string;
  /**
   * For a detector without keywords: every match lies inside a run of at least 24 characters of
   * `[A-Za-z0-9+/_-]` on one line, so it is tried only on the lines where the prefilter saw one
   * instead of over the whole text.
   */
  inLongRun?: boolean;
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const HEX = '0123456789abcdef';
const UPPER_NUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const B64 = ALNUM + '+/';
const B64URL = ALNUM + '-_';

/** Deterministic pseudo-random strings (a fixed LCG): samples must be the same on every run. */
export function sampler(seed = 0x9e3779b9): (alphabet: string, n: number) => string {
  let state = seed >>> 0;
  return (alphabet, n) => {
    let out = '';
    for (let i = 0; i < n; i++) {
      state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
      out += alphabet[(state >>> 8) % alphabet.length];
    }
    return out;
  };
}

function jwtHeaderOk(token: string): boolean {
  const head = token.slice(0, token.indexOf('.'));
  try {
    const json = Buffer.from(head, 'base64url').toString('utf8');
    return /"(?:alg|typ|kid|enc)"\s*:/.test(json);
  } catch {
    return false;
  }
}

const s = sampler();

export const KNOWN_DETECTORS: readonly Detector[] = [
  {
    id: 'aws-access-key-id',
    title: 'AWS access key id',
    keywords: ['akia', 'asia', 'abia', 'acca'],
    regex: /(?<![A-Za-z0-9])(?<s>(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16})(?![A-Za-z0-9])/g,
    prefix: /^[A-Z]{4}/,
    sample: () => 'AKIA' + s(UPPER_NUM, 16),
  },
  {
    id: 'aws-secret-access-key',
    title: 'AWS secret access key',
    keywords: ['aws_secret', 'secret_access_key', 'secretaccesskey', 'aws_secret_key', 'secret-access-key', 'aws secret'],
    regex:
      /(?:aws)?[_.\s-]?secret[_.\s-]?(?:access)?[_.\s-]?key(?:[_-]?id)?["'`]?\s*(?::=|=>|=|:|,)\s*["'`]?(?<s>[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])/gi,
    sample: () => s(B64, 40),
  },
  {
    id: 'github-token',
    title: 'GitHub token',
    keywords: ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_'],
    regex: /(?<![A-Za-z0-9_])(?<s>gh[pousr]_[A-Za-z0-9]{36,251})(?![A-Za-z0-9_])/g,
    prefix: /^gh[pousr]_/,
    sample: () => 'ghp_' + s(ALNUM, 36),
  },
  {
    id: 'github-fine-grained-token',
    title: 'GitHub fine-grained personal access token',
    keywords: ['github_pat_'],
    regex: /(?<![A-Za-z0-9_])(?<s>github_pat_[A-Za-z0-9]{22,}_[A-Za-z0-9]{40,})(?![A-Za-z0-9_])/g,
    prefix: /^github_pat_/,
    sample: () => 'github_pat_' + s(ALNUM, 22) + '_' + s(ALNUM, 59),
  },
  {
    id: 'gitlab-token',
    title: 'GitLab token',
    keywords: ['glpat-', 'gldt-', 'glrt-', 'glptt-', 'glcbt-', 'glft-', 'glsoat-', 'gloas-'],
    regex: /(?<![A-Za-z0-9_-])(?<s>gl(?:pat|dt|rt|ptt|cbt|ft|soat|oas)-[A-Za-z0-9_-]{20,})(?![A-Za-z0-9_-])/g,
    prefix: /^gl[a-z]+-/,
    sample: () => 'glpat-' + s(ALNUM, 20),
  },
  {
    id: 'slack-token',
    title: 'Slack token',
    keywords: ['xoxa-', 'xoxb-', 'xoxp-', 'xoxr-', 'xoxs-', 'xoxo-', 'xoxe-', 'xoxe.', 'xapp-'],
    regex: /(?<![A-Za-z0-9])(?<s>(?:xox[abprsoe]|xoxe\.xox[bp]|xapp)-(?=[A-Za-z0-9-]*\d)[A-Za-z0-9-]{10,})/g,
    prefix: /^(?:xox[abprsoe]|xoxe\.xox[bp]|xapp)-/,
    sample: () => `xoxb-${s('0123456789', 12)}-${s('0123456789', 13)}-${s(ALNUM, 24)}`,
  },
  {
    id: 'slack-webhook',
    title: 'Slack webhook URL',
    keywords: ['hooks.slack.com'],
    regex: /(?<s>https?:\/\/hooks\.slack\.com\/(?:services|workflows|triggers)\/[A-Za-z0-9_]{8,}\/[A-Za-z0-9_]{8,}\/[A-Za-z0-9_]{16,})/g,
    prefix: /^https?:\/\/hooks\.slack\.com\/(?:services|workflows|triggers)\//,
    sample: () => `https://hooks.slack.com/services/T${s(UPPER_NUM, 8)}/B${s(UPPER_NUM, 8)}/${s(ALNUM, 24)}`,
  },
  {
    id: 'stripe-key',
    title: 'Stripe secret or restricted key',
    keywords: ['sk_live_', 'sk_test_', 'rk_live_', 'rk_test_'],
    regex: /(?<![A-Za-z0-9_])(?<s>[sr]k_(?:live|test)_[A-Za-z0-9]{24,247})(?![A-Za-z0-9_])/g,
    prefix: /^[sr]k_(?:live|test)_/,
    sample: () => 'sk_live_' + s(ALNUM, 24),
  },
  {
    id: 'google-api-key',
    title: 'Google API key',
    keywords: ['aiza'],
    regex: /(?<![A-Za-z0-9_-])(?<s>AIza[A-Za-z0-9_-]{35})(?![A-Za-z0-9_-])/g,
    prefix: /^AIza/,
    sample: () => 'AIza' + s(B64URL, 35),
  },
  {
    id: 'npm-token',
    title: 'npm access token',
    keywords: ['npm_'],
    regex: /(?<![A-Za-z0-9_])(?<s>npm_[A-Za-z0-9]{36})(?![A-Za-z0-9_])/g,
    prefix: /^npm_/,
    sample: () => 'npm_' + s(ALNUM, 36),
  },
  {
    id: 'anthropic-key',
    title: 'Anthropic API key',
    keywords: ['sk-ant-'],
    regex: /(?<![A-Za-z0-9_-])(?<s>sk-ant-[a-z]+\d*-[A-Za-z0-9_-]{32,})(?![A-Za-z0-9_-])/g,
    prefix: /^sk-ant-[a-z]+\d*-/,
    sample: () => 'sk-ant-api03-' + s(B64URL, 93) + 'AA',
  },
  {
    id: 'openai-key',
    title: 'OpenAI API key',
    keywords: ['sk-'],
    regex: /(?<![A-Za-z0-9_-])(?<s>sk-(?:(?:proj|svcacct|admin|None)-[A-Za-z0-9_-]{32,}|[A-Za-z0-9]{32,}))(?![A-Za-z0-9_-])/g,
    prefix: /^sk-(?:(?:proj|svcacct|admin|None)-)?/,
    sample: () => 'sk-proj-' + s(B64URL, 64),
  },
  {
    id: 'twilio-api-key',
    title: 'Twilio API key',
    // No keyword: `sk` is in every other word (task, ask, disk) and would send most lines to the
    // detectors; the case-sensitive `SK` literal lets the regex engine skip ahead on its own.
    keywords: [],
    regex: /(?<![A-Za-z0-9])(?<s>SK[0-9a-f]{32})(?![A-Za-z0-9])/g,
    inLongRun: true,
    prefix: /^SK/,
    sample: () => 'SK' + s(HEX, 32),
  },
  {
    id: 'twilio-auth-token',
    title: 'Twilio auth token',
    keywords: ['twilio'],
    regex: /twilio[\w.-]*?(?:auth)?[_.-]?token["'`]?\s*(?::=|=>|=|:)\s*["'`]?(?<s>[0-9a-f]{32})(?![0-9a-zA-Z])/gi,
    sample: () => s(HEX, 32),
  },
  {
    id: 'sendgrid-key',
    title: 'SendGrid API key',
    keywords: ['sg.'],
    regex: /(?<![A-Za-z0-9_-])(?<s>SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43})(?![A-Za-z0-9_-])/g,
    prefix: /^SG\./,
    sample: () => `SG.${s(B64URL, 22)}.${s(B64URL, 43)}`,
  },
  {
    id: 'jwt',
    title: 'JSON Web Token with a signature',
    keywords: ['eyj'],
    regex: /(?<![A-Za-z0-9_-])(?<s>eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{16,})(?![A-Za-z0-9_-])/g,
    validate: jwtHeaderOk,
    sample: () =>
      `${Buffer.from('{"alg":"HS256","typ":"JWT"}').toString('base64url')}.${Buffer.from(`{"sub":"${s(ALNUM, 10)}"}`).toString('base64url')}.${s(B64URL, 43)}`,
  },
  // Formats beyond the spec's examples (the spec's lists name families): widely used providers whose
  // tokens have a fixed prefix, so they cost nothing in false positives.
  {
    id: 'pypi-token',
    title: 'PyPI upload token',
    keywords: ['pypi-'],
    regex: /(?<s>pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,})/g,
    prefix: /^pypi-AgEIcHlwaS5vcmc/,
    sample: () => 'pypi-AgEIcHlwaS5vcmc' + s(B64URL, 60),
  },
  {
    id: 'docker-hub-token',
    title: 'Docker Hub access token',
    keywords: ['dckr_pat_'],
    regex: /(?<s>dckr_pat_[A-Za-z0-9_-]{27,})/g,
    prefix: /^dckr_pat_/,
    sample: () => 'dckr_pat_' + s(B64URL, 27),
  },
  {
    id: 'huggingface-token',
    title: 'Hugging Face token',
    keywords: ['hf_'],
    regex: /(?<![A-Za-z0-9_])(?<s>hf_[A-Za-z]{34})(?![A-Za-z0-9_])/g,
    prefix: /^hf_/,
    sample: () => 'hf_' + s('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', 34),
  },
  {
    id: 'digitalocean-token',
    title: 'DigitalOcean token',
    keywords: ['dop_v1_', 'doo_v1_', 'dor_v1_'],
    regex: /(?<s>do[opr]_v1_[a-f0-9]{64})/g,
    prefix: /^do[opr]_v1_/,
    sample: () => 'dop_v1_' + s(HEX, 64),
  },
  {
    id: 'shopify-token',
    title: 'Shopify access token',
    keywords: ['shpat_', 'shpca_', 'shppa_', 'shpss_'],
    regex: /(?<s>shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32})/g,
    prefix: /^shp[a-z]{2}_/,
    sample: () => 'shpat_' + s(HEX, 32),
  },
  {
    id: 'vault-token',
    title: 'HashiCorp Vault token',
    keywords: ['hvs.', 'hvb.'],
    regex: /(?<![A-Za-z0-9])(?<s>hv[sb]\.[A-Za-z0-9_-]{24,})/g,
    prefix: /^hv[sb]\./,
    sample: () => 'hvs.' + s(B64URL, 90),
  },
  {
    id: 'azure-storage-key',
    title: 'Azure storage account key',
    keywords: ['accountkey='],
    regex: /AccountKey=(?<s>[A-Za-z0-9+/]{86}==)/gi,
    sample: () => s(B64, 86) + '==',
  },
  {
    id: 'age-secret-key',
    title: 'age secret key',
    keywords: ['age-secret-key-1'],
    regex: /(?<s>AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58})/g,
    prefix: /^AGE-SECRET-KEY-1/,
    sample: () => 'AGE-SECRET-KEY-1' + s('QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L', 58),
  },
  {
    id: 'postman-key',
    title: 'Postman API key',
    keywords: ['pmak-'],
    regex: /(?<s>PMAK-[a-f0-9]{24}-[a-f0-9]{34})/g,
    prefix: /^PMAK-/,
    sample: () => `PMAK-${s(HEX, 24)}-${s(HEX, 34)}`,
  },
  {
    id: 'grafana-token',
    title: 'Grafana token',
    keywords: ['glsa_', 'glc_'],
    regex: /(?<![A-Za-z0-9_])(?<s>(?:glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}|glc_[A-Za-z0-9+/]{32,}={0,2}))/g,
    prefix: /^gl(?:sa|c)_/,
    sample: () => `glsa_${s(ALNUM, 32)}_${s(HEX, 8)}`,
  },
  {
    id: 'linear-key',
    title: 'Linear API key',
    keywords: ['lin_api_'],
    regex: /(?<s>lin_api_[A-Za-z0-9]{40})/g,
    prefix: /^lin_api_/,
    sample: () => 'lin_api_' + s(ALNUM, 40),
  },
  {
    id: 'discord-webhook',
    title: 'Discord webhook URL',
    keywords: ['discord.com/api/webhooks', 'discordapp.com/api/webhooks'],
    regex: /(?<s>https:\/\/(?:ptb\.|canary\.)?discord(?:app)?\.com\/api\/webhooks\/\d{17,20}\/[A-Za-z0-9_-]{60,})/g,
    prefix: /^https:\/\/(?:ptb\.|canary\.)?discord(?:app)?\.com\/api\/webhooks\/\d+\//,
    sample: () => `https://discord.com/api/webhooks/${s('0123456789', 18)}/${s(B64URL, 68)}`,
  },
];

/**
 * Documented example keys: published in vendor docs as examples, not secrets (AWS's example key pair).
 * Only AWS is exempted this way; other providers' published test keys stay secrets (a token that
 * works against a live API, even a sandbox, is still a credential).
 */
export const DOCUMENTED_EXAMPLES: ReadonlySet<string> = new Set([
  'AKIAIOSFODNN7EXAMPLE',
  'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  'AKIAI44QH8DHBEXAMPLE',
  'je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY',
]);
