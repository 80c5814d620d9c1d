import type { Policy } from '../policy/types.js';
import { classifyFile } from './classify-diff.js';
import { buildDecision } from './decision.js';
import type { DiffFile } from './diff/types.js';
import { initEngine } from './init.js';
import { findSecrets } from './rules/content/secret.js';
import { classifyScript, credentialPathReason } from './rules/step/index.js';
import type { Decision, Reason, StepContext } from './types.js';
import { zoneOf } from './zone.js';

/** A Claude Code PreToolUse event (cli-contract.md, "Agent runtime hook"). */
export interface ToolCall {
  tool_name: string;
  tool_input: Record<string, unknown>;
  cwd: string;
}

/** What the caller found on disk: each path of the call resolved against cwd, symlinks followed. */
export interface ToolFacts {
  ctx: StepContext;
  /** Absolute path with symlinks resolved (of the path itself, or of its nearest existing parent). */
  realPaths: Record<string, string>;
  /** Real path of cwd. */
  realCwd: string;
  /** Paths that exist already (Write to an existing file is a modification). */
  existing: ReadonlySet<string>;
}

const EDIT_TOOLS = new Set(['Edit', 'Write', 'MultiEdit', 'NotebookEdit']);
const READ_TOOLS = new Set(['Read', 'Glob', 'Grep', 'LS']);

export class ToolInputError extends Error {
  override name = 'ToolInputError';
}

function str(input: Record<string, unknown>, key: string): string | undefined {
  const v = input[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw new ToolInputError(`tool_input.${key} is not a string`);
  return v;
}

/** The paths of a tool call that the caller must resolve on disk. */
export function toolPaths(call: ToolCall): string[] {
  const i = call.tool_input;
  const keys = EDIT_TOOLS.has(call.tool_name) ? ['file_path', 'notebook_path'] : READ_TOOLS.has(call.tool_name) ? ['file_path', 'path'] : [];
  return keys.map((k) => str(i, k)).filter((p): p is string => p !== undefined && p !== '');
}

function inside(real: string, root: string): boolean {
  return real === root || real.startsWith(root.endsWith('/') ? root : `${root}/`);
}

function relativeTo(real: string, root: string): string {
  return real === root ? '.' : real.slice(root.length + (root.endsWith('/') ? 0 : 1));
}

function step(name: string, reasons: Reason[]): Decision {
  return buildDecision([], [{ workflow: null, job: null, step: name, zone: zoneOf(reasons), reasons }], []);
}

export async function classifyToolCall(call: ToolCall, facts: ToolFacts, policy: Policy): Promise<Decision> {
  await initEngine();
  const input = call.tool_input;
  const tool = call.tool_name;
  const ctx: StepContext = { ...facts.ctx, workspace: facts.realCwd };

  if (tool === 'Bash') {
    const command = str(input, 'command');
    if (command === undefined) throw new ToolInputError('Bash without tool_input.command');
    return step(command, classifyScript(command, policy, ctx));
  }

  if (EDIT_TOOLS.has(tool)) {
    const target = str(input, 'file_path') ?? str(input, 'notebook_path');
    if (!target) throw new ToolInputError(`${tool} without a target path`);
    const real = facts.realPaths[target];
    if (real === undefined) throw new ToolInputError(`${tool}: the target path was not resolved`);
    if (!inside(real, facts.realCwd) || real.split('/').includes('.git')) {
      return step(`${tool} ${target}`, [
        {
          rule: 'step:outside-write',
          zone: 'red',
          message: `${tool} writes ${real}, which is ${real.split('/').includes('.git') ? "inside git's own directory" : 'outside the workspace (after resolving symlinks)'}.`,
        },
      ]);
    }
    const rel = relativeTo(real, facts.realCwd);
    const content = newContent(tool, input);
    const file: DiffFile = {
      oldPath: facts.existing.has(target) ? rel : null,
      newPath: rel,
      status: facts.existing.has(target) ? 'modified' : 'added',
      oldMode: null,
      newMode: null,
      binary: false,
      similarity: null,
      hunks: [],
      added: content.split('\n').map((text, k) => ({ line: k + 1, text })),
      truncated: false,
    };
    // A synthetic file: its "patch" is the new text the tool writes, so no missing-patch check applies.
    const result = classifyFile({ ...file, hunks: [{ oldStart: 0, oldCount: 0, newStart: 1, newCount: file.added.length, lines: [] }] }, policy);
    return buildDecision([result], [], []);
  }

  if (READ_TOOLS.has(tool)) {
    const targets = [str(input, 'file_path'), str(input, 'path'), str(input, 'pattern'), str(input, 'glob')];
    const reasons: Reason[] = [];
    for (const t of targets) {
      if (!t) continue;
      const names = [t, facts.realPaths[t]].filter((x): x is string => x !== undefined);
      for (const n of names) {
        const r = credentialPathReason(n, ctx);
        if (r) reasons.push(r);
      }
    }
    for (const p of toolPaths(call)) {
      const real = facts.realPaths[p];
      if (real !== undefined && !inside(real, facts.realCwd)) {
        reasons.push({ rule: 'step:unknown', zone: 'yellow', message: `${tool} reads ${real}, outside the workspace.` });
      }
    }
    if (reasons.length === 0) reasons.push({ rule: 'step:read-only', zone: 'green', message: `${tool} reads inside the workspace.` });
    return step(`${tool} ${targets.filter(Boolean).join(' ')}`, reasons);
  }

  if (tool === 'WebFetch') {
    const url = str(input, 'url');
    if (url === undefined) throw new ToolInputError('WebFetch without tool_input.url');
    const reasons: Reason[] = [];
    if (urlHasCredentials(url)) reasons.push({ rule: 'content:secret', zone: 'red', message: 'The fetched URL carries credentials (user:password@host).' });
    for (const f of findSecrets(`${url} ${str(input, 'prompt') ?? ''}`, policy)) {
      reasons.push({ rule: 'content:secret', zone: 'red', message: `The fetch sends what looks like a secret (${f.detector}: ${f.preview}) to another service.` });
    }
    if (reasons.length === 0) reasons.push({ rule: 'step:unknown', zone: 'yellow', message: `WebFetch of ${url}: logged.` });
    return step(`WebFetch ${url}`, reasons);
  }

  if (tool.startsWith('mcp__')) return step(tool, mcpReasons(tool, input, ctx, policy));

  if (tool === 'WebSearch') return step(tool, [{ rule: 'step:unknown', zone: 'yellow', message: `WebSearch for ${JSON.stringify(str(input, 'query') ?? '')}: logged.` }]);
  return step(tool, [{ rule: 'step:unknown', zone: 'yellow', message: `${tool} is a tool agent-zones has no rule for: logged.` }]);
}

function newContent(tool: string, input: Record<string, unknown>): string {
  if (tool === 'Write') return str(input, 'content') ?? '';
  if (tool === 'Edit') return str(input, 'new_string') ?? '';
  if (tool === 'NotebookEdit') return str(input, 'new_source') ?? '';
  const edits = input.edits;
  if (edits === undefined) return '';
  if (!Array.isArray(edits)) throw new ToolInputError('MultiEdit: tool_input.edits is not a list');
  return edits
    .map((e) => {
      if (typeof e !== 'object' || e === null) throw new ToolInputError('MultiEdit: an edit is not an object');
      const s = (e as Record<string, unknown>).new_string;
      if (s !== undefined && typeof s !== 'string') throw new ToolInputError('MultiEdit: new_string is not a string');
      return s ?? '';
    })
    .join('\n');
}

function urlHasCredentials(url: string): boolean {
  try {
    const u = new URL(url);
    return u.password !== '' || (u.username !== '' && u.username.length >= 8);
  } catch {
    return false;
  }
}

const MCP_VERBS: { words: RegExp; rule: string; what: string }[] = [
  { words: /(^|_)(delete|remove|destroy|drop|purge|unpublish)(_|$)/, rule: 'step:delete', what: 'deletes' },
  { words: /(^|_)(merge|approve|automerge|auto_merge)(_|$)/, rule: 'step:approve', what: 'merges or approves' },
  { words: /(^|_)(push|force_push)(_|$)/, rule: 'step:approve', what: 'pushes commits' },
  { words: /(^|_)(deploy|publish|release|rollout|apply)(_|$)/, rule: 'step:production', what: 'deploys or publishes' },
  { words: /(^|_)(secret|secrets|credential|credentials|token|tokens|password)(_|$)/, rule: 'step:credential-access', what: 'touches secrets' },
  { words: /(^|_)(protection|ruleset|rulesets|collaborator|collaborators|webhook|hooks)(_|$)/, rule: 'step:approve', what: 'changes repository protection or access' },
];

function mcpReasons(tool: string, input: Record<string, unknown>, ctx: StepContext, policy: Policy): Reason[] {
  const reasons: Reason[] = [];
  const parts = tool.split('__');
  const bare = parts.length >= 3 ? parts.slice(2).join('_') : tool;
  const name = bare.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase().replace(/[^a-z0-9]+/g, '_');
  for (const v of MCP_VERBS) {
    if (v.words.test(name)) reasons.push({ rule: v.rule, zone: 'red', message: `The MCP tool ${tool} ${v.what}: a human must do or approve this.` });
  }
  const event = typeof input.event === 'string' ? input.event.toUpperCase() : '';
  if (event === 'APPROVE') reasons.push({ rule: 'step:approve', zone: 'red', message: `The MCP call ${tool} submits an approving review.` });
  const branch = ['branch', 'ref', 'base'].map((k) => input[k]).find((v): v is string => typeof v === 'string');
  const writes = /(create|update|write|put|commit|edit|upload)/.test(name);
  if (writes && branch !== undefined) {
    const b = branch.replace(/^refs\/heads\//, '');
    const defaults = ctx.defaultBranch ? [ctx.defaultBranch] : ['main', 'master'];
    if (defaults.includes(b)) reasons.push({ rule: 'step:approve', zone: 'red', message: `The MCP call ${tool} writes to the default branch ${b}.` });
  }
  for (const f of findSecrets(JSON.stringify(input), policy)) {
    reasons.push({ rule: 'content:secret', zone: 'red', message: `The MCP call ${tool} passes what looks like a secret (${f.detector}: ${f.preview}).` });
  }
  if (reasons.length === 0) reasons.push({ rule: 'step:unknown', zone: 'yellow', message: `MCP tool ${tool}: logged.` });
  return reasons;
}
