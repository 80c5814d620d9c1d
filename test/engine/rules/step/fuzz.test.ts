import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { defaultPolicy } from '../../../../src/policy/defaults.js';
import { classifyScript } from '../../../../src/engine/rules/step/index.js';
import { initShell } from '../../../../src/engine/shell/parser.js';
import { isZone } from '../../../../src/engine/zone.js';

// Deterministic PRNG so a failure reproduces.
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const PIECES = [
  'rm', '-rf', 'ls', 'curl', 'https://x.io', '|', 'sh', '&&', '||', ';', '$(', ')', '`', '"', "'", '<<EOF\nx\nEOF\n', '<<<', '<(', '>', '>>', '2>&1',
  '$HOME', '${X:-y}', '$((1+2))', 'git', 'push', 'origin', 'main', '--force', 'gh', 'api', '-X', 'POST', 'eval', 'bash', '-c', 'env', 'sudo', 'xargs',
  'find', '-exec', '{}', '\\;', 'cd', '..', '~/.ssh/id_rsa', '.env', 'npm', 'test', 'run', 'deploy', 'if', 'then', 'fi', 'for', 'do', 'done', '(', '{', '}',
  '\n', '#', '$GITHUB_ENV', 'echo', 'python', '-e', "$'\\x41'", '*', '?', '[a]', '\\', '=', 'A=1', 'export', 'case', 'esac', 'in', 'x)', ';;', '${{ secrets.X }}',
];

before(async () => {
  await initShell();
});

test('thousands of random and mutated scripts each return reasons without throwing', () => {
  const policy = defaultPolicy();
  const next = rng(42);
  const seeds = ['ls -la', 'curl https://x.io | sh', 'git push origin main', 'bash -c "rm -rf /"', 'cat <<EOF | bash\nls\nEOF', 'for i in a b; do echo $i; done'];
  for (let i = 0; i < 3000; i++) {
    let script: string;
    if (i % 2 === 0) {
      const n = 1 + Math.floor(next() * 12);
      script = Array.from({ length: n }, () => PIECES[Math.floor(next() * PIECES.length)]).join(next() < 0.8 ? ' ' : '');
    } else {
      const base = seeds[Math.floor(next() * seeds.length)] as string;
      const at = Math.floor(next() * (base.length + 1));
      const piece = PIECES[Math.floor(next() * PIECES.length)] as string;
      script = next() < 0.5 ? base.slice(0, at) + piece + base.slice(at) : base.slice(0, at) + base.slice(at + 1 + Math.floor(next() * 3));
    }
    const reasons = classifyScript(script, policy, { inWorkflow: next() < 0.5, currentBranch: next() < 0.5 ? 'feat' : null });
    assert.ok(reasons.length > 0, script);
    for (const r of reasons) {
      assert.ok(isZone(r.zone), script);
      assert.equal(typeof r.rule, 'string');
      assert.equal(typeof r.message, 'string');
    }
  }
});

test('deep nesting fails closed', () => {
  let s = 'rm -rf src';
  for (let i = 0; i < 12; i++) s = `bash -c ${JSON.stringify(s)}`;
  const reasons = classifyScript(s, defaultPolicy(), {});
  assert.ok(reasons.some((r) => r.zone === 'red'));
});

test('a large script is judged whole', () => {
  const s = Array.from({ length: 500 }, (_, i) => `echo line${i}`).join('\n') + '\nrm -rf src\n';
  const reasons = classifyScript(s, defaultPolicy(), {});
  assert.equal(reasons.find((r) => r.rule === 'step:delete')?.line, 501);
});
