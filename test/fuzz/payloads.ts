// Malformed webhook payloads: real deliveries of the simulator, structurally mutated (keys dropped,
// values of the wrong type, nulls, huge numbers, other events' names), signed with the App's secret
// so they reach the handlers. Shared by test/fuzz/webhooks.test.ts and scripts/fuzz.ts.
import { pick, type Rand } from './random-shim.js';

const EVENTS = ['pull_request', 'pull_request_review', 'check_run', 'check_suite', 'merge_group', 'issue_comment', 'issues', 'installation', 'ping', 'push', 'unknown_event'];
const ACTIONS = ['opened', 'synchronize', 'reopened', 'edited', 'labeled', 'unlabeled', 'submitted', 'dismissed', 'rerequested', 'completed', 'checks_requested', 'created', 'deleted', '', 'x'];
const ODD: unknown[] = [null, 0, -1, 1e308, 2 ** 53 + 1, '', 'x'.repeat(5000), [], {}, true, '../../etc', '__proto__', { __proto__: { polluted: 1 } }, 'main\u0000', '\u202e', NaN];

function mutateValue(r: Rand, v: unknown, depth: number): unknown {
  if (depth > 0 && r() < 0.08) return pick(r, ODD);
  if (Array.isArray(v)) {
    const out = v.map((x) => mutateValue(r, x, depth + 1));
    if (r() < 0.1) out.push(pick(r, ODD));
    return out;
  }
  if (v && typeof v === 'object' && depth < 12) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      if (r() < 0.05) continue; // drop the key
      out[k] = mutateValue(r, x, depth + 1);
    }
    return out;
  }
  return v;
}

export interface FuzzDelivery {
  event: string;
  payload: object;
}

/** One malformed delivery built from a real one. */
export function malformedDelivery(r: Rand, real: { event: string; body: string }[]): FuzzDelivery {
  const base = pick(r, real);
  const parsed = JSON.parse(base.body) as Record<string, unknown>;
  const payload = mutateValue(r, parsed, 0) as Record<string, unknown>;
  if (r() < 0.3) payload.action = pick(r, ACTIONS);
  const event = r() < 0.25 ? pick(r, EVENTS) : base.event;
  return { event, payload: r() < 0.03 ? ([] as unknown as object) : payload };
}
