import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as core from '@actions/core';
import type { Decision } from '../engine/types.js';
import type { ApprovalResult } from '../github/approvals.js';
import { annotations, renderReport } from '../github/report.js';

/** Writes the Decision (the CLI's `--json` shape) to RUNNER_TEMP and returns the path. */
export function writeDecisionFile(dir: string, stepId: string, mode: string, decision: Decision): string {
  const path = join(dir, `agent-zones-${mode}-${stepId}.json`);
  writeFileSync(path, `${JSON.stringify(decision, null, 2)}\n`);
  return path;
}

/**
 * Annotations on the files and lines that drove the zone (the same list the App puts on its check
 * run): red as errors, yellow as warnings.
 */
export function annotate(decision: Decision): void {
  for (const a of annotations(decision)) {
    const props = { file: a.path, startLine: a.start_line, endLine: a.end_line, title: a.title };
    if (a.annotation_level === 'failure') core.error(a.message, props);
    else core.warning(a.message, props);
  }
}

/** The job summary: zone, what unlocks a red PR, and the table of files and steps with rule and message. */
export async function writePrSummary(decision: Decision, ctx: { headSha: string; approval: ApprovalResult | null; merge: string | null; notes: string[] }): Promise<void> {
  const out = renderReport(decision, { headSha: ctx.headSha, approval: ctx.approval, notRequired: null, merge: ctx.merge, checkName: 'agent-zones' });
  await core.summary
    .addHeading(`agent-zones: ${out.title}`, 2)
    .addRaw(`${out.summary}\n\n`, true)
    .addRaw(ctx.notes.map((n) => `> ${n}\n`).join(''), true)
    .addRaw(`\n${out.text}\n`, true)
    .write();
}
