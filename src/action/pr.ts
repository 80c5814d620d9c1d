import * as core from '@actions/core';
import { gitDiff, gitFileSource } from '../cli/git.js';
import { classifyDiffText } from '../engine/classify-diff.js';
import type { Decision, Zone } from '../engine/types.js';
import { atLeast } from '../engine/zone.js';
import { agentMatch } from '../github/agents.js';
import { evaluateApprovals, type ApprovalResult } from '../github/approvals.js';
import { mergeGreen, type MergeOutcome } from '../github/merge.js';
import type { Octokit } from '../github/types.js';
import { ActionInputError, pullRequestOf, type ActionContext } from './context.js';
import { prepareCommits } from './git.js';
import type { Inputs } from './inputs.js';
import { labelPullRequest } from './labels.js';
import { policyAtCommit, policyAtDefaultBranch, type ActionPolicy } from './policy.js';
import { recordDecision } from './record.js';
import { annotate, writeDecisionFile, writePrSummary } from './report.js';

export interface PrOutcome {
  zone: Zone | null;
  failed: string | null;
}

/**
 * The config that judges the PR. At the BASE commit when the PR targets the default branch (that
 * commit is the default branch, pinned to what the event saw); otherwise the default branch's,
 * through the API: a PR into another branch must not be judged by a config that branch, which an
 * agent may control, has weakened (config.md).
 */
async function policyFor(ctx: ActionContext, inputs: Inputs, octokit: Octokit, baseRef: string, baseSha: string): Promise<ActionPolicy> {
  const defaultBranch = ctx.payload.repository?.default_branch;
  if (defaultBranch && baseRef === defaultBranch) return policyAtCommit(ctx.workspace, baseSha, inputs.configPath, octokit, ctx.repo);
  if (!defaultBranch) throw new ActionInputError('the event payload names no repository default branch: cannot tell which config applies');
  return policyAtDefaultBranch(octokit, ctx.repo, defaultBranch, inputs.configPath);
}

function mergeText(m: MergeOutcome): string {
  switch (m.kind) {
    case 'auto-merge-enabled':
      return 'Auto-merge enabled for this head commit (a push cancels it).';
    case 'merged':
      return `Merged as ${m.sha.slice(0, 12)}.`;
    case 'waiting':
      return `Not merged yet: ${m.why}`;
    case 'refused':
      return `Not merged: ${m.why}`;
  }
}

export async function runPr(ctx: ActionContext, inputs: Inputs, octokit: Octokit): Promise<PrOutcome> {
  const pr = pullRequestOf(ctx);
  if (!pr) {
    throw new ActionInputError(`mode pr runs on pull_request, pull_request_target or pull_request_review events, not ${ctx.eventName || 'an unknown event'}`);
  }
  const headSha = pr.head.sha;
  const baseSha = pr.base.sha;
  const author = pr.user?.login ?? 'ghost';
  core.info(`agent-zones: ${ctx.repo.owner}/${ctx.repo.repo}#${pr.number} base ${baseSha.slice(0, 12)} (${pr.base.ref}) head ${headSha.slice(0, 12)} (${pr.head.ref})`);

  const mergeBase = await prepareCommits(ctx.workspace, baseSha, headSha, pr.number);
  const policyResult = await policyFor(ctx, inputs, octokit, pr.base.ref, baseSha);
  core.info(`agent-zones: config from ${policyResult.source}`);
  const policy = policyResult.policy;

  let decision: Decision;
  let agentWhy = 'config invalid: every PR is zoned';
  if (!policyResult.ok) {
    // Fail closed for every PR, as the App does: without a readable config nobody knows who is an agent.
    decision = { zone: 'red', files: [], steps: [], reasons: [{ rule: 'config:invalid', zone: 'red', message: policyResult.error }] };
  } else {
    const agent = agentMatch({ author, headRef: pr.head.ref, labels: (pr.labels ?? []).map((l) => l.name) }, policy);
    if (!agent) {
      core.info(`agent-zones: @${author}'s PR is not an agent PR: not zoned`);
      await core.summary
        .addHeading('agent-zones: not an agent PR', 2)
        .addRaw(`@${author}'s PR matches none of \`agents.authors\`, \`agents.branches\` or \`agents.labels\`, so it is not zoned. Set \`agents.all: true\` to zone every PR.\n`)
        .write();
      core.setOutput('zone', '');
      core.setOutput('labels', JSON.stringify((pr.labels ?? []).map((l) => l.name)));
      return { zone: null, failed: null };
    }
    core.info(`agent-zones: agent PR (${agent})`);
    agentWhy = agent;
    const diff = await gitDiff(ctx.workspace, baseSha, headSha);
    decision = await classifyDiffText(diff, policy, { source: gitFileSource(ctx.workspace, mergeBase, headSha) });
  }

  const threshold = inputs.failOn;
  const gated = threshold !== 'never' && atLeast(decision.zone, threshold);
  let approval: ApprovalResult | null = null;
  if (decision.zone === 'red' || gated) {
    approval = await evaluateApprovals(octokit, ctx.repo, { number: pr.number, author, headSha }, policy);
  }
  const labels = await labelPullRequest(octokit, ctx.repo, pr.number, decision.zone);
  if (inputs.record) await recordDecision(octokit, ctx.repo, { number: pr.number, base: pr.base.ref, headSha, author, agent: agentWhy, decision, approval });

  let merge: MergeOutcome | null = null;
  // The `automerge` input overrides the config for green; yellow merges only where the config says so.
  const wantsMerge =
    (decision.zone === 'green' && (inputs.automerge ?? policy.automerge.green)) || (decision.zone === 'yellow' && inputs.automerge !== false && policy.automerge.yellow);
  if (wantsMerge && !pr.draft && pr.state !== 'closed') {
    // Guarded by the classified head: auto-merge with expectedHeadOid, or a REST merge with `sha`.
    merge = await mergeGreen(octokit, ctx.repo, { nodeId: pr.node_id, number: pr.number, headSha, method: policy.automerge.method, autoMergeAllowed: ctx.payload.repository?.allow_auto_merge ?? false });
    core.info(`agent-zones: ${mergeText(merge)}`);
  }

  const reportPath = writeDecisionFile(ctx.runnerTemp, ctx.stepId, 'pr', decision);
  annotate(decision);
  await writePrSummary(decision, { headSha, approval, merge: merge ? mergeText(merge) : null, notes: [`Config: ${policyResult.source}.`] });
  core.setOutput('zone', decision.zone);
  core.setOutput('labels', JSON.stringify(labels));
  core.setOutput('report', reportPath);
  core.setOutput('approved', approval?.approved ? 'true' : 'false');

  if (!gated) return { zone: decision.zone, failed: null };
  if (approval?.approved) {
    core.notice(`agent-zones: ${decision.zone}, approved on ${headSha.slice(0, 12)} by ${approval.approvers.map((a) => `@${a.login}`).join(', ')}`);
    return { zone: decision.zone, failed: null };
  }
  const why = [approval?.blockedBy ? `changes requested by @${approval.blockedBy}` : null, approval?.problem ?? null].filter(Boolean).join('; ');
  return {
    zone: decision.zone,
    failed: `agent-zones: ${decision.zone} (fail-on ${threshold}): a qualified human must approve the head commit ${headSha.slice(0, 12)}; re-run on the review to pick it up${why ? ` (${why})` : ''}. See the job summary.`,
  };
}
