import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { Ajv } from 'ajv';
import { parse, stringify } from 'yaml';
import { defaultPolicy } from '../../src/policy/defaults.js';
import { ConfigError, loadPolicy } from '../../src/policy/load.js';
import { CONFIG_SCHEMA, schemaFileText } from '../../src/policy/schema.js';
import { fixture } from './helpers.js';
import { KEY_CASES, objectAt } from './key-cases.js';

const committedText = readFileSync(new URL('../../agent-zones.schema.json', import.meta.url), 'utf8');

describe('the committed JSON Schema', () => {
  test('agent-zones.schema.json is what src/policy/schema.ts generates', () => {
    assert.ok(committedText === schemaFileText(), 'agent-zones.schema.json is stale: run `npm run schema` and commit the result');
  });

  test('it is a valid draft-07 schema that a fresh, strict ajv compiles', () => {
    const ajv = new Ajv({ strict: true, strictRequired: false });
    const schema = JSON.parse(committedText) as object;
    assert.equal(ajv.validateSchema(schema), true, JSON.stringify(ajv.errors));
    ajv.compile(schema);
  });

  test('every mapping forbids unknown keys, and every property has a description', () => {
    const walk = (node: Record<string, unknown>, at: string) => {
      if (node.type === 'object') assert.equal(node.additionalProperties, false, `${at} allows unknown keys`);
      const props = (node.properties ?? {}) as Record<string, Record<string, unknown>>;
      for (const [k, child] of Object.entries(props)) {
        assert.ok(typeof child.description === 'string' && child.description.length > 10, `${at}.${k} has no description`);
        walk(child, `${at}.${k}`);
      }
      if (node.items) walk(node.items as Record<string, unknown>, `${at}[]`);
    };
    walk(JSON.parse(committedText) as Record<string, unknown>, '(top level)');
  });

  test('the defaults the schema announces are the defaults the loader applies', () => {
    const d = defaultPolicy() as unknown as Record<string, Record<string, unknown>>;
    const props = CONFIG_SCHEMA.properties as unknown as Record<string, { properties?: Record<string, { default?: unknown }> }>;
    for (const [section, schema] of Object.entries(props)) {
      for (const [key, prop] of Object.entries(schema.properties ?? {})) {
        if ('default' in prop) assert.deepEqual(prop.default, d[section]?.[key], `${section}.${key}`);
      }
    }
  });

  test('the full example validates', () => {
    const validate = new Ajv({ strictRequired: false }).compile(JSON.parse(committedText) as object);
    const yaml = fixture('full.yml');
    assert.ok(validate(parse(yaml)), JSON.stringify(validate.errors));
  });
});

/** A fresh validator on the committed file: nothing shared with the loader but the JSON. */
const freshValidate = new Ajv({ allErrors: true, strictRequired: false }).compile(JSON.parse(committedText) as object);

async function loaderAccepts(value: unknown): Promise<boolean> {
  try {
    await loadPolicy(stringify(value), { file: 'agreement.yml', resolveExtends: async () => '' });
    return true;
  } catch (e) {
    if (e instanceof ConfigError) return false;
    throw e;
  }
}

/** Structural cases: [name, value, valid]. Semantic-only rejections are listed separately below. */
function corpus(): [string, unknown, boolean][] {
  const out: [string, unknown, boolean][] = [];
  for (const c of KEY_CASES) {
    for (const v of c.valid) out.push([`${c.path.join('.')} = ${JSON.stringify(v)}`, objectAt(c.path, v), true]);
    for (const bad of c.invalid) if (bad.structural) out.push([`${c.path.join('.')} = ${JSON.stringify(bad.value)}`, objectAt(c.path, bad.value), false]);
  }
  const sections = ['agents', 'paths', 'deletions', 'network', 'secrets', 'commands', 'approvals', 'automerge', 'drift'];
  out.push(['empty mapping', {}, true]);
  out.push(['top-level list', [1], false]);
  out.push(['top-level string', 'x', false]);
  out.push(['unknown top-level key', { nope: 1 }, false]);
  for (const s of sections) {
    out.push([`${s} = {}`, { [s]: {} }, true]);
    out.push([`${s} unknown key`, { [s]: { nope: 1 } }, false]);
    out.push([`${s} = list`, { [s]: [] }, false]);
    out.push([`${s} = string`, { [s]: 'x' }, false]);
  }
  const ov = { rule: 'path:migration', paths: ['db/**'], zone: 'yellow' };
  out.push(['override ok', { overrides: [ov] }, true]);
  out.push(['override with commands', { overrides: [{ rule: 'step:delete', commands: ['rm -rf x'], zone: 'green' }] }, true]);
  out.push(['override unknown key', { overrides: [{ ...ov, why: 'x' }] }, false]);
  out.push(['override no zone', { overrides: [{ rule: ov.rule, paths: ov.paths }] }, false]);
  out.push(['override no rule', { overrides: [{ paths: ov.paths, zone: 'yellow' }] }, false]);
  out.push(['override zone red', { overrides: [{ ...ov, zone: 'red' }] }, false]);
  out.push(['override no target', { overrides: [{ rule: ov.rule, zone: 'yellow' }] }, false]);
  out.push(['override empty paths', { overrides: [{ ...ov, paths: [] }] }, false]);
  out.push(['override as string', { overrides: ['path:migration'] }, false]);
  out.push(['_extends ok', { _extends: 'my-org/.github:policies/a.yml' }, true]);
  out.push(['_extends url', { _extends: 'https://x/y' }, false]);
  out.push(['_extends number', { _extends: 3 }, false]);
  return out;
}

describe('the schema and the loader agree (structural cases)', () => {
  for (const [name, value, valid] of corpus()) {
    test(`${valid ? 'accept' : 'reject'}: ${name}`, async () => {
      const bySchema = freshValidate(value);
      const byLoader = await loaderAccepts(value);
      assert.equal(bySchema, valid, `schema verdict for ${JSON.stringify(value)}`);
      assert.equal(byLoader, valid, `loader verdict for ${JSON.stringify(value)}`);
    });
  }

  test('random combinations of the cases agree', async () => {
    let seed = 12345;
    const rand = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x7fffffff;
    };
    const structural = KEY_CASES.map((c) => ({
      path: c.path,
      values: [...c.valid.map((v) => ({ v, ok: true })), ...c.invalid.filter((b) => b.structural).map((b) => ({ v: b.value, ok: false }))],
    }));
    for (let i = 0; i < 400; i++) {
      const value: Record<string, Record<string, unknown> | unknown> = {};
      let ok = true;
      for (const c of structural) {
        if (rand() < 0.7) continue;
        const pick = c.values[Math.floor(rand() * c.values.length)];
        if (!pick) continue;
        ok &&= pick.ok;
        const [section, key] = c.path as [string, string | undefined];
        if (key === undefined) value[section] = pick.v;
        else value[section] = { ...((value[section] as Record<string, unknown>) ?? {}), [key]: pick.v };
      }
      assert.equal(freshValidate(value), ok, `schema: ${JSON.stringify(value)}`);
      assert.equal(await loaderAccepts(value), ok, `loader: ${JSON.stringify(value)}`);
    }
  });

  test('semantic rejections are the loader\'s alone (the schema accepts them)', async () => {
    for (const c of KEY_CASES) {
      for (const bad of c.invalid) {
        if (bad.structural) continue;
        const value = objectAt(c.path, bad.value);
        assert.equal(freshValidate(value), true, `schema should accept ${JSON.stringify(value)}`);
        assert.equal(await loaderAccepts(value), false, `loader should reject ${JSON.stringify(value)}`);
      }
    }
  });

  test('a loaded policy (minus configPath) validates against the schema', async () => {
    const p = (await loadPolicy(fixture('full.yml'), { file: 'full.yml' })) as unknown as Record<string, unknown>;
    const { configPath: _configPath, ...rest } = p;
    assert.ok(freshValidate(rest), JSON.stringify(freshValidate.errors));
    const { configPath: _c2, ...defaults } = defaultPolicy();
    assert.ok(freshValidate(defaults), JSON.stringify(freshValidate.errors));
  });
});
