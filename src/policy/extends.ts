import { ConfigError, throwConfigErrors } from './errors.js';
import { DEFAULT_CONFIG_PATH } from './defaults.js';
import type { ConfigLayer } from './layer.js';

/**
 * `_extends` (config.md): `.github`, `repo` or `owner/repo`, each with an optional `:path`, merged
 * under the file that names it, as Probot apps do. The policy code does no I/O: the GitHub layer
 * passes a resolver that fetches the shared file.
 */

export interface ExtendsRef {
  /** null: the owner of the repository being configured (or of the shared file that names it). */
  owner: string | null;
  repo: string;
  path: string;
}

/** Returns the text of the shared file, or null when it does not exist. */
export type ExtendsResolver = (ref: { owner: string | null; repo: string; path: string }) => Promise<string | null>;

/** Shared files may extend others; this many hops is plenty for org -> team -> repo setups. */
export const MAX_EXTENDS_DEPTH = 5;

export function parseExtendsRef(value: string): { ref: ExtendsRef } | { problem: string; fix: string } {
  const colon = value.indexOf(':');
  const repoPart = colon === -1 ? value : value.slice(0, colon);
  const path = colon === -1 ? DEFAULT_CONFIG_PATH : value.slice(colon + 1);
  const slash = repoPart.indexOf('/');
  const owner = slash === -1 ? null : repoPart.slice(0, slash);
  const repo = slash === -1 ? repoPart : repoPart.slice(slash + 1);
  const usage = 'write `.github`, `repo`, `owner/repo`, or one of these followed by `:path/to/file.yml`';
  if (owner === '' || repo === '' || repo.includes('/') || repo === '.' || repo === '..') {
    return { problem: `${JSON.stringify(value)} does not name a repository`, fix: usage };
  }
  if (path === '' || path.startsWith('/') || path.split('/').some((s) => s === '..' || s === '.' || s === '')) {
    return { problem: `the path ${JSON.stringify(path)} is not a plain path inside the repository`, fix: 'write a relative path without `.`, `..` or empty segments, e.g. `:.github/agent-zones.yml`' };
  }
  if (!/\.ya?ml$/i.test(path)) {
    return { problem: `the path ${JSON.stringify(path)} is not a YAML file`, fix: 'point at a `.yml` or `.yaml` file' };
  }
  return { ref: { owner, repo, path } };
}

/** How a shared file is named in errors: `owner/.github:.github/agent-zones.yml`. */
export function refLabel(ref: ExtendsRef): string {
  return `${ref.owner === null ? '' : `${ref.owner}/`}${ref.repo}:${ref.path}`;
}

function refId(ref: ExtendsRef): string {
  // Owner and repository names are case-insensitive on GitHub; paths are not.
  return `${(ref.owner ?? '').toLowerCase()}/${ref.repo.toLowerCase()}:${ref.path}`;
}

/**
 * Follows `_extends` from `local`, returning the layers from the farthest shared file to `local`
 * (the merge order). Any problem (no resolver, a missing or unreadable file, a cycle, too deep, an
 * invalid shared file) throws a ConfigError: a config that cannot be fully read fails closed.
 */
export async function extendsChain(
  local: ConfigLayer,
  resolver: ExtendsResolver | undefined,
  checkLayer: (text: string, file: string) => ConfigLayer,
): Promise<ConfigLayer[]> {
  const layers: ConfigLayer[] = [local];
  const trail: string[] = [local.file];
  const visited = new Set<string>();
  let current = local;
  let owner: string | null = null;
  for (;;) {
    const raw = current.value?._extends;
    if (typeof raw !== 'string') return layers;
    const at = { file: current.file, ...current.doc.valuePosition(['_extends']), key: '_extends' };
    const parsed = parseExtendsRef(raw);
    if ('problem' in parsed) throwConfigErrors([new ConfigError({ ...at, ...parsed })]);
    const ref: ExtendsRef = { ...parsed.ref, owner: parsed.ref.owner ?? owner };
    const label = refLabel(ref);
    if (!resolver) {
      throwConfigErrors([
        new ConfigError({
          ...at,
          problem: `\`_extends: ${raw}\` names a shared config, but no repository is available here to read it from`,
          fix: 'check this config where the App or Action can read the shared file, or copy the shared settings into this file and remove `_extends`',
        }),
      ]);
    }
    if (visited.has(refId(ref))) {
      throwConfigErrors([
        new ConfigError({
          ...at,
          problem: `\`_extends\` forms a cycle: ${[...trail, label].join(' -> ')}`,
          fix: 'remove `_extends` from one of these files',
        }),
      ]);
    }
    if (visited.size >= MAX_EXTENDS_DEPTH) {
      throwConfigErrors([
        new ConfigError({
          ...at,
          problem: `\`_extends\` goes more than ${MAX_EXTENDS_DEPTH} files deep: ${[...trail, label].join(' -> ')}`,
          fix: `flatten the chain to at most ${MAX_EXTENDS_DEPTH} shared files`,
        }),
      ]);
    }
    visited.add(refId(ref));
    let text: string | null;
    try {
      text = await resolver(ref);
    } catch (e) {
      throwConfigErrors([
        new ConfigError({
          ...at,
          problem: `could not read the shared config ${label}: ${e instanceof Error ? e.message : String(e)}`,
          fix: 'make sure the App can read that repository, then re-run; until then the config is treated as invalid',
        }),
      ]);
    }
    if (text === null) {
      throwConfigErrors([
        new ConfigError({
          ...at,
          problem: `the shared config ${label} does not exist`,
          fix: `create \`${ref.path}\` in ${ref.owner === null ? `the \`${ref.repo}\` repository of the same owner` : `\`${ref.owner}/${ref.repo}\``}, correct the reference, or remove \`_extends\``,
        }),
      ]);
    }
    const layer = checkLayer(text, label);
    if (layer.errors.length) throwConfigErrors(layer.errors);
    layers.unshift(layer);
    trail.push(label);
    current = layer;
    owner = ref.owner;
  }
}
