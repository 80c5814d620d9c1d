import { main, type Io } from '../../src/cli/main.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process with captured output and the given stdin. */
export async function cli(args: string[], stdin = '', isTTY = false): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const io: Io = {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    readStdin: async () => stdin,
    isTTY,
  };
  const code = await main(args, io);
  return { code, stdout, stderr };
}

export function json(r: CliResult): { zone: string; files: { path: string; zone: string; status: string; previousPath: string | null; reasons: { rule: string; zone: string; message: string; line?: number }[] }[]; steps: { workflow: string | null; job: string | null; step: string | null; zone: string; reasons: { rule: string; zone: string; line?: number }[] }[]; reasons: { rule: string; zone: string }[] } {
  return JSON.parse(r.stdout);
}

export function rules(r: CliResult): string[] {
  const d = json(r);
  return [...d.reasons, ...d.files.flatMap((f) => f.reasons), ...d.steps.flatMap((s) => s.reasons)].map((x) => x.rule);
}
