/*
 * npm run demo: the GitHub simulator and the real App on loopback, four scripted agent PRs, what the
 * App decided and did for each, a maintainer's approval of the red one, and a summary table. No
 * credentials, no network; it ends by itself.
 */
import { startAppOnSim } from '../src/sim/with-app.js';

const REPO = 'acme/widgets';
const AGENT = 'copilot-swe-agent[bot]';
const CHECK = 'agent-zones: main';
const colour = process.stdout.isTTY && !process.env.NO_COLOR;
const paint = (code: string, s: string) => (colour ? `\u001b[${code}m${s}\u001b[0m` : s);
const ZONE: Record<string, string> = { green: paint('32', 'green'), yellow: paint('33', 'yellow'), red: paint('31', 'red') };

const t0 = performance.now();
const world = await startAppOnSim({ logLevel: 'warn' });
const { sim } = world;
const say = (s = '') => console.log(s);

try {
  for (const u of ['maintainer', 'dev']) sim.addUser(u, 'User');
  sim.addUser(AGENT, 'Bot');
  sim.createRepo(REPO, {
    allowAutoMerge: true,
    installationId: world.installation,
    files: {
      'README.md': '# widgets\n',
      'docs/usage.md': '# Usage\n\nCall `widget()`.\n',
      'docs/old-api.md': '# Old API\n\nDeprecated.\n',
      'src/index.ts': 'export function widget(): number {\n  return 1;\n}\n',
      'package.json': '{\n  "name": "widgets",\n  "version": "1.0.0",\n  "dependencies": {}\n}\n',
      '.github/agent-zones.yml': 'version: 1\napprovals:\n  users: [maintainer]\n',
    },
  });
  sim.addCollaborator(REPO, 'maintainer', 'maintain');
  sim.addCollaborator(REPO, AGENT, 'write');
  sim.protectBranch(REPO, 'main', { requiredChecks: [CHECK, 'ci / test'] });
  say(paint('1', `agent-zones demo: the real App (Probot) against a simulated GitHub on ${sim.url}`));
  say(`repository ${REPO}: main requires the checks "${CHECK}" and "ci / test"; the config on main names @maintainer as approver\n`);

  const scenarios: { title: string; branch: string; changes: Record<string, string | null> }[] = [
    { title: 'Docs only', branch: 'copilot/docs-usage', changes: { 'docs/usage.md': '# Usage\n\nCall `widget()`; it returns 1.\n', 'docs/faq.md': '# FAQ\n\nNone yet.\n' } },
    {
      title: 'Feature with a new dependency',
      branch: 'copilot/retry',
      changes: {
        'src/retry.ts': "import pRetry from 'p-retry';\n\nexport const withRetry = <T>(f: () => Promise<T>) => pRetry(f, { retries: 3 });\n",
        'package.json': '{\n  "name": "widgets",\n  "version": "1.0.0",\n  "dependencies": {\n    "p-retry": "^6.2.1"\n  }\n}\n',
      },
    },
    {
      title: 'A deletion and a pasted key',
      branch: 'copilot/cleanup',
      changes: { 'docs/old-api.md': null, 'src/client.ts': 'export const AWS_ACCESS_KEY_ID = "AKIAZ5Q3XJ7K2M4N6P8R";\n' },
    },
    { title: 'Edits the zones config', branch: 'copilot/loosen-zones', changes: { '.github/agent-zones.yml': 'version: 1\npaths:\n  green: ["**"]\n' } },
  ];

  const rows: { pr: number; title: string; zone: string; did: string; rules: string }[] = [];
  for (const s of scenarios) {
    sim.commit(REPO, s.branch, s.changes, { author: AGENT });
    const pr = await sim.openPullRequest(REPO, { head: s.branch, author: AGENT, title: s.title });
    await sim.idle();
    // Other CI passes: this is when GitHub's auto-merge fires for a green PR.
    await sim.setExternalCheck(REPO, sim.pull(REPO, pr).head, 'ci / test', 'success');
    await sim.idle();
    const state = sim.pull(REPO, pr);
    const run = sim.checkRuns(REPO, state.head).find((c) => c.name === CHECK);
    const labels = sim.labels(REPO, pr);
    const zone = labels[0]?.replace('zone: ', '') ?? '?';
    const rules = [...new Set([...(run?.output.text ?? '').matchAll(/\| (?:🔴|🟡) \w+ \| .*? \| `([^`]+)`/g)].map((m) => m[1]))].join(', ');
    const did = state.merged
      ? `merged ${state.mergedSha?.slice(0, 7)} (auto-merge pinned to ${state.head.slice(0, 7)})`
      : run?.conclusion === 'failure'
        ? `blocked: check "${CHECK}" failed`
        : `labelled, not merged (check ${run?.conclusion})`;
    rows.push({ pr, title: s.title, zone, did, rules });
    say(`#${pr} ${paint('1', s.title)} -> ${ZONE[zone] ?? zone}`);
    say(`   check: ${run?.output.title}`);
    if (rules) say(`   rules: ${rules}`);
    say(`   label: ${labels.join(', ')}; ${did}`);
    const reviewers = sim.requestedReviewers(REPO, pr).users;
    if (reviewers.length) say(`   review requested from: ${reviewers.map((u) => `@${u}`).join(', ')}`);
    say();
  }

  const red = rows.find((r) => r.title === 'A deletion and a pasted key');
  if (red) {
    say(paint('1', `@maintainer reviews #${red.pr} and approves its head commit`));
    await sim.submitReview(REPO, red.pr, { user: 'maintainer', state: 'APPROVED' });
    await sim.idle();
    const run = sim.checkRuns(REPO, sim.pull(REPO, red.pr).head).find((c) => c.name === CHECK);
    say(`   check now: ${run?.conclusion} - ${run?.output.title}`);
    say('   the App does not merge red PRs: the maintainer merges it.\n');
    red.did = `approved by @maintainer: check ${run?.conclusion}, left for a human to merge`;
  }

  const width = (k: keyof (typeof rows)[number]) => Math.max(k.length, ...rows.map((r) => String(r[k]).replace(/\u001b\[\d+m/g, '').length));
  const cols: (keyof (typeof rows)[number])[] = ['pr', 'title', 'zone', 'did'];
  say(paint('1', 'Summary'));
  say(cols.map((c) => c.toUpperCase().padEnd(width(c))).join('  '));
  for (const r of rows) say(cols.map((c) => (c === 'zone' ? (ZONE[r.zone] ?? r.zone) + ' '.repeat(width(c) - r.zone.length) : String(r[c]).padEnd(width(c)))).join('  '));
  const api = sim.requests.filter((q) => !q.path.endsWith('/access_tokens')).length;
  say(`\n${rows.length} PRs, ${api} API requests by the App, ${Math.round(performance.now() - t0)} ms in all.`);
} finally {
  await world.stop();
}
