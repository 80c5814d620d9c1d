import { readFileSync } from 'node:fs';
import type { RepoRef } from '../github/types.js';

/**
 * What the runner tells a JavaScript action about its run, read once from the environment
 * (https://docs.github.com/actions/reference/variables-reference). Nothing here is an input the
 * PR controls: the event payload is written by the runner from GitHub's own webhook.
 */
export interface ActionContext {
  eventName: string;
  /** The webhook payload of the triggering event (GITHUB_EVENT_PATH), `{}` when there is none. */
  payload: EventPayload;
  repo: RepoRef;
  sha: string;
  /** GITHUB_REF_NAME: the branch or tag of the run (`<n>/merge` on pull_request events). */
  refName: string | null;
  /** GITHUB_HEAD_REF: the PR's head branch on pull_request* events. */
  headRef: string | null;
  workspace: string;
  apiUrl: string;
  graphqlUrl: string;
  runnerTemp: string;
  runId: number | null;
  /** GITHUB_ACTION: the step's id, so two steps of one job write two reports. */
  stepId: string;
  actor: string | null;
  home: string | null;
}

export interface PullRequestPayload {
  number: number;
  node_id: string;
  state?: string;
  draft?: boolean;
  user: { login: string; type?: string } | null;
  head: { sha: string; ref: string; repo?: { full_name?: string } | null };
  base: { sha: string; ref: string };
  labels?: { name: string }[];
}

export interface EventPayload {
  action?: string;
  pull_request?: PullRequestPayload;
  repository?: { default_branch?: string; allow_auto_merge?: boolean; full_name?: string };
  [key: string]: unknown;
}

export class ActionInputError extends Error {
  override name = 'ActionInputError';
}

function required(env: NodeJS.ProcessEnv, key: string): string {
  const v = env[key];
  if (!v) throw new ActionInputError(`${key} is not set: agent-zones runs as a step of a GitHub Actions job`);
  return v;
}

export function readContext(env: NodeJS.ProcessEnv = process.env): ActionContext {
  const repository = required(env, 'GITHUB_REPOSITORY');
  const [owner, repo] = repository.split('/');
  if (!owner || !repo) throw new ActionInputError(`GITHUB_REPOSITORY must be owner/name, got ${JSON.stringify(repository)}`);
  const eventPath = env.GITHUB_EVENT_PATH;
  let payload: EventPayload = {};
  if (eventPath) {
    try {
      payload = JSON.parse(readFileSync(eventPath, 'utf8')) as EventPayload;
    } catch (e) {
      throw new ActionInputError(`cannot read the event payload ${eventPath}: ${(e as Error).message}`);
    }
  }
  const apiUrl = (env.GITHUB_API_URL || 'https://api.github.com').replace(/\/+$/, '');
  const runId = Number(env.GITHUB_RUN_ID);
  return {
    eventName: env.GITHUB_EVENT_NAME ?? '',
    payload,
    repo: { owner, repo },
    sha: env.GITHUB_SHA ?? '',
    refName: env.GITHUB_REF_NAME || null,
    headRef: env.GITHUB_HEAD_REF || null,
    workspace: env.GITHUB_WORKSPACE || process.cwd(),
    apiUrl,
    graphqlUrl: (env.GITHUB_GRAPHQL_URL || `${apiUrl.replace(/\/api\/v3$/, '/api')}/graphql`).replace(/\/+$/, ''),
    runnerTemp: env.RUNNER_TEMP || env.TMPDIR || '/tmp',
    runId: Number.isSafeInteger(runId) && runId > 0 ? runId : null,
    stepId: (env.GITHUB_ACTION || 'agent-zones').replace(/[^A-Za-z0-9_.-]/g, '_'),
    actor: env.GITHUB_ACTOR || null,
    home: env.HOME || null,
  };
}

/** Events whose payload is a pull request (the PR the run belongs to). */
export const PR_EVENTS = new Set(['pull_request', 'pull_request_target', 'pull_request_review']);

export function pullRequestOf(ctx: ActionContext): PullRequestPayload | null {
  return PR_EVENTS.has(ctx.eventName) && ctx.payload.pull_request ? ctx.payload.pull_request : null;
}
