/*
 * Webhook-to-check latency of the App on the loopback simulator: median and p95 over N agent PRs,
 * with GitHub's own request pacing (1 s between writes) and with the pacing scaled down, plus the
 * API requests each decision costs.
 */
import { PRODUCTION_TUNING } from '../src/app/octokit.js';
import { SIM_TUNING, startAppOnSim } from '../src/sim/with-app.js';

const N = Number(process.env.BENCH_PRS ?? 10);

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] as number;
}

async function run(label: string, tuning: typeof SIM_TUNING): Promise<void> {
  const w = await startAppOnSim({ tuning, logLevel: 'warn' });
  const repo = 'acme/bench';
  w.sim.addUser('copilot-swe-agent[bot]', 'Bot');
  w.sim.createRepo(repo, { files: { 'README.md': '# b\n' }, installationId: w.installation });
  w.sim.protectBranch(repo, 'main', { requiredChecks: ['agent-zones: main', 'ci / test'] });
  // Warm-up: token, labels, engine.
  w.sim.commit(repo, 'copilot/warm', { 'docs/warm.md': '# w\n' }, { author: 'copilot-swe-agent[bot]' });
  await w.sim.openPullRequest(repo, { head: 'copilot/warm', author: 'copilot-swe-agent[bot]' });
  await w.sim.waitFor(() => w.sim.labels(repo, 1).length > 0, 30_000);
  const latencies: number[] = [];
  const costs: number[] = [];
  for (let i = 0; i < N; i++) {
    const files: Record<string, string> = {};
    for (let k = 0; k < 20; k++) files[`docs/p${i}-${k}.md`] = `# page ${k}\n`;
    w.sim.commit(repo, `copilot/b${i}`, files, { author: 'copilot-swe-agent[bot]' });
    const before = w.sim.requests.length;
    const t0 = performance.now();
    const pr = await w.sim.openPullRequest(repo, { head: `copilot/b${i}`, author: 'copilot-swe-agent[bot]' });
    const head = w.sim.pull(repo, pr).head;
    await w.sim.waitFor(() => w.sim.checkRuns(repo, head).some((c) => c.name === 'agent-zones: main' && c.status === 'completed'), 30_000);
    latencies.push(performance.now() - t0);
    await w.sim.waitFor(() => w.sim.pull(repo, pr).autoMerge !== null, 30_000);
    costs.push(w.sim.requests.slice(before).filter((q) => !q.path.endsWith('/access_tokens')).length);
  }
  console.log(
    `app, ${label}: webhook-to-check latency median ${quantile(latencies, 0.5).toFixed(0)} ms, p95 ${quantile(latencies, 0.95).toFixed(0)} ms over ${N} green 20-file PRs; ` +
      `API requests per decision median ${quantile(costs, 0.5)} (max ${Math.max(...costs)}), token creation excluded`,
  );
  await w.stop();
}

await run('pacing scaled down for loopback', SIM_TUNING);
await run("GitHub's pacing (1 s between writes)", { ...PRODUCTION_TUNING, timeoutMs: 20_000 });
