import { parseDiff } from '../engine/diff/parse.js';
import type { DiffFile } from '../engine/diff/types.js';
import type { FileStatus, Reason } from '../engine/types.js';
import type { Octokit, RepoRef } from './types.js';

/** GitHub lists at most this many files of a pull request, whatever the page size. */
export const GITHUB_FILE_CAP = 3000;

export interface ApiFile {
  filename: string;
  previous_filename?: string;
  status: string;
  additions: number;
  deletions: number;
  changes: number;
  patch?: string;
  contents_url?: string;
  sha?: string | null;
}

export interface FileListing {
  files: ApiFile[];
  /** PR-level reasons: the listing is cut at the cap, shorter than the PR says, or not of the classified head. */
  reasons: Reason[];
}

const STATUS: Record<string, FileStatus> = {
  added: 'added',
  removed: 'removed',
  modified: 'modified',
  renamed: 'renamed',
  copied: 'copied',
  changed: 'changed',
  unchanged: 'modified',
};

/** Every file of the PR, all pages, with what makes the listing incomplete said as `pr:truncated`. */
export async function listFiles(octokit: Octokit, repo: RepoRef, number: number, expect: { changedFiles: number; headSha: string }): Promise<FileListing> {
  const files = (await octokit.paginate(octokit.rest.pulls.listFiles, { ...repo, pull_number: number, per_page: 100 })) as ApiFile[];
  const reasons: Reason[] = [];
  if (files.length >= GITHUB_FILE_CAP || expect.changedFiles > files.length) {
    reasons.push({
      rule: 'pr:truncated',
      zone: 'red',
      message: `GitHub listed ${files.length} of the PR's ${Math.max(expect.changedFiles, files.length)} changed files (the API stops at ${GITHUB_FILE_CAP}); files not seen are never judged lower than red. Split the PR.`,
    });
  }
  for (const f of files) {
    const ref = refOf(f.contents_url);
    if (ref !== null && f.status !== 'removed' && ref !== expect.headSha) {
      reasons.push({
        rule: 'pr:truncated',
        zone: 'red',
        message: `The file list belongs to commit ${ref.slice(0, 12)}, not the classified head ${expect.headSha.slice(0, 12)}: the PR moved while it was read. It will be judged again.`,
      });
      break;
    }
  }
  return { files, reasons };
}

function refOf(url: string | undefined): string | null {
  if (!url) return null;
  try {
    return new URL(url).searchParams.get('ref');
  } catch {
    return null;
  }
}

export interface TreeEntryInfo {
  mode: string;
  binary: boolean | null;
}

/**
 * The API's file list as the engine's diff files. The list has no modes and no binary marker, so
 * those come from the trees of base and head (`modes`); a text file whose patch GitHub omitted is
 * marked cut short, so it is `pr:truncated`, never guessed.
 */
export function toDiffFiles(files: ApiFile[], modes: { base: Map<string, TreeEntryInfo>; head: Map<string, TreeEntryInfo> }): DiffFile[] {
  return files.map((f) => {
    const status = STATUS[f.status] ?? 'modified';
    const newPath = status === 'removed' ? null : f.filename;
    const oldPath = status === 'added' ? null : (f.previous_filename ?? f.filename);
    const head = newPath ? modes.head.get(newPath) : undefined;
    const base = oldPath ? modes.base.get(oldPath) : undefined;
    const file: DiffFile = {
      oldPath,
      newPath,
      status,
      oldMode: base?.mode ?? null,
      newMode: head?.mode ?? null,
      binary: false,
      similarity: null,
      hunks: [],
      added: [],
      truncated: false,
    };
    // A changed path missing from its tree listing has an unseen mode (symlink? submodule?) and
    // binary flag: the file is not judged from its patch alone.
    const unseen = (newPath !== null && !head) || (oldPath !== null && status !== 'added' && !base);
    if (f.patch !== undefined) {
      const result = parseDiff(`--- a/x\n+++ b/x\n${f.patch}\n`);
      const parsed = result.files[0];
      if (parsed) {
        file.hunks = parsed.hunks;
        file.added = parsed.added;
      }
      file.truncated = unseen || !parsed || parsed.truncated || result.problems.length > 0;
      return file;
    }
    const isBinary = head?.binary ?? base?.binary ?? null;
    if (unseen) {
      file.truncated = true;
    } else if (isBinary) {
      file.binary = true;
    } else if (f.additions + f.deletions > 0 || (status === 'modified' && isBinary === null)) {
      // A text change whose patch GitHub left out (too large): unseen.
      file.truncated = true;
    }
    return file;
  });
}
