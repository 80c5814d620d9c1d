import { classifyDiff, type FileSource } from '../engine/classify-diff.js';
import type { Decision, Reason, Zone } from '../engine/types.js';
import { agentMatch } from './agents.js';
import { evaluateApprovals, type ApprovalResult } from './approvals.js';
import { upsertCheck, type CheckConclusion } from './checks.js';
import { decisionRecord, type DecisionRecord } from './record.js';
import { listFiles, toDiffFiles } from './files.js';
import { setZoneLabel } from './labels.js';
import { disableAutoMerge, mergeGreen, type MergeOutcome } from './merge.js';
import { apiExtendsResolver, policyFromSnapshot } from './policy.js';
import { errorOutput, notAgentOutput, renderReport } from './report.js';
import { fetchSnapshot, type Snapshot } from './snapshot.js';
import { fetchTreeFacts } from './trees.js';
import { checkName, type Logger, type Octokit, type RepoRef } from './types.js';

export interface DecideInput {
  octokit: Octokit;
  repo: RepoRef;
  number: number;
  /** The repository's default branch (from the webhook's repository object). */
  defaultBranch: string;
  /** The base branch the event names; the snapshot's is used when the PR was retargeted since. */
  baseBranch: string;
  /** The author's REST login (`name[bot]` for apps), from the webhook; the snapshot's when absent. */
  author?: string;
  /** Requested reviewers already on the PR, from the webhook (so they are not requested twice). */
  alreadyRequested?: { users: string[]; teams: string[] };
  appId: number;
  configPath: string;
  deliveryId: string;
  event: string;
  log: Logger;
}

export interface DecideResult {
  outcome: 'decided' | 'not-agent' | 'config-invalid' | 'closed';
  headSha: string | null;
  zone: Zone | null;
  conclusion: CheckConclusion | null;
  record: DecisionRecord | null;
  merge: MergeOutcome | null;
}

/** Loads the snapshot for the base the PR has now (a retarget changes which check name applies). */
async function snapshotFor(input: DecideInput): Promise<Snapshot> {
  const opts = {
    number: input.number,
    defaultBranch: input.defaultBranch,
    configPath: input.configPath,
    appId: input.appId,
  };
  let snap = await fetchSnapshot(input.octokit, input.repo, { ...opts, baseBranch: input.baseBranch, checkName: checkName(input.baseBranch) });
  if (snap.pr.baseRef !== input.baseBranch) {
    snap = await fetchSnapshot(input.octokit, input.repo, { ...opts, baseBranch: snap.pr.baseRef, checkName: checkName(snap.pr.baseRef) });
  }
  return snap;
}

function restLogin(snap: Snapshot): string {
  const a = snap.pr.author;
  if (!a) return 'ghost';
  return a.type === 'Bot' && !a.login.endsWith('[bot]') ? `${a.login}[bot]` : a.login;
}

/**
 * Decides one pull request at its current head: zone, check run, label, and for green the guarded
 * auto-merge. Everything GitHub says is re-read here (the webhook may be stale, late or replayed),
 * so the same call is right for any event and idempotent for the same head.
 */
export async function decidePullRequest(input: DecideInput): Promise<DecideResult> {
  const t0 = performance.now();
  const { octokit, repo } = input;
  const snap = await snapshotFor(input);
  const base = snap.pr.baseRef;
  const name = checkName(base);
  const headSha = snap.pr.headSha;
  if (snap.pr.state !== 'open' || snap.pr.merged) {
    return { outcome: 'closed', headSha, zone: null, conclusion: null, record: null, merge: null };
  }
  const existing = snap.existingChecks[0]?.id ?? null;
  const author = input.author ?? restLogin(snap);
  const policyResult = await policyFromSnapshot(snap, input.configPath, apiExtendsResolver(octokit, repo));

  if (!policyResult.ok) {
    // Fail closed for every PR: without a readable config, who is an agent is not known either.
    const reason: Reason = { rule: 'config:invalid', zone: 'red', message: policyResult.error };
    await upsertCheck(octokit, repo, { id: existing, name, headSha, conclusion: 'failure', output: errorOutput(policyResult.error, true), appId: input.appId });
    await setZoneLabel(octokit, repo, snap, 'red');
    input.log.error({ delivery: input.deliveryId, repo: `${repo.owner}/${repo.repo}`, pr: input.number, head: headSha, zone: 'red', rules: [reason.rule] }, 'agent-zones: config invalid');
    return { outcome: 'config-invalid', headSha, zone: 'red', conclusion: 'failure', record: null, merge: null };
  }
  const policy = policyResult.policy;
  const agent = agentMatch({ author, headRef: snap.pr.headRef, labels: snap.pr.labels }, policy);
  if (!agent) {
    await upsertCheck(octokit, repo, { id: existing, name, headSha, conclusion: 'neutral', output: notAgentOutput(author), appId: input.appId });
    input.log.info({ delivery: input.deliveryId, repo: `${repo.owner}/${repo.repo}`, pr: input.number, head: headSha, agent: false }, 'agent-zones: not an agent PR');
    return { outcome: 'not-agent', headSha, zone: null, conclusion: 'neutral', record: null, merge: null };
  }

  const listing = await listFiles(octokit, repo, input.number, { changedFiles: snap.pr.changedFiles, headSha });
  const facts = await fetchTreeFacts(octokit, repo, listing.files, snap.pr.baseSha, headSha);
  const source: FileSource = {
    base: async (p) => facts.texts.get(`base:${p}`) ?? null,
    head: async (p) => facts.texts.get(`head:${p}`) ?? null,
  };
  const decision: Decision = await classifyDiff({ files: toDiffFiles(listing.files, facts), problems: [] }, policy, { source, reasons: listing.reasons });

  let approval: ApprovalResult | null = null;
  if (decision.zone === 'red') {
    approval = await evaluateApprovals(octokit, repo, { number: input.number, author, headSha }, policy);
    if (!approval.approved) await requestReviewers(input, policy.approvals.users, policy.approvals.teams, author);
  }
  const conclusion: CheckConclusion = decision.zone === 'red' && !approval?.approved ? 'failure' : 'success';
  const required = snap.requiredChecks.some((c) => c.context === name && (c.appId === null || c.appId === input.appId));
  const wantsMerge = (decision.zone === 'green' && policy.automerge.green) || (decision.zone === 'yellow' && policy.automerge.yellow);
  const notRequired =
    wantsMerge && !required
      ? `Not merged: the base branch \`${base}\` does not require the check \`${name}\`, and an unrequired gate would let the agent's next push merge unjudged. Make it required in the branch protection or a ruleset for \`${base}\` (Settings → Rules), then re-run this check.`
      : null;
  const record = decisionRecord({ repo, number: input.number, headSha, base, author, agent, decision, approval });
  const output = renderReport(decision, { headSha, approval, notRequired, merge: null, checkName: name }, record);
  if (snap.pr.autoMerge && (conclusion === 'failure' || notRequired)) {
    // Whoever enabled it, auto-merge has no business on a blocked head (second fence after the one on
    // synchronize), nor on a PR retargeted to a base that does not require the check: GitHub would
    // merge it there at once, and after the agent's next push, unjudged. Off before the check is written.
    await disableAutoMerge(octokit, snap.pr.nodeId);
  }
  await upsertCheck(octokit, repo, { id: existing, name, headSha, conclusion, output, appId: input.appId });
  await setZoneLabel(octokit, repo, snap, decision.zone);

  let merge: MergeOutcome | null = null;
  if (wantsMerge && required && !snap.pr.draft) {
    merge = await mergeGreen(octokit, repo, { nodeId: snap.pr.nodeId, number: input.number, headSha, method: policy.automerge.method, autoMergeAllowed: snap.autoMergeAllowed });
  }
  input.log.info(
    {
      delivery: input.deliveryId,
      event: input.event,
      repo: `${repo.owner}/${repo.repo}`,
      pr: input.number,
      head: headSha,
      zone: decision.zone,
      conclusion,
      rules: [...new Set([...decision.reasons, ...decision.files.flatMap((f) => f.reasons), ...decision.steps.flatMap((s) => s.reasons)].filter((r) => r.zone !== 'green').map((r) => r.rule))],
      approvers: approval?.approvers.map((a) => a.login) ?? [],
      merge: merge?.kind ?? null,
      ms: Math.round(performance.now() - t0),
    },
    'agent-zones: decision',
  );
  return { outcome: 'decided', headSha, zone: decision.zone, conclusion, record, merge };
}

async function requestReviewers(input: DecideInput, users: string[], teams: string[], author: string): Promise<void> {
  const done = input.alreadyRequested ?? { users: [], teams: [] };
  const wantUsers = users.filter((u) => u.toLowerCase() !== author.toLowerCase() && !done.users.some((d) => d.toLowerCase() === u.toLowerCase()));
  const wantTeams = teams.map((t) => (t.includes('/') ? (t.split('/')[1] as string) : t)).filter((t) => !done.teams.includes(t));
  if (wantUsers.length === 0 && wantTeams.length === 0) return;
  const request = (reviewers: string[], team_reviewers: string[]) =>
    input.octokit.rest.pulls.requestReviewers({ ...input.repo, pull_number: input.number, reviewers, team_reviewers });
  try {
    await request(wantUsers, wantTeams);
  } catch (e) {
    // GitHub refuses the whole request when one reviewer is not a collaborator: keep those who are
    // and ask once more (one request, not one per reviewer: review requests are notification-paced).
    if ((e as { status?: number }).status !== 422) {
      input.log.warn({ delivery: input.deliveryId, err: String(e) }, 'agent-zones: could not request reviewers');
      return;
    }
    const collaborators: string[] = [];
    for (const u of wantUsers) {
      const perm = await input.octokit.rest.repos.getCollaboratorPermissionLevel({ ...input.repo, username: u }).then(
        (r) => r.data.permission,
        () => 'none',
      );
      if (perm !== 'none') collaborators.push(u);
    }
    await request(collaborators, wantTeams)
      .catch(() => (collaborators.length ? request(collaborators, []) : undefined))
      .catch((e2: unknown) => input.log.warn({ delivery: input.deliveryId, err: String(e2) }, 'agent-zones: could not request reviewers'));
  }
}
