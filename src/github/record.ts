import type { Decision, Zone } from '../engine/types.js';
import type { ApprovalResult } from './approvals.js';
import type { RepoRef } from './types.js';

/**
 * The machine-readable record of one decision, kept inside the check run's output (a hidden HTML
 * comment), so the weekly drift report can find every decision again through GitHub itself: no
 * database, nothing lost when a replica restarts.
 */
export interface DecisionRecord {
  v: 1;
  repo: string;
  pr: number;
  head: string;
  base: string;
  agent: string;
  why: string;
  zone: Zone;
  at: string;
  files: { path: string; zone: Zone; rules: string[] }[];
  steps: { workflow: string | null; job: string | null; step: string | null; zone: Zone; rules: string[] }[];
  prRules: string[];
  approval: { approved: boolean; approvers: { login: string; at: string | null }[] } | null;
  /** Files and steps left out so the record fits in a check run (red first, then yellow, are kept). */
  omitted?: { files: number; steps: number };
}

export const RECORD_MARKER = 'agent-zones:record';

export function decisionRecord(input: {
  repo: RepoRef;
  number: number;
  headSha: string;
  base: string;
  author: string;
  agent: string;
  decision: Decision;
  approval: ApprovalResult | null;
}): DecisionRecord {
  const d = input.decision;
  return {
    v: 1,
    repo: `${input.repo.owner}/${input.repo.repo}`,
    pr: input.number,
    head: input.headSha,
    base: input.base,
    agent: input.author,
    why: input.agent,
    zone: d.zone,
    at: new Date().toISOString(),
    files: d.files.map((f) => ({ path: f.path, zone: f.zone, rules: [...new Set(f.reasons.map((r) => r.rule))] })),
    steps: d.steps.map((s) => ({ workflow: s.workflow, job: s.job, step: s.step?.split('\n')[0]?.slice(0, 200) ?? null, zone: s.zone, rules: [...new Set(s.reasons.map((r) => r.rule))] })),
    prRules: [...new Set(d.reasons.map((r) => r.rule))],
    approval: input.approval ? { approved: input.approval.approved, approvers: input.approval.approvers.map((a) => ({ login: a.login, at: a.at })) } : null,
  };
}

const ZONE_RANK: Record<Zone, number> = { red: 2, yellow: 1, green: 0 };

/**
 * A record whose embedded form fits in `maxChars`: a PR of thousands of files would otherwise push
 * the check output past GitHub's 65,535 characters, the check update would be refused, and the
 * decision lost. Red and yellow entries are kept before green ones; how many were left out is said.
 */
export function fitRecord(record: DecisionRecord, maxChars: number): DecisionRecord {
  if (embedRecord(record).length <= maxChars) return record;
  const files = [...record.files].sort((a, b) => ZONE_RANK[b.zone] - ZONE_RANK[a.zone]);
  const steps = [...record.steps].sort((a, b) => ZONE_RANK[b.zone] - ZONE_RANK[a.zone]);
  let keepFiles = files.length;
  let keepSteps = steps.length;
  for (;;) {
    const fitted: DecisionRecord = {
      ...record,
      files: files.slice(0, keepFiles),
      steps: steps.slice(0, keepSteps),
      omitted: { files: files.length - keepFiles, steps: steps.length - keepSteps },
    };
    if (embedRecord(fitted).length <= maxChars || (keepFiles === 0 && keepSteps === 0)) return fitted;
    if (keepFiles >= keepSteps) keepFiles = Math.floor(keepFiles / 2);
    else keepSteps = Math.floor(keepSteps / 2);
  }
}

/** The record as a hidden block; `--` cannot occur inside an HTML comment, so it is escaped. */
export function embedRecord(record: DecisionRecord): string {
  return `<!-- ${RECORD_MARKER} ${JSON.stringify(record).replace(/--/g, '\\u002d\\u002d')} -->`;
}

export function extractRecord(text: string | null | undefined): DecisionRecord | null {
  if (!text) return null;
  const m = new RegExp(`<!-- ${RECORD_MARKER} (\\{.*?\\}) -->`, 's').exec(text);
  if (!m) return null;
  try {
    const r = JSON.parse(m[1] as string) as DecisionRecord;
    return r.v === 1 ? r : null;
  } catch {
    return null;
  }
}
