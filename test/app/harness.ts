import { generateKeyPairSync } from 'node:crypto';
import { createServer } from 'node:net';
import { Probot, Server } from 'probot';
import pino from 'pino';
import { agentZonesApp, type AgentZonesOptions } from '../../src/app/app.js';
import { agentZonesOctokit } from '../../src/app/octokit.js';
import { GitHubSim } from '../../src/sim/index.js';

export const APP_ID = 4242;
/** GitHub's pacing scaled down for the loopback simulator; the mechanisms are the production ones. */
export const TEST_TUNING = { writeIntervalMs: 5, notificationIntervalMs: 5, retryBaseMs: 20, timeoutMs: 2000 };
export const WEBHOOK_SECRET = 'test-webhook-secret';
export const { privateKey: PRIVATE_KEY } = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
  publicKeyEncoding: { type: 'spki', format: 'pem' },
});

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

export interface World {
  sim: GitHubSim;
  /** The installation on the `acme` account. */
  installation: number;
  server: Server;
  logs: Record<string, unknown>[];
  stop(): Promise<void>;
}

/**
 * The real App (Probot server, real Octokit with retries and throttling) against the simulator over
 * loopback, with signed webhooks delivered to the App's default path.
 */
export async function startWorld(opts: Partial<AgentZonesOptions> = {}): Promise<World> {
  const sim = await GitHubSim.start({ webhookSecret: WEBHOOK_SECRET, appId: APP_ID, privateKey: PRIVATE_KEY });
  const logs: Record<string, unknown>[] = [];
  const log = pino({ level: 'info' }, { write: (line: string) => void logs.push(JSON.parse(line)) });
  const port = await freePort();
  const server = new Server({
    host: '127.0.0.1',
    port,
    log,
    Probot: Probot.defaults({ appId: APP_ID, privateKey: PRIVATE_KEY, secret: WEBHOOK_SECRET, baseUrl: sim.apiUrl, log, Octokit: agentZonesOctokit(TEST_TUNING) }),
  });
  await server.load(agentZonesApp({ appId: APP_ID, configPath: '.github/agent-zones.yml', sweepMinutes: 0, ...opts }));
  await server.start();
  sim.setWebhookUrl(`http://127.0.0.1:${port}/api/github/webhooks`);
  const installation = sim.createInstallation('acme');
  return {
    sim,
    installation,
    server,
    logs,
    async stop() {
      await server.stop();
      await sim.stop();
    },
  };
}
