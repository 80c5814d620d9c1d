import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { stringify } from 'yaml';
import { ConfigError, loadPolicy, type ExtendsResolver } from '../../src/policy/load.js';
import { matchesSchema } from '../../src/policy/structure.js';
import type { Policy } from '../../src/policy/types.js';
import { fixture } from './helpers.js';

/** A seeded PRNG (mulberry32) so a failure reproduces. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const YAML_BITS = [':', '-', ' ', '  ', '\n', '\t', '[', ']', '{', '}', ',', '*', '&a', '*a', '!', '!!str', '"', "'", '#', '?', '|', '>', '%', '@', '`', '~', 'null', '---', '...', '\\', '\u202e', '\u0000', 'é', '0x1F', '1e400', 'yes', '<<', '__proto__', 'constructor'];
const VALUES = ['red', 'green', 'yellow', '-1', '99', '1.5', '"(a+)+"', '"[x"', '"!a/**"', 'path:ci', 'step:delete', '.github', 'a/b/c', '*.com', 'https://x.y/z', '[]', '{}', '~', 'true', '"yes"'];

function mutate(text: string, rand: () => number): string {
  let t = text;
  const n = 1 + Math.floor(rand() * 4);
  for (let i = 0; i < n; i++) {
    const pos = Math.floor(rand() * (t.length + 1));
    const lines = t.split('\n');
    switch (Math.floor(rand() * 7)) {
      case 0: // delete a run of characters
        t = t.slice(0, pos) + t.slice(pos + 1 + Math.floor(rand() * 8));
        break;
      case 1: // insert YAML punctuation
        t = t.slice(0, pos) + (YAML_BITS[Math.floor(rand() * YAML_BITS.length)] ?? '') + t.slice(pos);
        break;
      case 2: {
        // duplicate a line
        const l = Math.floor(rand() * lines.length);
        lines.splice(l, 0, lines[l] ?? '');
        t = lines.join('\n');
        break;
      }
      case 3: {
        // swap two lines
        const a = Math.floor(rand() * lines.length);
        const b = Math.floor(rand() * lines.length);
        [lines[a], lines[b]] = [lines[b] ?? '', lines[a] ?? ''];
        t = lines.join('\n');
        break;
      }
      case 4: {
        // replace a value after a colon
        const l = Math.floor(rand() * lines.length);
        const line = lines[l] ?? '';
        const c = line.indexOf(':');
        if (c !== -1) lines[l] = `${line.slice(0, c + 1)} ${VALUES[Math.floor(rand() * VALUES.length)]}`;
        t = lines.join('\n');
        break;
      }
      case 5: {
        // re-indent a line
        const l = Math.floor(rand() * lines.length);
        lines[l] = ' '.repeat(Math.floor(rand() * 6)) + (lines[l] ?? '').trimStart();
        t = lines.join('\n');
        break;
      }
      default: // truncate
        t = t.slice(0, pos);
    }
  }
  return t;
}

function assertPolicy(p: Policy): void {
  const { configPath, ...rest } = p;
  assert.equal(typeof configPath, 'string');
  assert.ok(matchesSchema(rest), `a loaded policy must be schema-valid: ${JSON.stringify(p)}`);
  assert.equal(p.version, 1);
}

function assertConfigError(e: unknown, text: string): void {
  if (!(e instanceof ConfigError)) {
    assert.fail(`not a ConfigError for ${JSON.stringify(text)}: ${e instanceof Error ? e.stack : String(e)}`);
  }
  for (const err of e.all) {
    assert.ok(err instanceof ConfigError);
    assert.ok(err.fix.length > 0 && err.problem.length > 0);
    assert.ok(!/[\r\n]/.test(err.oneLine()));
    assert.ok(err.line === null || err.line >= 1);
  }
}

async function check(text: string, resolveExtends?: ExtendsResolver): Promise<'policy' | 'error'> {
  try {
    assertPolicy(await loadPolicy(text, { file: 'fuzz.yml', resolveExtends }));
    return 'policy';
  } catch (e) {
    if (e instanceof assert.AssertionError) throw e;
    assertConfigError(e, text);
    return 'error';
  }
}

describe('fuzz: every text ends in a Policy or a ConfigError', () => {
  const seeds = [fixture('full.yml'), fixture('org-shared.yml'), fixture('invalid-many.yml'), '_extends: .github\npaths: {red: [a]}\n'];

  test('3000 mutated texts', async () => {
    const rand = prng(20240601);
    const outcomes = { policy: 0, error: 0 };
    for (let i = 0; i < 3000; i++) {
      const base = seeds[i % seeds.length] ?? '';
      const text = mutate(base, rand);
      const shared = mutate(fixture('org-shared.yml'), rand);
      const resolver: ExtendsResolver = async () => (rand() < 0.2 ? null : rand() < 0.1 ? `_extends: .github\n${shared}` : shared);
      outcomes[await check(text, resolver)]++;
    }
    // Both kinds occur, so the fuzzer reaches the checks beyond the YAML parser.
    assert.ok(outcomes.policy > 100, JSON.stringify(outcomes));
    assert.ok(outcomes.error > 100, JSON.stringify(outcomes));
  });

  test('1000 random structures', async () => {
    const rand = prng(7);
    const atoms: unknown[] = [null, true, false, 0, 1, -1, 23, 24, 1.5, '', ' ', 'x', 'red', 'green', 'path:ci', 'step:delete', 'monday', '*.com', '(a+)+', '[', [], {}, ['a'], { a: 1 }];
    const keys = ['version', 'agents', 'authors', 'paths', 'green', 'red', 'overrides', 'rule', 'zone', 'paths', 'commands', 'secrets', 'patterns', 'id', 'regex', 'allow', 'drift', 'hour', 'approvals', 'count', '_extends', 'nope'];
    const gen = (depth: number): unknown => {
      const r = rand();
      if (depth > 3 || r < 0.4) return atoms[Math.floor(rand() * atoms.length)];
      if (r < 0.6) return Array.from({ length: Math.floor(rand() * 3) }, () => gen(depth + 1));
      const o: Record<string, unknown> = {};
      for (let i = Math.floor(rand() * 4); i > 0; i--) o[keys[Math.floor(rand() * keys.length)] ?? 'x'] = gen(depth + 1);
      return o;
    };
    for (let i = 0; i < 1000; i++) {
      const text = stringify(gen(0));
      await check(text, async () => (rand() < 0.5 ? null : text));
    }
  });

  test('hostile inputs', async () => {
    const texts = [
      '\uFEFFversion: 1\n',
      'a'.repeat(100_000),
      `paths:\n  red: [${Array(5000).fill('"x/**"').join(',')}]\n`,
      '['.repeat(2000),
      '{'.repeat(2000),
      '- '.repeat(2000),
      `${'  '.repeat(500)}a: 1`,
      'version: !!int "1"\n',
      'version: 0x1\n',
      'version: 1.0\n',
      'version: +1\n',
      '__proto__: {polluted: true}\n',
      'constructor: {prototype: {polluted: true}}\n',
      'paths: {red: [\u0000]}\n',
      '"\\ud800": 1\n',
      '? !!null\n: x\n',
      '<<: {version: 1}\n',
      '%YAML 1.1\n---\nversion: 1\n',
      '%TAG ! tag:example.com,2000:\n---\nversion: !x 1\n',
    ];
    for (const t of texts) await check(t);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });
});
