import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { runDrift } from '../../src/drift/index.js';
import { installClock, startDriftWorld, APP_ID, type DriftWorld } from './world.js';

// What a weekly run costs for a repository with 200 agent PRs in the week, counted by runDrift and
// cross-checked against the simulator's request log. GitHub allows an installation 5,000 requests an hour.
const R = 'acme/busy';
const AGENT = 'copilot-swe-agent[bot]';
const PRS = 200;

let w: DriftWorld;
let clock: ReturnType<typeof installClock>;

before(async () => {
  clock = installClock('2026-11-16T08:00:00Z');
  w = await startDriftWorld();
  w.sim.addUser(AGENT, 'Bot');
  w.sim.createRepo(R, { installationId: w.installation, files: { 'README.md': '# busy\n', 'src/a.ts': 'export {};\n' } });
  w.sim.addCollaborator(R, AGENT, 'write');
  w.sim.protectBranch(R, 'main', { requiredChecks: [{ context: 'agent-zones: main', appId: APP_ID }] });
});
after(async () => {
  await w?.stop();
  clock?.restore();
});

test(`a weekly run over ${PRS} agent PRs costs a handful of requests`, async () => {
  clock.set('2026-11-17T09:00:00Z');
  for (let i = 0; i < PRS; i++) {
    // alternate docs (green, merged) and source (yellow, left open) so the records differ
    const changes = i % 2 === 0 ? { [`docs/n${i}.md`]: `# ${i}\n` } : { [`src/f${i}.ts`]: `export const v${i} = ${i};\n` };
    w.sim.commit(R, `copilot/pr-${i}`, changes, { author: AGENT });
    await w.sim.openPullRequest(R, { head: `copilot/pr-${i}`, author: AGENT, title: `PR ${i}` });
    if (i % 20 === 19) await w.sim.idle();
  }
  await w.sim.idle();
  const before = w.sim.requests.length;
  const r = await runDrift(await w.octokit(), { owner: 'acme', repo: 'busy' }, { now: new Date('2026-11-23T09:00:00Z'), appId: APP_ID });
  const served = w.sim.requests.slice(before);
  const graphql = served.filter((q) => q.path.endsWith('/graphql')).length;
  assert.match(r.body, /\| green \| 100 \|/);
  assert.match(r.body, /\| yellow \| 100 \|/);
  // runDrift's count is what the simulator served (including minting the installation token, if due)
  assert.equal(r.requests, served.length, 'runDrift counts every request it makes');
  // 1 repo/config query + 4 pages of 50 PRs + list issues + create + re-list (+ a token)
  assert.equal(graphql, 5);
  assert.ok(r.requests <= 9, `requests: ${r.requests}`);
  process.stdout.write(`# drift cost: ${PRS} PRs -> ${r.requests} requests (${graphql} GraphQL, ${r.requests - graphql} REST); ${((r.requests / 5000) * 100).toFixed(2)}% of 5,000/hour\n`);
});

test('the CLI prints the body with --dry-run and writes nothing', async () => {
  const { token } = (await (await w.octokit()).auth({ type: 'installation' })) as { token: string };
  const issuesBefore = w.sim.issues(R).length;
  const out: string[] = [];
  const err: string[] = [];
  const saved = { ...process.env };
  Object.assign(process.env, { GITHUB_TOKEN: token, GITHUB_API_URL: w.sim.apiUrl, AGENT_ZONES_APP_ID: String(APP_ID) });
  try {
    const { main } = await import('../../src/cli/main.js');
    const code = await main(['drift', '--repo', R, '--since', '7d', '--dry-run'], { stdout: (t) => void out.push(t), stderr: (t) => void err.push(t), readStdin: async () => '', isTTY: false });
    assert.equal(code, 0, err.join(''));
  } finally {
    process.env = saved;
  }
  assert.match(out.join(''), /^<!-- agent-zones:drift \d{4}-W\d{2} -->\n# Zone drift: /);
  assert.match(out.join(''), /## Yellow log/);
  assert.match(err.join(''), /\d+ API requests/);
  assert.equal(w.sim.issues(R).length, issuesBefore, 'dry run: no issue written');
});
