// Signed webhook delivery to the App, with the delivery faults GitHub has: lost deliveries,
// redeliveries of the same id, and late ones. In-flight deliveries are tracked so tests can wait
// for quiet instead of sleeping.
import { createHmac, randomUUID } from 'node:crypto';

export interface DeliveryRecord {
  id: string;
  event: string;
  action?: string;
  status: number;
  /** The exact body sent (replays re-send it under the same delivery id). */
  body?: string;
}

export interface DeliveryMode {
  drop?: (event: string) => boolean;
  /** Every delivery sent twice under one id, or those the function picks (random redeliveries). */
  duplicate?: boolean | ((event: string) => boolean);
  /** A fixed delay, or one per delivery (random delays deliver out of order and late). */
  delayMs?: number | ((event: string) => number);
}

export function sign(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

export class Deliverer {
  readonly deliveries: DeliveryRecord[] = [];
  private mode: DeliveryMode = {};
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(private readonly secret: string, private readonly appId: number, public url: string | undefined, private readonly log: boolean) {}

  setMode(mode: DeliveryMode): void {
    this.mode = mode;
  }

  /** Sends one event under the current delivery mode; resolves when the App has answered. */
  send(event: string, payload: object): Promise<{ status: number }> {
    const action = (payload as { action?: string }).action;
    if (this.mode.drop?.(event)) {
      this.deliveries.push({ id: randomUUID(), event, action, status: 0 });
      return Promise.resolve({ status: 0 });
    }
    const id = randomUUID();
    const { delayMs, duplicate } = this.mode;
    const delay = typeof delayMs === 'function' ? delayMs(event) : (delayMs ?? 0);
    const twice = typeof duplicate === 'function' ? duplicate(event) : (duplicate ?? false);
    const run = async () => {
      if (delay > 0) await new Promise((r) => setTimeout(r, delay));
      const first = await this.post(event, payload, { deliveryId: id });
      if (twice) await this.post(event, payload, { deliveryId: id });
      return first;
    };
    return this.track(run());
  }

  /** Fire-and-forget, for events caused by the App's own API calls (GitHub sends those after answering). */
  sendLater(event: string, payload: object): void {
    const p = new Promise<void>((r) => setImmediate(r)).then(() => this.send(event, payload));
    this.track(p).catch(() => undefined);
  }

  track<T>(p: Promise<T>): Promise<T> {
    this.inFlight.add(p);
    const done = () => this.inFlight.delete(p);
    p.then(done, done);
    return p;
  }

  async post(event: string, payload: object, opts: { signature?: string; deliveryId?: string } = {}): Promise<{ status: number }> {
    const id = opts.deliveryId ?? randomUUID();
    const action = (payload as { action?: string }).action;
    const body = JSON.stringify(payload);
    let status = 0;
    if (!this.url) {
      this.deliveries.push({ id, event, action, status, body });
      return { status };
    }
    try {
      const res = await fetch(this.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'GitHub-Hookshot/sim',
          'x-github-event': event,
          'x-github-delivery': id,
          'x-github-hook-id': '1',
          'x-github-hook-installation-target-type': 'integration',
          'x-github-hook-installation-target-id': String(this.appId),
          'x-hub-signature-256': opts.signature ?? sign(this.secret, body),
          'x-hub-signature': `sha1=${createHmac('sha1', this.secret).update(body).digest('hex')}`,
        },
        body,
      });
      status = res.status;
      await res.arrayBuffer();
    } catch {
      status = 0;
    }
    this.deliveries.push({ id, event, action, status, body });
    if (this.log) console.log(`[sim] webhook ${event}${action ? '.' + action : ''} ${id} -> ${status}`);
    return { status };
  }

  /** Resolves once nothing is in flight, including deliveries started by deliveries. */
  async idle(): Promise<void> {
    while (this.inFlight.size) await Promise.allSettled([...this.inFlight]);
  }
}
