// Shared setup for the attack tests: the real App (Probot, real Octokit) against the simulator, a
// fresh repository per attack, and assertions on the simulator's final state only.
import assert from 'node:assert/strict';
import type { AgentZonesOptions } from '../../src/app/app.js';
import { extractRecord } from '../../src/github/record.js';
import type { FileChange } from '../../src/sim/index.js';
import { startAppOnSim, type AppOnSim } from '../../src/sim/with-app.js';

export const AGENT = 'copilot-swe-agent[bot]';
export const CHECK = 'agent-zones: main';
export const APPROVERS = ['alice', 'bob', 'carol', 'reader', 'mallory'];

export type World = AppOnSim;

export async function startAttackWorld(app: Partial<AgentZonesOptions> = {}): Promise<World> {
  const w = await startAppOnSim({ app, appId: 4343 });
  for (const u of ['alice', 'bob', 'carol', 'reader', 'mallory', 'human-dev']) w.sim.addUser(u, 'User');
  w.sim.addUser(AGENT, 'Bot');
  w.sim.addUser('renovate[bot]', 'Bot');
  return w;
}

let n = 0;

export interface RepoOpts {
  config?: string;
  files?: Record<string, string>;
  extraRequired?: string[];
  protect?: boolean;
  allowAutoMerge?: boolean;
}

/** A repository whose main requires the App's check (and, by default, another CI check so green waits). */
export function attackRepo(w: World, opts: RepoOpts = {}): string {
  const name = `acme/attack-${++n}`;
  const files: Record<string, string> = {
    'README.md': '# widgets\n',
    'src/index.ts': 'export const x = 1;\n',
    'docs/guide.md': '# Guide\n',
    '.github/workflows/ci.yml': 'on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm test\n',
    'infra/deploy.sh': '#!/bin/sh\necho deploy\n',
    ...opts.files,
  };
  files['.github/agent-zones.yml'] = opts.config ?? `version: 1\napprovals:\n  users: [${APPROVERS.join(', ')}]\npaths:\n  red: ["infra/**"]\n`;
  w.sim.createRepo(name, { allowAutoMerge: opts.allowAutoMerge ?? true, files, installationId: w.installation });
  for (const [login, perm] of [['alice', 'write'], ['bob', 'maintain'], ['carol', 'admin'], ['reader', 'read'], ['mallory', 'write'], [AGENT, 'write']] as const) {
    w.sim.addCollaborator(name, login, perm);
  }
  if (opts.protect !== false) w.sim.protectBranch(name, 'main', { requiredChecks: [CHECK, ...(opts.extraRequired ?? ['ci / test'])] });
  return name;
}

let branches = 0;

/** An agent PR with the given changes; waits until every webhook it caused has been answered. */
export async function agentPr(w: World, repo: string, changes: Record<string, FileChange | null>, opts: { author?: string; branch?: string; base?: string } = {}): Promise<number> {
  const branch = opts.branch ?? `copilot/attack-${++branches}`;
  const author = opts.author ?? AGENT;
  w.sim.commit(repo, branch, changes, { author });
  const pr = await w.sim.openPullRequest(repo, { head: branch, author, base: opts.base });
  await w.sim.idle();
  return pr;
}

/** The App's check runs on the PR's current head under the given name. */
export function runsOnHead(w: World, repo: string, pr: number, name = CHECK) {
  const head = w.sim.pull(repo, pr).head;
  return w.sim.checkRuns(repo, head).filter((c) => c.name === name);
}

/** Exactly one check run on the head (no duplicates), with its decision record. */
export function theRun(w: World, repo: string, pr: number, name = CHECK) {
  const runs = runsOnHead(w, repo, pr, name);
  assert.equal(runs.length, 1, `one check run per head SHA and name, got ${runs.length}`);
  return runs[0]!;
}

/** The safe outcome of a blocked PR: a failed check on the head, the red label, no merge, no auto-merge. */
export function assertBlocked(w: World, repo: string, pr: number, rule?: RegExp, name = CHECK): void {
  const run = theRun(w, repo, pr, name);
  assert.equal(run.conclusion, 'failure', `check ${run.output.title ?? ''}`);
  if (rule) assert.match(run.output.text ?? run.output.summary ?? '', rule);
  const state = w.sim.pull(repo, pr);
  assert.equal(state.merged, false, 'not merged');
  assert.equal(state.autoMerge, null, 'no auto-merge on a blocked head');
  assert.deepEqual(w.sim.labels(repo, pr), ['zone: red']);
  const record = extractRecord(run.output.text);
  if (record) {
    assert.equal(record.head, state.head);
    assert.equal(record.zone, 'red');
  }
}

/** Never merged, and no auto-merge armed. */
export function assertNotMerged(w: World, repo: string, pr: number): void {
  const state = w.sim.pull(repo, pr);
  assert.equal(state.merged, false, 'not merged');
  assert.equal(state.autoMerge, null, 'no auto-merge');
}
