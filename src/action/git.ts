import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

export class GitError extends Error {
  override name = 'GitError';
}

async function git(cwd: string, args: string[]): Promise<string> {
  try {
    const { stdout } = await run('git', ['-C', cwd, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: { ...process.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' } });
    return stdout;
  } catch (e) {
    const err = e as { stderr?: string; message?: string };
    throw new GitError(`git ${args[0]} failed in ${cwd}: ${(err.stderr || err.message || String(e)).trim().split('\n')[0]}`);
  }
}

async function ok(cwd: string, args: string[]): Promise<boolean> {
  try {
    await git(cwd, args);
    return true;
  } catch {
    return false;
  }
}

function hasCommit(cwd: string, sha: string): Promise<boolean> {
  return ok(cwd, ['cat-file', '-e', `${sha}^{commit}`]);
}

/**
 * Makes BASE and HEAD and their merge base available in the checkout, fetching from `origin` what
 * actions/checkout left out (by default it fetches one commit, of the merge ref or the base).
 * Returns the merge base: the diff is BASE...HEAD, and the base side of workflow texts is read there.
 */
export async function prepareCommits(cwd: string, base: string, head: string, prNumber: number | null): Promise<string> {
  if (!(await ok(cwd, ['rev-parse', '--git-dir']))) {
    throw new GitError(`${cwd} is not a git checkout: add \`actions/checkout\` (with \`fetch-depth: 0\`) before agent-zones`);
  }
  const missing: string[] = [];
  for (const sha of [base, head]) if (!(await hasCommit(cwd, sha))) missing.push(sha);
  if (missing.length) {
    // A PR head from a fork is reachable only through refs/pull/N/head.
    const refspecs = [...missing, ...(prNumber !== null && missing.includes(head) ? [`+refs/pull/${prNumber}/head:refs/remotes/agent-zones/pr-${prNumber}`] : [])];
    await git(cwd, ['fetch', '--no-tags', '--no-recurse-submodules', 'origin', ...refspecs]).catch(async () => {
      for (const sha of missing) await git(cwd, ['fetch', '--no-tags', '--no-recurse-submodules', 'origin', sha]);
    });
    for (const sha of [base, head]) if (!(await hasCommit(cwd, sha))) throw new GitError(`commit ${sha} is not in the checkout and could not be fetched from origin`);
  }
  const mergeBase = async () => (await git(cwd, ['merge-base', base, head]).catch(() => '')).trim();
  let mb = await mergeBase();
  if (!mb && (await git(cwd, ['rev-parse', '--is-shallow-repository'])).trim() === 'true') {
    await git(cwd, ['fetch', '--no-tags', '--no-recurse-submodules', '--unshallow', 'origin', base, head]);
    mb = await mergeBase();
  }
  if (!mb) throw new GitError(`${base.slice(0, 12)} and ${head.slice(0, 12)} have no merge base: the diff cannot be computed (use \`fetch-depth: 0\` in actions/checkout)`);
  return mb;
}
