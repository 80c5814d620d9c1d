// A content-addressed commit store for the simulator: full trees per commit, object ids computed the
// way git computes them (so a blob's sha in the files API equals `git hash-object`), merge bases by
// ancestor walk. Hand-written because a git library would need a working tree on disk.
import { createHash } from 'node:crypto';

export type FileMode = '100644' | '100755' | '120000' | '160000';

export interface FileEntry {
  data: Buffer;
  mode: FileMode;
  binary: boolean;
  sha: string; // blob sha (for a submodule: the pointed commit)
}

export type Tree = Map<string, FileEntry>;

export interface Commit {
  sha: string;
  tree: Tree;
  treeSha: string;
  parents: string[];
  author: string; // login
  message: string;
  date: string;
}

/** What the harness passes for one path: text, a detailed entry, a rename, or null to delete. */
export type FileChange =
  | string
  | { content: string; mode?: FileMode; binary?: boolean }
  | { rename: string; content?: string; mode?: FileMode };

function gitHash(kind: string, body: Buffer): string {
  return createHash('sha1').update(`${kind} ${body.length}\0`).update(body).digest('hex');
}

export function blobSha(data: Buffer): string {
  return gitHash('blob', data);
}

/** Builds a file entry; binary content is given base64-encoded, text as is. */
export function fileEntry(content: string, mode: FileMode = '100644', binary = false): FileEntry {
  const data = binary ? Buffer.from(content, 'base64') : Buffer.from(content, 'utf8');
  const isBinary = binary || data.includes(0);
  const sha = mode === '160000' ? content.trim() : blobSha(data);
  return { data, mode, binary: isBinary, sha };
}

/** git's tree hashing over the nested directory structure of a flat path map. */
export function treeSha(tree: Tree): string {
  return hashDir(tree, '');
}

function hashDir(tree: Tree, prefix: string): string {
  const entries = listDir(tree, prefix);
  const parts: Buffer[] = [];
  // git sorts tree entries by name, byte-wise (not by locale: `README.md` before `docs`), with
  // directories compared as if they ended in '/'
  entries.sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : sortKey(a) > sortKey(b) ? 1 : 0));
  for (const e of entries) {
    const sha = e.type === 'tree' ? hashDir(tree, e.path + '/') : e.entry!.sha;
    const mode = e.type === 'tree' ? '40000' : e.entry!.mode;
    parts.push(Buffer.from(`${mode} ${e.name}\0`), Buffer.from(sha.padEnd(40, '0').slice(0, 40), 'hex'));
  }
  return gitHash('tree', Buffer.concat(parts));
}

function sortKey(e: DirEntry): string {
  return e.type === 'tree' ? e.name + '/' : e.name;
}

export interface DirEntry {
  name: string;
  path: string;
  type: 'blob' | 'tree' | 'commit';
  entry?: FileEntry;
}

/** Immediate children of a directory ('' for the root, otherwise 'dir/'). */
export function listDir(tree: Tree, prefix: string): DirEntry[] {
  const out = new Map<string, DirEntry>();
  for (const [path, entry] of tree) {
    if (!path.startsWith(prefix)) continue;
    const rest = path.slice(prefix.length);
    const slash = rest.indexOf('/');
    if (slash === -1) {
      out.set(rest, { name: rest, path, type: entry.mode === '160000' ? 'commit' : 'blob', entry });
    } else {
      const name = rest.slice(0, slash);
      if (!out.has(name)) out.set(name, { name, path: prefix + name, type: 'tree' });
    }
  }
  return [...out.values()];
}

export function isDir(tree: Tree, path: string): boolean {
  if (path === '') return true;
  const prefix = path.endsWith('/') ? path : path + '/';
  for (const p of tree.keys()) if (p.startsWith(prefix)) return true;
  return false;
}

export class GitStore {
  readonly commits = new Map<string, Commit>();
  readonly branches = new Map<string, string>();
  private clock = Date.parse('2025-01-06T09:00:00Z');

  /** A commit on top of `parents[0]`'s tree (or the given tree) with the changes applied. */
  createCommit(parents: string[], changes: Record<string, FileChange | null>, author: string, message: string, baseTree?: Tree): Commit {
    const first = parents[0] ? this.get(parents[0]) : undefined;
    const tree: Tree = new Map(baseTree ?? first?.tree ?? []);
    applyChanges(tree, changes);
    return this.store(tree, parents, author, message);
  }

  store(tree: Tree, parents: string[], author: string, message: string): Commit {
    this.clock += 1000;
    const date = new Date(this.clock).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const tSha = treeSha(tree);
    const seconds = Math.floor(this.clock / 1000);
    const body = [`tree ${tSha}`, ...parents.map((p) => `parent ${p}`), `author ${author} <${author}@users.noreply.sim> ${seconds} +0000`, `committer ${author} <${author}@users.noreply.sim> ${seconds} +0000`, '', message].join('\n');
    const sha = gitHash('commit', Buffer.from(body));
    const commit: Commit = { sha, tree, treeSha: tSha, parents, author, message, date };
    this.commits.set(sha, commit);
    return commit;
  }

  get(sha: string): Commit {
    const c = this.commits.get(sha);
    if (!c) throw new Error(`sim: no commit ${sha}`);
    return c;
  }

  /** A branch name, a full sha or a unique sha prefix (7+ chars) to a commit. */
  resolve(ref: string): Commit | undefined {
    const name = ref.replace(/^refs\/heads\//, '');
    const b = this.branches.get(name);
    if (b) return this.commits.get(b);
    if (/^[0-9a-f]{40}$/.test(ref)) return this.commits.get(ref);
    if (/^[0-9a-f]{7,39}$/.test(ref)) {
      const hits = [...this.commits.keys()].filter((s) => s.startsWith(ref));
      if (hits.length === 1) return this.commits.get(hits[0]!);
    }
    return undefined;
  }

  ancestors(sha: string): Set<string> {
    const seen = new Set<string>();
    const stack = [sha];
    while (stack.length) {
      const s = stack.pop()!;
      if (seen.has(s)) continue;
      seen.add(s);
      stack.push(...this.get(s).parents);
    }
    return seen;
  }

  /** The nearest common ancestor (breadth-first from `b`), as `git merge-base` for linear-ish histories. */
  mergeBase(a: string, b: string): string | undefined {
    const anc = this.ancestors(a);
    const queue = [b];
    const seen = new Set<string>();
    while (queue.length) {
      const s = queue.shift()!;
      if (anc.has(s)) return s;
      if (seen.has(s)) continue;
      seen.add(s);
      queue.push(...this.get(s).parents);
    }
    return undefined;
  }

  /** Commits reachable from `head` but not from `base`, oldest first. */
  commitsBetween(base: string, head: string): Commit[] {
    const exclude = this.ancestors(base);
    const out: Commit[] = [];
    const stack = [head];
    const seen = new Set<string>();
    while (stack.length) {
      const s = stack.pop()!;
      if (seen.has(s) || exclude.has(s)) continue;
      seen.add(s);
      const c = this.get(s);
      out.push(c);
      stack.push(...c.parents);
    }
    return out.sort((x, y) => x.date.localeCompare(y.date));
  }
}

export function applyChanges(tree: Tree, changes: Record<string, FileChange | null>): void {
  for (const [path, change] of Object.entries(changes)) {
    if (change === null) {
      tree.delete(path);
    } else if (typeof change === 'string') {
      tree.set(path, fileEntry(change, tree.get(path)?.mode === '100755' ? '100755' : '100644'));
    } else if ('rename' in change) {
      const old = tree.get(change.rename);
      if (!old) throw new Error(`sim: cannot rename missing ${change.rename}`);
      tree.delete(change.rename);
      tree.set(path, change.content === undefined ? { ...old, mode: change.mode ?? old.mode } : fileEntry(change.content, change.mode ?? old.mode));
    } else {
      tree.set(path, fileEntry(change.content, change.mode ?? '100644', change.binary ?? false));
    }
  }
}

/**
 * File-level three-way merge of `ours` and `theirs` from `base`: a path changed on both sides to
 * different results is a conflict (GitHub would report the PR as `dirty`).
 */
export function mergeTrees(base: Tree, ours: Tree, theirs: Tree): { tree: Tree; conflicts: string[] } {
  const tree: Tree = new Map(ours);
  const conflicts: string[] = [];
  const paths = new Set([...base.keys(), ...theirs.keys()]);
  const same = (x?: FileEntry, y?: FileEntry) => (x?.sha ?? null) === (y?.sha ?? null) && (x?.mode ?? null) === (y?.mode ?? null);
  for (const p of paths) {
    const b = base.get(p), o = ours.get(p), t = theirs.get(p);
    if (same(b, t)) continue; // they did not touch it
    if (same(b, o) || same(o, t)) {
      if (t) tree.set(p, t);
      else tree.delete(p);
    } else {
      conflicts.push(p);
    }
  }
  return { tree, conflicts };
}
