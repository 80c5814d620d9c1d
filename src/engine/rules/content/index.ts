import type { Policy } from '../../../policy/types.js';
import type { DiffFile } from '../../diff/types.js';
import type { Reason } from '../../types.js';
import { addedText, MAX_REASONS_PER_RULE } from './added-text.js';
import { dangerousCommandReasons } from './dangerous-command.js';
import { hiddenUnicodeReasons } from './hidden-unicode.js';
import { installScriptReasons } from './install-script.js';
import { lockfileHostReasons } from './lockfile-host.js';
import { isPackageJson, packageJsonView } from './package-json.js';
import { isPrivateKeyDetector } from './private-key.js';
import { scannerSuppressionReasons } from './scanner-suppression.js';
import { findSecrets, type SecretFinding } from './secret.js';
import { isBuildHook, testExecReasons } from './test-exec.js';

export { findSecrets, redact, type SecretFinding, type FindSecretsOptions } from './secret.js';

/**
 * The content rules (default-policy.md, "Content rules") over the added lines of one text file; for
 * an added file the added lines are the whole file.
 */
export interface ContentInput {
  path: string;
  file: DiffFile;
  /** The path is a test file (`path:tests`) or a fixture: the generic secret rule does not apply. */
  isTest: boolean;
}

/** Fixture and test-data trees: their literals are test data (the generic secret rule skips them). */
const FIXTURE = /(?:^|\/)(?:fixtures?|__fixtures__|testdata|test-data|__mocks__|__snapshots__)\//i;

export function isFixturePath(path: string): boolean {
  return FIXTURE.test(path);
}

function secretReason(f: SecretFinding & { title?: string }, line: number): Reason {
  const title = f.title ?? f.detector;
  if (isPrivateKeyDetector(f.detector)) {
    return {
      rule: 'content:private-key',
      zone: 'red',
      message: `private key block (\`${f.preview}\`) at column ${f.column}${f.detector.includes(':') ? ' inside an encoded literal' : ''}: a private key in the repository is exposed to everyone who can read it and stays in git history; revoke it and keep keys in a secret store`,
      line,
    };
  }
  const generic = f.detector === 'generic-assignment' || f.detector.startsWith('generic-assignment:');
  return {
    rule: 'content:secret',
    zone: 'red',
    message: generic
      ? `${title}: \`${f.preview}\` at column ${f.column} looks like a real secret (long and random, not a placeholder or a reference); load it from the environment or a secret store, and revoke it if it was real`
      : `${title} (\`${f.preview}\`) at column ${f.column}: a credential committed to the repository is exposed to everyone who can read it and stays in git history; revoke it and load it from a secret store`,
    line,
  };
}

/** Keeps the first reasons of each rule and counts the rest in one reason, so one file cannot flood the report. */
function capPerRule(reasons: Reason[]): Reason[] {
  const counts = new Map<string, number>();
  const out: Reason[] = [];
  for (const r of reasons) {
    const n = (counts.get(r.rule) ?? 0) + 1;
    counts.set(r.rule, n);
    if (n <= MAX_REASONS_PER_RULE) out.push(r);
  }
  for (const [rule, n] of counts) {
    if (n <= MAX_REASONS_PER_RULE) continue;
    const first = out.find((r) => r.rule === rule)!;
    out.push({ rule, zone: first.zone, message: `and ${n - MAX_REASONS_PER_RULE} more findings of ${rule} in this file` });
  }
  return out;
}

/** Every content reason of one file, with new-file line numbers. */
export function scanContent(input: ContentInput, policy: Policy): Reason[] {
  const { path, file } = input;
  if (file.binary) return [];
  const isTest = input.isTest || isFixturePath(path);
  const added = addedText(file);
  const reasons: Reason[] = [];

  for (const f of findSecrets(added.text, policy, { isTest, path })) {
    reasons.push(secretReason(f, added.lineNumbers[f.line - 1] ?? f.line));
  }
  reasons.push(...hiddenUnicodeReasons(added));
  reasons.push(...scannerSuppressionReasons(path, file, added));

  if (isPackageJson(path)) {
    const view = packageJsonView(file);
    reasons.push(...installScriptReasons(file, view));
    reasons.push(...dangerousCommandReasons(path, file, policy, view));
  } else {
    reasons.push(...lockfileHostReasons(path, file));
    reasons.push(...dangerousCommandReasons(path, file, policy, null));
  }

  if (input.isTest) reasons.push(...testExecReasons(added, 'test'));
  else if (isBuildHook(path)) reasons.push(...testExecReasons(added, 'build hook'));

  return capPerRule(reasons);
}
