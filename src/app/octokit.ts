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
export function agentZonesOctokit(writeIntervalMs: number): typeof ProbotOctokit {
  const write = new Bottleneck.Group({ id: 'agent-zones-write', maxConcurrent: 1, minTime: writeIntervalMs });
  // Function-form defaults: Probot passes its own `throttle` options, which an object default would lose to.
  return ProbotOctokit.defaults((options: Record<string, unknown>) => ({
    ...options,
    throttle: {
      ...(options.throttle as object | undefined),
      write,
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

export function writeIntervalFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.AGENT_ZONES_WRITE_INTERVAL_MS;
  const v = Number(raw);
  return raw !== undefined && raw !== '' && Number.isFinite(v) && v >= 0 ? v : 1000;
}
