// npm run soak: the real App against the GitHub simulator under load, faults and lost, duplicated,
// late and reordered webhooks, ending with a verdict computed from the simulator's final state.
// Bounded in time and count, loopback only. Options: --repos N --prs N --seconds S --seed N.
import { parseArgs } from 'node:util';
import { extractRecord } from '../src/github/record.js';
import type { FileChange } from '../src/sim/index.js';
import { startAppOnSim } from '../src/sim/with-app.js';
import { rng } from '../test/support/random.js';

const { values: args } = parseArgs({
  options: {
    repos: { type: 'string', default: '50' },
    prs: { type: 'string', default: '500' },
    seconds: { type: 'string', default: '600' },
    seed: { type: 'string', default: '20240607' },
  },
});
const REPOS = Number(args.repos);
const PRS = Number(args.prs);
const DEADLINE = Date.now() + Number(args.seconds) * 1000;
const rand = rng(Number(args.seed));
const chance = (p: number) => rand() < p;
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;

const AGENT = 'copilot-swe-agent[bot]';
const CHECK = 'agent-zones: main';
type Zone = 'green' | 'yellow' | 'red';
const RANK: Record<Zone, number> = { green: 0, yellow: 1, red: 2 };

// ---- the world ------------------------------------------------------------------------------------

// Pacing: the production mechanisms (write spacing, notification spacing, retry backoff, request
// timeout) scaled down for loopback so 500 PRs finish in minutes (SIM_TUNING-like).
const TUNING = { writeIntervalMs: 2, notificationIntervalMs: 2, retryBaseMs: 20, timeoutMs: 1500 };
const w = await startAppOnSim({ app: { sweepMinutes: 0.05 }, tuning: TUNING, appId: 5151, logLevel: 'warn' });
for (const u of ['alice', 'bob', 'carol', 'mallory']) w.sim.addUser(u, 'User');
w.sim.addUser(AGENT, 'Bot');

let peakRss = 0;
const rssTimer = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);

const repos: string[] = [];
for (let i = 0; i < REPOS; i++) {
  const name = `acme/soak-${i}`;
  w.sim.createRepo(name, {
    installationId: w.installation,
    files: {
      'README.md': '# soak\n',
      'src/index.ts': 'export const x = 1;\n',
      'infra/deploy.sh': '#!/bin/sh\necho deploy\n',
      '.github/agent-zones.yml': 'version: 1\napprovals:\n  users: [alice, bob, carol, mallory]\npaths:\n  red: ["infra/**"]\n',
    },
  });
  for (const [login, perm] of [['alice', 'write'], ['bob', 'maintain'], ['carol', 'admin'], ['mallory', 'write'], [AGENT, 'write']] as const) w.sim.addCollaborator(name, login, perm);
  w.sim.protectBranch(name, 'main', { requiredChecks: [CHECK, 'ci / test'] });
  repos.push(name);
}

// ---- faults ---------------------------------------------------------------------------------------

// Checked in order: the first matching fault answers. Random matchers with no use limit.
w.sim.fault({ match: () => chance(0.005), delayMs: TUNING.timeoutMs + 300, times: Infinity }); // timeouts
w.sim.fault({ match: () => chance(0.01), status: 403, secondaryRateLimit: true, retryAfter: 1, times: Infinity });
w.sim.fault({ match: () => chance(0.1), status: pick([500, 502, 503]), times: Infinity });
let lost = 0;
w.sim.setDelivery({
  // Only pull_request deliveries are lost: GitHub never redelivers, and the sweep recovers a head with
  // no decision (and re-decides approved red heads, in case a dismissal was lost). A lost review event
  // leaves a red PR blocked until a human acts: safe, so not part of this run's liveness verdict.
  drop: (event) => event === 'pull_request' && chance(0.03) && ++lost > 0,
  duplicate: () => chance(0.1),
  delayMs: () => (chance(0.2) ? Math.floor(rand() * 1500) : Math.floor(rand() * 30)),
});

// ---- scenarios ------------------------------------------------------------------------------------

type Step = { kind: 'push'; zone: Zone } | { kind: 'approve'; user: string } | { kind: 'dismiss' } | { kind: 'changes' };
interface Plan {
  repo: string;
  first: Zone;
  steps: Step[];
}
interface Tracked extends Plan {
  number: number;
  zone: Zone;
  /** Whether a qualified approval of the final head stands. */
  approved: boolean;
  triggers: { sha: string; at: number }[];
}

const SCENARIOS: (() => Omit<Plan, 'repo'>)[] = [
  () => ({ first: 'green', steps: [] }),
  () => ({ first: 'green', steps: [{ kind: 'push', zone: 'green' }] }),
  () => ({ first: 'green', steps: [{ kind: 'push', zone: 'red' }] }),
  () => ({ first: 'yellow', steps: [] }),
  () => ({ first: 'yellow', steps: [{ kind: 'push', zone: 'green' }] }),
  () => ({ first: 'red', steps: [] }),
  () => ({ first: 'red', steps: [{ kind: 'approve', user: pick(['alice', 'bob', 'carol']) }] }),
  () => ({ first: 'red', steps: [{ kind: 'approve', user: 'carol' }, { kind: 'dismiss' }] }),
  () => ({ first: 'red', steps: [{ kind: 'approve', user: 'bob' }, { kind: 'push', zone: 'green' }] }),
  () => ({ first: 'red', steps: [{ kind: 'approve', user: AGENT }] }),
  () => ({ first: 'red', steps: [{ kind: 'approve', user: 'alice' }, { kind: 'changes' }] }),
];

let fileSeq = 0;
function change(zone: Zone): Record<string, FileChange> {
  const k = ++fileSeq;
  if (zone === 'green') return { [`docs/page-${k}.md`]: `# Page ${k}\n` };
  if (zone === 'yellow') return { [`src/mod-${k}.ts`]: `export const m${k} = ${k};\n` };
  return { 'infra/deploy.sh': `#!/bin/sh\necho deploy ${k}\n` };
}

const tracked: Tracked[] = [];

// Latency: from the change (open or push) to a completed check from the App on that head, polled.
const latencies: number[] = [];
const pending = new Map<string, { repo: string; sha: string; at: number }>();
const latencyTimer = setInterval(() => {
  for (const [key, p] of pending) {
    if (w.sim.checkRuns(p.repo, p.sha).some((c) => c.name === CHECK && c.status === 'completed')) {
      latencies.push(performance.now() - p.at);
      pending.delete(key);
    }
  }
}, 10);
function watch(repo: string, sha: string, at: number): void {
  pending.set(`${repo}@${sha}`, { repo, sha, at });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function runPr(plan: Plan, seq: number): Promise<void> {
  const branch = `copilot/soak-${seq}`;
  const sha = w.sim.commit(plan.repo, branch, change(plan.first), { author: AGENT });
  const t: Tracked = { ...plan, number: 0, zone: plan.first, approved: false, triggers: [{ sha, at: performance.now() }] };
  watch(plan.repo, sha, performance.now());
  tracked.push(t);
  t.number = await w.sim.openPullRequest(plan.repo, { head: branch, author: AGENT, title: `soak ${seq}` });
  let lastReview = 0;
  for (const step of plan.steps) {
    await sleep(Math.floor(rand() * 200));
    if (step.kind === 'push') {
      const at = performance.now();
      const pushed = w.sim.push(plan.repo, t.number, change(step.zone));
      const head = w.sim.pull(plan.repo, t.number).head;
      watch(plan.repo, head, at);
      await pushed;
      t.triggers.push({ sha: head, at });
      t.zone = RANK[step.zone] > RANK[t.zone] ? step.zone : t.zone;
      t.approved = false;
    } else if (step.kind === 'approve') {
      lastReview = await w.sim.submitReview(plan.repo, t.number, { user: step.user, state: 'APPROVED' });
      t.approved = step.user !== AGENT;
    } else if (step.kind === 'dismiss') {
      await w.sim.dismissReview(plan.repo, t.number, lastReview, 'carol');
      t.approved = false;
    } else {
      await w.sim.submitReview(plan.repo, t.number, { user: 'bob', state: 'CHANGES_REQUESTED' });
      t.approved = false;
    }
  }
}

// Each repository runs its PRs one after another; repositories run concurrently.
const t0 = performance.now();
const perRepo = Math.ceil(PRS / REPOS);
let seq = 0;
await Promise.all(
  repos.map(async (repo) => {
    for (let i = 0; i < perRepo && seq < PRS && Date.now() < DEADLINE; i++) {
      const plan = { repo, ...pick(SCENARIOS)() };
      await runPr(plan, ++seq);
    }
  }),
);
await w.sim.idle();

// Other CI passes on every final head: green heads merge now. Then wait for quiet and two sweeps.
for (const t of tracked) {
  const head = w.sim.pull(t.repo, t.number).head;
  if (w.sim.pull(t.repo, t.number).state === 'open') void w.sim.setExternalCheck(t.repo, head, 'ci / test', 'success');
}
const settleUntil = Math.min(DEADLINE, Date.now() + 60_000);
for (;;) {
  await w.sim.idle();
  await sleep(7000); // two sweep periods (0.05 min) with jitter
  await w.sim.idle();
  if (verdict(false).problems.length === 0 || Date.now() > settleUntil) break;
}
const wallS = (performance.now() - t0) / 1000;

// ---- verdict --------------------------------------------------------------------------------------

function verdict(final: boolean): { problems: string[] } {
  const problems: string[] = [];
  for (const t of tracked) {
    const id = `${t.repo}#${t.number}`;
    const p = w.sim.pull(t.repo, t.number);
    const runs = w.sim.checkRuns(t.repo, p.head).filter((c) => c.name === CHECK);
    if (runs.length !== 1) {
      problems.push(`${id}: ${runs.length} check runs on the final head`);
      continue;
    }
    const run = runs[0]!;
    const record = extractRecord(run.output.text);
    if (!record) problems.push(`${id}: no DecisionRecord on the final head (${run.output.title}: ${(run.output.summary ?? '').slice(0, 300)})`);
    else if (record.head !== p.head) problems.push(`${id}: the record is for ${record.head}, not the head`);
    else if (record.zone !== t.zone) problems.push(`${id}: zone ${record.zone}, expected ${t.zone}`);
    const labels = w.sim.labels(t.repo, t.number).filter((l) => l.startsWith('zone: '));
    if (labels.length !== 1 || labels[0] !== `zone: ${t.zone}`) problems.push(`${id}: labels ${JSON.stringify(labels)}, expected zone: ${t.zone}`);
    const expectConclusion = t.zone === 'red' && !t.approved ? 'failure' : 'success';
    if (run.conclusion !== expectConclusion) problems.push(`${id}: check ${run.conclusion}, expected ${expectConclusion}`);
    // Merges: only a green head, decided green on exactly that head. (The App never merges red.)
    if (p.merged && !(t.zone === 'green' && run.conclusion === 'success' && record?.zone === 'green' && record.head === p.head)) {
      problems.push(`${id}: WRONG MERGE of ${p.head.slice(0, 12)} (expected ${t.zone})`);
    }
    if (final && t.zone === 'green' && !p.merged) problems.push(`${id}: green but not merged`);
    if (t.zone !== 'green' && p.autoMerge) problems.push(`${id}: auto-merge armed on a ${t.zone} head`);
  }
  // Duplicate check runs anywhere (one per head SHA and name), not only on final heads.
  for (const repo of repos) {
    const seen = new Map<string, number>();
    for (const c of w.sim.checkRuns(repo)) if (c.app_id === w.appId) seen.set(`${c.head_sha}/${c.name}`, (seen.get(`${c.head_sha}/${c.name}`) ?? 0) + 1);
    for (const [k, n] of seen) if (n > 1) problems.push(`${repo}: ${n} check runs for ${k}`);
  }
  return { problems };
}

const { problems } = verdict(true);
clearInterval(rssTimer);
clearInterval(latencyTimer);
peakRss = Math.max(peakRss, process.memoryUsage().rss);

const deliveries = w.sim.deliveries.filter((d) => d.status >= 200 && d.status < 300).length;
const requests = w.sim.requests.filter((q) => !q.path.endsWith('/access_tokens'));
const sweepOps = new Set(['apps/list-installations', 'apps/list-repos-accessible-to-installation', 'pulls/list', 'checks/list-for-ref']);
const decisionRequests = requests.filter((q) => !sweepOps.has(q.operation ?? ''));
const faulted = w.sim.requests.filter((q) => q.status >= 500 || q.status === 403).length;
const sorted = [...latencies].sort((a, b) => a - b);
const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;
const merged = tracked.filter((t) => w.sim.pull(t.repo, t.number).merged).length;
const zones = { green: 0, yellow: 0, red: 0 };
for (const t of tracked) zones[t.zone]++;

console.log(`agent-zones soak: ${repos.length} repositories, ${tracked.length} agent PRs (${zones.green} green, ${zones.yellow} yellow, ${zones.red} red), ${merged} merged`);
console.log(`  wall time            ${wallS.toFixed(1)} s (pacing: write ${TUNING.writeIntervalMs} ms, notifications ${TUNING.notificationIntervalMs} ms, retry base ${TUNING.retryBaseMs} ms, timeout ${TUNING.timeoutMs} ms, sweep every 3 s)`);
console.log(`  webhooks handled     ${deliveries} (${(deliveries / wallS).toFixed(1)} events/s); ${lost} lost on purpose`);
console.log(`  webhook→check        p50 ${q(0.5).toFixed(0)} ms, p99 ${q(0.99).toFixed(0)} ms (${sorted.length} heads; includes injected delivery delays and faults)`);
console.log(`  API requests per PR  ${(decisionRequests.length / tracked.length).toFixed(1)} for decisions, ${(requests.length / tracked.length).toFixed(1)} with the sweeps (${requests.length} total, ${faulted} answered with a fault)`);
console.log(`  peak RSS             ${(peakRss / 1024 / 1024).toFixed(0)} MiB (App and simulator in one process)`);
if (problems.length) {
  console.log(`VERDICT: FAIL (${problems.length} problems)`);
  for (const p of problems.slice(0, 50)) console.log(`  - ${p}`);
} else {
  console.log('VERDICT: PASS: every PR in its deserved zone, no wrong merge, no duplicate check run or label, every decision recorded');
}
await w.stop();
process.exit(problems.length ? 1 : 0);
