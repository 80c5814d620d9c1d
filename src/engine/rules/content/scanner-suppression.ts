import type { DiffFile } from '../../diff/types.js';
import type { Reason } from '../../types.js';
import type { AddedText } from './added-text.js';

/**
 * `content:scanner-suppression`: an added comment that tells a secret scanner to look away
 * (`gitleaks:allow`, `secretlint-disable`, `trufflehog:ignore`, `pragma: allowlist secret`, and the
 * same family from other secret scanners: detect-secrets' `allowlist nextline secret`, ggshield's
 * `ggignore`, `kingfisher:ignore`), or a new or extended ignore file of such a scanner. The engine
 * never honours a suppression a change adds: the finding beside it still counts.
 */
const SUPPRESSION =
  /gitleaks:allow|secretlint-disable|trufflehog:ignore|pragma:\s*allowlist(?:\s+nextline)?\s+secret|\bggignore\b|kingfisher:ignore/gi;

/** Ignore files of secret scanners: every added line whitelists something. */
const IGNORE_FILE = /(?:^|\/)(?:\.gitleaksignore|\.secretlintignore|\.trufflehogignore|\.ggignore|\.secrets\.baseline)$/i;
/** Scanner configs: added lines that allow, ignore or disable. */
const SCANNER_CONFIG = /(?:^|\/)(?:\.?gitleaks\.toml|\.secretlintrc(?:\.[a-z]+)?|\.gitguardian\.ya?ml|trufflehog[^/]*\.ya?ml)$/i;
const CONFIG_ALLOW = /allow|ignore|disable|exclude|skip|paths?\s*=|stopwords/i;

export function scannerSuppressionReasons(path: string, file: DiffFile, added: AddedText): Reason[] {
  const reasons: Reason[] = [];
  const name = path.split('/').pop() ?? path;
  if (IGNORE_FILE.test(path)) {
    const first = file.added.find((a) => a.text.trim() !== '');
    if (file.status === 'added' || first) {
      reasons.push({
        rule: 'content:scanner-suppression',
        zone: 'red',
        message: `${file.status === 'added' ? 'new' : 'extended'} secret-scanner ignore file \`${name}\`: it hides findings from the scanner; the engine does not honour it, and a reviewer should check what it whitelists`,
        line: first?.line ?? 1,
      });
    }
    return reasons;
  }
  if (SCANNER_CONFIG.test(path)) {
    for (const a of file.added) {
      if (!CONFIG_ALLOW.test(a.text)) continue;
      reasons.push({
        rule: 'content:scanner-suppression',
        zone: 'red',
        message: `secret-scanner config \`${name}\` gains an allow/ignore entry (\`${a.text.trim().slice(0, 80)}\`): it hides findings from the scanner`,
        line: a.line,
      });
    }
  }
  SUPPRESSION.lastIndex = 0;
  if (!SUPPRESSION.test(added.text)) return reasons;
  const lines = added.text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    SUPPRESSION.lastIndex = 0;
    const m = SUPPRESSION.exec(lines[i]!);
    if (!m) continue;
    reasons.push({
      rule: 'content:scanner-suppression',
      zone: 'red',
      message: `added secret-scanner suppression \`${m[0]}\`: it tells scanners to ignore this line; agent-zones never honours suppressions a change adds, remove it and remove the secret instead`,
      line: added.lineNumbers[i]!,
    });
  }
  return reasons;
}
