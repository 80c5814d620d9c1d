import type { Decision, Reason, Zone } from '../engine/types.js';
import type { ApprovalResult } from './approvals.js';
import { embedRecord, fitRecord, type DecisionRecord } from './record.js';

/** GitHub rejects check-run output fields over 65,535 characters. */
const MAX_TEXT = 65_000;
/** The share of the text field the decision record may take; the table gets the rest. */
const MAX_RECORD = 24_000;
/** GitHub takes at most 50 annotations per request. */
const MAX_ANNOTATIONS = 50;

const ICON: Record<Zone, string> = { green: '🟢', yellow: '🟡', red: '🔴' };

export interface Annotation {
  path: string;
  start_line: number;
  end_line: number;
  annotation_level: 'notice' | 'warning' | 'failure';
  title: string;
  message: string;
}

export interface CheckOutput {
  title: string;
  summary: string;
  text: string;
  annotations: Annotation[];
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function cap(text: string, max = MAX_TEXT): string {
  return text.length > max ? `${text.slice(0, max)}\n\n… (cut: the full decision is in \`agent-zones classify --base\` output)` : text;
}

function table(decision: Decision): string {
  const rows: string[] = ['| zone | file or step | rule | why |', '|---|---|---|---|'];
  const add = (zone: Zone, subject: string, reasons: Reason[]) => {
    for (const r of [...reasons].sort((a, b) => rank(b.zone) - rank(a.zone))) {
      rows.push(`| ${ICON[r.zone]} ${r.zone} | \`${cell(subject)}\`${r.line ? `:${r.line}` : ''} | \`${r.rule}\` | ${cell(r.message)} |`);
    }
    void zone;
  };
  for (const r of decision.reasons) rows.push(`| ${ICON[r.zone]} ${r.zone} | (whole PR) | \`${r.rule}\` | ${cell(r.message)} |`);
  const files = [...decision.files].sort((a, b) => rank(b.zone) - rank(a.zone));
  for (const f of files) add(f.zone, f.previousPath ? `${f.previousPath} → ${f.path}` : f.path, f.reasons);
  for (const s of decision.steps) add(s.zone, [s.workflow, s.job, s.step?.split('\n')[0]].filter(Boolean).join(' › ') || '(workflow)', s.reasons);
  return rows.join('\n');
}

function rank(z: Zone): number {
  return z === 'red' ? 2 : z === 'yellow' ? 1 : 0;
}

/** Annotations on the lines that drove the zone: red first, then yellow, at most GitHub's 50. */
export function annotations(decision: Decision): Annotation[] {
  const out: Annotation[] = [];
  const push = (path: string, r: Reason) => {
    if (r.zone === 'green') return;
    out.push({
      path,
      start_line: r.line ?? 1,
      end_line: r.line ?? 1,
      annotation_level: r.zone === 'red' ? 'failure' : 'warning',
      title: `${r.rule} (${r.zone})`,
      message: r.message.slice(0, 1000),
    });
  };
  for (const f of decision.files) if (f.status !== 'removed') for (const r of f.reasons) push(f.path, r);
  for (const s of decision.steps) if (s.workflow) for (const r of s.reasons) push(s.workflow, r);
  return out.sort((a, b) => (a.annotation_level === b.annotation_level ? 0 : a.annotation_level === 'failure' ? -1 : 1)).slice(0, MAX_ANNOTATIONS);
}

export interface ReportContext {
  headSha: string;
  approval: ApprovalResult | null;
  /** Set when green/yellow would merge but the base branch does not require this check. */
  notRequired: string | null;
  merge: string | null;
  checkName: string;
}

export function renderReport(decision: Decision, ctx: ReportContext, record?: DecisionRecord): CheckOutput {
  const counts = (z: Zone) => decision.files.filter((f) => f.zone === z).length + decision.steps.filter((s) => s.zone === z).length;
  const approvedRed = decision.zone === 'red' && ctx.approval?.approved;
  const title =
    decision.zone === 'red'
      ? approvedRed
        ? `🔴 red, approved by ${ctx.approval?.approvers.map((a) => a.login).join(', ')}`
        : '🔴 red: a qualified human must approve the head commit'
      : decision.zone === 'yellow'
        ? '🟡 yellow: logged, not blocked'
        : '🟢 green: safe to merge';
  const lines: string[] = [];
  lines.push(`**Zone: ${ICON[decision.zone]} ${decision.zone}** for head \`${ctx.headSha.slice(0, 12)}\` — ${counts('red')} red, ${counts('yellow')} yellow, ${counts('green')} green (files and steps).`);
  const fired = [...new Set([...decision.reasons, ...decision.files.flatMap((f) => f.reasons), ...decision.steps.flatMap((s) => s.reasons)].filter((r) => r.zone === decision.zone).map((r) => `\`${r.rule}\``))];
  if (fired.length) lines.push('', `Rules that set the zone: ${fired.join(', ')}.`);
  if (decision.zone === 'red') lines.push('', unlockText(ctx));
  if (ctx.notRequired) lines.push('', `⚠️ ${ctx.notRequired}`);
  if (ctx.merge) lines.push('', ctx.merge);
  // The record and the table share GitHub's limit on the text field (a huge PR once overflowed it,
  // the check update was refused, and the decision was lost).
  const embedded = record ? embedRecord(fitRecord(record, MAX_RECORD)) : '';
  const text = cap(table(decision), MAX_TEXT - embedded.length - 200);
  return { title, summary: cap(lines.join('\n')), text: embedded ? `${text}\n\n${embedded}` : text, annotations: annotations(decision) };
}

function unlockText(ctx: ReportContext): string {
  const a = ctx.approval;
  const out: string[] = [];
  if (a?.approved) {
    out.push(`✅ Approved on the head commit by ${a.approvers.map((x) => `@${x.login}`).join(', ')}. The App does not merge red PRs: a human merges.`);
  } else {
    out.push(
      `**What unlocks it:** ${a?.needed ?? 1} approving review(s) of commit \`${ctx.headSha.slice(0, 12)}\` by someone who is a human (not a bot), not the PR's author, has not pushed to the PR, is not a known agent, and has the required permission. A push after approval blocks again; comments never count.`,
    );
    if (a?.blockedBy) out.push(`Changes were requested by @${a.blockedBy}: that review must be dismissed or superseded.`);
    if (a?.problem) out.push(`Approval cannot be verified: ${a.problem}`);
  }
  if (a && a.rejected.length) out.push(`Reviews that do not count: ${a.rejected.map((r) => `@${r.login} (${r.why})`).join('; ')}.`);
  return out.join('\n\n');
}

/** Output for a PR agent-zones does not zone: neutral, so a required check never blocks human work. */
export function notAgentOutput(author: string): CheckOutput {
  return {
    title: 'Not an agent PR',
    summary: `@${author}'s PR matches none of \`agents.authors\`, \`agents.branches\` or \`agents.labels\` of the agent-zones config, so it is not zoned. Set \`agents.all: true\` to zone every PR.`,
    text: '',
    annotations: [],
  };
}

/** The title of a check whose decision failed on an error: the periodic sweep decides those again. */
export const ERROR_TITLE = '🔴 agent-zones could not decide';

export function errorOutput(message: string, configError: boolean): CheckOutput {
  return {
    title: configError ? '🔴 red: the agent-zones config is invalid' : ERROR_TITLE,
    summary: configError
      ? `\`config:invalid\`: ${message}\n\nThe PR stays red until the config on the default branch is fixed. Check it locally with \`npx agent-zones validate --config .github/agent-zones.yml\`.`
      : `The decision failed, so the PR is held (nothing is merged on an error): ${message}\n\nRe-run this check to try again.`,
    text: '',
    annotations: [],
  };
}
