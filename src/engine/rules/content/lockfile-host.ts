import type { DiffFile } from '../../diff/types.js';
import type { Reason } from '../../types.js';
import { newSide, type ShownLine } from './new-side.js';

/**
 * `content:lockfile-host`: a lockfile entry that resolves a package from somewhere else than the
 * registry the lockfile otherwise uses, or over plain http, or loses its integrity hash. A lockfile
 * diff is long and machine-written, so reviewers skim it: one redirected `resolved` URL installs any
 * tarball under a trusted name.
 */

interface LockfileKind {
  name: string;
  file: RegExp;
  /** The resolved locations a line names (URLs, git specs), as written. */
  resolved: (text: string) => string[];
  /** Lines holding an integrity hash, and lines that start a package entry. */
  integrity: RegExp | null;
  entry: RegExp | null;
  /** The ecosystem's public registries, used when the diff shows no other resolved line. */
  defaults: string[];
}

const NPM_REGISTRIES = ['registry.npmjs.org', 'registry.yarnpkg.com', 'registry.npmjs.com'];
const PYPI = ['pypi.org', 'files.pythonhosted.org', 'pypi.python.org'];
const CRATES = ['registry+https://github.com/rust-lang/crates.io-index', 'sparse+https://index.crates.io/'];

function groups(re: RegExp, text: string): string[] {
  const out: string[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) out.push(m[1]!);
  return out;
}

/** `name@spec` of yarn berry's `resolution:`: the spec, when it is not a registry (`npm:`) one. */
function berrySpec(text: string): string[] {
  const m = /^\s*resolution:\s*"?(.+?)"?\s*$/.exec(text);
  if (!m) return [];
  const at = m[1]!.indexOf('@', 1);
  const spec = at === -1 ? m[1]! : m[1]!.slice(at + 1);
  return /^(?:npm|workspace|patch|portal|link|file|exec):/.test(spec) && !/^(?:file|exec|portal):/.test(spec) ? [] : [spec];
}

const KINDS: LockfileKind[] = [
  {
    name: 'npm',
    file: /(?:^|\/)(?:package-lock|npm-shrinkwrap)\.json$/i,
    resolved: (t) => groups(/"resolved"\s*:\s*"([^"]+)"/g, t),
    integrity: /"integrity"\s*:/,
    entry: /"version"\s*:/,
    defaults: NPM_REGISTRIES,
  },
  {
    name: 'yarn',
    file: /(?:^|\/)yarn\.lock$/i,
    resolved: (t) => [...groups(/^\s*resolved\s+"?([^"\s]+)"?/g, t), ...berrySpec(t)],
    integrity: /^\s*(?:integrity\s|checksum:)/,
    entry: /^\s*version:?\s/,
    defaults: NPM_REGISTRIES,
  },
  {
    name: 'pnpm',
    file: /(?:^|\/)pnpm-lock\.ya?ml$/i,
    resolved: (t) => groups(/\b(?:tarball|repo):\s*['"]?([^\s,}'"]+)/g, t),
    integrity: /\bintegrity:/,
    entry: /\bresolution:/,
    defaults: NPM_REGISTRIES,
  },
  {
    name: 'bun',
    file: /(?:^|\/)bun\.lock$/i,
    resolved: (t) => [...groups(/"((?:https?|git(?:\+\w+)?):\/\/[^"]+)"/g, t), ...groups(/"[^"@\s]+@((?:https?|git(?:\+\w+)?):\/\/[^"]+|github:[^"]+)"/g, t)],
    integrity: /"sha\d+-/,
    entry: /":\s*\["/,
    defaults: NPM_REGISTRIES,
  },
  {
    name: 'poetry',
    file: /(?:^|\/)poetry\.lock$/i,
    resolved: (t) => groups(/^\s*url\s*=\s*"([^"]+)"/g, t),
    integrity: /\bhash\s*=\s*"/,
    entry: /^\[\[package\]\]/,
    defaults: PYPI,
  },
  {
    name: 'uv',
    file: /(?:^|\/)uv\.lock$/i,
    resolved: (t) => groups(/\b(?:registry|url|git)\s*=\s*"([^"]+)"/g, t),
    integrity: /\bhash\s*=\s*"/,
    entry: /^\[\[package\]\]/,
    defaults: PYPI,
  },
  {
    name: 'pipenv',
    file: /(?:^|\/)Pipfile\.lock$/,
    resolved: (t) => groups(/"(?:url|git|file)"\s*:\s*"([^"]+)"/g, t),
    integrity: /"sha256:/,
    entry: /"version"\s*:/,
    defaults: PYPI,
  },
  {
    name: 'cargo',
    file: /(?:^|\/)Cargo\.lock$/,
    resolved: (t) => groups(/^\s*source\s*=\s*"([^"]+)"/g, t),
    integrity: /^\s*checksum\s*=/,
    entry: /^\[\[package\]\]/,
    defaults: CRATES,
  },
  {
    name: 'bundler',
    file: /(?:^|\/)Gemfile\.lock$/,
    resolved: (t) => groups(/^\s*remote:\s*(\S+)/g, t),
    integrity: /\bsha256=/,
    entry: null,
    defaults: ['rubygems.org', 'index.rubygems.org'],
  },
  {
    name: 'composer',
    file: /(?:^|\/)composer\.lock$/,
    resolved: (t) => groups(/"url"\s*:\s*"([^"]+)"/g, t),
    integrity: null,
    entry: null,
    defaults: ['api.github.com', 'github.com', 'codeload.github.com', 'gitlab.com', 'bitbucket.org', 'repo.packagist.org', 'packagist.org'],
  },
];

export function lockfileKind(path: string): LockfileKind | null {
  return KINDS.find((k) => k.file.test(path)) ?? null;
}

export function isLockfile(path: string): boolean {
  return lockfileKind(path) !== null;
}

/** The registry a location belongs to (a host; for Cargo the whole index URL), or why it is none. */
function registryOf(kind: LockfileKind, location: string): { registry: string } | { problem: string } {
  let loc = location.trim();
  if (kind.name === 'cargo') {
    if (/^(?:registry|sparse)\+/.test(loc)) {
      if (!/^(?:registry|sparse)\+https:\/\//.test(loc)) return { problem: 'is not https' };
      return { registry: loc.replace(/\/?$/, '/').replace(/\/\/?$/, '/') };
    }
    return { problem: 'is a git or path source, not a registry' };
  }
  if (/^git(?:\+[a-z]+)?:|^git@|^(?:github|gitlab|bitbucket|gist):|\.git(?:#|$)/i.test(loc)) return { problem: 'is a git source, not a registry' };
  if (/^(?:file|link|portal|exec):/i.test(loc)) return { problem: 'is a local path, not a registry' };
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(loc)) return { registry: '' };
  if (!/^https:\/\//i.test(loc)) return { problem: 'is not https' };
  loc = loc.replace(/^https:\/\//i, '');
  const host = loc.split(/[/?#]/)[0]!.replace(/^[^@]*@/, '').replace(/:\d+$/, '').toLowerCase();
  return { registry: host };
}

function normaliseRegistry(kind: LockfileKind, r: string): string {
  // Aliases of one registry count as one (`registry.yarnpkg.com` serves npm's packages).
  if (kind.defaults === NPM_REGISTRIES && NPM_REGISTRIES.includes(r)) return 'npm';
  if (kind.defaults === PYPI && PYPI.includes(r)) return 'pypi';
  if (kind.name === 'cargo' && (r.startsWith('registry+https://github.com/rust-lang/crates.io-index') || r.startsWith('sparse+https://index.crates.io'))) return 'crates.io';
  return r;
}

/** Composer's `funding` entries carry a `url` too; they resolve nothing. */
function isComposerFunding(run: readonly ShownLine[], i: number): boolean {
  const near = [run[i - 1]?.text ?? '', run[i + 1]?.text ?? ''].join('\n');
  return /"type"\s*:\s*"(?:github|tidelift|custom|patreon|open_collective|opencollective|ko_fi|liberapay|community_bridge|issuehunt|polar|other|buy_me_a_coffee|thanks_dev)"/.test(near);
}

export function lockfileHostReasons(path: string, file: DiffFile): Reason[] {
  const kind = lockfileKind(path);
  if (!kind) return [];
  const side = newSide(file);
  const reasons: Reason[] = [];

  const seen = new Map<string, number>();
  const addedLocations: { line: number; location: string }[] = [];
  const note = (location: string): void => {
    const r = registryOf(kind, location);
    if ('registry' in r && r.registry !== '') {
      const key = normaliseRegistry(kind, r.registry);
      seen.set(key, (seen.get(key) ?? 0) + 1);
    }
  };
  for (const run of side.runs) {
    for (let i = 0; i < run.length; i++) {
      const l = run[i]!;
      if (kind.name === 'composer' && isComposerFunding(run, i)) continue;
      const locations = kind.resolved(l.text);
      for (const loc of locations) {
        if (l.added) addedLocations.push({ line: l.line, location: loc });
        else note(loc);
      }
    }
  }
  for (const text of side.removed) for (const loc of kind.resolved(text)) note(loc);

  // The registry the lockfile otherwise uses: what its unchanged and removed lines show; for a new
  // lockfile its most used registry; where the diff shows none, the ecosystem's public registry.
  let allowed: Set<string>;
  if (side.complete) {
    const counts = new Map<string, number>();
    for (const a of addedLocations) {
      const r = registryOf(kind, a.location);
      if ('registry' in r && r.registry !== '') {
        const key = normaliseRegistry(kind, r.registry);
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
    }
    const top = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
    allowed = new Set(top ? [top] : []);
    if (!top || kind.defaults.some((d) => normaliseRegistry(kind, d) === top)) for (const d of kind.defaults) allowed.add(normaliseRegistry(kind, d));
  } else if (seen.size > 0) {
    allowed = new Set(seen.keys());
  } else {
    allowed = new Set(kind.defaults.map((d) => normaliseRegistry(kind, d)));
  }
  const shown = [...allowed].map((a) => (a === 'npm' ? 'registry.npmjs.org' : a === 'pypi' ? 'pypi.org' : a)).join(', ');

  for (const a of addedLocations) {
    const r = registryOf(kind, a.location);
    let problem: string | null = null;
    if ('problem' in r) problem = r.problem;
    else if (r.registry !== '' && !allowed.has(normaliseRegistry(kind, r.registry))) problem = `is not on the registry this lockfile otherwise uses (${shown})`;
    if (!problem) continue;
    reasons.push({
      rule: 'content:lockfile-host',
      zone: 'red',
      message: `lockfile entry resolves from \`${a.location.slice(0, 160)}\`, which ${problem}: a lockfile can point a trusted package name at any tarball; regenerate the lockfile from the registry or check this source`,
      line: a.line,
    });
  }

  if (kind.integrity && !side.complete) {
    let removedIntegrity = 0;
    let removedEntries = 0;
    for (const t of side.removed) {
      if (kind.integrity.test(t)) removedIntegrity++;
      if (kind.entry?.test(t)) removedEntries++;
    }
    let addedIntegrity = 0;
    let addedEntries = 0;
    let firstAdded: number | undefined;
    for (const a of file.added) {
      firstAdded ??= a.line;
      if (kind.integrity.test(a.text)) addedIntegrity++;
      if (kind.entry?.test(a.text)) addedEntries++;
    }
    const lostIntegrity = removedIntegrity - addedIntegrity;
    const lostEntries = Math.max(0, removedEntries - addedEntries);
    if (lostIntegrity > lostEntries) {
      reasons.push({
        rule: 'content:lockfile-host',
        zone: 'red',
        message: `${lostIntegrity - lostEntries} integrity hash${lostIntegrity - lostEntries === 1 ? '' : 'es'} removed from the lockfile while the packages stay: without it the package manager installs whatever the URL serves; restore the integrity field`,
        ...(firstAdded !== undefined ? { line: firstAdded } : {}),
      });
    }
  }
  return reasons;
}
