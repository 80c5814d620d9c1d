import { generateKeyPairSync } from 'node:crypto';
import type { AgentZonesOptions } from '../../src/app/app.js';
import { freePort, startAppOnSim, type AppOnSim } from '../../src/sim/with-app.js';

export { freePort };
export const APP_ID = 4242;
export const WEBHOOK_SECRET = 'test-webhook-secret';
export const { privateKey: PRIVATE_KEY } = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
  publicKeyEncoding: { type: 'spki', format: 'pem' },
});

export type World = AppOnSim;

export function startWorld(app: Partial<AgentZonesOptions> = {}): Promise<World> {
  return startAppOnSim({ app, appId: APP_ID });
}
