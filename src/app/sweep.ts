import type { Probot } from 'probot';
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
 * each open PR whose head has no check from this App is decided.
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
        if (runs.data.total_count > 0) continue;
        decided++;
        await decide(octokit, repo, pr, { delivery: `sweep-${Date.now()}`, event: 'sweep', log: app.log }).catch((e: unknown) =>
          app.log.error({ err: String(e), repo: `${repo.owner.login}/${repo.name}`, pr: pr.number }, 'agent-zones: sweep decision failed'),
        );
      }
    }
  }
  return decided;
}
