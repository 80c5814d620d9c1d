/**
 * Secret-scanning throughput: ours (findSecrets) against secretlint 11 with its recommended preset,
 * on the same text. The hard target is >= 10x secretlint's throughput. Run directly
 * (`node --import tsx bench/secrets.ts [MB]`) it generates realistic source code with a few secrets.
 */
import { createEngine } from '@secretlint/node';
import { findSecrets } from '../src/engine/rules/content/secret.js';
import { defaultPolicy } from '../src/policy/defaults.js';

export interface Throughput {
  medianMs: number;
  mbPerS: number;
}

export interface SecretsBench {
  ours: Throughput;
  secretlint: Throughput;
  findings: { ours: number; secretlint: number };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

async function time(runs: number, fn: () => Promise<number> | number): Promise<{ ms: number; result: number }> {
  const times: number[] = [];
  let result = 0;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    result = await fn();
    times.push(performance.now() - t0);
  }
  return { ms: median(times), result };
}

/** Both scanners on one text (the blob measurement): the file-by-file run with a single file. */
export function benchSecrets(text: string, runs: number): Promise<SecretsBench> {
  return benchSecretsPerFile([{ path: 'src/bench.ts', text }], runs);
}

/**
 * The same comparison file by file, the way a PR is scanned: each changed file's added lines are one
 * input. Per-call overhead counts here, as it does in a real gate.
 */
export async function benchSecretsPerFile(files: { path: string; text: string }[], runs: number): Promise<SecretsBench> {
  const mb = files.reduce((n, f) => n + Buffer.byteLength(f.text), 0) / 1e6;
  const policy = defaultPolicy();
  const engine = await createEngine({
    cwd: process.cwd(),
    formatter: 'json',
    color: false,
    maskSecrets: true,
    configFileJSON: { rules: [{ id: '@secretlint/secretlint-rule-preset-recommend' }] },
  });
  // One untimed full pass each: JIT compilation and secretlint's rule loading are not throughput.
  for (const f of files) {
    findSecrets(f.text, policy, { path: f.path });
    await engine.executeOnContent({ content: f.text, filePath: f.path });
  }
  const ours = await time(runs, () => files.reduce((n, f) => n + findSecrets(f.text, policy, { path: f.path }).length, 0));
  const theirs = await time(runs, async () => {
    let n = 0;
    for (const f of files) {
      const { output } = await engine.executeOnContent({ content: f.text, filePath: f.path });
      n += (JSON.parse(output) as { messages: unknown[] }[]).reduce((k, r) => k + r.messages.length, 0);
    }
    return n;
  });
  const rate = (ms: number): number => Math.round((mb / (ms / 1000)) * 10) / 10;
  return {
    ours: { medianMs: Math.round(ours.ms * 10) / 10, mbPerS: rate(ours.ms) },
    secretlint: { medianMs: Math.round(theirs.ms * 10) / 10, mbPerS: rate(theirs.ms) },
    findings: { ours: ours.result, secretlint: theirs.result },
  };
}

/** Deterministic generator of TypeScript-like source with config blocks, URLs and a few secrets. */
export function generateSource(megabytes: number, secretsPerMb = 3): string {
  let state = 42;
  const next = (n: number): number => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return (state >>> 8) % n;
  };
  const alnum = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  const rand = (n: number, a = alnum): string => Array.from({ length: n }, () => a[next(a.length)]).join('');
  const words = ['user', 'order', 'token', 'cache', 'request', 'handler', 'config', 'session', 'payload', 'result', 'secretary', 'password', 'client', 'value'];
  const w = (): string => words[next(words.length)]!;
  const lines: string[] = [];
  let size = 0;
  const target = megabytes * 1e6;
  const secretEvery = Math.max(1, Math.round(1e6 / 60 / Math.max(secretsPerMb, 0.001)));
  let n = 0;
  while (size < target) {
    let line: string;
    const k = next(20);
    if (++n % secretEvery === 0) {
      const kind = next(4);
      line =
        kind === 0
          ? `const githubToken = "${'gh' + 'p_' + rand(36)}";`
          : kind === 1
            ? `  aws_access_key_id: ${'AK' + 'IA' + rand(16, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567')}`
            : kind === 2
              ? `export const DB_PASSWORD = '${rand(18)}';`
              : `const url = "postgres://app:${rand(14)}@db.internal:5432/main";`;
    } else if (k < 6) line = `  const ${w()}${next(100)} = await this.${w()}Service.get${w()}(${w()}Id, { limit: ${next(1000)} });`;
    else if (k < 9) line = `  if (!${w()} || ${w()}.length === 0) throw new Error('missing ${w()} for ${w()}');`;
    else if (k < 11) line = `  // ${w()} ${w()} ${w()}: see https://docs.example.com/${w()}/${w()}`;
    else if (k < 13) line = `  ${w()}: process.env.${w().toUpperCase()}_${w().toUpperCase()},`;
    else if (k < 14) line = `  "integrity": "sha512-${rand(86, alnum + '+/')}==",`;
    else if (k < 15) line = `  const id = '${rand(8, '0123456789abcdef')}-${rand(4, '0123456789abcdef')}-4${rand(3, '0123456789abcdef')}-a${rand(3, '0123456789abcdef')}-${rand(12, '0123456789abcdef')}';`;
    else if (k < 16) line = `export function ${w()}To${w()}(${w()}: string, ${w()}Token: string): Promise<void> {`;
    else if (k < 18) line = `    return this.${w()}.map((x) => x.${w()}).filter(Boolean).join(', ');`;
    else line = '  }';
    lines.push(line);
    size += line.length + 1;
  }
  return lines.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('bench/secrets.ts') || process.argv[1]?.endsWith('bench/secrets.js')) {
  const mb = Number(process.argv[2] ?? 5);
  const text = generateSource(mb);
  const r = await benchSecrets(text, 5);
  const ratio = r.secretlint.medianMs / r.ours.medianMs;
  console.log(JSON.stringify({ megabytes: mb, ...r, speedup: Math.round(ratio * 10) / 10 }, null, 2));
}
