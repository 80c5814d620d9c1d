/**
 * The parts of a `uses:` value. GitHub accepts three forms: `owner/repo[/path]@ref`, a local
 * `./path`, and `docker://image`. Anything else is malformed and is judged as such (never green).
 */
export type RefKind = 'sha' | 'short-sha' | 'version' | 'branch' | 'missing';

export type UsesRef =
  | { form: 'remote'; owner: string; repo: string; path: string | null; ref: string | null; refKind: RefKind; name: string }
  | { form: 'local'; path: string }
  | { form: 'docker'; image: string }
  | { form: 'malformed'; why: string };

const FULL_SHA = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/i;
const SHORT_SHA = /^[0-9a-f]{7,39}$/i;
// v4, v4.1.2, 1.0.0-beta.1, v2-node20: the shapes tags take; anything else is presumed a branch.
const VERSION = /^v?\d+(?:\.\d+){0,3}(?:[-+][0-9A-Za-z][0-9A-Za-z.+-]*)?$/i;
const NAME_PART = /^[A-Za-z0-9_.-]+$/;

export function refKind(ref: string | null): RefKind {
  if (ref === null || ref === '') return 'missing';
  if (FULL_SHA.test(ref)) return 'sha';
  if (VERSION.test(ref)) return 'version';
  if (SHORT_SHA.test(ref) && /\d/.test(ref) && /[a-f]/i.test(ref)) return 'short-sha';
  return 'branch';
}

export function parseUses(raw: string): UsesRef {
  const uses = raw.trim();
  if (uses === '') return { form: 'malformed', why: 'empty `uses:`' };
  if (uses.includes('${{')) return { form: 'malformed', why: 'an expression in `uses:` (GitHub does not expand them there; what runs cannot be read from the file)' };
  if (/\s/.test(uses)) return { form: 'malformed', why: 'whitespace inside the action reference' };
  if (uses.startsWith('./') || uses.startsWith('.\\') || uses === '.') return { form: 'local', path: uses };
  if (/^docker:\/\//i.test(uses)) return { form: 'docker', image: uses.slice('docker://'.length) };
  const at = uses.indexOf('@');
  const target = at < 0 ? uses : uses.slice(0, at);
  const ref = at < 0 ? null : uses.slice(at + 1);
  const parts = target.split('/');
  const [owner, repo, ...rest] = parts;
  if (!owner || !repo || !parts.every((p) => NAME_PART.test(p)) || parts.some((p) => p === '..' || p === '.')) {
    return { form: 'malformed', why: `\`${uses}\` is not OWNER/REPO[/PATH]@REF` };
  }
  return {
    form: 'remote',
    owner: owner.toLowerCase(),
    repo: repo.toLowerCase(),
    path: rest.length ? rest.join('/') : null,
    ref,
    refKind: refKind(ref),
    name: target.toLowerCase(),
  };
}
