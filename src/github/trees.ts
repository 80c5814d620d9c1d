import { isWorkflowPath } from '../engine/rules/workflow/index.js';
import type { ApiFile, TreeEntryInfo } from './files.js';
import { treesQuery, type BlobRequest, type TreeRequest } from './queries.js';
import type { Octokit, RepoRef } from './types.js';

/** Aliases per GraphQL request: keeps each query well under GitHub's node and size limits. */
const BATCH = 60;

interface TreeResult {
  repository: Record<string, { entries?: { name: string; mode: number; type: string; object: { isBinary?: boolean | null } | null }[]; text?: string | null; isTruncated?: boolean; isBinary?: boolean | null } | null> | null;
}

export interface TreeFacts {
  base: Map<string, TreeEntryInfo>;
  head: Map<string, TreeEntryInfo>;
  /** Full texts of changed workflow files, keyed `base:path` / `head:path`; null when unreadable. */
  texts: Map<string, string | null>;
}

function dirOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i === -1 ? '' : path.slice(0, i);
}

function octal(mode: number): string {
  return mode.toString(8).padStart(6, '0');
}

/** Modes and binary flags of every changed path at base and head, and the texts of changed workflows. */
export async function fetchTreeFacts(octokit: Octokit, repo: RepoRef, files: ApiFile[], baseSha: string, headSha: string): Promise<TreeFacts> {
  const headDirs = new Set<string>();
  const baseDirs = new Set<string>();
  const blobs: { key: string; expression: string }[] = [];
  for (const f of files) {
    if (f.status !== 'removed') headDirs.add(dirOf(f.filename));
    const old = f.status === 'added' ? null : (f.previous_filename ?? f.filename);
    if (old !== null) baseDirs.add(dirOf(old));
    if (f.status !== 'removed' && isWorkflowPath(f.filename)) {
      blobs.push({ key: `head:${f.filename}`, expression: `${headSha}:${f.filename}` });
      if (old !== null) blobs.push({ key: `base:${old}`, expression: `${baseSha}:${old}` });
    }
  }
  const trees: { side: 'base' | 'head'; dir: string; expression: string }[] = [
    ...[...headDirs].map((dir) => ({ side: 'head' as const, dir, expression: `${headSha}:${dir}` })),
    ...[...baseDirs].map((dir) => ({ side: 'base' as const, dir, expression: `${baseSha}:${dir}` })),
  ];
  const facts: TreeFacts = { base: new Map(), head: new Map(), texts: new Map() };
  for (let i = 0; i < Math.max(trees.length, blobs.length); i += BATCH) {
    const t = trees.slice(i, i + BATCH);
    const b = blobs.slice(i, i + BATCH);
    if (t.length === 0 && b.length === 0) break;
    const { query, variables } = treesQuery(
      t.map((x): TreeRequest => ({ expression: x.expression })),
      b.map((x): BlobRequest => ({ expression: x.expression })),
    );
    const r = await octokit.graphql<TreeResult>(query, { owner: repo.owner, name: repo.repo, ...variables });
    t.forEach((req, k) => {
      const node = r.repository?.[`t${k}`];
      for (const e of node?.entries ?? []) {
        const path = req.dir ? `${req.dir}/${e.name}` : e.name;
        facts[req.side].set(path, { mode: octal(e.mode), binary: e.object?.isBinary ?? null });
      }
    });
    b.forEach((req, k) => {
      const node = r.repository?.[`b${k}`];
      facts.texts.set(req.key, node && typeof node.text === 'string' && !node.isTruncated && !node.isBinary ? node.text : null);
    });
  }
  return facts;
}
