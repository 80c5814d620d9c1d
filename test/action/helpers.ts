// Runs the bundled Action (dist/index.js) as the runner does: a child process with GITHUB_* and
// INPUT_* variables, an event payload file, GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files, a real git
// checkout, and the GitHub simulator behind GITHUB_API_URL with an installation token.
import { execFileSync, spawn } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAppAuth } from '@octokit/auth-app';
import { request } from '@octokit/request';
import examples from '@octokit/webhooks-examples';
import { GitHubSim } from '../../src/sim/index.js';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BUNDLE = join(ROOT, 'dist', 'index.js');
export const APP_ID = 5151;
export const { privateKey: PRIVATE_KEY } = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
  publicKeyEncoding: { type: 'spki', format: 'pem' },
});
export const REPO = 'acme/app';
export const OWNER = 'acme';
export const NAME = 'app';

export interface World {
  sim: GitHubSim;
  installationId: number;
  token: string;
  tmp: string;
  stop(): Promise<void>;
}

export async function startWorld(opts: { files?: Record<string, string>; allowAutoMerge?: boolean } = {}): Promise<World> {
  const sim = await GitHubSim.start({ webhookSecret: 'action-test', appId: APP_ID, privateKey: PRIVATE_KEY });
  const installationId = sim.createInstallation(OWNER);
  sim.createRepo(REPO, { allowAutoMerge: opts.allowAutoMerge ?? false, files: opts.files ?? { 'README.md': '# app\n', 'src/index.ts': 'export const a = 1;\n' } });
  sim.addUser('agent[bot]', 'Bot');
  sim.addCollaborator(REPO, 'agent[bot]', 'write');
  sim.addCollaborator(REPO, 'maintainer', 'maintain');
  sim.addCollaborator(REPO, 'reader', 'read');
  // The runner's GITHUB_TOKEN is an installation token of the GitHub Actions App: the sim issues one the same way.
  const auth = createAppAuth({ appId: APP_ID, privateKey: PRIVATE_KEY, installationId, request: request.defaults({ baseUrl: sim.apiUrl }) });
  const { token } = await auth({ type: 'installation' });
  const tmp = mkdtempSync(join(tmpdir(), 'az-action-'));
  return {
    sim,
    installationId,
    token,
    tmp,
    async stop() {
      await sim.stop();
      rmSync(tmp, { recursive: true, force: true });
    },
  };
}

// ---- a real git repository with the simulator's exact commits ---------------------------------

interface SimEntry {
  data: Buffer;
  mode: string;
  sha: string;
}
interface SimCommit {
  sha: string;
  tree: Map<string, SimEntry>;
  parents: string[];
  author: string;
  message: string;
  date: string;
}
interface SimGit {
  commits: Map<string, SimCommit>;
  branches: Map<string, string>;
}

/** The simulator's object store (test-only reach into its model: its commits are git-hashed). */
function simGit(sim: GitHubSim, fullName: string): SimGit {
  return (sim as unknown as { world: { repo(n: string): { git: SimGit } } }).world.repo(fullName).git;
}

function git(cwd: string, args: string[], input?: string | Buffer): string {
  return execFileSync('git', args, { cwd, input, encoding: 'utf8', env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', HOME: cwd } }).trim();
}

function writeTree(cwd: string, entries: [string, SimEntry][], prefix: string): string {
  const children = new Map<string, [string, SimEntry][]>();
  const lines: string[] = [];
  for (const [path, e] of entries) {
    const rest = path.slice(prefix.length);
    const slash = rest.indexOf('/');
    if (slash === -1) {
      const type = e.mode === '160000' ? 'commit' : 'blob';
      const sha = type === 'blob' ? git(cwd, ['hash-object', '-w', '--stdin'], e.data) : e.sha;
      lines.push(`${e.mode} ${type} ${sha}\t${rest}`);
    } else {
      const dir = rest.slice(0, slash);
      if (!children.has(dir)) children.set(dir, []);
      children.get(dir)!.push([path, e]);
    }
  }
  for (const [dir, list] of children) lines.push(`040000 tree ${writeTree(cwd, list, `${prefix}${dir}/`)}\t${dir}`);
  return git(cwd, ['mktree'], `${lines.join('\n')}\n`);
}

/**
 * A git repository holding every commit of the simulated repository with the same object ids, so
 * the SHAs of the event payload, of the API and of `git diff` agree as they do on GitHub.
 */
export function mirrorRepo(sim: GitHubSim, fullName: string, dir: string, opts: { bare?: boolean } = {}): void {
  git(tmpdir(), ['init', '-q', ...(opts.bare ? ['--bare'] : []), '-b', 'main', dir]);
  const store = simGit(sim, fullName);
  const done = new Set<string>();
  const write = (c: SimCommit) => {
    if (done.has(c.sha)) return;
    for (const p of c.parents) write(store.commits.get(p)!);
    const tree = writeTree(dir, [...c.tree.entries()], '');
    const seconds = Math.floor(Date.parse(c.date) / 1000);
    const who = `${c.author} <${c.author}@users.noreply.sim> ${seconds} +0000`;
    const body = [`tree ${tree}`, ...c.parents.map((p) => `parent ${p}`), `author ${who}`, `committer ${who}`, '', c.message].join('\n');
    const sha = git(dir, ['hash-object', '-t', 'commit', '-w', '--stdin', '--literally'], body);
    if (sha !== c.sha) throw new Error(`mirror: commit ${c.sha} became ${sha}`);
    done.add(c.sha);
  };
  for (const c of store.commits.values()) write(c);
  for (const [branch, sha] of store.branches) git(dir, ['update-ref', `refs/heads/${branch}`, sha]);
}

/** A working checkout as actions/checkout leaves it: the given commit checked out, detached. */
export function checkout(sim: GitHubSim, fullName: string, dir: string, sha: string): void {
  mirrorRepo(sim, fullName, dir);
  git(dir, ['-c', 'advice.detachedHead=false', 'checkout', '-q', '--detach', sha]);
}

// ---- events built on @octokit/webhooks-examples shapes ------------------------------------------

type Json = Record<string, unknown>;

function example(name: string, action: string): Json {
  const group = (examples as unknown as { name: string; examples: Json[] }[]).find((e) => e.name === name);
  const ex = group?.examples.find((e) => e.action === action);
  if (!ex) throw new Error(`no webhooks example ${name}.${action}`);
  return structuredClone(ex);
}

export function pullRequestEvent(
  sim: GitHubSim,
  number: number,
  opts: { event?: 'pull_request' | 'pull_request_target' | 'pull_request_review'; action?: string; author?: string; labels?: string[]; reviewer?: string; allowAutoMerge?: boolean } = {},
): { name: string; payload: Json } {
  const event = opts.event ?? 'pull_request';
  const base = event === 'pull_request_review' ? example('pull_request_review', 'submitted') : example('pull_request', 'opened');
  const p = sim.pull(REPO, number);
  const author = opts.author ?? 'agent[bot]';
  const baseSha = sim.branch(REPO, p.base)!;
  const repository = { ...(base.repository as Json), name: NAME, full_name: REPO, owner: { ...((base.repository as Json).owner as Json), login: OWNER, type: 'Organization' }, default_branch: 'main', allow_auto_merge: opts.allowAutoMerge ?? false };
  const pr = base.pull_request as Json;
  Object.assign(pr, {
    number,
    node_id: `PR_sim${number}`,
    state: p.state,
    draft: false,
    user: { ...(pr.user as Json), login: author, type: author.endsWith('[bot]') ? 'Bot' : 'User' },
    labels: (opts.labels ?? sim.labels(REPO, number)).map((name, i) => ({ id: i + 1, node_id: `L${i}`, name, color: 'ededed', default: false, description: null })),
    head: { ...(pr.head as Json), ref: p.headRef, sha: p.head, label: `${OWNER}:${p.headRef}`, repo: repository },
    base: { ...(pr.base as Json), ref: p.base, sha: baseSha, label: `${OWNER}:${p.base}`, repo: repository },
  });
  const payload: Json = { ...base, action: opts.action ?? (event === 'pull_request_review' ? 'submitted' : 'opened'), repository, sender: { ...(base.sender as Json), login: author } };
  if (event === 'pull_request') payload.number = number;
  if (event === 'pull_request_review') payload.review = { ...(base.review as Json), state: 'approved', commit_id: p.head, user: { ...((base.review as Json).user as Json), login: opts.reviewer ?? 'maintainer' } };
  return { name: event, payload };
}

/** A workflow_dispatch-like event with only the repository (what a gate in a deploy job sees). */
export function repositoryEvent(name = 'workflow_dispatch'): { name: string; payload: Json } {
  const pr = example('pull_request', 'opened');
  return { name, payload: { ref: 'refs/heads/main', repository: { ...(pr.repository as Json), full_name: REPO, name: NAME, default_branch: 'main' }, sender: pr.sender } };
}

// ---- running the bundle ---------------------------------------------------------------------------

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
}

/** GITHUB_OUTPUT's `name<<DELIMITER ... DELIMITER` records. */
export function parseOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^([^<=]+)<<(.+)$/.exec(lines[i]!);
    if (!m) continue;
    const value: string[] = [];
    for (i++; i < lines.length && lines[i] !== m[2]; i++) value.push(lines[i]!);
    out[m[1]!] = value.join('\n');
  }
  return out;
}

let runCounter = 0;

export interface RunOptions {
  world: World;
  workspace: string;
  event: { name: string; payload: Json };
  inputs: Record<string, string>;
  env?: Record<string, string>;
  /** The command that runs the bundle: node 20 by default, or e.g. ['npx', '-y', 'node@24']. */
  node?: string[];
  apiUrl?: string;
}

export async function runAction(o: RunOptions): Promise<RunResult> {
  const dir = join(o.world.tmp, `run-${++runCounter}`);
  execFileSync('mkdir', ['-p', join(dir, 'temp')]);
  const eventPath = join(dir, 'event.json');
  const outputPath = join(dir, 'output');
  const summaryPath = join(dir, 'summary.md');
  writeFileSync(eventPath, JSON.stringify(o.event.payload));
  writeFileSync(outputPath, '');
  writeFileSync(summaryPath, '');
  const payload = o.event.payload as { pull_request?: { head: { sha: string; ref: string }; number: number } };
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: dir,
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: o.event.name,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_REPOSITORY: REPO,
    GITHUB_REPOSITORY_OWNER: OWNER,
    GITHUB_SHA: payload.pull_request?.head.sha ?? 'f'.repeat(40),
    GITHUB_REF_NAME: payload.pull_request ? `${payload.pull_request.number}/merge` : 'main',
    ...(payload.pull_request ? { GITHUB_HEAD_REF: payload.pull_request.head.ref } : {}),
    GITHUB_WORKSPACE: o.workspace,
    GITHUB_API_URL: o.apiUrl ?? o.world.sim.apiUrl,
    GITHUB_GRAPHQL_URL: o.world.sim.graphqlUrl,
    GITHUB_OUTPUT: outputPath,
    GITHUB_STEP_SUMMARY: summaryPath,
    GITHUB_RUN_ID: '9001',
    GITHUB_ACTION: 'zone',
    GITHUB_ACTOR: 'agent[bot]',
    RUNNER_TEMP: join(dir, 'temp'),
    AGENT_ZONES_WRITE_INTERVAL_MS: '0',
    AGENT_ZONES_RETRY_BASE_MS: '1',
    INPUT_TOKEN: o.world.token,
    ...Object.fromEntries(Object.entries(o.inputs).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v])),
    ...o.env,
  };
  const [cmd, ...args] = o.node ?? [process.execPath];
  const child = spawn(cmd!, [...args, BUNDLE], { env, cwd: o.workspace, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const code = await new Promise<number>((resolve) => child.on('close', (c) => resolve(c ?? 1)));
  return { code, stdout, stderr, outputs: parseOutputs(readFileSync(outputPath, 'utf8')), summary: readFileSync(summaryPath, 'utf8') };
}
