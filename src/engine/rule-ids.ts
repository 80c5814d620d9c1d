import type { Zone } from './types.js';

/** Which kind of target an `overrides` entry names for a rule: file paths or commands. */
export type RuleTarget = 'paths' | 'commands' | 'none';

export interface RuleInfo {
  id: string;
  /** The zone the rule asks for by default (the highest where it has several). */
  zone: Zone;
  target: RuleTarget;
}

const rule = (id: string, zone: Zone, target: RuleTarget): RuleInfo => ({ id, zone, target });

/** Every rule id of default-policy.md. The ids are a contract: tests, docs and configs name them. */
export const RULES: readonly RuleInfo[] = [
  rule('path:suspicious-name', 'red', 'paths'),
  rule('change:delete', 'red', 'paths'),
  rule('change:rename', 'green', 'paths'),
  rule('change:symlink', 'red', 'paths'),
  rule('change:submodule', 'red', 'paths'),
  rule('change:exec-bit', 'red', 'paths'),
  rule('change:binary-executable', 'red', 'paths'),
  rule('change:binary-text', 'red', 'paths'),
  rule('change:binary', 'red', 'paths'),
  rule('pr:truncated', 'red', 'none'),
  rule('config:invalid', 'red', 'none'),
  rule('path:gate-config', 'red', 'paths'),
  rule('path:git-internals', 'red', 'paths'),
  rule('path:ci', 'red', 'paths'),
  rule('path:governance', 'red', 'paths'),
  rule('path:git-plumbing', 'red', 'paths'),
  rule('path:agent-config', 'red', 'paths'),
  rule('path:devenv', 'red', 'paths'),
  rule('path:credentials', 'red', 'paths'),
  rule('path:pkg-config', 'red', 'paths'),
  rule('path:production', 'red', 'paths'),
  rule('path:migration', 'red', 'paths'),
  rule('path:config-red', 'red', 'paths'),
  rule('path:config-yellow', 'yellow', 'paths'),
  rule('path:dependency-manifest', 'yellow', 'paths'),
  rule('path:lockfile', 'yellow', 'paths'),
  rule('path:docs', 'green', 'paths'),
  rule('path:tests', 'green', 'paths'),
  rule('path:output', 'green', 'paths'),
  rule('path:source', 'yellow', 'paths'),
  rule('content:secret', 'red', 'paths'),
  rule('content:private-key', 'red', 'paths'),
  rule('content:hidden-unicode', 'red', 'paths'),
  rule('content:scanner-suppression', 'red', 'paths'),
  rule('content:install-script', 'red', 'paths'),
  rule('content:lockfile-host', 'red', 'paths'),
  rule('content:dangerous-command', 'red', 'paths'),
  rule('content:test-exec', 'yellow', 'paths'),
  rule('step:read-only', 'green', 'commands'),
  rule('step:build-test', 'yellow', 'commands'),
  rule('step:outside-write', 'red', 'commands'),
  rule('step:workspace-write', 'yellow', 'commands'),
  rule('step:package-install', 'yellow', 'commands'),
  rule('step:api-write', 'yellow', 'commands'),
  rule('step:git-push', 'yellow', 'commands'),
  rule('step:unknown', 'yellow', 'commands'),
  rule('step:cloud-read', 'yellow', 'commands'),
  rule('step:delete', 'red', 'commands'),
  rule('step:credential-access', 'red', 'commands'),
  rule('step:network', 'red', 'commands'),
  rule('step:remote-exec', 'red', 'commands'),
  rule('step:exfiltration', 'red', 'commands'),
  rule('step:obfuscated', 'red', 'commands'),
  rule('step:production', 'red', 'commands'),
  rule('step:force-push', 'red', 'commands'),
  rule('step:approve', 'red', 'commands'),
  rule('step:github-env', 'red', 'commands'),
  rule('step:inline-code', 'red', 'commands'),
  rule('step:config-red', 'red', 'commands'),
  rule('step:config-yellow', 'yellow', 'commands'),
  rule('step:config-green', 'green', 'commands'),
  rule('step:first-party-action', 'green', 'commands'),
  rule('step:third-party-action', 'yellow', 'commands'),
  rule('step:deploy-action', 'red', 'commands'),
  rule('step:approve-action', 'red', 'commands'),
  rule('wf:dangerous-trigger', 'red', 'none'),
  rule('wf:untrusted-checkout', 'red', 'none'),
  rule('wf:excessive-permissions', 'red', 'none'),
  rule('wf:template-injection', 'red', 'none'),
  rule('wf:production-environment', 'red', 'none'),
  rule('wf:self-hosted', 'red', 'none'),
  rule('wf:secrets-inherit', 'red', 'none'),
  rule('wf:default-permissions', 'yellow', 'none'),
  rule('wf:unparsable', 'red', 'none'),
];

export const RULE_BY_ID: ReadonlyMap<string, RuleInfo> = new Map(RULES.map((r) => [r.id, r]));
