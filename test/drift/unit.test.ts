import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { schema as githubSchema } from '@octokit/graphql-schema';
import { buildClientSchema, parse, validate, type IntrospectionQuery } from 'graphql';
import { analyze, commandSnippet, pathSnippet, revertedNumbers } from '../../src/drift/analyze.js';
import { driftCommand } from '../../src/drift/cli.js';
import type { PullFacts } from '../../src/drift/collect.js';
import { dueAt, isoWeek, parseSince, windows } from '../../src/drift/period.js';
import { DRIFT_DOCUMENTS } from '../../src/drift/queries.js';
import { driftMarker, markerWeek, renderDrift } from '../../src/drift/render.js';
import { UsageError } from '../../src/cli/errors.js';
import type { DecisionRecord } from '../../src/github/record.js';
import { defaultPolicy } from '../../src/policy/defaults.js';
import { loadPolicy } from '../../src/policy/load.js';

const schema = buildClientSchema(githubSchema.json as unknown as IntrospectionQuery);

describe('GraphQL documents', () => {
  for (const [name, doc] of Object.entries(DRIFT_DOCUMENTS)) {
    test(`${name} is valid against GitHub's schema`, () => assert.deepEqual(validate(schema, parse(doc)).map((e) => e.message), []));
  }
});

describe('periods', () => {
  for (const [iso, week] of [
    ['2026-11-23T09:00:00Z', '2026-W48'],
    ['2026-11-29T23:59:59Z', '2026-W48'],
    ['2026-11-30T00:00:00Z', '2026-W49'],
    ['2021-01-03T12:00:00Z', '2020-W53'],
    ['2024-12-30T00:00:00Z', '2025-W01'],
    ['2026-01-01T00:00:00Z', '2026-W01'],
    ['2027-01-01T00:00:00Z', '2026-W53'],
  ] as const) {
    test(`${iso} is in ${week}`, () => assert.equal(isoWeek(new Date(iso)).key, week));
  }
  test('due at the configured weekday and hour of the ISO week', () => {
    assert.equal(dueAt(new Date('2026-11-25T03:00:00Z'), 'monday', 9).toISOString(), '2026-11-23T09:00:00.000Z');
    assert.equal(dueAt(new Date('2026-11-25T03:00:00Z'), 'sunday', 23).toISOString(), '2026-11-29T23:00:00.000Z');
  });
  test('durations', () => {
    assert.equal(parseSince('7d'), 7 * 86_400_000);
    assert.equal(parseSince('2w'), 14 * 86_400_000);
    assert.equal(parseSince('36h'), 36 * 3_600_000);
    for (const bad of ['', '7', '0d', '-1d', '7x', '1.5d', 'd7']) assert.throws(() => parseSince(bad), /--since must be a duration/);
  });
  test('eight windows ending now, labelled by the ISO week of their end', () => {
    const ws = windows(new Date('2026-11-23T09:00:00Z'), 7 * 86_400_000);
    assert.equal(ws.length, 8);
    assert.deepEqual(ws.map((w) => w.label), ['2026-W41', '2026-W42', '2026-W43', '2026-W44', '2026-W45', '2026-W46', '2026-W47', '2026-W48']);
  });
  test('the marker round-trips', () => assert.equal(markerWeek(`${driftMarker('2026-W48')}\nbody`), '2026-W48'));
});

function record(over: Partial<DecisionRecord>): DecisionRecord {
  return { v: 1, repo: 'a/b', pr: 1, head: 'h', base: 'main', agent: 'copilot-swe-agent[bot]', why: 'x', zone: 'yellow', at: '2026-11-20T10:00:00Z', files: [], steps: [], prRules: [], approval: null, ...over };
}

let num = 0;
function pull(over: Partial<PullFacts> & { record: DecisionRecord | null }): PullFacts {
  const n = ++num;
  return {
    number: n, title: `PR ${n}`, body: '', url: `u/${n}`, author: 'copilot-swe-agent[bot]', authorIsBot: true, merged: true, mergedAt: '2026-11-20T11:00:00Z', mergedBy: 'x',
    closedAt: null, createdAt: '2026-11-20T09:00:00Z', updatedAt: '2026-11-20T11:00:00Z', baseRef: 'main', headRef: 'copilot/x', labels: [], files: [], filesTotal: 0,
    check: { conclusion: 'success', status: 'completed', startedAt: '2026-11-20T10:00:00Z', completedAt: null }, ...over,
  };
}
const NOW = new Date('2026-11-23T09:00:00Z');
const WEEK = 7 * 86_400_000;

describe('analysis', () => {
  test('an approval 59 s after the red verdict is flagged, 60 s is not', () => {
    const red = (s: number) => pull({ record: record({ zone: 'red', approval: { approved: true, approvers: [{ login: 'bob', at: new Date(Date.parse('2026-11-20T10:00:00Z') + s * 1000).toISOString() }] } }) });
    const a = analyze({ pulls: [red(59), red(60)], policy: defaultPolicy(), now: NOW, windowMs: WEEK });
    assert.deepEqual(a.redApprovals.map((r) => [r.ms, r.rubberStamp]), [[59_000, true], [60_000, false]]);
  });
  test('a merge over a failing or missing check is a bypass; an agent PR with no record is found by its author', () => {
    const failing = pull({ record: record({ zone: 'red' }), check: { conclusion: 'failure', status: 'completed', startedAt: null, completedAt: null } });
    const unzoned = pull({ record: null, check: null });
    const human = pull({ record: null, check: null, author: 'alice', headRef: 'feature' });
    const a = analyze({ pulls: [failing, unzoned, human], policy: defaultPolicy(), now: NOW, windowMs: WEEK });
    assert.deepEqual(a.adminMerges.map((m) => [m.pr.number, m.conclusion]), [[failing.number, 'failure'], [unzoned.number, null]]);
    assert.equal(a.weeks.at(-1)?.unzoned, 1);
  });
  test('promotion needs promote-after clean merges, path rules only, no red follow-up', () => {
    const y = (path: string, rules = ['path:source'], at = '2026-11-20T11:00:00Z') => pull({ mergedAt: at, record: record({ files: [{ path, zone: 'yellow', rules }] }) });
    const policy = { ...defaultPolicy(), drift: { ...defaultPolicy().drift, 'promote-after': 2 } };
    const laterRed = pull({ mergedAt: '2026-11-21T11:00:00Z', record: record({ zone: 'red', files: [{ path: 'src/c.ts', zone: 'red', rules: ['content:secret'] }] }) });
    const pulls = [y('src/a.ts'), y('src/a.ts'), y('src/b.ts', ['content:test-exec']), y('src/b.ts', ['content:test-exec']), y('src/c.ts'), y('src/c.ts'), laterRed, y('src/d.ts')];
    const a = analyze({ pulls, policy, now: NOW, windowMs: WEEK });
    assert.deepEqual(a.promotions.map((p) => p.target), ['src/a.ts']);
  });
  test('reverts are found by GitHub\'s body and by title', () => {
    const a = pull({ record: null, title: 'Add cache' });
    const b = pull({ record: null, title: 'x' });
    const ra = pull({ record: null, title: 'Revert "Add cache"' });
    const rb = pull({ record: null, title: 'undo', body: `Reverts acme/app#${b.number}` });
    assert.deepEqual([...revertedNumbers([a, b, ra, rb])].sort(), [a.number, b.number].sort());
  });
  test('every snippet is a config loadPolicy accepts, with exactly the suggested entries', async () => {
    const p = await loadPolicy(pathSnippet(['src/a.ts', 'lib/b c.ts']), { file: 's.yml', configPath: '.github/agent-zones.yml' });
    assert.deepEqual(p.paths.green, ['src/a.ts', 'lib/b c.ts']);
    const c = await loadPolicy(commandSnippet(['npm run e2e', 'make docs']), { file: 's.yml', configPath: '.github/agent-zones.yml' });
    assert.deepEqual(c.commands.green, ['npm run e2e', 'make docs']);
    const both = await loadPolicy(`${pathSnippet(['x.ts'])}\n${commandSnippet(['make docs'])}\n`, { file: 's.yml', configPath: '.github/agent-zones.yml' });
    assert.deepEqual([both.paths.green, both.commands.green], [['x.ts'], ['make docs']]);
  });
  test('an empty week renders every section and says there is nothing to do', () => {
    const body = renderDrift(analyze({ pulls: [], policy: defaultPolicy(), now: NOW, windowMs: WEEK }), { repo: 'a/b', week: '2026-W48', now: NOW, since: '7d', notes: [], previousIssue: null });
    for (const s of ['## Totals', '## Yellow log', '## Promotion suggestions', '## Red approvals', '## Bypasses', 'xychart-beta']) assert.ok(body.includes(s), s);
    assert.match(body, /\*\*What to do this week:\*\* nothing/);
  });
});

describe('CLI input', () => {
  const io = { stdout: () => undefined, stderr: () => undefined };
  const env = { GITHUB_TOKEN: 't' };
  for (const [args, e, why] of [
    [[], env, /--repo OWNER\/NAME/],
    [['--repo', 'nope'], env, /--repo must be OWNER\/NAME/],
    [['--repo', 'a/b', '--since', 'week'], env, /--since must be a duration/],
    [['--repo', 'a/b', '--bogus'], env, /bogus/],
    [['--repo', 'a/b'], {}, /GITHUB_TOKEN or GH_TOKEN/],
    [['--repo', 'a/b'], { GH_TOKEN: 't', AGENT_ZONES_APP_ID: 'x' }, /AGENT_ZONES_APP_ID/],
  ] as [string[], NodeJS.ProcessEnv, RegExp][]) {
    test(`${args.join(' ') || '(no args)'}: ${why.source}`, async () => {
      await assert.rejects(driftCommand(args, io, e, () => assert.fail('no request on bad input')), (err: unknown) => err instanceof UsageError && why.test(err.message) && !err.message.includes('\n'));
    });
  }
});

describe('App option', () => {
  test('AGENT_ZONES_DRIFT_CHECK_MINUTES: default 60, 0 turns it off, junk falls back to 60', async () => {
    const { optionsFromEnv } = await import('../../src/app/app.js');
    assert.equal(optionsFromEnv({}).driftMinutes, 60);
    assert.equal(optionsFromEnv({ AGENT_ZONES_DRIFT_CHECK_MINUTES: '0' }).driftMinutes, 0);
    assert.equal(optionsFromEnv({ AGENT_ZONES_DRIFT_CHECK_MINUTES: '15' }).driftMinutes, 15);
    assert.equal(optionsFromEnv({ AGENT_ZONES_DRIFT_CHECK_MINUTES: 'soon' }).driftMinutes, 60);
  });
});
