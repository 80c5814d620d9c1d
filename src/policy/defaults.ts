import type { Policy } from './types.js';

export const DEFAULT_CONFIG_PATH = '.github/agent-zones.yml';

export const DEFAULT_AGENT_AUTHORS = [
  'Copilot',
  'copilot-swe-agent[bot]',
  'claude[bot]',
  'devin-ai-integration[bot]',
  'google-labs-jules[bot]',
  'chatgpt-codex-connector[bot]',
  'cursor[bot]',
  'sweep-ai[bot]',
  'codegen-sh[bot]',
];

export const DEFAULT_AGENT_BRANCHES = ['copilot/**', 'claude/**', 'codex/**', 'cursor/**', 'devin/**', 'jules/**', 'agent/**'];

export const DEFAULT_AGENT_LABELS = ['agent'];

/** Hosts network commands may reach without raising to red (`step:network`). */
export const DEFAULT_NETWORK_ALLOW = ['localhost', '127.0.0.1', '::1', 'github.com', 'api.github.com', 'uploads.github.com'];

/** Rules a config can never lower (config.md, "Locked rules"). */
export const LOCKED_RULES: ReadonlySet<string> = new Set([
  'path:gate-config',
  'path:git-internals',
  'path:ci',
  'change:symlink',
  'change:submodule',
  'content:secret',
  'content:private-key',
  'content:hidden-unicode',
  'content:scanner-suppression',
  'step:credential-access',
  'step:remote-exec',
  'step:exfiltration',
  'step:obfuscated',
  'pr:truncated',
  'config:invalid',
]);

/** The built-in policy: what agent-zones decides with no config file. Lists are the user's additions, empty. */
export function defaultPolicy(): Policy {
  return {
    version: 1,
    configPath: DEFAULT_CONFIG_PATH,
    agents: { authors: [], branches: [], labels: [], all: false },
    paths: { green: [], yellow: [], red: [] },
    deletions: { allow: [] },
    overrides: [],
    network: { allow: [] },
    secrets: { patterns: [], allow: [] },
    commands: { green: [], yellow: [], red: [] },
    approvals: { count: 1, users: [], teams: [], permission: 'write' },
    automerge: { green: true, yellow: false, method: 'squash' },
    drift: { enabled: true, weekday: 'monday', hour: 9, 'promote-after': 5 },
  };
}
