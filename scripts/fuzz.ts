// The longer fuzz run: every parser target (diffs, config files, workflow YAML, shell scripts) for
// --seconds, then malformed signed webhook payloads against the real App on the simulator.
// A crash (a broken contract, or a case slower than --hang-ms) is saved under test/fuzz/corpus/<target>/
// so the CI run replays it for ever after; the run exits non-zero when it found any.
//   node --import tsx scripts/fuzz.ts --seconds 60 [--seed N] [--hang-ms 5000] [--webhooks 500]
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startAppOnSim } from '../src/sim/with-app.js';
import { malformedDelivery } from '../test/fuzz/payloads.js';
import { ENGINE_TARGETS } from '../test/fuzz/targets.js';
import { rng } from '../test/support/random.js';

const { values: args } = parseArgs({
  options: {
    seconds: { type: 'string', default: '60' },
    seed: { type: 'string', default: String(Date.now() % 1_000_000) },
    'hang-ms': { type: 'string', default: '5000' },
    webhooks: { type: 'string', default: '500' },
  },
});
const seconds = Number(args.seconds);
const seed = Number(args.seed);
const hangMs = Number(args['hang-ms']);
const corpus = join(import.meta.dirname, '..', 'test', 'fuzz', 'corpus');
let crashes = 0;

function save(target: string, input: string, why: string): void {
  crashes++;
  const dir = join(corpus, target);
  mkdirSync(dir, { recursive: true });
  const name = `${createHash('sha256').update(input).digest('hex').slice(0, 16)}.txt`;
  writeFileSync(join(dir, name), input);
  console.log(`CRASH ${target}: ${why.split('\n')[0]} -> test/fuzz/corpus/${target}/${name}`);
}

console.log(`fuzz: seed ${seed}, ${seconds} s over ${ENGINE_TARGETS.length} parser targets, then ${args.webhooks} webhook payloads`);
const r = rng(seed);
const share = (seconds * 1000) / ENGINE_TARGETS.length;
for (const target of ENGINE_TARGETS) {
  const until = performance.now() + share;
  let n = 0;
  while (performance.now() < until) {
    const input = target.generate(r);
    const t = performance.now();
    try {
      await target.check(input);
      const ms = performance.now() - t;
      if (ms > hangMs) save(target.name, input, `took ${ms.toFixed(0)} ms`);
    } catch (e) {
      save(target.name, input, e instanceof Error ? (e.stack ?? e.message) : String(e));
    }
    n++;
  }
  console.log(`  ${target.name.padEnd(9)} ${n} inputs`);
}

// Webhooks: the real App, real signatures, malformed shapes. It must answer each, merge nothing, and
// still decide a real PR at the end.
const w = await startAppOnSim({ appId: 4646, logLevel: 'fatal' });
try {
  const AGENT = 'copilot-swe-agent[bot]';
  const repo = 'acme/fuzz';
  w.sim.addUser(AGENT, 'Bot');
  w.sim.addUser('carol', 'User');
  w.sim.createRepo(repo, { installationId: w.installation, files: { 'README.md': '# f\n' } });
  w.sim.addCollaborator(repo, AGENT, 'write');
  w.sim.addCollaborator(repo, 'carol', 'admin');
  w.sim.protectBranch(repo, 'main', { requiredChecks: ['agent-zones: main'] });
  w.sim.commit(repo, 'copilot/seed', { '.github/workflows/x.yml': 'on: push\n' }, { author: AGENT });
  const pr = await w.sim.openPullRequest(repo, { head: 'copilot/seed', author: AGENT });
  await w.sim.push(repo, pr, { 'docs/b.md': '# b\n' });
  await w.sim.submitReview(repo, pr, { user: 'carol', state: 'COMMENTED' });
  await w.sim.setExternalCheck(repo, w.sim.pull(repo, pr).head, 'ci / test', 'success');
  await w.sim.enqueueMergeGroup(repo, pr).catch(() => undefined);
  await w.sim.idle();
  const real = w.sim.deliveries.filter((d) => d.body).map((d) => ({ event: d.event, body: d.body as string }));
  const statuses = new Map<number, number>();
  for (let i = 0; i < Number(args.webhooks); i++) {
    const d = malformedDelivery(r, real);
    const res = await w.sim.deliver(d.event, d.payload);
    statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
    if (res.status === 0) save('webhook', JSON.stringify(d), 'no answer');
  }
  await w.sim.idle();
  if (w.sim.pull(repo, pr).merged) save('webhook', 'merged', 'a red PR was merged by malformed events');
  w.sim.commit(repo, 'copilot/after', { 'docs/c.md': '# c\n' }, { author: AGENT });
  const pr2 = await w.sim.openPullRequest(repo, { head: 'copilot/after', author: AGENT });
  await w.sim.idle();
  if (!w.sim.checkRuns(repo, w.sim.pull(repo, pr2).head).some((c) => c.conclusion === 'success')) save('webhook', 'after', 'the App stopped deciding');
  console.log(`  webhooks  ${args.webhooks} payloads, answers ${JSON.stringify(Object.fromEntries(statuses))}`);
} finally {
  await w.stop();
}
console.log(crashes ? `fuzz: ${crashes} crash(es) saved` : 'fuzz: no crash');
process.exit(crashes ? 1 : 0);
