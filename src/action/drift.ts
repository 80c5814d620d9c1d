import * as core from '@actions/core';
import { runDrift } from '../drift/index.js';
import type { Octokit } from '../github/types.js';
import type { ActionContext } from './context.js';
import type { Inputs } from './inputs.js';

/** Opens or updates the week's zone-drift issue of this repository (the drift module decides its content). */
export async function runDriftMode(ctx: ActionContext, inputs: Inputs, octokit: Octokit): Promise<void> {
  const result = await runDrift(octokit, ctx.repo, {
    ...(inputs.since ? { since: inputs.since } : {}),
    dryRun: inputs.dryRun,
    configPath: inputs.configPath,
    appId: null,
    log: (msg: string) => core.info(msg),
  });
  core.setOutput('issue', result.issueNumber === null ? '' : String(result.issueNumber));
  await core.summary.addHeading(`agent-zones drift: ${result.title}`, 2).addRaw(`${result.body}\n`).write();
  core.info(`agent-zones: drift ${result.issueNumber === null ? 'computed (no issue written)' : `issue #${result.issueNumber}`}, ${result.requests} API requests`);
}
