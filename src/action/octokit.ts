import { Octokit as Core } from '@octokit/core';
import { paginateRest } from '@octokit/plugin-paginate-rest';
import { restEndpointMethods } from '@octokit/plugin-rest-endpoint-methods';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import * as core from '@actions/core';
import Bottleneck from 'bottleneck';
import type { Octokit } from '../github/types.js';

/** A request with no answer by then is aborted and retried (Octokit has no timeout of its own). */
const REQUEST_TIMEOUT_MS = 20_000;
const MAX_RATE_LIMIT_RETRIES = 3;
const MAX_RATE_LIMIT_WAIT_S = 60;

/*
 * The same plugins as Probot's Octokit (throttling, retry, pagination, REST methods), so the
 * src/github functions written for the App run unchanged; built from @octokit/core rather than
 * imported from probot, which would pull the whole web server into the single-file bundle.
 */
const ActionOctokit = Core.plugin(throttling, retry, paginateRest, restEndpointMethods);

interface ThrottleRequest {
  method: string;
  url: string;
}

export interface ActionOctokitOptions {
  /** Base of the retry backoff for 5xx and timeouts (Octokit's default: 1 s). */
  retryBaseMs?: number;
  /** Spacing of write requests; GitHub asks for about a second, Octokit's default. */
  writeIntervalMs?: number;
}

export function actionOctokit(token: string, baseUrl: string, opts: ActionOctokitOptions = {}): Octokit {
  const octokit = new ActionOctokit({
    auth: token,
    baseUrl,
    userAgent: 'agent-zones-action',
    request: { fetch: (input: Parameters<typeof fetch>[0], init?: RequestInit) => fetch(input, { ...init, signal: init?.signal ?? AbortSignal.timeout(REQUEST_TIMEOUT_MS) }) },
    retry: opts.retryBaseMs !== undefined ? { retryAfterBaseValue: opts.retryBaseMs } : {},
    log: { debug: (m: string) => core.debug(m), info: (m: string) => core.debug(m), warn: (m: string) => core.warning(m), error: (m: string) => core.error(m) },
    throttle: {
      ...(opts.writeIntervalMs !== undefined ? { write: new Bottleneck.Group({ id: 'agent-zones-action-write', maxConcurrent: 1, minTime: opts.writeIntervalMs }) } : {}),
      // The plugin retries when the handler returns true (its type says void).
      onSecondaryRateLimit: (retryAfter: number, req: ThrottleRequest, _octokit: unknown, retryCount: number) => {
        core.warning(`secondary rate limit on ${req.method} ${req.url}: retry ${retryCount + 1} in ${retryAfter}s`);
        return retryCount < MAX_RATE_LIMIT_RETRIES;
      },
      onRateLimit: (retryAfter: number, req: ThrottleRequest, _octokit: unknown, retryCount: number) => {
        core.warning(`rate limit on ${req.method} ${req.url}: retry in ${retryAfter}s`);
        return retryCount < MAX_RATE_LIMIT_RETRIES && retryAfter <= MAX_RATE_LIMIT_WAIT_S;
      },
    },
  });
  // Structurally the Octokit of src/github (REST methods, paginate, graphql); the type there is
  // Probot's, whose extra plugins (config, request logging) src/github does not use.
  return octokit as unknown as Octokit;
}

function envNumber(env: NodeJS.ProcessEnv, key: string): number | undefined {
  const raw = env[key];
  const v = Number(raw);
  return raw !== undefined && raw !== '' && Number.isFinite(v) && v >= 0 ? v : undefined;
}

/** AGENT_ZONES_WRITE_INTERVAL_MS and AGENT_ZONES_RETRY_BASE_MS, as for the App (tests on the loopback simulator). */
export function octokitOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): ActionOctokitOptions {
  const writeIntervalMs = envNumber(env, 'AGENT_ZONES_WRITE_INTERVAL_MS');
  const retryBaseMs = envNumber(env, 'AGENT_ZONES_RETRY_BASE_MS');
  return { ...(writeIntervalMs !== undefined ? { writeIntervalMs } : {}), ...(retryBaseMs !== undefined ? { retryBaseMs } : {}) };
}
