import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { FileSource } from '../engine/classify-diff.js';
import { UsageError } from './errors.js';

const run = promisify(execFile);
const MAX_BUFFER = 1024 * 1024 * 1024;

/**
 * git with the repository's own config neutralised where it could change what the diff shows:
 * external diff drivers, textconv filters, prefixes, relative diffs, colour.
 */
async function git(repo: string, args: string[]): Promise<string> {
  try {
    const { stdout } = await run(
      'git',
      ['-C', repo, '-c', 'core.quotePath=true', '-c', 'diff.noprefix=false', '-c', 'diff.mnemonicPrefix=false', '-c', 'diff.relative=false', ...args],
      { maxBuffer: MAX_BUFFER, encoding: 'utf8', env: { ...process.env, GIT_EXTERNAL_DIFF: '', GIT_PAGER: 'cat', LC_ALL: 'C' } },
    );
    return stdout;
  } catch (e) {
    const err = e as { stderr?: string; message?: string };
    const msg = (err.stderr || err.message || String(e)).trim().split('\n')[0];
    throw new UsageError(`git ${args[0]} failed in ${repo}: ${msg}`);
  }
}

/** `git diff --text --no-ext-diff --no-textconv -M --full-index BASE...HEAD` (cli-contract.md). */
export function gitDiff(repo: string, base: string, head: string): Promise<string> {
  return git(repo, ['diff', '--text', '--no-ext-diff', '--no-textconv', '--no-color', '-M', '--full-index', '--src-prefix=a/', '--dst-prefix=b/', `${base}...${head}`, '--']);
}

/** A file's text at a revision, or null when it does not exist there. */
export async function gitShow(repo: string, rev: string, path: string): Promise<string | null> {
  try {
    return await git(repo, ['show', '--no-textconv', `${rev}:${path}`]);
  } catch {
    return null;
  }
}

export async function gitRevParse(repo: string, rev: string): Promise<string> {
  return (await git(repo, ['rev-parse', '--verify', '--quiet', `${rev}^{commit}`])).trim();
}

export function gitFileSource(repo: string, base: string, head: string): FileSource {
  return { base: (p) => gitShow(repo, base, p), head: (p) => gitShow(repo, head, p) };
}

/** Current and default branch of a working tree, null where git cannot tell (then the engine assumes the worst). */
export async function gitBranchContext(cwd: string): Promise<{ currentBranch: string | null; defaultBranch: string | null }> {
  const tryGit = async (args: string[]) => {
    try {
      return (await run('git', ['-C', cwd, ...args], { encoding: 'utf8' })).stdout.trim() || null;
    } catch {
      return null;
    }
  };
  const currentBranch = await tryGit(['symbolic-ref', '--quiet', '--short', 'HEAD']);
  const originHead = await tryGit(['symbolic-ref', '--quiet', '--short', 'refs/remotes/origin/HEAD']);
  const defaultBranch = originHead ? originHead.replace(/^origin\//, '') : null;
  return { currentBranch, defaultBranch };
}
