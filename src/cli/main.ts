import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { classifyDiffText } from '../engine/classify-diff.js';
import { classifyRunStep, classifyUsesStep, classifyWorkflowStep } from '../engine/classify-step.js';
import { DiffParseError } from '../engine/diff/types.js';
import type { Decision, Zone } from '../engine/types.js';
import { atLeast, isZone } from '../engine/zone.js';
import { defaultPolicy } from '../policy/defaults.js';
import { ConfigError } from '../policy/errors.js';
import type { Policy } from '../policy/types.js';
import { driftCommand, DRIFT_USAGE } from '../drift/cli.js';
import { UsageError } from './errors.js';
import { gitDiff, gitFileSource, gitRevParse } from './git.js';
import { runHook } from './hook.js';
import { describeError, policyAtRevision, policyFromFile } from './policy.js';
import { renderTable } from './render.js';

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  readStdin: () => Promise<string>;
  isTTY: boolean;
}

const USAGE = `usage:
  agent-zones classify --diff FILE|- [--config FILE] [--json] [--fail-on yellow|red]
  agent-zones classify --base REV [--head REV] [--repo DIR] [--config FILE] [--json] [--fail-on yellow|red]
  agent-zones step --run "SCRIPT" | --uses OWNER/REPO[/PATH]@REF [--with KEY=VALUE ...] | --workflow FILE
                   [--config FILE] [--json] [--fail-on yellow|red]
  agent-zones hook [--config FILE] [--log FILE]
  agent-zones validate --config FILE
${DRIFT_USAGE}`;

export function processIo(): Io {
  return {
    stdout: (t) => void process.stdout.write(t),
    stderr: (t) => void process.stderr.write(t),
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const c of process.stdin) chunks.push(c as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
    isTTY: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
  };
}

/** Runs the CLI; returns the exit status (0, 1 for --fail-on, 2 for bad input). */
export async function main(argv: string[], io: Io = processIo()): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'classify':
        return await classifyCommand(rest, io);
      case 'step':
        return await stepCommand(rest, io);
      case 'hook':
        return await hookCommand(rest, io);
      case 'validate':
        return await validateCommand(rest, io);
      case 'drift':
        return await driftCommand(rest, io);
      case '--help':
      case '-h':
      case 'help':
        io.stdout(`${USAGE}\n`);
        return 0;
      default:
        throw new UsageError(command ? `unknown command \`${command}\`` : 'a command is required');
    }
  } catch (e) {
    if (e instanceof UsageError || e instanceof ConfigError || e instanceof DiffParseError) {
      io.stderr(`agent-zones: ${describeError(e).replace(/\s*\n\s*/g, ' ')}\n`);
      return 2;
    }
    io.stderr(`agent-zones: internal error: ${describeError(e).replace(/\s*\n\s*/g, ' ')}\n`);
    return 2;
  }
}

type Options = NonNullable<NonNullable<Parameters<typeof parseArgs>[0]>['options']>;

function parse(args: string[], options: Options) {
  try {
    return parseArgs({ args, options, allowPositionals: false, strict: true });
  } catch (e) {
    throw new UsageError(`${(e as Error).message.split('\n')[0]}\n${USAGE}`);
  }
}

const common = {
  config: { type: 'string' },
  json: { type: 'boolean' },
  'fail-on': { type: 'string' },
} as const;

function failOn(value: unknown): Zone | null {
  if (value === undefined) return null;
  if (value !== 'yellow' && value !== 'red') throw new UsageError(`--fail-on takes yellow or red, not ${JSON.stringify(value)}`);
  return value;
}

function emit(decision: Decision, values: Record<string, unknown>, io: Io): number {
  const threshold = failOn(values['fail-on']);
  if (values.json) io.stdout(`${JSON.stringify(decision, null, 2)}\n`);
  else io.stdout(renderTable(decision, { colour: io.isTTY }));
  return threshold && isZone(decision.zone) && atLeast(decision.zone, threshold) ? 1 : 0;
}

async function readInput(file: string, io: Io): Promise<string> {
  if (file === '-') return io.readStdin();
  try {
    return await readFile(file, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

async function classifyCommand(args: string[], io: Io): Promise<number> {
  const { values } = parse(args, { ...common, diff: { type: 'string' }, base: { type: 'string' }, head: { type: 'string' }, repo: { type: 'string' } });
  failOn(values['fail-on']);
  const diffArg = values.diff as string | undefined;
  const base = values.base as string | undefined;
  if ((diffArg === undefined) === (base === undefined)) throw new UsageError('classify needs exactly one of --diff FILE|- or --base REV');
  const configFile = values.config as string | undefined;
  if (diffArg !== undefined) {
    if (values.head !== undefined || values.repo !== undefined) throw new UsageError('--head and --repo go with --base, not --diff');
    const policy = configFile ? await policyFromFile(configFile) : defaultPolicy();
    const text = await readInput(diffArg, io);
    return emit(await classifyDiffText(text, policy), values, io);
  }
  const repo = (values.repo as string | undefined) ?? '.';
  const baseSha = await gitRevParse(repo, base as string);
  const headSha = await gitRevParse(repo, (values.head as string | undefined) ?? 'HEAD');
  const policy = configFile ? await policyFromFile(configFile) : await policyAtRevision(repo, baseSha);
  const text = await gitDiff(repo, baseSha, headSha);
  return emit(await classifyDiffText(text, policy, { source: gitFileSource(repo, baseSha, headSha) }), values, io);
}

async function stepCommand(args: string[], io: Io): Promise<number> {
  const { values } = parse(args, {
    ...common,
    run: { type: 'string' },
    uses: { type: 'string' },
    with: { type: 'string', multiple: true },
    workflow: { type: 'string' },
  });
  failOn(values['fail-on']);
  const given = ['run', 'uses', 'workflow'].filter((k) => values[k] !== undefined);
  if (given.length !== 1) throw new UsageError('step needs exactly one of --run, --uses or --workflow');
  if (values.with !== undefined && values.uses === undefined) throw new UsageError('--with goes with --uses');
  const policy: Policy = values.config ? await policyFromFile(values.config as string) : defaultPolicy();
  if (values.run !== undefined) return emit(await classifyRunStep(values.run as string, policy, {}), values, io);
  if (values.uses !== undefined) {
    const inputs: Record<string, string> = {};
    for (const kv of (values.with as string[] | undefined) ?? []) {
      const eq = kv.indexOf('=');
      if (eq <= 0) throw new UsageError(`--with takes KEY=VALUE, not ${JSON.stringify(kv)}`);
      inputs[kv.slice(0, eq)] = kv.slice(eq + 1);
    }
    return emit(await classifyUsesStep(values.uses as string, inputs, policy), values, io);
  }
  const file = values.workflow as string;
  const text = await readInput(file, io);
  return emit(await classifyWorkflowStep(file, text, policy), values, io);
}

async function hookCommand(args: string[], io: Io): Promise<number> {
  const { values } = parse(args, { config: { type: 'string' }, log: { type: 'string' } });
  return runHook({ config: values.config as string | undefined, log: values.log as string | undefined }, io);
}

async function validateCommand(args: string[], io: Io): Promise<number> {
  const { values } = parse(args, { config: { type: 'string' } });
  if (values.config === undefined) throw new UsageError('validate needs --config FILE');
  await policyFromFile(values.config as string);
  io.stdout(`${values.config}: valid agent-zones config\n`);
  return 0;
}
