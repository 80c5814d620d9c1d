import * as core from '@actions/core';
import { classifyRunStep, classifyUsesStep } from '../engine/classify-step.js';
import { buildDecision } from '../engine/decision.js';
import type { Decision, StepContext, Zone } from '../engine/types.js';
import { evaluateApprovals } from '../github/approvals.js';
import type { Octokit } from '../github/types.js';
import { ActionInputError, pullRequestOf, type ActionContext } from './context.js';
import { environmentApproval } from './environment.js';
import type { Inputs } from './inputs.js';
import { policyAtDefaultBranch } from './policy.js';
import { writeDecisionFile } from './report.js';

export interface GateOutcome {
  zone: Zone;
  failed: string | null;
}

/** Where the guarded command runs: the branch of this run and the repository's default branch. */
function stepContext(ctx: ActionContext): StepContext {
  const pr = pullRequestOf(ctx);
  return {
    // On pull_request events GITHUB_REF_NAME is `<n>/merge`; the branch checked out is the head's.
    currentBranch: pr ? (ctx.headRef ?? pr.head.ref) : ctx.refName,
    defaultBranch: ctx.payload.repository?.default_branch ?? null,
    workspace: ctx.workspace,
    home: ctx.home,
    inWorkflow: true,
  };
}

function reasonsOf(d: Decision) {
  return [...d.reasons, ...d.steps.flatMap((s) => s.reasons)];
}

function subject(inputs: Inputs): string {
  return [inputs.uses ? `uses: ${inputs.uses}` : null, inputs.run ? `run: ${inputs.run.split('\n')[0]}${inputs.run.includes('\n') ? ' …' : ''}` : null].filter(Boolean).join('; ');
}

function table(decision: Decision): string {
  const rows = ['| zone | rule | line | why |', '|---|---|---|---|'];
  for (const r of reasonsOf(decision)) if (r.zone !== 'green') rows.push(`| ${r.zone} | \`${r.rule}\` | ${r.line ?? ''} | ${r.message.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ')} |`);
  return rows.join('\n');
}

export async function runGate(ctx: ActionContext, inputs: Inputs, octokit: Octokit | null): Promise<GateOutcome> {
  const defaultBranch = ctx.payload.repository?.default_branch;
  if (!octokit) throw new ActionInputError('input `token` is empty: mode gate reads the config of the default branch through the API');
  if (!defaultBranch) throw new ActionInputError('the event payload names no repository default branch: cannot tell which config applies');
  const policyResult = await policyAtDefaultBranch(octokit, ctx.repo, defaultBranch, inputs.configPath);
  if (!policyResult.ok) throw new ActionInputError(`config:invalid (red): ${policyResult.error}`);
  const policy = policyResult.policy;

  const parts: Decision[] = [];
  if (inputs.run) parts.push(await classifyRunStep(inputs.run, policy, stepContext(ctx)));
  if (inputs.uses) parts.push(await classifyUsesStep(inputs.uses, inputs.with, policy));
  const decision = buildDecision([], parts.flatMap((d) => d.steps), parts.flatMap((d) => d.reasons));
  const reportPath = writeDecisionFile(ctx.runnerTemp, ctx.stepId, 'gate', decision);
  core.setOutput('zone', decision.zone);
  core.setOutput('report', reportPath);
  const rules = [...new Set(reasonsOf(decision).filter((r) => r.zone === decision.zone).map((r) => r.rule))];

  if (decision.zone === 'green') return { zone: 'green', failed: null };

  const audit = {
    time: new Date().toISOString(),
    repo: `${ctx.repo.owner}/${ctx.repo.repo}`,
    run: ctx.runId,
    sha: ctx.sha,
    actor: ctx.actor,
    zone: decision.zone,
    rules,
    ...(inputs.run ? { command: inputs.run } : {}),
    ...(inputs.uses ? { uses: inputs.uses, with: inputs.with } : {}),
  };
  core.info(`agent-zones audit ${JSON.stringify(audit)}`);

  const heading = `agent-zones gate: ${decision.zone === 'red' ? '🔴 red' : '🟡 yellow'} — ${subject(inputs)}`;
  const body = `${table(decision)}\n`;
  if (decision.zone === 'yellow') {
    await core.summary.addHeading(heading, 3).addRaw(`Logged, not blocked (${rules.map((r) => `\`${r}\``).join(', ')}).\n\n`).addRaw(body).write();
    return { zone: 'yellow', failed: null };
  }

  // Red: a qualified approval of the PR's head commit, or the environment's required reviewers, unlock it.
  let unlocked: string | null = null;
  const notes: string[] = [];
  const pr = pullRequestOf(ctx);
  if (pr) {
    const approval = await evaluateApprovals(octokit, ctx.repo, { number: pr.number, author: pr.user?.login ?? 'ghost', headSha: pr.head.sha }, policy);
    if (approval.approved) unlocked = `approved on the PR's head commit ${pr.head.sha.slice(0, 12)} by ${approval.approvers.map((a) => `@${a.login}`).join(', ')}`;
    else notes.push(`No qualified approval of PR #${pr.number}'s head commit ${pr.head.sha.slice(0, 12)}${approval.blockedBy ? ` (changes requested by @${approval.blockedBy})` : ''}${approval.problem ? ` (${approval.problem})` : ''}.`);
  }
  if (!unlocked && inputs.environment) {
    const env = await environmentApproval(octokit, ctx.repo, ctx.runId, inputs.environment);
    if (env.approved) unlocked = `${env.why} (${env.approvers.map((a) => `@${a}`).join(', ')}): they are the approval of this step`;
    else notes.push(`Environment ${inputs.environment} does not unlock it: ${env.why}.`);
  }
  const summary = core.summary.addHeading(heading, 3);
  if (unlocked) {
    core.notice(`agent-zones: red step allowed: ${unlocked}`);
    core.info(`agent-zones audit ${JSON.stringify({ ...audit, unlocked })}`);
    await summary.addRaw(`Red, allowed: ${unlocked}.\n\n`).addRaw(body).write();
    return { zone: 'red', failed: null };
  }
  const first = reasonsOf(decision).find((r) => r.zone === 'red');
  const unlock =
    'What unlocks it: run it from a PR whose head commit a qualified human approved (then re-run), or in a job with `environment:` whose required reviewers approve the run (pass the same name as the `environment` input).';
  await summary.addRaw(`Blocked. ${notes.join(' ')}\n\n${unlock}\n\n`).addRaw(body).write();
  return { zone: 'red', failed: `agent-zones: red step blocked: ${first ? `${first.rule}: ${first.message}` : rules.join(', ')}. ${notes.join(' ')} ${unlock}`.trim() };
}
