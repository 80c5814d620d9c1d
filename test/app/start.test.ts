import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { after, before, test } from 'node:test';
import { GitHubSim } from '../../src/sim/index.js';
import { APP_ID, PRIVATE_KEY, WEBHOOK_SECRET, freePort } from './harness.js';

// The contract outside suites rely on: `npm start` (node lib/app/main.js after the build) with the
// standard Probot variables, GHE_HOST/GHE_PROTOCOL pointing at a GitHub stand-in, listening on PORT.
let sim: GitHubSim;
let child: ReturnType<typeof spawn>;
let port: number;
let output = '';

before(async () => {
  sim = await GitHubSim.start({ webhookSecret: WEBHOOK_SECRET, appId: APP_ID, privateKey: PRIVATE_KEY });
  port = await freePort();
  const apiHost = new URL(sim.url).host;
  child = spawn(process.execPath, ['lib/app/main.js'], {
    env: {
      ...process.env,
      APP_ID: String(APP_ID),
      PRIVATE_KEY,
      WEBHOOK_SECRET,
      PORT: String(port),
      HOST: '127.0.0.1',
      GHE_HOST: apiHost,
      GHE_PROTOCOL: 'http',
      LOG_LEVEL: 'info',
      LOG_FORMAT: 'json',
      AGENT_ZONES_WRITE_INTERVAL_MS: '10',
      AGENT_ZONES_NOTIFICATION_INTERVAL_MS: '10',
      AGENT_ZONES_RETRY_BASE_MS: '20',
      NODE_ENV: 'production',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      const r = await fetch(`http://127.0.0.1:${port}/api/github/webhooks`, { method: 'POST', body: '{}' });
      if (r.status > 0) break;
    } catch {
      if (Date.now() > deadline) throw new Error(`npm start did not listen within 60 s:\n${output}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  sim.setWebhookUrl(`http://127.0.0.1:${port}/api/github/webhooks`);
});

after(async () => {
  child.kill('SIGTERM');
  await sim.stop();
});

test('npm start: a green agent PR is decided and merged through the stand-in API', async () => {
  const inst = sim.createInstallation('acme');
  sim.addUser('copilot-swe-agent[bot]', 'Bot');
  sim.createRepo('acme/start', { files: { 'README.md': '# r\n' }, installationId: inst });
  sim.protectBranch('acme/start', 'main', { requiredChecks: ['agent-zones: main'] });
  sim.commit('acme/start', 'copilot/x', { 'docs/x.md': '# X\n' }, { author: 'copilot-swe-agent[bot]' });
  const pr = await sim.openPullRequest('acme/start', { head: 'copilot/x', author: 'copilot-swe-agent[bot]' });
  await sim.idle();
  const runs = sim.checkRuns('acme/start').filter((c) => c.name === 'agent-zones: main');
  assert.equal(runs.length, 1, output);
  assert.equal(runs[0]?.conclusion, 'success');
  assert.equal(sim.pull('acme/start', pr).merged, true);
  await sim.waitFor(() => output.includes('agent-zones: decision'), 5000);
  assert.match(output, /"zone":"green"/);
});

test('npm start rejects a webhook with a bad signature', async () => {
  const res = await sim.deliver('pull_request', { action: 'opened' }, { signature: `sha256=${'1'.repeat(64)}` });
  assert.ok(res.status >= 400 && res.status < 500);
});
