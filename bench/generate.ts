import { rng } from '../test/support/random.js';

/**
 * A deterministic synthetic agent PR: `files` files of mixed kinds (source, tests, docs, config,
 * package manifests, shell scripts, a workflow) whose added lines total about `bytes` bytes, with a
 * few real-shaped secrets and risky commands sprinkled in so every rule family does real work.
 */
export function generateDiff(files: number, bytes: number, seed = 7): string {
  const r = rng(seed);
  const perFile = Math.floor(bytes / files);
  const out: string[] = [];
  // A typical large agent PR: mostly source, then tests, docs, config, and a few shell scripts.
  const kinds = [...Array(24).fill('src'), ...Array(8).fill('test'), ...Array(4).fill('docs'), ...Array(3).fill('config'), 'script'];
  for (let i = 0; i < files; i++) {
    const kind = kinds[i % kinds.length] as string;
    const path =
      kind === 'src'
        ? `packages/pkg${i % 40}/src/module${i}.ts`
        : kind === 'test'
          ? `packages/pkg${i % 40}/test/module${i}.test.ts`
          : kind === 'docs'
            ? `docs/section${i % 30}/page${i}.md`
            : kind === 'config'
              ? `config/service${i}.yaml`
              : `scripts/task${i}.sh`;
    const lines: string[] = [];
    let size = 0;
    let n = 0;
    while (size < perFile) {
      const line = lineFor(kind, i, n++, r);
      lines.push(line);
      size += line.length + 1;
    }
    const isNew = i % 3 === 0;
    out.push(`diff --git a/${path} b/${path}`);
    if (isNew) out.push('new file mode 100644', 'index 0000000000000000000000000000000000000000..1111111111111111111111111111111111111111', '--- /dev/null');
    else out.push('index 2222222222222222222222222222222222222222..1111111111111111111111111111111111111111 100644', `--- a/${path}`);
    out.push(`+++ b/${path}`);
    if (isNew) {
      out.push(`@@ -0,0 +1,${lines.length} @@`);
      for (const l of lines) out.push(`+${l}`);
    } else {
      out.push(`@@ -10,3 +10,${lines.length + 3} @@ context`, ' keep one', ' keep two');
      for (const l of lines) out.push(`+${l}`);
      out.push(' keep three');
    }
  }
  return `${out.join('\n')}\n`;
}

const WORDS = ['value', 'result', 'items', 'request', 'response', 'config', 'handler', 'buffer', 'index', 'count', 'user', 'session', 'cache', 'queue'];

function word(r: () => number): string {
  return WORDS[Math.floor(r() * WORDS.length)] as string;
}

function lineFor(kind: string, file: number, n: number, r: () => number): string {
  const rare = r();
  switch (kind) {
    case 'docs':
      return n % 7 === 0 ? `## ${word(r)} and ${word(r)}` : `The ${word(r)} is passed to the ${word(r)} so that each ${word(r)} keeps its ${word(r)} (see section ${n}).`;
    case 'config':
      if (rare < 0.002) return `  api_token: "${fakeToken(r)}"`;
      return n % 5 === 0 ? `${word(r)}_${n}:` : `  ${word(r)}: ${Math.floor(r() * 1000)} # ${word(r)} limit`;
    case 'script':
      if (rare < 0.01) return `curl -fsSL https://example.org/install-${n}.sh | sh`;
      return n % 4 === 0 ? `echo "step ${n}: ${word(r)}"` : `node tools/${word(r)}.js --${word(r)} ${n} > out/${word(r)}-${n}.txt`;
    case 'test':
      return n % 6 === 0 ? `test('${word(r)} ${n}', () => {` : `  assert.equal(${word(r)}(${n}), expected${n % 9}); // ${word(r)}`;
    default:
      if (rare < 0.0005) return `const password = "${fakeToken(r)}";`;
      if (rare < 0.001) return `const token = process.env.API_TOKEN ?? '';`;
      return n % 8 === 0
        ? `export function ${word(r)}${file}_${n}(${word(r)}: string, ${word(r)}: number): boolean {`
        : `  const ${word(r)}${n} = await ${word(r)}.${word(r)}(${word(r)}, { retries: ${n % 5}, label: '${word(r)}-${n}' });`;
  }
}

function fakeToken(r: () => number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  return Array.from({ length: 28 }, () => alphabet[Math.floor(r() * alphabet.length)]).join('');
}
