import { test, describe, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { setup, type Setup } from './helpers.js';

describe('sim conformance with Octokit', () => {
  let s: Setup;
  before(async () => { s = await setup(); });
  after(() => s.sim.stop());

  test('every REST route the simulator serves is an endpoint in Octokit\'s list', () => {
    const known = new Set<string>();
    const rest = s.octokit.rest as unknown as Record<string, Record<string, { endpoint?: { DEFAULTS: { method: string; url: string } } }>>;
    for (const ns of Object.values(rest)) {
      for (const fn of Object.values(ns)) {
        const d = fn.endpoint?.DEFAULTS;
        if (d) known.add(`${d.method} ${d.url}`);
      }
    }
    assert.ok(known.size > 500);
    const unknown = s.sim.routes.map((r) => `${r.method} ${r.template}`).filter((k) => !known.has(k));
    assert.deepEqual(unknown, []);
  });

  test('each route\'s operation name is the Octokit method in kebab case (pulls/list-files for pulls.listFiles)', () => {
    const rest = s.octokit.rest as unknown as Record<string, Record<string, { endpoint?: { DEFAULTS: { method: string; url: string } } }>>;
    for (const r of s.sim.routes) {
      const [ns, kebab] = r.operation.split('/') as [string, string];
      const camel = kebab.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
      const d = rest[ns]?.[camel]?.endpoint?.DEFAULTS;
      assert.ok(d, `${r.operation} is not an Octokit method`);
      assert.equal(`${d.method} ${d.url}`, `${r.method} ${r.template}`, r.operation);
    }
  });
});
