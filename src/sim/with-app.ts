import { generateKeyPairSync } from 'node:crypto';
import { createServer } from 'node:net';
import pino from 'pino';
import { Probot, Server } from 'probot';
import { agentZonesApp, type AgentZonesOptions } from '../app/app.js';
import { agentZonesOctokit, type OctokitTuning } from '../app/octokit.js';
import { GitHubSim } from './index.js';

/** GitHub's pacing scaled down for the loopback simulator; the mechanisms are the production ones. */
export const SIM_TUNING: OctokitTuning = { writeIntervalMs: 5, notificationIntervalMs: 5, retryBaseMs: 20, timeoutMs: 2000 };

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

export interface AppOnSim {
  sim: GitHubSim;
  server: Server;
  /** Every log line of the App, parsed. */
  logs: Record<string, unknown>[];
  /** An installation on the `acme` account. */
  installation: number;
  appId: number;
  stop(): Promise<void>;
}

/**
 * The real App (a Probot server with real Octokit: retries, throttling, pagination) against the
 * simulator over loopback; the simulator delivers signed webhooks to the App's default path. Used by
 * the tests, the demo and the soak run.
 */
export async function startAppOnSim(opts: { app?: Partial<AgentZonesOptions>; tuning?: Partial<OctokitTuning>; appId?: number; logLevel?: string } = {}): Promise<AppOnSim> {
  const appId = opts.appId ?? 4242;
  const webhookSecret = `sim-secret-${Math.random().toString(36).slice(2)}`;
  const { privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  const sim = await GitHubSim.start({ webhookSecret, appId, privateKey });
  const logs: Record<string, unknown>[] = [];
  const log = pino({ level: opts.logLevel ?? 'info' }, { write: (line: string) => void logs.push(JSON.parse(line)) });
  const port = await freePort();
  const server = new Server({
    host: '127.0.0.1',
    port,
    log,
    Probot: Probot.defaults({ appId, privateKey, secret: webhookSecret, baseUrl: sim.apiUrl, log, Octokit: agentZonesOctokit({ ...SIM_TUNING, ...opts.tuning }) }),
  });
  await server.load(agentZonesApp({ appId, configPath: '.github/agent-zones.yml', sweepMinutes: 0, ...opts.app }));
  await server.start();
  sim.setWebhookUrl(`http://127.0.0.1:${port}/api/github/webhooks`);
  const installation = sim.createInstallation('acme');
  return {
    sim,
    server,
    logs,
    installation,
    appId,
    async stop() {
      await server.stop();
      await sim.stop();
    },
  };
}
