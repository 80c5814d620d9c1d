import * as core from '@actions/core';
import { parse as parseYaml } from 'yaml';
import type { Zone } from '../engine/types.js';
import { ActionInputError } from './context.js';

export type Mode = 'pr' | 'gate' | 'drift';
/** `never` reports without failing the job (the check then only informs). */
export type FailOn = Zone | 'never';

export interface Inputs {
  mode: Mode;
  token: string;
  configPath: string;
  failOn: FailOn;
  /** null: follow the config's `automerge`; true/false: override it. */
  automerge: boolean | null;
  run: string | null;
  uses: string | null;
  with: Record<string, string>;
  environment: string | null;
  since: string | null;
  dryRun: boolean;
  /** pr mode: record the decision as a check run for the drift report (needs `checks: write`). */
  record: boolean;
}

const MODES: readonly Mode[] = ['pr', 'gate', 'drift'];
const FAIL_ON: readonly FailOn[] = ['yellow', 'red', 'never'];

function bool(name: string, value: string): boolean | null {
  if (value === '') return null;
  if (/^(true|yes|on)$/i.test(value)) return true;
  if (/^(false|no|off)$/i.test(value)) return false;
  throw new ActionInputError(`input \`${name}\` takes true or false, not ${JSON.stringify(value)}`);
}

/**
 * `with` for the gate: a YAML mapping (`{ key: value }` or one `key: value` per line) or one
 * `key=value` per line (split on the first `=`, as `agent-zones step --with` does).
 */
export function parseWith(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const trimmed = text.trim();
  if (trimmed === '') return out;
  const lines = trimmed.split(/\r?\n/).filter((l) => l.trim() !== '');
  if (lines.every((l) => /^\s*[A-Za-z0-9_.-]+=/.test(l))) {
    for (const l of lines) {
      const i = l.indexOf('=');
      out[l.slice(0, i).trim()] = l.slice(i + 1);
    }
    return out;
  }
  let doc: unknown;
  try {
    doc = parseYaml(trimmed);
  } catch (e) {
    throw new ActionInputError(`input \`with\` is neither key=value lines nor a YAML mapping: ${(e as Error).message.split('\n')[0]}`);
  }
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
    throw new ActionInputError('input `with` must be key=value lines or a YAML mapping of input names to values');
  }
  for (const [k, v] of Object.entries(doc as Record<string, unknown>)) {
    if (v !== null && typeof v === 'object') throw new ActionInputError(`input \`with\`: the value of \`${k}\` must be a scalar, as action inputs are strings`);
    out[k] = v === null || v === undefined ? '' : String(v);
  }
  return out;
}

export function readInputs(): Inputs {
  const mode = core.getInput('mode') || 'pr';
  if (!MODES.includes(mode as Mode)) throw new ActionInputError(`input \`mode\` takes pr, gate or drift, not ${JSON.stringify(mode)}`);
  const failOn = core.getInput('fail-on') || 'red';
  if (!FAIL_ON.includes(failOn as FailOn)) throw new ActionInputError(`input \`fail-on\` takes yellow, red or never, not ${JSON.stringify(failOn)}`);
  const token = core.getInput('token');
  if (token) core.setSecret(token);
  const run = core.getInput('run', { trimWhitespace: false });
  const uses = core.getInput('uses');
  const withText = core.getInput('with', { trimWhitespace: false });
  const inputs: Inputs = {
    mode: mode as Mode,
    token,
    configPath: core.getInput('config') || '.github/agent-zones.yml',
    failOn: failOn as FailOn,
    automerge: bool('automerge', core.getInput('automerge')),
    run: run.trim() === '' ? null : run,
    uses: uses || null,
    with: parseWith(withText),
    environment: core.getInput('environment') || null,
    since: core.getInput('since') || null,
    dryRun: bool('dry-run', core.getInput('dry-run')) ?? false,
    record: bool('record', core.getInput('record')) ?? true,
  };
  if (inputs.mode === 'gate') {
    if (!inputs.run && !inputs.uses) throw new ActionInputError('mode gate needs the input `run` (the shell script it guards) and/or `uses` (the action it guards)');
    if (withText.trim() !== '' && !inputs.uses) throw new ActionInputError('input `with` belongs to `uses`: name the action it is passed to');
  } else {
    for (const name of ['run', 'uses', 'with', 'environment'] as const) {
      if (core.getInput(name)) throw new ActionInputError(`input \`${name}\` is only for mode gate (mode is ${inputs.mode})`);
    }
  }
  if (inputs.mode !== 'gate' && !inputs.token) throw new ActionInputError('input `token` is empty: pass `${{ github.token }}` or a token that can read the repository');
  if (!/^[^\0]+$/.test(inputs.configPath) || inputs.configPath.startsWith('/') || inputs.configPath.split('/').includes('..')) {
    throw new ActionInputError(`input \`config\` must be a path inside the repository, got ${JSON.stringify(inputs.configPath)}`);
  }
  return inputs;
}
