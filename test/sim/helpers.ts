// Shared setup for the simulator's tests: a key pair, a started simulator with one installed
// organisation and repository, and a real Probot Octokit authenticated as that installation.
import { generateKeyPairSync } from 'node:crypto';
import { ProbotOctokit } from 'probot';
import { GitHubSim } from '../../src/sim/index.js';

export const APP_ID = 777;
export const SECRET = 'sim-test-secret';
export const { privateKey: PRIVATE_KEY } = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
  publicKeyEncoding: { type: 'spki', format: 'pem' },
});

export const REPO = 'acme/app';
export const owner = 'acme';
export const repo = 'app';

export type Octo = InstanceType<typeof ProbotOctokit>;

export interface Setup {
  sim: GitHubSim;
  installationId: number;
  octokit: Octo;
}

/** Octokit with retries and throttling quietened so fault tests see the raw answers unless they opt in. */
export function installationOctokit(sim: GitHubSim, installationId: number, opts: { retries?: number } = {}): Octo {
  return new ProbotOctokit({
    auth: { appId: APP_ID, privateKey: PRIVATE_KEY, installationId },
    baseUrl: sim.apiUrl,
    retry: { enabled: (opts.retries ?? 0) > 0, retries: opts.retries ?? 0, retryAfterBaseValue: 1 },
    throttle: { enabled: false },
    log: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
  } as ConstructorParameters<typeof ProbotOctokit>[0]);
}

export function appOctokit(sim: GitHubSim): Octo {
  return new ProbotOctokit({
    auth: { appId: APP_ID, privateKey: PRIVATE_KEY },
    baseUrl: sim.apiUrl,
    retry: { enabled: false },
    throttle: { enabled: false },
    log: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
  } as ConstructorParameters<typeof ProbotOctokit>[0]);
}

export async function setup(opts: { allowAutoMerge?: boolean; webhookUrl?: string } = {}): Promise<Setup> {
  const sim = await GitHubSim.start({ webhookSecret: SECRET, appId: APP_ID, privateKey: PRIVATE_KEY, webhookUrl: opts.webhookUrl });
  const installationId = sim.createInstallation(owner);
  sim.createRepo(REPO, { allowAutoMerge: opts.allowAutoMerge ?? true, files: { 'README.md': '# app\n', 'src/index.ts': 'export const a = 1;\n' } });
  sim.addUser('agent[bot]', 'Bot');
  sim.addCollaborator(REPO, 'agent[bot]', 'write');
  sim.addCollaborator(REPO, 'maintainer', 'maintain');
  return { sim, installationId, octokit: installationOctokit(sim, installationId) };
}

/** An agent PR on branch `agent/<name>` with the given changes. */
export async function agentPr(sim: GitHubSim, name: string, changes: Parameters<GitHubSim['commit']>[2], opts: { title?: string } = {}): Promise<number> {
  sim.commit(REPO, `agent/${name}`, changes, { author: 'agent[bot]' });
  return sim.openPullRequest(REPO, { head: `agent/${name}`, author: 'agent[bot]', title: opts.title ?? name });
}

export async function rejects(p: Promise<unknown>): Promise<{ status: number; message: string; headers: Record<string, string> }> {
  try {
    await p;
  } catch (e) {
    const err = e as { status: number; message: string; response?: { headers: Record<string, string> } };
    return { status: err.status, message: err.message, headers: err.response?.headers ?? {} };
  }
  throw new Error('expected the request to fail');
}

export interface Received {
  event: string;
  id: string;
  signature: string;
  body: string;
  payload: { action?: string } & Record<string, unknown>;
}

/** A stand-in for the App's webhook endpoint that records what arrives and answers with `status`. */
export async function receiver(status = 200): Promise<{ url: string; got: Received[]; close(): Promise<void> }> {
  const { createServer } = await import('node:http');
  const got: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      got.push({ event: String(req.headers['x-github-event']), id: String(req.headers['x-github-delivery']), signature: String(req.headers['x-hub-signature-256']), body, payload: JSON.parse(body) });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as { port: number }).port;
  return { url: `http://127.0.0.1:${port}/api/github/webhooks`, got, close: () => new Promise((r) => server.close(() => r())) };
}
