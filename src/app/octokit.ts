import Bottleneck from 'bottleneck';
import { ProbotOctokit } from 'probot';

interface ThrottleRequest {
  method: string;
  url: string;
  request: { retryCount: number };
}

interface WithLog {
  log: { warn(msg: string): void };
}

/** Secondary rate limits ask for a pause, not for giving up: retry a few times after `retry-after`. */
const MAX_RATE_LIMIT_RETRIES = 3;
/** A primary limit that resets further away than this fails the decision (and the check says so). */
const MAX_RATE_LIMIT_WAIT_S = 60;

/**
 * Probot's Octokit (retries, throttling, pagination) with two changes: secondary rate limits are
 * retried after GitHub's `retry-after` (Probot's default only logs them, which would turn a busy
 * minute into failed checks), and write requests are spaced by `writeIntervalMs`. GitHub asks for
 * about a second between content-creating requests, the default here too;
 * AGENT_ZONES_WRITE_INTERVAL_MS tunes it (tests and the demo use a short one on the loopback simulator).
 */
export interface OctokitTuning {
  /** Spacing of write requests (GitHub asks for about a second). */
  writeIntervalMs: number;
  /** Spacing of notification-triggering requests such as review requests (GitHub asks for about three seconds). */
  notificationIntervalMs: number;
  /** Base of the retry backoff for 5xx and timeouts: retries wait 1, 4, 9 times this. */
  retryBaseMs: number;
  /** A request with no answer by then is aborted and retried: a hung connection must not hold a decision. */
  timeoutMs: number;
}

export const PRODUCTION_TUNING: OctokitTuning = { writeIntervalMs: 1000, notificationIntervalMs: 3000, retryBaseMs: 1000, timeoutMs: 20_000 };

/**
 * A fetch that gives up on a request with no answer within `timeoutMs` (Octokit has none of its
 * own): the abort surfaces as a 500-class request error, which the retry plugin retries with backoff,
 * so a hung connection neither holds a decision nor fails it at the first stall.
 */
function fetchWithTimeout(inner: typeof fetch, timeoutMs: number): typeof fetch {
  return (input, init) => inner(input, { ...init, signal: init?.signal ?? AbortSignal.timeout(timeoutMs) });
}

export function agentZonesOctokit(tuning: Partial<OctokitTuning> = {}): typeof ProbotOctokit {
  const t = { ...PRODUCTION_TUNING, ...tuning };
  const write = new Bottleneck.Group({ id: 'agent-zones-write', maxConcurrent: 1, minTime: t.writeIntervalMs });
  const notifications = new Bottleneck.Group({ id: 'agent-zones-notifications', maxConcurrent: 1, minTime: t.notificationIntervalMs });
  // Function-form defaults: Probot passes its own `throttle` options, which an object default would lose to.
  return ProbotOctokit.defaults((options: Record<string, unknown>) => ({
    ...options,
    request: {
      ...(options.request as object | undefined),
      fetch: fetchWithTimeout((options.request as { fetch?: typeof fetch } | undefined)?.fetch ?? globalThis.fetch, t.timeoutMs),
    },
    retry: { ...(options.retry as object | undefined), retryAfterBaseValue: t.retryBaseMs },
    throttle: {
      ...(options.throttle as object | undefined),
      write,
      notifications,
      onSecondaryRateLimit: (retryAfter: number, req: ThrottleRequest, octokit: WithLog) => {
        octokit.log.warn(`secondary rate limit on ${req.method} ${req.url}: retry ${req.request.retryCount + 1} in ${retryAfter}s`);
        return req.request.retryCount < MAX_RATE_LIMIT_RETRIES;
      },
      onRateLimit: (retryAfter: number, req: ThrottleRequest, octokit: WithLog) => {
        octokit.log.warn(`rate limit on ${req.method} ${req.url}: retry in ${retryAfter}s`);
        return req.request.retryCount < MAX_RATE_LIMIT_RETRIES && retryAfter <= MAX_RATE_LIMIT_WAIT_S;
      },
    },
  })) as typeof ProbotOctokit;
}

function envNumber(env: NodeJS.ProcessEnv, key: string): number | undefined {
  const raw = env[key];
  const v = Number(raw);
  return raw !== undefined && raw !== '' && Number.isFinite(v) && v >= 0 ? v : undefined;
}

/** AGENT_ZONES_WRITE_INTERVAL_MS, _NOTIFICATION_INTERVAL_MS, _RETRY_BASE_MS, _REQUEST_TIMEOUT_MS; GitHub's pacing by default. */
export function tuningFromEnv(env: NodeJS.ProcessEnv = process.env): OctokitTuning {
  return {
    writeIntervalMs: envNumber(env, 'AGENT_ZONES_WRITE_INTERVAL_MS') ?? PRODUCTION_TUNING.writeIntervalMs,
    notificationIntervalMs: envNumber(env, 'AGENT_ZONES_NOTIFICATION_INTERVAL_MS') ?? PRODUCTION_TUNING.notificationIntervalMs,
    retryBaseMs: envNumber(env, 'AGENT_ZONES_RETRY_BASE_MS') ?? PRODUCTION_TUNING.retryBaseMs,
    timeoutMs: envNumber(env, 'AGENT_ZONES_REQUEST_TIMEOUT_MS') ?? PRODUCTION_TUNING.timeoutMs,
  };
}
