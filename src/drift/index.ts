import { apiExtendsResolver } from '../github/policy.js';
import type { Octokit, RepoRef } from '../github/types.js';
import { defaultPolicy } from '../policy/defaults.js';
import { ConfigError, loadPolicy } from '../policy/load.js';
import type { Policy } from '../policy/types.js';
import { analyze } from './analyze.js';
import { fetchPulls, fetchRepoFacts } from './collect.js';
import { closeEarlierWeeks, listDriftIssues, upsertDriftIssue } from './issue.js';
import { isoWeek, parseSince } from './period.js';
import { driftTitle, renderDrift } from './render.js';

export { DriftInputError, isoWeek, dueAt, parseSince } from './period.js';
export { DRIFT_LABEL, listDriftIssues } from './issue.js';
export { driftMarker, driftTitle, markerWeek } from './render.js';

export interface DriftOptions {
  now?: Date;
  since?: string;
  dryRun?: boolean;
  configPath?: string;
  /** The App whose check runs hold the records; null reads every App's (and the report says so). */
  appId?: number | null;
  log?: (msg: string) => void;
}

export interface DriftResult {
  body: string;
  title: string;
  issueNumber: number | null;
  /** API requests this run made (REST and GraphQL, retries included). */
  requests: number;
}

/** A check-run update does not always bump a PR's updatedAt: read a day further back than needed. */
const SLACK_MS = 86_400_000;

/**
 * Builds the week's zone-drift report for one repository from the decision records in the App's
 * check runs, and (unless dryRun) creates or updates the week's issue and closes last week's.
 */
export async function runDrift(octokit: Octokit, repo: RepoRef, opts: DriftOptions = {}): Promise<DriftResult> {
  const now = opts.now ?? new Date();
  const since = opts.since ?? '7d';
  const windowMs = parseSince(since);
  const configPath = opts.configPath ?? '.github/agent-zones.yml';
  const log = opts.log ?? (() => undefined);
  let requests = 0;
  const count = async () => {
    requests++;
  };
  octokit.hook.before('request', count);
  try {
    const notes: string[] = [];
    const facts = await fetchRepoFacts(octokit, repo, configPath);
    const policy = await driftPolicy(octokit, repo, facts, configPath, notes);
    const { pulls, truncated } = await fetchPulls(octokit, repo, { since: new Date(now.getTime() - 8 * windowMs - SLACK_MS), appId: opts.appId ?? null });
    if (truncated) notes.push(`More pull requests were updated in these 8 periods than one run reads (${pulls.length}); the oldest periods are incomplete.`);
    if ((opts.appId ?? null) === null) notes.push('No App id was given: decision records were read from the check runs of every App, so a record another App wrote would count too.');
    const week = isoWeek(now).key;
    const title = driftTitle(week);
    const analysis = analyze({ pulls, policy, now, windowMs });
    const existing = opts.dryRun ? [] : await listDriftIssues(octokit, repo);
    const previous = existing.filter((i) => i.week < week).sort((a, b) => b.week.localeCompare(a.week) || a.number - b.number)[0] ?? null;
    const body = renderDrift(analysis, { repo: `${repo.owner}/${repo.repo}`, week, now, since, notes, previousIssue: previous ? { number: previous.number, week: previous.week } : null });
    log(`drift ${repo.owner}/${repo.repo} ${week}: ${pulls.length} pull requests read`);
    if (opts.dryRun) return { body, title, issueNumber: null, requests };
    if (!policy.drift.enabled) {
      log(`drift ${repo.owner}/${repo.repo}: drift.enabled is false, no issue written`);
      return { body, title, issueNumber: null, requests };
    }
    const issueNumber = await upsertDriftIssue(octokit, repo, { week, title, body, existing });
    const closed = await closeEarlierWeeks(octokit, repo, existing, week, issueNumber);
    log(`drift ${repo.owner}/${repo.repo} ${week}: issue #${issueNumber}${closed.length ? `, closed ${closed.map((n) => `#${n}`).join(', ')}` : ''}`);
    return { body, title, issueNumber, requests };
  } finally {
    octokit.hook.remove('request', count);
  }
}

/** The policy of the default branch, as the App reads it; an invalid file is reported, and the defaults used. */
export async function driftPolicy(octokit: Octokit, repo: RepoRef, facts: { config: { path: string; text: string } | null; configProblem: string | null }, configPath: string, notes: string[] = []): Promise<Policy> {
  const fallback = { ...defaultPolicy(), configPath };
  if (facts.configProblem) {
    notes.push(`The config cannot be read (${facts.configProblem}); the default policy was used for this report.`);
    return fallback;
  }
  if (!facts.config) return fallback;
  try {
    return await loadPolicy(facts.config.text, { file: facts.config.path, configPath, resolveExtends: apiExtendsResolver(octokit, repo) });
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    notes.push(`The config is invalid (${e.all.map((x) => x.oneLine()).join('; ')}); the default policy was used for this report.`);
    return fallback;
  }
}
