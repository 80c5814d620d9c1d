import { compileGlobs } from '../engine/glob.js';
import { DEFAULT_AGENT_AUTHORS, DEFAULT_AGENT_BRANCHES, DEFAULT_AGENT_LABELS } from '../policy/defaults.js';
import type { Policy } from '../policy/types.js';

export interface PrIdentity {
  author: string;
  headRef: string;
  labels: string[];
}

/** Which rule made a PR an agent PR, or null. The defaults are extended by the config, never replaced. */
export function agentMatch(pr: PrIdentity, policy: Policy): string | null {
  if (policy.agents.all) return '`agents.all` is set';
  const author = pr.author.toLowerCase();
  if ([...DEFAULT_AGENT_AUTHORS, ...policy.agents.authors].some((a) => a.toLowerCase() === author)) return `author ${pr.author} is an agent`;
  if (compileGlobs([...DEFAULT_AGENT_BRANCHES, ...policy.agents.branches])(pr.headRef)) return `branch ${pr.headRef} is an agent branch`;
  const labels = [...DEFAULT_AGENT_LABELS, ...policy.agents.labels].map((l) => l.toLowerCase());
  const label = pr.labels.find((l) => labels.includes(l.toLowerCase()));
  if (label) return `label ${label} marks an agent PR`;
  return null;
}
