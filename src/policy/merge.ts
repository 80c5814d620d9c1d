/**
 * Merges a shared config under a local one the way Probot's `_extends` does (deepmerge defaults):
 * mappings merge key by key, lists are concatenated (shared first), and a local scalar wins.
 * Both sides have already passed validation, so a key never holds a list on one side and a
 * mapping on the other.
 */
export function mergeConfig(base: unknown, local: unknown): unknown {
  if (Array.isArray(base) && Array.isArray(local)) return [...base.map(clone), ...local.map(clone)];
  if (isPlainObject(base) && isPlainObject(local)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(base)) setOwn(out, k, clone(v));
    for (const [k, v] of Object.entries(local)) setOwn(out, k, Object.hasOwn(out, k) ? mergeConfig(out[k], v) : clone(v));
    return out;
  }
  return local === undefined ? clone(base) : clone(local);
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function clone(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(clone);
  if (isPlainObject(v)) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) setOwn(out, k, clone(x));
    return out;
  }
  return v;
}

/** Plain assignment of `__proto__` would change the prototype instead of adding a key. */
function setOwn(obj: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}
