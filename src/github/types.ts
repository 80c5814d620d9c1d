import type { ProbotOctokit } from 'probot';

/** The Octokit instance Probot hands to handlers (REST methods, paginate, graphql, retry, throttling). */
export type Octokit = InstanceType<typeof ProbotOctokit>;

export interface RepoRef {
  owner: string;
  repo: string;
}

/** What the App needs of a log: pino's child loggers fit. */
export interface Logger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
  debug?(obj: object, msg?: string): void;
}

/** The name of the App's check run; the base branch in the name stops a retarget from a lax branch. */
export function checkName(baseBranch: string): string {
  return `agent-zones: ${baseBranch}`;
}

export const ZONE_LABELS = { green: 'zone: green', yellow: 'zone: yellow', red: 'zone: red' } as const;
export const ZONE_LABEL_COLOURS = { green: '2da44e', yellow: 'e3b341', red: 'cf222e' } as const;
