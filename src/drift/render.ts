import type { Zone } from '../engine/types.js';
import type { DriftAnalysis, WeekTotals } from './analyze.js';
import { commandSnippet, pathSnippet } from './analyze.js';

export const DRIFT_MARKER = 'agent-zones:drift';

export function driftMarker(week: string): string {
  return `<!-- ${DRIFT_MARKER} ${week} -->`;
}

/** The ISO week in a drift issue's hidden marker, or null for any other issue. */
export function markerWeek(body: string | null | undefined): string | null {
  const m = /<!-- agent-zones:drift (\d{4}-W\d{2}) -->/.exec(body ?? '');
  return m ? (m[1] as string) : null;
}

export function driftTitle(week: string): string {
  return `Zone drift: ${week}`;
}

const ZONES: Zone[] = ['green', 'yellow', 'red'];
const fmtDelta = (n: number) => (n > 0 ? `+${n}` : n < 0 ? `${n}` : '±0');
const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const pr = (p: { number: number; title: string }) => `#${p.number}`;

function duration(ms: number | null): string {
  if (ms === null) return 'unknown';
  const s = Math.round(ms / 1000);
  if (s < 120) return `${s} s`;
  const m = Math.round(s / 60);
  if (m < 120) return `${m} min`;
  return `${(m / 60).toFixed(1)} h`;
}

function avg(weeks: WeekTotals[], f: (w: WeekTotals) => number): string {
  if (weeks.length === 0) return '–';
  return (weeks.reduce((n, w) => n + f(w), 0) / weeks.length).toFixed(1);
}

export interface RenderContext {
  repo: string;
  week: string;
  now: Date;
  since: string;
  notes: string[];
  previousIssue: { number: number; week: string } | null;
}

export function renderDrift(a: DriftAnalysis, ctx: RenderContext): string {
  const cur = a.weeks[a.weeks.length - 1] as WeekTotals;
  const prev = a.weeks[a.weeks.length - 2];
  const before = a.weeks.slice(0, -1);
  const w = a.windows[a.windows.length - 1]!;
  const out: string[] = [driftMarker(ctx.week), `# ${driftTitle(ctx.week)}`, ''];
  out.push(`Agent pull requests of \`${ctx.repo}\` from ${w.start.toISOString()} to ${w.end.toISOString()} (the last ${ctx.since}), against the seven periods before.`);
  if (ctx.previousIssue) out.push(`Previous report: #${ctx.previousIssue.number} (${ctx.previousIssue.week}).`);
  for (const n of ctx.notes) out.push(`> [!WARNING]\n> ${n}`);
  out.push('', `**What to do this week:** ${whatToDo(a)}`, '');

  out.push('## Totals', '', '| Zone | This week | Last week | Change | Average of the 7 weeks before |', '|---|---:|---:|---:|---:|');
  for (const z of ZONES) out.push(`| ${z} | ${cur.zones[z]} | ${prev?.zones[z] ?? 0} | ${fmtDelta(cur.zones[z] - (prev?.zones[z] ?? 0))} | ${avg(before, (x) => x.zones[z])} |`);
  if (a.weeks.some((x) => x.unzoned > 0)) out.push(`| not zoned | ${cur.unzoned} | ${prev?.unzoned ?? 0} | ${fmtDelta(cur.unzoned - (prev?.unzoned ?? 0))} | ${avg(before, (x) => x.unzoned)} |`);
  const total = (x: WeekTotals | undefined) => (x ? x.zones.green + x.zones.yellow + x.zones.red + x.unzoned : 0);
  out.push(`| **all** | **${total(cur)}** | ${total(prev)} | ${fmtDelta(total(cur) - total(prev))} | ${avg(before, total)} |`, '');

  const agents = [...new Set(a.weeks.flatMap((x) => Object.keys(x.agents)))].sort();
  if (agents.length) {
    out.push('| Agent | This week | Last week | Change | Average of the 7 weeks before |', '|---|---:|---:|---:|---:|');
    for (const ag of agents) {
      const c = cur.agents[ag] ?? 0;
      const p = prev?.agents[ag] ?? 0;
      out.push(`| ${cell(ag)} | ${c} | ${p} | ${fmtDelta(c - p)} | ${avg(before, (x) => x.agents[ag] ?? 0)} |`);
    }
    out.push('');
  }
  const max = Math.max(1, ...a.weeks.flatMap((x) => ZONES.map((z) => x.zones[z])));
  out.push(
    '```mermaid',
    'xychart-beta',
    '  title "Agent PRs per zone, last 8 weeks (lines: green, yellow, red)"',
    `  x-axis [${a.weeks.map((x) => JSON.stringify(x.label.slice(5))).join(', ')}]`,
    `  y-axis "PRs" 0 --> ${max}`,
    ...ZONES.map((z) => `  line [${a.weeks.map((x) => x.zones[z]).join(', ')}]`),
    '```',
    '',
  );

  out.push('## Yellow log', '');
  if (a.yellowByRule.length === 0) out.push('No yellow agent PR this week.', '');
  for (const g of a.yellowByRule) {
    out.push(`### \`${g.rule}\` (${g.entries.length} PR${g.entries.length === 1 ? '' : 's'})`, '');
    for (const e of g.entries) out.push(`- ${pr(e.pr)} ${cell(e.pr.title)}${e.paths.length ? `: ${e.paths.slice(0, 10).map((p) => `\`${p}\``).join(', ')}${e.paths.length > 10 ? ` and ${e.paths.length - 10} more` : ''}` : ''}`);
    out.push('');
  }

  out.push('## Promotion suggestions', '', `Yellow in at least ${a.promoteAfter} merged agent PRs over the last 8 weeks, none reverted, no red PR on them since. Paste a snippet into \`.github/agent-zones.yml\` (merge it with the keys you have) to make them green.`, '');
  if (a.promotions.length === 0) out.push('None this week.', '');
  for (const p of a.promotions) {
    out.push(`- ${p.kind === 'path' ? 'path' : 'command'} \`${p.target}\` (${p.rules.map((r) => `\`${r}\``).join(', ')}), yellow in ${p.prs.length} merged PRs: ${p.prs.map(pr).join(', ')}`, '', '  ```yaml', `  ${p.snippet}`, '  ```', '');
  }
  if (a.promotions.length > 1) {
    const paths = a.promotions.filter((p) => p.kind === 'path').map((p) => p.target);
    const cmds = a.promotions.filter((p) => p.kind === 'command').map((p) => p.target);
    out.push('All of them at once:', '', '```yaml', ...(paths.length ? [pathSnippet(paths)] : []), ...(cmds.length ? [commandSnippet(cmds)] : []), '```', '');
  }

  out.push('## Red approvals', '');
  if (a.redApprovals.length === 0) out.push('No red agent PR was approved this week.', '');
  else {
    out.push('| PR | Approver | Red verdict to approval | |', '|---|---|---:|---|');
    for (const r of a.redApprovals) out.push(`| ${pr(r.pr)} ${cell(r.pr.title)} | @${r.approver} | ${duration(r.ms)} | ${r.rubberStamp ? '⚠️ under 60 s: possible rubber stamp' : ''} |`);
    out.push('');
  }

  out.push('## Bypasses', '');
  out.push('### Merged while the zone check was not green', '');
  if (a.adminMerges.length === 0) out.push('None.', '');
  for (const m of a.adminMerges) out.push(`- ${pr(m.pr)} ${cell(m.pr.title)} by ${m.agent}, merged by ${m.mergedBy ? `@${m.mergedBy}` : 'unknown'} while the check was ${m.conclusion ?? 'missing'}${m.zone ? ` (zone ${m.zone})` : ' (never zoned)'}`);
  if (a.adminMerges.length) out.push('');
  out.push('### Changes to the config, workflows or CODEOWNERS', '');
  if (a.sensitive.length === 0) out.push('None.', '');
  for (const s of a.sensitive) out.push(`- ${pr(s.pr)} ${cell(s.pr.title)} (${s.kind}) by ${s.author}, merged by ${s.mergedBy ? `@${s.mergedBy}` : 'unknown'}: ${s.paths.map((p) => `\`${p}\``).join(', ')}${s.partial ? ' (only its first 100 files were checked)' : ''}`);
  if (a.sensitive.length) out.push('');
  out.push('### Config entries that never fired in 8 weeks', '');
  if (a.unused.length === 0) out.push('None.', '');
  for (const u of a.unused) out.push(`- \`${u.key}\`: \`${u.entry}\``);
  if (a.unused.length) out.push('');
  out.push(`<sub>Generated by agent-zones at ${ctx.now.toISOString()} from the decision records in the App's check runs. Re-running updates this issue in place.</sub>`);
  return out.join('\n') + '\n';
}

/** One line, the most urgent thing first. */
export function whatToDo(a: DriftAnalysis): string {
  if (a.adminMerges.length) return `ask why ${a.adminMerges.map((m) => pr(m.pr)).join(', ')} ${a.adminMerges.length === 1 ? 'was' : 'were'} merged past a failing zone check, and review ${a.adminMerges.length === 1 ? 'it' : 'them'} now.`;
  const stamps = a.redApprovals.filter((r) => r.rubberStamp);
  if (stamps.length) return `look again at the red PRs approved within a minute: ${[...new Set(stamps.map((r) => pr(r.pr)))].join(', ')}.`;
  if (a.sensitive.length) return `check that the changes to the gate in ${[...new Set(a.sensitive.map((s) => pr(s.pr)))].join(', ')} were intended.`;
  if (a.promotions.length) return `consider widening green: ${a.promotions.length} suggestion${a.promotions.length === 1 ? '' : 's'} below, each with its snippet.`;
  const yellow = a.yellowByRule.reduce((n, g) => n + g.entries.length, 0);
  if (yellow) return 'skim the yellow log below for anything that should have been red.';
  return 'nothing: no yellow, no red approvals, no bypasses.';
}
