import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { formatKeyPath, type ConfigDocument, type Segment } from './document.js';
import { ConfigError } from './errors.js';
import { CONFIG_SCHEMA, EXTENDS_PATTERN, HOST_PATTERN, SECRET_ID_PATTERN } from './schema.js';
import { closest, listOr } from './suggest.js';

/**
 * Structural validation: ajv against CONFIG_SCHEMA (the same object `npm run schema` writes out), each
 * ajv error turned into a ConfigError that points at the YAML node and says how to fix it.
 */

type SchemaNode = {
  type?: string;
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
  enum?: readonly unknown[];
  minimum?: number;
  maximum?: number;
  pattern?: string;
};

let validator: ValidateFunction | null = null;

function validate(value: unknown): ErrorObject[] {
  if (!validator) {
    // verbose: errors carry the failing schema and data, which the messages below describe.
    // strictRequired off: the overrides `anyOf: [{required: [paths]}, ...]` names properties defined beside it.
    const ajv = new Ajv({ allErrors: true, verbose: true, strict: true, strictRequired: false });
    validator = ajv.compile(CONFIG_SCHEMA);
  }
  return validator(value) ? [] : [...(validator.errors ?? [])];
}

/** Whether a plain value is a structurally valid config (the schema alone). */
export function matchesSchema(value: unknown): boolean {
  return validate(value).length === 0;
}

/** JSON pointer (`/overrides/1/zone`) to key path segments, numbers where the data is a list. */
function pointerToPath(pointer: string, root: unknown): Segment[] {
  if (pointer === '') return [];
  const out: Segment[] = [];
  let data: unknown = root;
  for (const raw of pointer.slice(1).split('/')) {
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(data)) {
      const i = Number(seg);
      out.push(i);
      data = data[i];
    } else {
      out.push(seg);
      data = typeof data === 'object' && data !== null ? (data as Record<string, unknown>)[seg] : undefined;
    }
  }
  return out;
}

/** Where each key name is allowed, for "`allow` belongs under `network`" hints. */
function keyHomes(): Map<string, string[]> {
  const homes = new Map<string, string[]>();
  const walk = (node: SchemaNode, path: string) => {
    for (const [k, child] of Object.entries(node.properties ?? {})) {
      const list = homes.get(k) ?? [];
      list.push(path);
      homes.set(k, list);
      walk(child, path ? `${path}.${k}` : k);
      if (child.items) walk(child.items, `${path ? `${path}.` : ''}${k}[]`);
    }
  };
  walk(CONFIG_SCHEMA as unknown as SchemaNode, '');
  return homes;
}

const HOMES = keyHomes();

function describeExpected(schema: SchemaNode | undefined): string {
  switch (schema?.type) {
    case 'array':
      if (schema.items?.type === 'string') return 'a list of strings';
      if (schema.items?.type === 'object') return 'a list of mappings';
      return 'a list';
    case 'object':
      return 'a mapping of keys';
    case 'boolean':
      return '`true` or `false`';
    case 'integer':
      return 'a whole number';
    case 'number':
      return 'a number';
    case 'string':
      return 'a string';
    default:
      return 'another kind of value';
  }
}

export function describeValue(data: unknown): string {
  if (data === null || data === undefined) return 'nothing (an empty value)';
  if (Array.isArray(data)) return 'a list';
  if (data instanceof Uint8Array) return 'binary data';
  if (typeof data === 'object') return 'a mapping';
  if (typeof data === 'string') return `the string ${JSON.stringify(truncate(data))}`;
  if (typeof data === 'number') return `the number ${data}`;
  if (typeof data === 'boolean') return `\`${data}\``;
  return typeof data;
}

function truncate(s: string): string {
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

function typeFix(expected: SchemaNode | undefined, data: unknown, key: string): string {
  const kind = expected?.type;
  if (kind === 'array') {
    if (data === null || data === undefined) return 'write `[]` for an empty list, or remove the key';
    if (typeof data === 'string') return `write it as a list: \`${key.split('.').pop()}: [${JSON.stringify(truncate(data))}]\`, or one \`- item\` per line`;
    if (expected?.items?.type === 'string') return 'write a list of strings, e.g. `["a", "b"]`, or one `- item` per line';
    return 'write a list, one `- item` per line';
  }
  if (kind === 'object') {
    if (key === '') return 'write the config as a mapping, `key: value` one per line, e.g. `version: 1`';
    if (data === null || data === undefined) return 'indent its keys under it, or remove the key';
    if (key.startsWith('overrides[')) return 'write the entry as a mapping, e.g. `- { rule: "path:migration", paths: ["tools/migrations/**"], zone: yellow }`';
    if (key.startsWith('secrets.patterns[')) return 'write the entry as a mapping, e.g. `- { id: acme-key, regex: "ACME_[A-Z0-9]{32}" }`';
    return 'write its keys indented under it, `name: value` one per line';
  }
  if (kind === 'boolean') {
    if (typeof data === 'string' && /^(yes|no|on|off|y|n|true|false)$/i.test(data)) {
      return 'write `true` or `false` unquoted (YAML 1.2 reads `yes`, `no`, `on` and `off` as strings)';
    }
    return 'write `true` or `false`';
  }
  if (kind === 'integer') {
    if (typeof data === 'string' && /^\s*-?\d+\s*$/.test(data)) return 'write the number without quotes';
    return 'write a whole number, e.g. `1`';
  }
  if (kind === 'string') {
    if (expected?.enum) return `use one of ${listOr(expected.enum.map(String))}`;
    if (data === null || data === undefined) return 'write a value, or remove the key';
    return 'quote the value, e.g. "value"';
  }
  return `write ${describeExpected(expected)}`;
}

interface Mapped {
  path: Segment[];
  atKey: boolean;
  problem: string;
  fix: string;
  /** Lower wins when several errors point at one place. */
  rank: number;
}

function mapError(e: ErrorObject, root: unknown): Mapped | null {
  const path = pointerToPath(e.instancePath, root);
  const key = formatKeyPath(path);
  const parent = e.parentSchema as SchemaNode | undefined;
  const data = e.data;
  switch (e.keyword) {
    case 'additionalProperties': {
      const name = String((e.params as { additionalProperty: string }).additionalProperty);
      const allowed = Object.keys(parent?.properties ?? {});
      const guess = closest(name, allowed);
      const here = formatKeyPath(path);
      const homes = (HOMES.get(name) ?? []).filter((h) => h !== here && !h.includes('[]'));
      let fix: string;
      // A key that exists elsewhere (`allow` at the top level) is more likely misplaced than misspelt.
      if (guess !== null && (guess.toLowerCase() === name.toLowerCase() || homes.length === 0)) fix = `did you mean \`${guess}\`?`;
      else if (homes.length) fix = `\`${name}\` belongs under ${listOr(homes.map((h) => h || '(the top level)'))}; allowed keys here are: ${allowed.join(', ')}`;
      else fix = `remove it; allowed keys${here ? ` under \`${here}\`` : ''} are: ${allowed.join(', ')}`;
      return { path: [...path, name], atKey: true, problem: `unknown key \`${name}\``, fix, rank: 0 };
    }
    case 'type': {
      const expected = describeExpected(parent);
      return {
        path,
        atKey: data === null || data === undefined,
        problem: `expected ${expected}, got ${describeValue(data)}`,
        fix: typeFix(parent, data, key),
        rank: 1,
      };
    }
    case 'enum': {
      const allowed = ((e.params as { allowedValues: unknown[] }).allowedValues ?? []).map(String);
      if (key === 'version') {
        return { path, atKey: false, problem: `unsupported version ${JSON.stringify(data)}: the only config version is 1`, fix: 'write `version: 1`, or remove the key', rank: 2 };
      }
      if (/^overrides\[\d+\]\.zone$/.test(key) && data === 'red') {
        return {
          path,
          atKey: false,
          problem: '`zone: red` in an override: overrides only lower a red rule',
          fix: 'write `zone: yellow` or `zone: green`; to make paths or commands red, list them under `paths.red` or `commands.red`',
          rank: 2,
        };
      }
      const guess = typeof data === 'string' ? closest(data, allowed) : null;
      return {
        path,
        atKey: false,
        problem: `${describeValue(data)} is not one of ${listOr(allowed)}`,
        fix: guess !== null ? `did you mean \`${guess}\`?` : `use one of ${listOr(allowed)}`,
        rank: 2,
      };
    }
    case 'minimum':
    case 'maximum': {
      const range = parent?.maximum !== undefined ? `from ${parent.minimum ?? 0} to ${parent.maximum}` : `of ${parent?.minimum ?? 0} or more`;
      const why =
        key === 'approvals.count'
          ? 'a red PR needs at least one qualified approval'
          : key === 'drift.hour'
            ? 'hours are 0 to 23, UTC'
            : `${key} must be a whole number ${range}`;
      return { path, atKey: false, problem: `${describeValue(data)} is out of range: ${why}`, fix: `write a whole number ${range}`, rank: 2 };
    }
    case 'minLength':
      return { path, atKey: false, problem: 'an empty string', fix: 'remove the empty entry, or write a value', rank: 2 };
    case 'minItems': {
      const what = path[path.length - 1] === 'commands' ? 'command' : 'path';
      return {
        path,
        atKey: false,
        problem: `an empty list: the override applies to no ${what}`,
        fix: `list at least one ${what}, or remove the override`,
        rank: 2,
      };
    }
    case 'required': {
      const missing = String((e.params as { missingProperty: string }).missingProperty);
      return { path: [...path, missing], atKey: true, problem: `missing key \`${missing}\``, fix: requiredFix(missing, key), rank: 1 };
    }
    case 'anyOf':
      return {
        path,
        atKey: false,
        problem: 'the override names no `paths` or `commands`, so it would apply to nothing',
        fix: 'add `paths: [...]` for a path, change or content rule, or `commands: [...]` for a step rule',
        rank: 2,
      };
    case 'pattern':
      return { path, atKey: false, ...patternMessage(parent?.pattern, String(data), key), rank: 2 };
    default:
      return { path, atKey: false, problem: e.message ?? 'invalid value', fix: 'see agent-zones.schema.json for the expected shape', rank: 3 };
  }
}

function requiredFix(missing: string, parentKey: string): string {
  switch (missing) {
    case 'rule':
      return 'name the red rule to lower, e.g. `rule: path:migration`';
    case 'zone':
      return 'add `zone: yellow` or `zone: green`';
    case 'id':
      return 'give the detector a name, e.g. `id: acme-key`';
    case 'regex':
      return 'add the regular expression, e.g. `regex: "ACME_[A-Z0-9]{32}"`';
    default:
      return `add \`${missing}\` to \`${parentKey}\``;
  }
}

function patternMessage(pattern: string | undefined, value: string, key: string): { problem: string; fix: string } {
  const shown = JSON.stringify(truncate(value));
  if (pattern === HOST_PATTERN) {
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
      let host = '';
      try {
        host = new URL(value).hostname;
      } catch {
        /* no host to suggest */
      }
      return { problem: `${shown} is a URL, not a host name`, fix: host ? `write only the host: \`${host}\`` : 'write only the host name, without scheme or path' };
    }
    if (value.includes('/')) return { problem: `${shown} has a path`, fix: `write only the host: \`${value.split('/')[0]}\`` };
    if (/:\d+$/.test(value)) return { problem: `${shown} has a port; hosts are compared without ports`, fix: `write only the host: \`${value.replace(/:\d+$/, '')}\`` };
    if (value.includes('*')) return { problem: `${shown}: a wildcard is only allowed as a leading \`*.\``, fix: 'write an exact host name, or `*.example.com` for every subdomain of example.com' };
    return { problem: `${shown} is not a host name`, fix: 'write an exact host name (`registry.example.com`), `*.example.com`, or an IP address' };
  }
  if (pattern === EXTENDS_PATTERN) {
    return {
      problem: `${shown} is not a reference to a shared config`,
      fix: 'write `.github`, `repo`, `owner/repo`, or one of these followed by `:path/to/file.yml`',
    };
  }
  if (pattern === SECRET_ID_PATTERN) {
    return { problem: `${shown} is not a valid detector id`, fix: 'use letters, digits, `.`, `_` and `-`, starting with a letter or digit, e.g. `acme-key`' };
  }
  if (/\s/.test(value)) {
    return { problem: `${shown} contains whitespace`, fix: `write one name per list entry, without spaces (\`${key}\`)` };
  }
  return { problem: `${shown} has the wrong form`, fix: `match the pattern ${pattern ?? ''}` };
}

/** Structural errors of one document's value, located in its text, one per place, in text order. */
export function structuralErrors(doc: ConfigDocument, value: unknown): ConfigError[] {
  const mapped = validate(value)
    .filter((e) => !e.schemaPath.includes('/anyOf/')) // the anyOf error itself says it better
    .map((e) => mapError(e, value))
    .filter((m): m is Mapped => m !== null);
  const byPlace = new Map<string, Mapped>();
  for (const m of mapped) {
    const id = formatKeyPath(m.path);
    const seen = byPlace.get(id);
    if (!seen || m.rank < seen.rank) byPlace.set(id, m);
  }
  return [...byPlace.values()].map((m) => {
    const pos = m.atKey ? doc.keyPosition(m.path) : doc.valuePosition(m.path);
    return new ConfigError({ file: doc.file, ...pos, key: formatKeyPath(m.path) || '(top level)', problem: m.problem, fix: m.fix });
  });
}
