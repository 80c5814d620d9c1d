import { posix } from 'node:path';
import type { StepContext } from '../types.js';
import { RUNNER_FILE, UNKNOWN } from './words.js';

/** Where the shell is, as far as the engine can follow `cd`. */
export type Cwd =
  | { kind: 'ws'; rel: string }
  | { kind: 'home'; rel: string }
  | { kind: 'abs'; path: string }
  | { kind: 'unknown' };

export const WORKSPACE_ROOT: Cwd = { kind: 'ws', rel: '' };

export type Place =
  | 'workspace' // inside the project tree
  | 'git' // inside .git/
  | 'tmp' // /tmp/, $RUNNER_TEMP
  | 'dev' // /dev/null, /dev/stdout, /dev/fd/N
  | 'runner-file' // $GITHUB_ENV and friends
  | 'home' // under ~
  | 'outside' // any other absolute place, or `..` out of the workspace
  | 'unknown'; // the engine cannot tell (unknown expansion, cd to an unknown place)

export interface ResolvedPath {
  place: Place;
  /** Normalised path relative to the workspace (place workspace/git), to home (home), or absolute. */
  path: string;
  /** Part of the path is an unknown expansion. */
  partial: boolean;
  /** Runner file variable name, for place runner-file. */
  runnerFile?: string;
}

function normaliseAbs(p: string): string {
  return posix.normalize(p).replace(/\/+$/, '') || '/';
}

function strip(p: string, base: string): string | null {
  const b = base.replace(/\/+$/, '');
  if (p === b) return '';
  if (p.startsWith(b + '/')) return p.slice(b.length + 1);
  return null;
}

function placeOfAbsolute(abs: string, ctx: StepContext, partial: boolean): ResolvedPath {
  const p = normaliseAbs(abs);
  if (p === '/dev/null' || p === '/dev/stdout' || p === '/dev/stderr' || p.startsWith('/dev/fd/') || p === '/dev/tty') {
    return { place: 'dev', path: p, partial };
  }
  if (p === '/tmp' || p.startsWith('/tmp/') || p === '/var/tmp' || p.startsWith('/var/tmp/')) return { place: 'tmp', path: p, partial };
  if (ctx.workspace) {
    const rel = strip(p, normaliseAbs(ctx.workspace));
    if (rel !== null) return inWorkspace(rel, partial);
  }
  if (ctx.home) {
    const rel = strip(p, normaliseAbs(ctx.home));
    if (rel !== null) return { place: 'home', path: rel, partial };
  }
  return { place: 'outside', path: p, partial };
}

function inWorkspace(rel: string, partial: boolean): ResolvedPath {
  const segs = rel.split('/').filter((s) => s !== '' && s !== '.');
  const path = segs.join('/');
  if (segs.some((s) => s.toLowerCase() === '.git')) return { place: 'git', path, partial };
  return { place: 'workspace', path, partial };
}

/** Joins a relative path onto a workspace-relative one; null when it climbs out. */
function joinRelative(base: string, rel: string): string | null {
  const out = base === '' ? [] : base.split('/');
  for (const seg of rel.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (out.length === 0) return null;
      out.pop();
    } else out.push(seg);
  }
  return out.join('/');
}

/** Resolves a path as the shell would see it at the current directory. */
export function resolvePath(text: string, cwd: Cwd, ctx: StepContext): ResolvedPath {
  const partial = text.includes(UNKNOWN);
  if (text.startsWith(RUNNER_FILE)) {
    return { place: 'runner-file', path: text, partial, runnerFile: text.slice(1).split('/')[0] ?? '' };
  }
  if (text.startsWith(UNKNOWN) || text === '') return { place: 'unknown', path: text, partial: true };
  if (text === '~' || text.startsWith('~/')) {
    const rel = joinRelative('', text.slice(2));
    if (rel === null) return { place: 'outside', path: text, partial };
    if (ctx.home && ctx.workspace) return placeOfAbsolute(posix.join(ctx.home, rel), ctx, partial);
    return { place: 'home', path: rel, partial };
  }
  if (text.startsWith('~')) return { place: 'outside', path: text, partial };
  if (text.startsWith('/')) return placeOfAbsolute(text, ctx, partial);
  switch (cwd.kind) {
    case 'ws': {
      const rel = joinRelative(cwd.rel, text);
      if (rel === null) return { place: 'outside', path: text, partial };
      return inWorkspace(rel, partial);
    }
    case 'home': {
      const rel = joinRelative(cwd.rel, text);
      if (rel === null) return { place: 'outside', path: text, partial };
      return { place: 'home', path: rel, partial };
    }
    case 'abs':
      return placeOfAbsolute(posix.join(cwd.path, text), ctx, partial);
    default:
      // After `cd` to a place the engine cannot know, a relative path may be anywhere (default-policy.md).
      return { place: 'outside', path: text, partial };
  }
}

/** The directory `cd TARGET` leads to. */
export function changeDirectory(target: string | null, cwd: Cwd, ctx: StepContext): Cwd {
  if (target === null || target.includes(UNKNOWN) || target === '-') return { kind: 'unknown' };
  if (target === '') return { kind: 'home', rel: '' };
  const r = resolvePath(target, cwd, ctx);
  switch (r.place) {
    case 'workspace':
    case 'git':
      return { kind: 'ws', rel: r.path };
    case 'home':
      return { kind: 'home', rel: r.path };
    case 'tmp':
    case 'outside':
    case 'dev':
      return r.path.startsWith('/') ? { kind: 'abs', path: r.path } : { kind: 'unknown' };
    default:
      return { kind: 'unknown' };
  }
}

/** A text a reviewer can read for the path (home as `~/`). */
export function showPath(r: ResolvedPath): string {
  if (r.place === 'home') return r.path ? `~/${r.path}` : '~';
  return r.path.split(UNKNOWN).join('…');
}

/** Places a write may go without leaving the project or the runner's scratch space. */
export function isOutsideForWrite(r: ResolvedPath): boolean {
  return r.place === 'git' || r.place === 'home' || r.place === 'outside' || r.place === 'unknown';
}
