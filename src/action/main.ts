import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as core from '@actions/core';
import { setShellWasmLocator } from '../engine/shell/parser.js';
import { readContext } from './context.js';
import { runDriftMode } from './drift.js';
import { runGate } from './gate.js';
import { readInputs } from './inputs.js';
import { actionOctokit, octokitOptionsFromEnv } from './octokit.js';
import { runPr } from './pr.js';

/**
 * In the bundle (dist/index.js) the two WASM files sit beside the script; run from source the
 * engine finds them in node_modules itself.
 */
function locateWasmBesideBundle(): void {
  const here = dirname(fileURLToPath(import.meta.url));
  if (existsSync(join(here, 'tree-sitter-bash.wasm')) && existsSync(join(here, 'web-tree-sitter.wasm'))) {
    setShellWasmLocator((file) => join(here, file));
  }
}

export async function main(): Promise<void> {
  try {
    locateWasmBesideBundle();
    const ctx = readContext();
    const inputs = readInputs();
    const octokit = inputs.token ? actionOctokit(inputs.token, ctx.apiUrl, octokitOptionsFromEnv()) : null;
    switch (inputs.mode) {
      case 'pr': {
        const r = await runPr(ctx, inputs, octokit!);
        if (r.failed) core.setFailed(r.failed);
        break;
      }
      case 'gate': {
        const r = await runGate(ctx, inputs, octokit);
        if (r.failed) core.setFailed(r.failed);
        break;
      }
      case 'drift':
        await runDriftMode(ctx, inputs, octokit!);
        break;
    }
  } catch (e) {
    // Fail closed: an error never lets the job pass.
    core.setFailed(`agent-zones: ${e instanceof Error ? e.message : String(e)}`);
  }
}

await main();
