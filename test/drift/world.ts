// The real App on the simulator (as src/sim/with-app.ts starts it) plus a second Probot instance with
// the same credentials, so tests can authenticate as the installation and run the drift schedule.
import { generateKeyPairSync } from 'node:crypto';
import pino from 'pino';
import { Probot, Server } from 'probot';
import { agentZonesApp } from '../../src/app/app.js';
import { agentZonesOctokit } from '../../src/app/octokit.js';
import type { Octokit } from '../../src/github/types.js';
import { GitHubSim } from '../../src/sim/index.js';
import { freePort, SIM_TUNING } from '../../src/sim/with-app.js';

export const APP_ID = 5151;
const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs1', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });

export interface DriftWorld {
  sim: GitHubSim;
  probot: Probot;
  installation: number;
  octokit(): Promise<Octokit>;
  stop(): Promise<void>;
}

export async function startDriftWorld(): Promise<DriftWorld> {
  const secret = `drift-${Math.random().toString(36).slice(2)}`;
  const sim = await GitHubSim.start({ webhookSecret: secret, appId: APP_ID, privateKey });
  const log = pino({ level: 'warn' }, { write: () => undefined });
  const Octo = agentZonesOctokit(SIM_TUNING);
  const port = await freePort();
  const server = new Server({ host: '127.0.0.1', port, log, Probot: Probot.defaults({ appId: APP_ID, privateKey, secret, baseUrl: sim.apiUrl, log, Octokit: Octo }) });
  await server.load(agentZonesApp({ appId: APP_ID, configPath: '.github/agent-zones.yml', sweepMinutes: 0 }));
  await server.start();
  sim.setWebhookUrl(`http://127.0.0.1:${port}/api/github/webhooks`);
  const installation = sim.createInstallation('acme');
  const probot = new Probot({ appId: APP_ID, privateKey, secret, baseUrl: sim.apiUrl, log, Octokit: Octo });
  return {
    sim,
    probot,
    installation,
    octokit: async () => (await probot.auth(installation)) as Octokit,
    async stop() {
      await server.stop();
      await sim.stop();
    },
  };
}

/**
 * Moves the process's clock (Date and Date.now, which the simulator, the App and Octokit's token
 * cache all read) to a scripted instant; it keeps ticking from there. Only ever forward, so token
 * expiry and pacing stay coherent.
 */
export function installClock(start: string): { set(iso: string): void; advance(ms: number): void; now(): Date; restore(): void } {
  const Real = Date;
  let offset = Real.parse(start) - Real.now();
  class Shifted extends Real {
    constructor(...args: unknown[]) {
      if (args.length === 0) super(Real.now() + offset);
      else super(...(args as [string]));
    }
    static override now(): number {
      return Real.now() + offset;
    }
  }
  globalThis.Date = Shifted as DateConstructor;
  return {
    set(iso: string) {
      const target = Real.parse(iso) - Real.now();
      if (target < offset) throw new Error(`clock: ${iso} is in the past`);
      offset = target;
    },
    advance(ms: number) {
      offset += ms;
    },
    now: () => new Real(Real.now() + offset),
    restore() {
      globalThis.Date = Real;
    },
  };
}
