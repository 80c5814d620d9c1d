import * as core from '@actions/core';
import type { Decision } from '../engine/types.js';
import type { ApprovalResult } from '../github/approvals.js';
import { upsertCheck } from '../github/checks.js';
import { decisionRecord } from '../github/record.js';
import { renderReport } from '../github/report.js';
import { checkName, type Octokit, type RepoRef } from '../github/types.js';

/** The app that owns check runs made with a workflow's GITHUB_TOKEN. */
const ACTIONS_APP_SLUG = 'github-actions';

/**
 * Records the decision the way the App does: a check run `agent-zones: <base>` on the head whose
 * output carries the machine-readable DecisionRecord, so the weekly drift report finds Action-made
 * decisions too. Needs `checks: write`; without it the decision still stands and a warning says
 * what the drift report will miss.
 */
export async function recordDecision(
  octokit: Octokit,
  repo: RepoRef,
  d: { number: number; base: string; headSha: string; author: string; agent: string; decision: Decision; approval: ApprovalResult | null },
): Promise<void> {
  const name = checkName(d.base);
  const record = decisionRecord({ repo, number: d.number, headSha: d.headSha, base: d.base, author: d.author, agent: d.agent, decision: d.decision, approval: d.approval });
  const output = renderReport(d.decision, { headSha: d.headSha, approval: d.approval, notRequired: null, merge: null, checkName: name }, record);
  const conclusion = d.decision.zone === 'red' && !d.approval?.approved ? 'failure' : 'success';
  try {
    const runs = await octokit.rest.checks.listForRef({ ...repo, ref: d.headSha, check_name: name, filter: 'latest' });
    // Only a run this workflow's token owns can be updated; the App's run of the same name is the App's.
    const own = runs.data.check_runs.find((r) => r.app?.slug === ACTIONS_APP_SLUG);
    await upsertCheck(octokit, repo, { id: own?.id ?? null, name, headSha: d.headSha, conclusion, output });
  } catch (e) {
    const status = (e as { status?: number }).status;
    core.warning(
      `agent-zones: the decision was not recorded as a check run${status ? ` (HTTP ${status})` : ''}: give the job \`checks: write\` so that the weekly zone-drift report sees it. ${e instanceof Error ? e.message : String(e)}`,
    );
  }
}
