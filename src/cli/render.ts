import type { Decision, Reason, Zone } from '../engine/types.js';

const COLOURS: Record<Zone, string> = { green: '\u001b[32m', yellow: '\u001b[33m', red: '\u001b[31m' };
const RESET = '\u001b[0m';
const BOLD = '\u001b[1m';

export interface RenderOptions {
  colour: boolean;
  width?: number;
}

interface Row {
  zone: Zone;
  subject: string;
  rule: string;
  message: string;
}

function rowsOf(decision: Decision): Row[] {
  const rows: Row[] = [];
  const add = (subject: string, reasons: Reason[]) => {
    for (const r of reasons) rows.push({ zone: r.zone, subject: r.line ? `${subject}:${r.line}` : subject, rule: r.rule, message: r.message });
  };
  for (const f of decision.files) add(f.previousPath ? `${f.previousPath} -> ${f.path}` : f.path, f.reasons);
  for (const s of decision.steps) {
    const where = [s.workflow, s.job, s.step === null ? null : oneLine(s.step)].filter((x) => x !== null).join(' / ');
    add(where || '(workflow)', s.reasons);
  }
  add('(change)', decision.reasons);
  return rows;
}

function oneLine(text: string): string {
  const first = text.split('\n')[0] ?? '';
  const t = first.length > 60 ? `${first.slice(0, 57)}...` : first;
  return text.includes('\n') ? `${t} ...` : t;
}

/** The human-readable table of cli-contract.md: zone, path or step, rule, message. */
export function renderTable(decision: Decision, opts: RenderOptions): string {
  const paint = (zone: Zone, text: string) => (opts.colour ? `${COLOURS[zone]}${text}${RESET}` : text);
  const rows = rowsOf(decision);
  const subjectWidth = Math.min(48, Math.max(4, ...rows.map((r) => r.subject.length)));
  const ruleWidth = Math.max(4, ...rows.map((r) => r.rule.length));
  const lines: string[] = [];
  const head = `Zone: ${decision.zone.toUpperCase()}`;
  lines.push(opts.colour ? `${BOLD}${paint(decision.zone, head)}` : head);
  lines.push(summary(decision));
  if (rows.length > 0) {
    lines.push('');
    lines.push(`${'ZONE'.padEnd(6)}  ${'PATH / STEP'.padEnd(subjectWidth)}  ${'RULE'.padEnd(ruleWidth)}  MESSAGE`);
    for (const r of rows) {
      const subject = r.subject.length > subjectWidth ? `...${r.subject.slice(-(subjectWidth - 3))}` : r.subject;
      lines.push(`${paint(r.zone, r.zone.padEnd(6))}  ${subject.padEnd(subjectWidth)}  ${r.rule.padEnd(ruleWidth)}  ${r.message}`);
    }
  }
  if (decision.zone === 'red') {
    lines.push('');
    lines.push('Red: a qualified human must approve the current head commit (not the author, not a committer, not a bot).');
  }
  return `${lines.join('\n')}\n`;
}

function summary(d: Decision): string {
  const count = (zone: Zone) => d.files.filter((f) => f.zone === zone).length + d.steps.filter((s) => s.zone === zone).length;
  const parts = [`${d.files.length} file(s)`, `${d.steps.length} step(s)`];
  return `${parts.join(', ')}: ${count('red')} red, ${count('yellow')} yellow, ${count('green')} green`;
}
