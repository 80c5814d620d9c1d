import type { Probot } from 'probot';
import { extractRecord } from '../github/record.js';
import { ERROR_TITLE } from '../github/report.js';
import { checkName, type Logger, type Octokit } from '../github/types.js';
import type { AgentZonesOptions } from './app.js';

type Decide = (
  octokit: Octokit,
  repo: { name: string; owner: { login: string }; default_branch?: string },
  pr: unknown,
  meta: { delivery: string; event: string; log: Logger },
) => Promise<unknown>;

/**
 * GitHub does not redeliver lost webhooks: every `sweepMinutes` (with jitter, so replicas spread out)
 * each open PR whose head needs a decision (see `needsDecision`) is decided.
 */
export function startSweep(app: Probot, options: AgentZonesOptions, decide: Decide): void {
  const period = options.sweepMinutes * 60_000;
  const tick = async () => {
    try {
      await sweepOnce(app, options, decide);
    } catch (e) {
      app.log.error({ err: String(e) }, 'agent-zones: sweep failed');
    }
    schedule();
  };
  const schedule = () => {
    const jitter = Math.floor(Math.random() * Math.min(period / 5, 60_000));
    setTimeout(() => void tick(), period + jitter).unref();
  };
  schedule();
}

export async function sweepOnce(app: Probot, options: AgentZonesOptions, decide: Decide): Promise<number> {
  const appOctokit = await app.auth();
  const installations = await appOctokit.paginate(appOctokit.rest.apps.listInstallations, { per_page: 100 });
  let decided = 0;
  for (const inst of installations) {
    const octokit = (await app.auth(inst.id)) as Octokit;
    const repos = (await octokit.paginate(octokit.rest.apps.listReposAccessibleToInstallation, { per_page: 100 })) as unknown as {
      name: string;
      owner: { login: string };
      default_branch?: string;
    }[];
    for (const repo of repos) {
      const pulls = await octokit.paginate(octokit.rest.pulls.list, { owner: repo.owner.login, repo: repo.name, state: 'open', per_page: 100 });
      for (const pr of pulls) {
        const runs = await octokit.rest.checks.listForRef({ owner: repo.owner.login, repo: repo.name, ref: pr.head.sha, check_name: checkName(pr.base.ref), app_id: options.appId });
        if (!needsDecision(runs.data.check_runs)) continue;
        decided++;
        await decide(octokit, repo, pr, { delivery: `sweep-${Date.now()}`, event: 'sweep', log: app.log }).catch((e: unknown) =>
          app.log.error({ err: String(e), repo: `${repo.owner.login}/${repo.name}`, pr: pr.number }, 'agent-zones: sweep decision failed'),
        );
      }
    }
  }
  return decided;
}

interface ListedRun {
  output?: { title?: string | null; text?: string | null } | null;
}

/**
 * A head needs a decision when it has no check from the App (its webhook was lost), when the last
 * decision failed on an error (GitHub was down for longer than the retries), or when it is a red
 * head unlocked by an approval: a lost `dismissed` webhook would otherwise leave it unlocked.
 */
export function needsDecision(runs: ListedRun[]): boolean {
  if (runs.length === 0) return true;
  return runs.some((r) => {
    if (r.output?.title === ERROR_TITLE) return true;
    const record = extractRecord(r.output?.text);
    return record !== null && record.zone === 'red' && record.approval?.approved === true;
  });
}
