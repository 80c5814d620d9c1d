import type { DiffFile } from '../../diff/types.js';
import type { Reason } from '../../types.js';
import type { JsonEntry } from './json-lines.js';
import { isNewOrChanged, parentKey, scriptPlace, type PackageJsonView } from './package-json.js';

/**
 * `content:install-script`: in `package.json`, a lifecycle script added or changed (it runs on every
 * install or publish, on developer machines and in CI, before any review of its effect), or a
 * dependency installed from a URL, git, a hosting shorthand, a local path or a tarball (no registry
 * immutability, no integrity pinning, often fetched from anywhere).
 */

/** npm/yarn/pnpm lifecycle scripts that run implicitly on install, pack, publish or version. */
export const LIFECYCLE_SCRIPTS = new Set([
  'preinstall', 'install', 'postinstall',
  'preprepare', 'prepare', 'postprepare',
  'prepublish', 'prepublishOnly', 'publish', 'postpublish',
  'prepack', 'postpack',
  'preuninstall', 'uninstall', 'postuninstall',
  'preversion', 'version', 'postversion',
  'dependencies',
]);

const DEPENDENCY_SECTIONS = new Set([
  'dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies', 'overrides', 'resolutions',
]);

/** Top-level manifest fields whose values are URLs or shorthands by design (`repository: "github:o/r"`). */
const MANIFEST_FIELDS = new Set([
  'name', 'version', 'description', 'main', 'module', 'types', 'typings', 'type', 'license', 'homepage', 'repository',
  'bugs', 'url', 'email', 'author', 'funding', 'private', 'packageManager', 'browser', 'bin', 'man', 'directory',
  '$schema', 'workspaces', 'files', 'keywords', 'engines', 'os', 'cpu', 'exports', 'imports', 'publishConfig', 'registry',
  'web', 'source', 'unpkg', 'jsdelivr', 'sideEffects', 'scripts', 'config', 'contributors', 'maintainers', 'displayName',
]);

const PACKAGE_NAME = /^(?:@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*$/i;

const SEMVER_LIKE = /^(?:[~^<>=v]*\s*\d[\w.+-]*(?:\s*(?:-|\|\||\s)\s*[~^<>=v]*\d[\w.+-]*)*|\*|latest|next|x)$/;

/** What makes a dependency spec bypass the registry; null when it is a registry spec. */
export function nonRegistrySpec(spec: string): string | null {
  const v = spec.trim();
  if (/^(?:https?|ftp):\/\//i.test(v)) return /\.(?:tgz|tar\.gz|tar|zip)(?:[?#].*)?$/i.test(v) ? 'a tarball URL' : 'a URL';
  if (/^git(?:\+[a-z]+)?:\/\//i.test(v) || /^git@[^:]+:/.test(v) || /\.git(?:#.*)?$/.test(v) && /[:/]/.test(v)) return 'a git repository';
  if (/^(?:github|gitlab|bitbucket|gist|git):/i.test(v)) return 'a git hosting shorthand';
  if (/^(?:file|link|portal):/i.test(v)) return 'a local path';
  if (/^(?:\.{0,2}\/|~\/)/.test(v)) return 'a local path';
  if (/\.(?:tgz|tar\.gz|tar)$/i.test(v)) return 'a tarball';
  // `owner/repo` or `owner/repo#ref`: npm reads it as a GitHub repository.
  if (/^[A-Za-z0-9][\w.-]*\/[\w.-]+(?:#.*)?$/.test(v) && !v.startsWith('@')) return 'a GitHub repository (owner/repo shorthand)';
  return null;
}

function inDependencySection(e: JsonEntry): boolean | undefined {
  if (e.parents.some((p) => p !== null && DEPENDENCY_SECTIONS.has(p))) return true;
  return parentKey(e) === undefined ? undefined : false;
}

export function installScriptReasons(_file: DiffFile, view: PackageJsonView): Reason[] {
  const reasons: Reason[] = [];
  for (const e of view.entries) {
    if (!isNewOrChanged(e, view)) continue;
    const key = e.key!;
    const value = e.value!;
    const place = scriptPlace(e);
    if (LIFECYCLE_SCRIPTS.has(key) && (place === 'script' || (place === 'maybe' && !SEMVER_LIKE.test(value)))) {
      reasons.push({
        rule: 'content:install-script',
        zone: 'red',
        message: `lifecycle script \`${key}\` added or changed (\`${value.slice(0, 120)}\`): it runs automatically on install/publish, on every machine and CI job that installs this package; check what it executes`,
        line: e.line,
      });
      continue;
    }
    const inDeps = inDependencySection(e);
    if (inDeps === false) continue;
    if (inDeps === undefined && (MANIFEST_FIELDS.has(key) || !PACKAGE_NAME.test(key) || /\s/.test(value.trim()))) continue;
    const what = nonRegistrySpec(value);
    if (!what) continue;
    // Where the hunk hides the parent, `"start": "./run.sh"` is likelier a script than a dependency.
    if (inDeps === undefined && what === 'a local path' && !/^(?:file|link|portal):/i.test(value)) continue;
    reasons.push({
      rule: 'content:install-script',
      zone: 'red',
      message: `dependency \`${key}\` is installed from ${what} (\`${value.slice(0, 120)}\`), not from the registry: its content is not immutable or integrity-pinned and can change or run install scripts; use a registry version`,
      line: e.line,
    });
  }
  return reasons;
}
