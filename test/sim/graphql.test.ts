import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { request } from '@octokit/request';
import { agentPr, owner, repo, REPO, setup, type Setup } from './helpers.js';

describe('sim GraphQL', () => {
  let s: Setup;
  let n: number;
  before(async () => {
    s = await setup();
    s.sim.commit(REPO, 'main', { 'scripts/run.sh': { content: 'echo\n', mode: '100755' }, 'link': { content: 'README.md', mode: '120000' }, 'logo.png': { content: Buffer.from([0, 1, 2, 3]).toString('base64'), binary: true } });
    s.sim.protectBranch(REPO, 'main', { requiredChecks: ['agent-zones: main', { context: 'ci', appId: 15368 }] });
    s.sim.protectBranch(REPO, 'main', { requiredChecks: [{ context: 'agent-zones: main', appId: 777 }], via: 'ruleset' });
    n = await agentPr(s.sim, 'g', { 'docs/g.md': 'g\n' });
    await s.sim.addLabelByHand(REPO, n, 'zone: green', 'maintainer');
  });
  after(() => s.sim.stop());

  test('an invalid field is a GraphQL error, with HTTP 200, and nothing is executed', async () => {
    const r = await request('POST /graphql', { baseUrl: s.sim.url + '/api', headers: { authorization: `token ${await token(s)}` }, query: '{ repository(owner: "acme", name: "app") { noSuchField } }' });
    assert.equal(r.status, 200);
    assert.equal((r.data as { errors: { message: string }[] }).errors[0]!.message, "Field 'noSuchField' doesn't exist on type 'Repository'");
    assert.equal((r.data as { data?: unknown }).data, undefined);
    await assert.rejects(s.octokit.graphql('query Bad { repository(owner: "acme", name: "app") { pullRequest(number: 1) { expectedHeadOid } } }'), /expectedHeadOid/);
    assert.equal(s.sim.requests.at(-1)?.operation, 'Bad');
  });

  test('repository, protection, rulesets, pull request with labels, auto-merge and check suites', async () => {
    const head = s.sim.pull(REPO, n).head;
    await s.octokit.rest.checks.create({ owner, repo, name: 'agent-zones: main', head_sha: head, status: 'in_progress' });
    const q = `query Snap($owner: String!, $name: String!, $number: Int!) {
      repository(owner: $owner, name: $name) {
        id autoMergeAllowed defaultBranchRef { name }
        base: ref(qualifiedName: "refs/heads/main") {
          branchProtectionRule { requiresStatusChecks requiredStatusCheckContexts requiredStatusChecks { context app { databaseId } } }
          rules(first: 100) { nodes { type parameters { ... on RequiredStatusChecksParameters { requiredStatusChecks { context integrationId } } } } }
        }
        zone: labels(first: 10, query: "zone:") { nodes { name color } }
        pullRequest(number: $number) {
          id number headRefOid baseRefName state merged isDraft changedFiles author { __typename login }
          autoMergeRequest { enabledAt mergeMethod }
          labels(first: 100) { nodes { name } }
          commits(last: 1) { nodes { commit { oid checkSuites(first: 20, filterBy: { appId: 777 }) { nodes { app { databaseId } checkRuns(first: 20, filterBy: { checkName: "agent-zones: main" }) { nodes { databaseId name status conclusion } } } } } } }
        }
      }
    }`;
    const r = await s.octokit.graphql<{ repository: any }>(q, { owner, name: repo, number: n }); // eslint-disable-line @typescript-eslint/no-explicit-any
    const repoData = r.repository;
    assert.equal(repoData.autoMergeAllowed, true);
    assert.equal(repoData.defaultBranchRef.name, 'main');
    assert.deepEqual(repoData.base.branchProtectionRule, { requiresStatusChecks: true, requiredStatusCheckContexts: ['agent-zones: main', 'ci'], requiredStatusChecks: [{ context: 'agent-zones: main', app: null }, { context: 'ci', app: { databaseId: 15368 } }] });
    assert.deepEqual(repoData.base.rules.nodes, [{ type: 'REQUIRED_STATUS_CHECKS', parameters: { requiredStatusChecks: [{ context: 'agent-zones: main', integrationId: 777 }] } }]);
    assert.deepEqual(repoData.zone.nodes, [{ name: 'zone: green', color: 'ededed' }]);
    const pr = repoData.pullRequest;
    assert.equal(pr.headRefOid, head);
    assert.equal(pr.state, 'OPEN');
    assert.equal(pr.changedFiles, 1);
    assert.deepEqual(pr.author, { __typename: 'Bot', login: 'agent[bot]' });
    assert.equal(pr.autoMergeRequest, null);
    assert.deepEqual(pr.labels.nodes, [{ name: 'zone: green' }]);
    const commit = pr.commits.nodes[0].commit;
    assert.equal(commit.oid, head);
    assert.deepEqual(commit.checkSuites.nodes.map((x: { app: { databaseId: number }; checkRuns: { nodes: { name: string; status: string }[] } }) => [x.app.databaseId, x.checkRuns.nodes.map((c) => [c.name, c.status])]), [[777, [['agent-zones: main', 'IN_PROGRESS']]]]);
  });

  test('object(expression) gives trees with modes and blob flags, blobs with text, object(oid) commits', async () => {
    const head = s.sim.pull(REPO, n).head;
    const q = `query T($o: String!, $n: String!, $root: String!, $dir: String!, $blob: String!, $oid: GitObjectID!) { repository(owner: $o, name: $n) {
      root: object(expression: $root) { ... on Tree { entries { name path mode type object { ... on Blob { isBinary byteSize } } } } }
      dir: object(expression: $dir) { ... on Tree { entries { name mode } } }
      blob: object(expression: $blob) { ... on Blob { text isTruncated isBinary } }
      missing: object(expression: "main:nope.txt") { id }
      commit: object(oid: $oid) { ... on Commit { oid } }
    } }`;
    const r = await s.octokit.graphql<{ repository: any }>(q, { o: owner, n: repo, root: `${head}:`, dir: `${head}:scripts`, blob: 'main:README.md', oid: head }); // eslint-disable-line @typescript-eslint/no-explicit-any
    const byName = Object.fromEntries(r.repository.root.entries.map((e: { name: string }) => [e.name, e]));
    assert.deepEqual(byName['logo.png'], { name: 'logo.png', path: 'logo.png', mode: 0o100644, type: 'blob', object: { isBinary: true, byteSize: 4 } });
    assert.equal(byName['link'].mode, 0o120000);
    assert.deepEqual(byName['docs'], { name: 'docs', path: 'docs', mode: 0o40000, type: 'tree', object: {} });
    assert.deepEqual(r.repository.dir.entries, [{ name: 'run.sh', mode: 0o100755 }]);
    assert.deepEqual(r.repository.blob, { text: '# app\n', isTruncated: false, isBinary: false });
    assert.equal(r.repository.missing, null);
    assert.equal(r.repository.commit.oid, head);
  });

  test('connections need first or last, as on GitHub; unknown repositories are NOT_FOUND errors', async () => {
    await assert.rejects(s.octokit.graphql('query { repository(owner: "acme", name: "app") { labels { nodes { name } } } }'), /must provide a `first` or `last`/);
    await assert.rejects(s.octokit.graphql('query { repository(owner: "acme", name: "nope") { id } }'), /Could not resolve to a Repository/);
  });

  test('the App\'s own documents validate and run against the simulator', async () => {
    const mod = await import('../../src/github/queries.js').catch(() => undefined);
    if (!mod) return;
    const { SNAPSHOT_QUERY, treesQuery } = mod as { SNAPSHOT_QUERY: string; treesQuery: (t: { expression: string }[], b: { expression: string }[]) => { query: string; variables: Record<string, string> } };
    const snap = await s.octokit.graphql<{ repository: { pullRequest: { number: number } } }>(SNAPSHOT_QUERY, {
      owner, name: repo, number: n, baseRef: 'refs/heads/main', configYml: 'main:.github/agent-zones.yml', configYaml: 'main:.github/agent-zones.yaml', appId: 777, checkName: 'agent-zones: main',
    });
    assert.equal(snap.repository.pullRequest.number, n);
    const t = treesQuery([{ expression: `${s.sim.pull(REPO, n).head}:docs` }], [{ expression: 'main:README.md' }]);
    const trees = await s.octokit.graphql<{ repository: Record<string, unknown> }>(t.query, { owner, name: repo, ...t.variables });
    assert.ok(trees.repository.t0);
  });
});

async function token(s: Setup): Promise<string> {
  const auth = (await s.octokit.auth({ type: 'installation' })) as { token: string };
  return auth.token;
}
