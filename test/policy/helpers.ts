import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ConfigError, loadPolicy, type ExtendsResolver } from '../../src/policy/load.js';
import type { Policy } from '../../src/policy/types.js';

export const FILE = '.github/agent-zones.yml';

export function fixture(name: string): string {
  return readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
}

/** Loads and returns every ConfigError, or [] when the config is valid. Any other exception fails the test. */
export async function errorsOf(text: string, resolveExtends?: ExtendsResolver): Promise<ConfigError[]> {
  try {
    await loadPolicy(text, { file: FILE, resolveExtends });
    return [];
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    return [...e.all];
  }
}

export async function load(text: string, resolveExtends?: ExtendsResolver): Promise<Policy> {
  try {
    return await loadPolicy(text, { file: FILE, resolveExtends });
  } catch (e) {
    if (e instanceof ConfigError) assert.fail(`expected a valid config, got: ${e.all.map((x) => x.oneLine()).join('\n')}`);
    throw e;
  }
}

/** Every error is located and explained: line, column, key and fix (config.md). */
export function assertWellFormed(err: ConfigError): void {
  assert.ok(err.line !== null && err.line >= 1, `no line: ${err.oneLine()}`);
  assert.ok(err.column !== null && err.column >= 1, `no column: ${err.oneLine()}`);
  assert.ok(err.key !== null && err.key !== '', `no key: ${err.oneLine()}`);
  assert.ok(err.fix.length > 5, `no fix: ${err.oneLine()}`);
  assert.ok(!/[\r\n]/.test(err.oneLine()), 'oneLine has a line break');
  assert.match(err.oneLine(), /^[^:]+(:[^:]+)?:\d+:\d+: key `[^`]*`: .+\. Fix: .+/);
}
