import type { Probot } from 'probot';
import { fetchRepoFacts } from '../drift/collect.js';
import { driftPolicy, dueAt, isoWeek, listDriftIssues, runDrift } from '../drift/index.js';
import type { Octokit } from '../github/types.js';
import type { AgentZonesOptions } from './app.js';

export interface DriftScheduleState {
  /** `owner/repo` → the ISO week whose issue is known to exist: no request until the next week. */
  done: Map<string, string>;
}

export interface DriftRun {
  repo: string;
  week: string;
  issueNumber: number | null;
}

/**
 * Every `driftMinutes` (with jitter, so replicas spread out), each repository of each installation
 * gets its weekly drift issue once its configured weekday and hour (UTC) have come and the week's
 * issue does not exist yet. The issue itself is the state: a restart or a second replica finds it
 * and does nothing, and runDrift's re-check closes a duplicate if two replicas raced.
 */
export function startDriftSchedule(app: Probot, options: AgentZonesOptions & { driftMinutes: number }): void {
  const period = options.driftMinutes * 60_000;
  const state: DriftScheduleState = { done: new Map() };
  const tick = async () => {
    try {
      await driftTick(app, options, new Date(), state);
    } catch (e) {
      app.log.error({ err: String(e) }, 'agent-zones: drift schedule failed');
    }
    schedule();
  };
  const schedule = () => {
    const jitter = Math.floor(Math.random() * Math.min(period / 5, 5 * 60_000));
    setTimeout(() => void tick(), period + jitter).unref();
  };
  schedule();
}

/** One pass over every installation's repositories at `now` (injected, so tests are deterministic). */
export async function driftTick(app: Probot, options: Pick<AgentZonesOptions, 'appId' | 'configPath'>, now: Date, state: DriftScheduleState = { done: new Map() }): Promise<DriftRun[]> {
  const week = isoWeek(now).key;
  const runs: DriftRun[] = [];
  const appOctokit = await app.auth();
  const installations = await appOctokit.paginate(appOctokit.rest.apps.listInstallations, { per_page: 100 });
  for (const inst of installations) {
    const octokit = (await app.auth(inst.id)) as Octokit;
    const repos = (await octokit.paginate(octokit.rest.apps.listReposAccessibleToInstallation, { per_page: 100 })) as unknown as { name: string; owner: { login: string } }[];
    for (const r of repos) {
      const repo = { owner: r.owner.login, repo: r.name };
      const key = `${repo.owner}/${repo.repo}`;
      if (state.done.get(key) === week) continue;
      try {
        const facts = await fetchRepoFacts(octokit, repo, options.configPath);
        const policy = await driftPolicy(octokit, repo, facts, options.configPath);
        if (!policy.drift.enabled || now < dueAt(now, policy.drift.weekday, policy.drift.hour)) continue;
        if ((await listDriftIssues(octokit, repo)).some((i) => i.week === week)) {
          state.done.set(key, week);
          continue;
        }
        const result = await runDrift(octokit, repo, { now, appId: options.appId, configPath: options.configPath, log: (m) => app.log.info(m) });
        state.done.set(key, week);
        runs.push({ repo: key, week, issueNumber: result.issueNumber });
        app.log.info({ repo: key, week, issue: result.issueNumber, requests: result.requests }, 'agent-zones: drift issue written');
      } catch (e) {
        app.log.error({ repo: key, err: String(e) }, 'agent-zones: drift report failed');
      }
    }
  }
  return runs;
}
