import { parseArgs } from 'node:util';
import { agentZonesOctokit } from '../app/octokit.js';
import { UsageError } from '../cli/errors.js';
import type { Octokit, RepoRef } from '../github/types.js';
import { DriftInputError, parseSince } from './period.js';
import { runDrift } from './index.js';

export const DRIFT_USAGE = '  agent-zones drift --repo OWNER/NAME [--since 7d] [--dry-run] [--config PATH]';

export interface DriftCliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

/**
 * `agent-zones drift`: prints the week's drift report (and, without --dry-run, writes the issue).
 * Token from GITHUB_TOKEN or GH_TOKEN, API from GITHUB_API_URL; records of any App unless
 * AGENT_ZONES_APP_ID names the App. Bad input is a UsageError (one line, exit 2, in main).
 */
export async function driftCommand(args: string[], io: DriftCliIo, env: NodeJS.ProcessEnv = process.env, makeOctokit: (token: string, baseUrl: string) => Octokit = defaultOctokit): Promise<number> {
  let values: { repo?: string; since?: string; 'dry-run'?: boolean; config?: string };
  try {
    values = parseArgs({ args, options: { repo: { type: 'string' }, since: { type: 'string' }, 'dry-run': { type: 'boolean' }, config: { type: 'string' } }, strict: true, allowPositionals: false }).values;
  } catch (e) {
    throw new UsageError((e as Error).message.split('\n')[0] ?? 'bad arguments');
  }
  const repo = parseRepo(values.repo);
  const since = values.since ?? '7d';
  try {
    parseSince(since);
  } catch (e) {
    if (e instanceof DriftInputError) throw new UsageError(e.message);
    throw e;
  }
  const token = env.GITHUB_TOKEN || env.GH_TOKEN;
  if (!token) throw new UsageError('drift needs a token in GITHUB_TOKEN or GH_TOKEN');
  const baseUrl = (env.GITHUB_API_URL || 'https://api.github.com').replace(/\/+$/, '');
  const appIdRaw = env.AGENT_ZONES_APP_ID;
  const appId = appIdRaw ? Number(appIdRaw) : null;
  if (appId !== null && !(Number.isInteger(appId) && appId > 0)) throw new UsageError(`AGENT_ZONES_APP_ID must be a number, got \`${appIdRaw}\``);
  const result = await runDrift(makeOctokit(token, baseUrl), repo, {
    since,
    dryRun: values['dry-run'] ?? false,
    configPath: values.config ?? env.AGENT_ZONES_CONFIG_PATH ?? '.github/agent-zones.yml',
    appId,
    log: (m) => io.stderr(`${m}\n`),
  });
  io.stdout(result.body);
  io.stderr(`${result.issueNumber ? `issue #${result.issueNumber}, ` : ''}${result.requests} API requests\n`);
  return 0;
}

function parseRepo(value: string | undefined): RepoRef {
  if (!value) throw new UsageError('drift needs --repo OWNER/NAME');
  const m = /^([A-Za-z0-9-]+)\/([A-Za-z0-9._-]+)$/.exec(value);
  if (!m) throw new UsageError(`--repo must be OWNER/NAME, got \`${value}\``);
  return { owner: m[1] as string, repo: m[2] as string };
}

function defaultOctokit(token: string, baseUrl: string): Octokit {
  const Octo = agentZonesOctokit();
  return new Octo({ auth: { token }, baseUrl }) as unknown as Octokit;
}
