import type { ApplicationFunction, Context, Probot } from 'probot';
import { initEngine } from '../engine/init.js';
import { decidePullRequest, type DecideInput } from '../github/decide.js';
import { disableAutoMerge } from '../github/merge.js';
import { decideMergeGroup } from '../github/merge-group.js';
import { errorOutput } from '../github/report.js';
import { upsertCheck } from '../github/checks.js';
import { checkName, type Logger, type Octokit, type RepoRef } from '../github/types.js';
import { KeyedQueue } from './queue.js';
import { startDriftSchedule } from './drift-schedule.js';
import { startSweep } from './sweep.js';

export interface AgentZonesOptions {
  appId: number;
  /** Path of the config file in each repository. */
  configPath: string;
  /** Minutes between sweeps for PRs whose head has no check from the App; 0 turns the sweep off. */
  sweepMinutes: number;
  /** Minutes between checks whether a repository's weekly drift issue is due; 0 or absent turns it off. */
  driftMinutes?: number;
}

export function optionsFromEnv(env: NodeJS.ProcessEnv = process.env): AgentZonesOptions {
  const sweep = env.AGENT_ZONES_SWEEP_MINUTES === undefined ? 10 : Number(env.AGENT_ZONES_SWEEP_MINUTES);
  const drift = env.AGENT_ZONES_DRIFT_CHECK_MINUTES === undefined ? 60 : Number(env.AGENT_ZONES_DRIFT_CHECK_MINUTES);
  return {
    appId: Number(env.APP_ID),
    configPath: env.AGENT_ZONES_CONFIG_PATH || '.github/agent-zones.yml',
    sweepMinutes: Number.isFinite(sweep) && sweep >= 0 ? sweep : 10,
    driftMinutes: Number.isFinite(drift) && drift >= 0 ? drift : 60,
  };
}

interface PrPayload {
  number: number;
  node_id: string;
  user: { login: string } | null;
  base: { ref: string };
  head: { sha: string };
  auto_merge?: unknown;
  requested_reviewers?: ({ login?: string } | null)[];
  requested_teams?: ({ slug?: string } | null)[];
}

interface RepoPayload {
  name: string;
  owner: { login: string };
  default_branch?: string;
}

const DECIDING_ACTIONS = new Set(['opened', 'reopened', 'synchronize', 'ready_for_review', 'converted_to_draft']);

/**
 * The GitHub App: thin handlers per webhook event around one decision function. Every handler
 * re-reads the PR from GitHub, so late, duplicated or out-of-order deliveries converge on the same
 * answer for the current head; decisions for one PR run one at a time in this process.
 */
export function agentZonesApp(options: AgentZonesOptions): ApplicationFunction {
  return (app: Probot) => {
    const queue = new KeyedQueue();
    void initEngine();

    const decide = async (octokit: Octokit, repoPayload: RepoPayload, pr: PrPayload, meta: { delivery: string; event: string; log: Logger }) => {
      const repo: RepoRef = { owner: repoPayload.owner.login, repo: repoPayload.name };
      const input: DecideInput = {
        octokit,
        repo,
        number: pr.number,
        defaultBranch: repoPayload.default_branch ?? 'main',
        baseBranch: pr.base.ref,
        author: pr.user?.login,
        alreadyRequested: {
          users: (pr.requested_reviewers ?? []).map((u) => u?.login ?? '').filter(Boolean),
          teams: (pr.requested_teams ?? []).map((t) => t?.slug ?? '').filter(Boolean),
        },
        appId: options.appId,
        configPath: options.configPath,
        deliveryId: meta.delivery,
        event: meta.event,
        log: meta.log,
      };
      return queue.run(`${repo.owner}/${repo.repo}#${pr.number}`, async () => {
        try {
          return await decidePullRequest(input);
        } catch (e) {
          // Errors end in a failed check that says what went wrong, never in a merge.
          meta.log.error({ delivery: meta.delivery, repo: `${repo.owner}/${repo.repo}`, pr: pr.number, err: String(e) }, 'agent-zones: decision failed');
          await failCheck(octokit, repo, pr, e, options.appId).catch((e2: unknown) => meta.log.error({ err: String(e2) }, 'agent-zones: could not report the failure'));
          throw e;
        }
      });
    };

    app.on('pull_request', async (context) => {
      const { action } = context.payload;
      const pr = context.payload.pull_request as unknown as PrPayload;
      const edited = action === 'edited' && Boolean((context.payload as { changes?: { base?: unknown } }).changes?.base);
      const relabelled = (action === 'labeled' || action === 'unlabeled') && context.payload.sender.type !== 'Bot';
      if (!DECIDING_ACTIONS.has(action) && !edited && !relabelled) return;
      if (action === 'synchronize' && pr.auto_merge) {
        // GitHub keeps auto-merge on for pushes by writers (agents are writers): off first, then decide.
        await disableAutoMerge(context.octokit as Octokit, pr.node_id);
      }
      await decide(context.octokit as Octokit, context.payload.repository as RepoPayload, pr, meta(context));
    });

    app.on('pull_request_review', async (context) => {
      if (!['submitted', 'edited', 'dismissed'].includes(context.payload.action)) return;
      await decide(context.octokit as Octokit, context.payload.repository as RepoPayload, context.payload.pull_request as unknown as PrPayload, meta(context));
    });

    app.on('check_run.rerequested', async (context) => {
      const run = context.payload.check_run;
      if (run.app?.id !== options.appId) return;
      for (const pr of run.pull_requests) {
        const full = await context.octokit.rest.pulls.get({ owner: context.payload.repository.owner.login, repo: context.payload.repository.name, pull_number: pr.number });
        await decide(context.octokit as Octokit, context.payload.repository as RepoPayload, full.data as unknown as PrPayload, meta(context));
      }
    });

    // Where a repository does not allow auto-merge, a green PR is merged through REST once the other
    // required checks pass: their completion is the signal to decide (and merge) again.
    const otherChecksPassed = async (
      context: Context<'check_suite.completed'> | Context<'check_run.completed'>,
      appId: number | null | undefined,
      conclusion: string | null,
      prs: { number: number }[],
    ) => {
      if (appId === options.appId || conclusion !== 'success' || prs.length === 0) return;
      const repository = context.payload.repository as RepoPayload & { allow_auto_merge?: boolean };
      if (repository.allow_auto_merge === true) return;
      const octokit = context.octokit as Octokit;
      for (const pr of prs) {
        const full = await octokit.rest.pulls.get({ owner: repository.owner.login, repo: repository.name, pull_number: pr.number });
        await decide(octokit, repository, full.data as unknown as PrPayload, meta(context));
      }
    };
    app.on('check_suite.completed', async (context) => {
      const suite = context.payload.check_suite;
      await otherChecksPassed(context, suite.app?.id, suite.conclusion, suite.pull_requests);
    });
    app.on('check_run.completed', async (context) => {
      const run = context.payload.check_run;
      await otherChecksPassed(context, run.app?.id, run.conclusion, run.pull_requests);
    });

    app.on('merge_group.checks_requested', async (context) => {
      const repository = context.payload.repository as RepoPayload;
      await decideMergeGroup(context.octokit as Octokit, { owner: repository.owner.login, repo: repository.name }, context.payload.merge_group, options.appId, meta(context));
    });

    if (options.sweepMinutes > 0) {
      startSweep(app, options, (octokit, repoPayload, pr, m) => decide(octokit, repoPayload, pr as PrPayload, m));
    }
    if (options.driftMinutes && options.driftMinutes > 0) {
      startDriftSchedule(app, { ...options, driftMinutes: options.driftMinutes });
    }
  };
}

function meta(context: Context): { delivery: string; event: string; log: Logger } {
  const action = (context.payload as { action?: string }).action;
  return { delivery: context.id, event: action ? `${context.name}.${action}` : context.name, log: context.log };
}

async function failCheck(octokit: Octokit, repo: RepoRef, pr: PrPayload, e: unknown, appId: number): Promise<void> {
  const message = e instanceof Error ? e.message : String(e);
  const name = checkName(pr.base.ref);
  const existing = await octokit.rest.checks.listForRef({ ...repo, ref: pr.head.sha, check_name: name, app_id: appId, filter: 'latest' });
  const id = existing.data.check_runs[0]?.id ?? null;
  await upsertCheck(octokit, repo, { id, name, headSha: pr.head.sha, conclusion: 'failure', output: errorOutput(message, false), appId });
}
