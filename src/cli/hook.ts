import { appendFile, mkdir, realpath, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { classifyToolCall, toolPaths, type ToolCall } from '../engine/classify-tool.js';
import type { Decision } from '../engine/types.js';
import { defaultPolicy } from '../policy/defaults.js';
import { gitBranchContext } from './git.js';
import type { Io } from './main.js';
import { describeError, policyFromFile } from './policy.js';

/** Follows symlinks of the longest existing prefix of `p`, so a new file under a linked dir resolves too. */
async function realOf(p: string): Promise<string> {
  let cur = p;
  const tail: string[] = [];
  for (;;) {
    try {
      const r = await realpath(cur);
      return tail.length ? join(r, ...tail.reverse()) : r;
    } catch {
      const parent = dirname(cur);
      if (parent === cur) return p;
      tail.push(cur.slice(parent.length + (parent.endsWith('/') ? 0 : 1)));
      cur = parent;
    }
  }
}

function expandHome(p: string): string {
  return p === '~' || p.startsWith('~/') ? join(homedir(), p.slice(1)) : p;
}

function parseEvent(text: string): ToolCall {
  let event: unknown;
  try {
    event = JSON.parse(text);
  } catch (e) {
    throw new Error(`the hook input is not JSON (${(e as Error).message})`, { cause: e });
  }
  if (typeof event !== 'object' || event === null) throw new Error('the hook input is not a JSON object');
  const e = event as Record<string, unknown>;
  if (typeof e.tool_name !== 'string' || e.tool_name === '') throw new Error('the hook input has no tool_name');
  if (typeof e.tool_input !== 'object' || e.tool_input === null || Array.isArray(e.tool_input)) throw new Error('the hook input has no tool_input object');
  if (typeof e.cwd !== 'string' || !isAbsolute(e.cwd)) throw new Error('the hook input has no absolute cwd');
  return { tool_name: e.tool_name, tool_input: e.tool_input as Record<string, unknown>, cwd: e.cwd };
}

function deny(reason: string, io: Io): number {
  io.stderr(`agent-zones: ${reason}\n`);
  io.stdout(`${JSON.stringify({ hookSpecificOutput: { hookEventName: 'PreToolUse', permissionDecision: 'deny', permissionDecisionReason: reason } })}\n`);
  return 2;
}

function redSummary(d: Decision): string {
  const all = [...d.reasons, ...d.files.flatMap((f) => f.reasons), ...d.steps.flatMap((s) => s.reasons)].filter((r) => r.zone === 'red');
  return `red: ${all.map((r) => `[${r.rule}] ${r.message}`).join(' ')}`;
}

/**
 * Claude Code PreToolUse hook: red denies (exit 2, the JSON deny on stdout), yellow is appended to the
 * audit log, green says nothing. It never answers `allow`, so the agent's own ask/deny rules still apply.
 */
export async function runHook(opts: { config?: string; log?: string }, io: Io): Promise<number> {
  let call: ToolCall;
  let decision: Decision;
  try {
    call = parseEvent(await io.readStdin());
    const policy = opts.config ? await policyFromFile(opts.config) : defaultPolicy();
    const realCwd = await realpath(call.cwd);
    const realPaths: Record<string, string> = {};
    const existing = new Set<string>();
    for (const p of toolPaths(call)) {
      const abs = resolve(call.cwd, expandHome(p));
      realPaths[p] = await realOf(abs);
      if (await stat(abs).then(() => true, () => false)) existing.add(p);
    }
    const branches = await gitBranchContext(call.cwd);
    decision = await classifyToolCall(call, { ctx: { ...branches, home: homedir() }, realPaths, realCwd, existing }, policy);
  } catch (e) {
    return deny(`cannot judge this tool call, so it is denied: ${describeError(e)}`, io);
  }
  if (decision.zone === 'red') return deny(redSummary(decision), io);
  if (decision.zone === 'yellow') {
    const reasons = [...decision.files.flatMap((f) => f.reasons), ...decision.steps.flatMap((s) => s.reasons)];
    const entry = {
      time: new Date().toISOString(),
      tool: call.tool_name,
      zone: decision.zone,
      rules: [...new Set(reasons.filter((r) => r.zone === 'yellow').map((r) => r.rule))],
      command: typeof call.tool_input.command === 'string' ? call.tool_input.command : undefined,
      path: decision.files[0]?.path ?? toolPaths(call)[0],
    };
    const log = opts.log ?? join(call.cwd, '.agent-zones', 'audit.jsonl');
    try {
      await mkdir(dirname(log), { recursive: true });
      await appendFile(log, `${JSON.stringify(entry)}\n`);
    } catch (e) {
      // Yellow means "log and proceed": without the log it may not proceed.
      return deny(`cannot write the audit log ${log}: ${describeError(e)}`, io);
    }
  }
  return 0;
}
