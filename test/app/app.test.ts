import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startWorld, type World } from './harness.js';

const REPO = 'acme/widgets';
const AGENT = 'copilot-swe-agent[bot]';
const CHECK = 'agent-zones: main';

let w: World;

async function setupRepo(world: World, opts: { config?: string; allowAutoMerge?: boolean; protect?: boolean; repo?: string } = {}) {
  const repo = opts.repo ?? REPO;
  const sim = world.sim;
  const files: Record<string, string> = {
    'README.md': '# widgets\n',
    'src/index.ts': 'export const x = 1;\n',
    'docs/guide.md': '# Guide\n',
  };
  if (opts.config) files['.github/agent-zones.yml'] = opts.config;
  sim.createRepo(repo, { allowAutoMerge: opts.allowAutoMerge ?? true, files, installationId: world.installation });
  if (opts.protect ?? true) sim.protectBranch(repo, 'main', { requiredChecks: [CHECK] });
  return repo;
}

function checksOn(world: World, repo: string, sha: string) {
  return world.sim.checkRuns(repo, sha).filter((c) => c.name === CHECK);
}

declare module './harness.js' {
  interface World {
    installation: number;
  }
}

before(async () => {
  w = await startWorld();
  w.installation = w.sim.createInstallation('acme');
  for (const u of ['alice', 'bob', 'carol', 'mallory', 'reader']) w.sim.addUser(u, 'User');
  w.sim.addUser(AGENT, 'Bot');
  w.sim.addUser('renovate[bot]', 'Bot');
});
after(async () => w.stop());

describe('the App against the simulator', () => {
  test('a docs-only agent PR: green check, label, auto-merge pinned to the classified head', async () => {
    const repo = await setupRepo(w, { repo: 'acme/docs-only' });
    w.sim.commit(repo, 'copilot/docs', { 'docs/guide.md': '# Guide\n\nMore.\n', 'docs/new.md': '# New\n' }, { author: AGENT });
    const pr = await w.sim.openPullRequest(repo, { head: 'copilot/docs', author: AGENT, title: 'Docs' });
    await w.sim.idle();
    const state = w.sim.pull(repo, pr);
    const runs = checksOn(w, repo, state.head);
    assert.equal(runs.length, 1);
    assert.equal(runs[0]?.conclusion, 'success');
    assert.deepEqual(w.sim.labels(repo, pr), ['zone: green']);
    assert.ok(state.merged || state.autoMerge, JSON.stringify(state));
    if (state.autoMerge) assert.equal(state.autoMerge.expectedHeadOid, state.head);
    if (state.merged) assert.equal(state.mergedSha !== null, true);
  });
});
