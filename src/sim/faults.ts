// Injected API failures: error statuses, rate-limit answers and slow responses, each for a number
// of matching requests.
export interface RequestInfo {
  method: string;
  path: string;
  operation?: string;
}

export interface Fault {
  match: (req: RequestInfo) => boolean;
  status?: number;
  /** How many matching requests fail; 1 when not given. */
  times?: number;
  delayMs?: number;
  retryAfter?: number;
  secondaryRateLimit?: boolean;
}

export interface FaultAnswer {
  status: number;
  headers: Record<string, string>;
  body: object;
}

export class Faults {
  private readonly active: { fault: Fault; left: number }[] = [];

  add(f: Fault): void {
    this.active.push({ fault: f, left: f.times ?? 1 });
  }

  /** Drops every fault not yet used up. */
  clear(): void {
    this.active.length = 0;
  }

  /** Consumes the first matching fault: a delay to wait, and an answer unless the fault only delays. */
  take(req: RequestInfo): { delayMs: number; answer?: FaultAnswer } | undefined {
    const i = this.active.findIndex((a) => a.left > 0 && a.fault.match(req));
    if (i === -1) return undefined;
    const a = this.active[i]!;
    a.left--;
    if (a.left <= 0) this.active.splice(i, 1);
    const f = a.fault;
    const delayMs = f.delayMs ?? 0;
    if (f.status === undefined && !f.secondaryRateLimit) return { delayMs };
    const status = f.status ?? 403;
    const headers: Record<string, string> = {};
    if (f.retryAfter !== undefined) headers['retry-after'] = String(f.retryAfter);
    let body: object;
    if (f.secondaryRateLimit || (status === 403 && f.retryAfter !== undefined)) {
      body = { message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID.', documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits' };
    } else if (status === 429) {
      body = { message: 'API rate limit exceeded', documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api' };
      headers['x-ratelimit-remaining'] = '0';
      headers['x-ratelimit-reset'] = String(Math.floor(Date.now() / 1000) + (f.retryAfter ?? 1));
    } else {
      body = { message: status === 502 ? 'Server Error' : status === 503 ? 'Service Unavailable' : 'Internal Server Error' };
    }
    return { delayMs, answer: { status, headers, body } };
  }
}
