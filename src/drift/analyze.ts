import { compileCommandPattern } from '../engine/command-pattern.js';
import { compileGlob, compileGlobs } from '../engine/glob.js';
import type { Zone } from '../engine/types.js';
import { agentMatch } from '../github/agents.js';
import type { DecisionRecord } from '../github/record.js';
import type { Policy } from '../policy/types.js';
import type { PullFacts } from './collect.js';
import { windows as makeWindows, type Window } from './period.js';

/** Approvals faster than this after the red verdict are flagged: nobody reads a red diff in a minute. */
export const RUBBER_STAMP_MS = 60_000;

export interface WeekTotals {
  label: string;
  zones: Record<Zone, number>;
  /** Agent PRs with no decision from the App on their head (never zoned). */
  unzoned: number;
  agents: Record<string, number>;
}

export interface PrRef {
  number: number;
  title: string;
  url: string;
}

export interface YellowEntry {
  pr: PrRef;
  paths: string[];
}

export interface Promotion {
  kind: 'path' | 'command';
  /** The path or the command that was yellow. */
  target: string;
  rules: string[];
  prs: PrRef[];
  /** A config fragment that loadPolicy accepts as a whole file and that a reader merges into theirs. */
  snippet: string;
}

export interface RedApproval {
  pr: PrRef;
  approver: string;
  /** From the first red verdict on the approved head to the approval; null when a time is missing. */
  ms: number | null;
  rubberStamp: boolean;
}

export interface AdminMerge {
  pr: PrRef;
  agent: string;
  mergedBy: string | null;
  /** The zone check's conclusion at merge (null: no check at all). */
  conclusion: string | null;
  zone: Zone | null;
}

export interface SensitiveChange {
  pr: PrRef;
  author: string;
  mergedBy: string | null;
  kind: 'config' | 'workflow' | 'codeowners';
  paths: string[];
  /** Only the first 100 changed files of a non-agent PR were seen. */
  partial: boolean;
}

export interface UnusedRule {
  key: string;
  entry: string;
}

export interface DriftAnalysis {
  windows: Window[];
  weeks: WeekTotals[];
  yellowByRule: { rule: string; entries: YellowEntry[] }[];
  promotions: Promotion[];
  promoteAfter: number;
  redApprovals: RedApproval[];
  adminMerges: AdminMerge[];
  sensitive: SensitiveChange[];
  unused: UnusedRule[];
}

interface Dated {
  pull: PullFacts;
  record: DecisionRecord | null;
  at: number;
  window: number;
}

const ref = (p: PullFacts): PrRef => ({ number: p.number, title: p.title, url: p.url });

/** A PR counts in the window of its merge, or of its last decision while unmerged. */
function eventTime(p: PullFacts): number | null {
  const t = p.mergedAt ?? p.record?.at ?? (p.closedAt ? null : p.updatedAt);
  return t ? Date.parse(t) : null;
}

function windowOf(ws: Window[], t: number): number {
  return ws.findIndex((w) => t > w.start.getTime() && t <= w.end.getTime());
}

function isAgentPull(p: PullFacts, policy: Policy): boolean {
  return p.record !== null || agentMatch({ author: p.author, headRef: p.headRef, labels: p.labels }, policy) !== null;
}

/** Numbers of PRs that a later PR reverted (GitHub's revert button writes `Reverts owner/repo#N`). */
export function revertedNumbers(pulls: readonly PullFacts[]): Set<number> {
  const byTitle = new Map(pulls.map((p) => [p.title, p.number]));
  const out = new Set<number>();
  for (const p of pulls) {
    for (const m of p.body.matchAll(/\bReverts\s+(?:[\w.-]+\/[\w.-]+)?#(\d+)/g)) out.add(Number(m[1]));
    const t = /^Revert "(.*)"$/.exec(p.title);
    const n = t ? byTitle.get(t[1] as string) : undefined;
    if (n !== undefined && n !== p.number) out.add(n);
  }
  return out;
}

/**
 * A step's command as a `commands.green` pattern only when it is a bare list of words: anything with
 * shell syntax (pipes, quotes, `$`, `*`, which is the pattern wildcard) would not mean in the config
 * what it meant in the step. This is a character check for a safe suggestion, not command recognition.
 */
function plainCommand(step: string | null): string | null {
  if (!step) return null;
  const s = step.trim();
  return /^[A-Za-z0-9_@%+=:,./-]+(?: [A-Za-z0-9_@%+=:,./-]+)*$/.test(s) ? s : null;
}

/** Glob metacharacters in a literal path would widen the suggestion beyond what was seen. */
const GLOB_SPECIAL = /[*?[\]{}!\\]/;

export function pathSnippet(paths: readonly string[]): string {
  return `paths: { green: [${paths.map((p) => JSON.stringify(p)).join(', ')}] }`;
}

export function commandSnippet(commands: readonly string[]): string {
  return `commands: { green: [${commands.map((c) => JSON.stringify(c)).join(', ')}] }`;
}

export function analyze(input: { pulls: readonly PullFacts[]; policy: Policy; now: Date; windowMs: number }): DriftAnalysis {
  const { policy } = input;
  const ws = makeWindows(input.now, input.windowMs, 8);
  const current = ws.length - 1;
  const dated: Dated[] = [];
  for (const pull of input.pulls) {
    if (!isAgentPull(pull, policy)) continue;
    const t = eventTime(pull);
    if (t === null) continue;
    const window = windowOf(ws, t);
    if (window >= 0) dated.push({ pull, record: pull.record, at: t, window });
  }

  const weeks: WeekTotals[] = ws.map((w) => ({ label: w.label, zones: { green: 0, yellow: 0, red: 0 }, unzoned: 0, agents: {} }));
  for (const d of dated) {
    const wk = weeks[d.window] as WeekTotals;
    if (d.record) wk.zones[d.record.zone]++;
    else wk.unzoned++;
    const agent = d.record?.agent ?? d.pull.author;
    wk.agents[agent] = (wk.agents[agent] ?? 0) + 1;
  }

  const now = dated.filter((d) => d.window === current);

  // The yellow log of the period, by rule.
  const byRule = new Map<string, Map<number, YellowEntry>>();
  const addYellow = (rule: string, p: PullFacts, path: string | null) => {
    const m = byRule.get(rule) ?? new Map<number, YellowEntry>();
    byRule.set(rule, m);
    const e = m.get(p.number) ?? { pr: ref(p), paths: [] };
    m.set(p.number, e);
    if (path && !e.paths.includes(path)) e.paths.push(path);
  };
  for (const d of now) {
    const r = d.record;
    if (r?.zone !== 'yellow') continue;
    for (const f of r.files) if (f.zone === 'yellow') for (const rule of f.rules) addYellow(rule, d.pull, f.path);
    for (const s of r.steps) if (s.zone === 'yellow') for (const rule of s.rules) addYellow(rule, d.pull, [s.workflow, s.job, s.step].filter(Boolean).join(' › '));
    for (const rule of r.prRules) addYellow(rule, d.pull, null);
  }
  const yellowByRule = [...byRule].map(([rule, m]) => ({ rule, entries: [...m.values()].sort((a, b) => a.pr.number - b.pr.number) })).sort((a, b) => b.entries.length - a.entries.length || a.rule.localeCompare(b.rule));

  const promotions = promote(dated, input.pulls, policy);

  // Red approvals of the period: how long after the red verdict the approval came.
  const redApprovals: RedApproval[] = [];
  for (const d of now) {
    const r = d.record;
    if (r?.zone !== 'red' || !r.approval?.approved) continue;
    const verdict = d.pull.check?.startedAt ? Date.parse(d.pull.check.startedAt) : NaN;
    for (const a of r.approval.approvers) {
      const at = a.at ? Date.parse(a.at) : NaN;
      const ms = Number.isFinite(verdict) && Number.isFinite(at) ? Math.max(0, at - verdict) : null;
      redApprovals.push({ pr: ref(d.pull), approver: a.login, ms, rubberStamp: ms !== null && ms < RUBBER_STAMP_MS });
    }
  }

  // Merges while the zone check was not success: only an administrator's bypass gets there.
  const adminMerges: AdminMerge[] = now
    .filter((d) => d.pull.merged && d.pull.check?.conclusion !== 'success')
    .map((d) => ({ pr: ref(d.pull), agent: d.record?.agent ?? d.pull.author, mergedBy: d.pull.mergedBy, conclusion: d.pull.check?.conclusion ?? null, zone: d.record?.zone ?? null }));

  const sensitive = sensitiveChanges(input.pulls, ws[current] as Window, policy);
  const unused = unusedRules(dated, policy);
  return { windows: ws, weeks, yellowByRule, promotions, promoteAfter: policy.drift['promote-after'], redApprovals, adminMerges, sensitive, unused };
}

/**
 * Paths and commands that were yellow in at least `drift.promote-after` merged agent PRs over the
 * eight windows, where none of those PRs was reverted, no PR touching them was reverted, and no
 * later agent PR touching them was red. Only path rules are promoted through `paths.green`
 * (content and change rules are not lowered by it, so a suggestion would change nothing).
 */
function promote(dated: readonly Dated[], pulls: readonly PullFacts[], policy: Policy): Promotion[] {
  const reverted = revertedNumbers(pulls);
  const paths = new Map<string, { prs: Map<number, PrRef>; rules: Set<string>; first: number }>();
  const commands = new Map<string, { prs: Map<number, PrRef>; rules: Set<string>; first: number }>();
  const tainted = new Set<string>();
  const redAt = new Map<string, number>();
  for (const d of dated) {
    const r = d.record;
    if (!r) continue;
    if (reverted.has(d.pull.number)) for (const f of r.files) tainted.add(`path:${f.path}`);
    if (reverted.has(d.pull.number)) for (const s of r.steps) if (s.step) tainted.add(`cmd:${s.step.trim()}`);
    if (r.zone === 'red') {
      for (const f of r.files) redAt.set(f.path, Math.max(redAt.get(f.path) ?? 0, d.at));
      for (const s of r.steps) if (s.step) redAt.set(`cmd:${s.step.trim()}`, Math.max(redAt.get(`cmd:${s.step.trim()}`) ?? 0, d.at));
    }
    if (!d.pull.merged || r.zone !== 'yellow' || reverted.has(d.pull.number) || d.pull.check?.conclusion !== 'success') continue;
    for (const f of r.files) {
      if (f.zone !== 'yellow' || f.rules.length === 0 || !f.rules.every((x) => x.startsWith('path:')) || GLOB_SPECIAL.test(f.path)) continue;
      const e = paths.get(f.path) ?? { prs: new Map(), rules: new Set(), first: d.at };
      paths.set(f.path, e);
      e.prs.set(d.pull.number, ref(d.pull));
      f.rules.forEach((x) => e.rules.add(x));
      e.first = Math.min(e.first, d.at);
    }
    for (const s of r.steps) {
      const cmd = plainCommand(s.step);
      if (s.zone !== 'yellow' || !cmd) continue;
      const e = commands.get(cmd) ?? { prs: new Map(), rules: new Set(), first: d.at };
      commands.set(cmd, e);
      e.prs.set(d.pull.number, ref(d.pull));
      s.rules.forEach((x) => e.rules.add(x));
      e.first = Math.min(e.first, d.at);
    }
  }
  const n = policy.drift['promote-after'];
  const out: Promotion[] = [];
  for (const [path, e] of paths) {
    if (e.prs.size < n || tainted.has(`path:${path}`) || (redAt.get(path) ?? 0) > e.first) continue;
    out.push({ kind: 'path', target: path, rules: [...e.rules].sort(), prs: [...e.prs.values()].sort((a, b) => a.number - b.number), snippet: pathSnippet([path]) });
  }
  for (const [cmd, e] of commands) {
    if (e.prs.size < n || tainted.has(`cmd:${cmd}`) || (redAt.get(`cmd:${cmd}`) ?? 0) > e.first) continue;
    out.push({ kind: 'command', target: cmd, rules: [...e.rules].sort(), prs: [...e.prs.values()].sort((a, b) => a.number - b.number), snippet: commandSnippet([cmd]) });
  }
  return out.sort((a, b) => b.prs.length - a.prs.length || a.target.localeCompare(b.target));
}

const CODEOWNERS = compileGlobs(['/CODEOWNERS', '/.github/CODEOWNERS', '/docs/CODEOWNERS']);
const WORKFLOWS = compileGlobs(['/.github/workflows/**']);

/** Merged PRs of the period (agent or not) that changed the gate's config, workflows or CODEOWNERS. */
function sensitiveChanges(pulls: readonly PullFacts[], w: Window, policy: Policy): SensitiveChange[] {
  const config = compileGlobs([`/${policy.configPath}`, `/${policy.configPath.replace(/\.yml$/, '.yaml')}`]);
  const out: SensitiveChange[] = [];
  for (const p of pulls) {
    const t = p.mergedAt ? Date.parse(p.mergedAt) : NaN;
    if (!(t > w.start.getTime() && t <= w.end.getTime())) continue;
    const all = [...new Set([...p.files, ...(p.record?.files.map((f) => f.path) ?? [])])];
    const partial = !p.record && p.filesTotal > p.files.length;
    const kinds: [SensitiveChange['kind'], (x: string) => boolean][] = [['config', config], ['workflow', WORKFLOWS], ['codeowners', CODEOWNERS]];
    for (const [kind, match] of kinds) {
      const hit = all.filter(match);
      if (hit.length) out.push({ pr: ref(p), author: p.author, mergedBy: p.mergedBy, kind, paths: hit, partial });
    }
  }
  return out.sort((a, b) => a.pr.number - b.pr.number);
}

/**
 * Config entries that matched nothing in eight windows: a `paths.*` glob no agent PR's file matched,
 * a `commands.*` pattern no recorded step matched, an override whose rule never fired where it applies.
 * Dead entries are drift too: they widen or narrow what nobody checks any more.
 */
function unusedRules(dated: readonly Dated[], policy: Policy): UnusedRule[] {
  const files = dated.flatMap((d) => d.record?.files ?? []);
  const steps = dated.flatMap((d) => d.record?.steps ?? []);
  const out: UnusedRule[] = [];
  for (const zone of ['red', 'yellow', 'green'] as const) {
    for (const glob of policy.paths[zone]) {
      const m = compileGlob(glob);
      if (!files.some((f) => m(f.path))) out.push({ key: `paths.${zone}`, entry: glob });
    }
    for (const pattern of policy.commands[zone]) {
      const m = compileCommandPattern(pattern);
      if (!steps.some((s) => s.step && m(s.step))) out.push({ key: `commands.${zone}`, entry: pattern });
    }
  }
  for (const o of policy.overrides) {
    const where = o.paths ? compileGlobs(o.paths) : null;
    const fired = where ? files.some((f) => f.rules.includes(o.rule) && where(f.path)) : steps.some((s) => s.rules.includes(o.rule));
    if (!fired) out.push({ key: 'overrides', entry: `${o.rule} on ${(o.paths ?? o.commands ?? []).join(', ')}` });
  }
  return out;
}
