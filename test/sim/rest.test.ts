import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createSign } from 'node:crypto';
import { request } from '@octokit/request';
import { agentPr, appOctokit, installationOctokit, owner, PRIVATE_KEY, rejects, repo, REPO, setup, type Setup } from './helpers.js';

describe('sim REST: authentication', () => {
  let s: Setup;
  before(async () => { s = await setup(); });
  after(() => s.sim.stop());

  test('an installation token comes from a valid App JWT and opens the API', async () => {
    const r = await s.octokit.rest.repos.get({ owner, repo });
    assert.equal(r.data.full_name, REPO);
    assert.equal(r.data.default_branch, 'main');
    assert.equal(r.data.allow_auto_merge, true);
    assert.equal(s.sim.requests.find((q) => q.operation === 'apps/create-installation-access-token')?.status, 201);
  });

  test('a forged JWT (signed by another key) is 401', async () => {
    const { generateKeyPairSync } = await import('node:crypto');
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    const t = Math.floor(Date.now() / 1000);
    const enc = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const body = `${enc({ alg: 'RS256', typ: 'JWT' })}.${enc({ iat: t - 30, exp: t + 300, iss: 777 })}`;
    const forged = `${body}.${createSign('RSA-SHA256').update(body).sign(other).toString('base64url')}`;
    const good = `${body}.${createSign('RSA-SHA256').update(body).sign(PRIVATE_KEY).toString('base64url')}`;
    const e = await rejects(request('POST /app/installations/{installation_id}/access_tokens', { baseUrl: s.sim.apiUrl, installation_id: s.installationId, headers: { authorization: `bearer ${forged}` } }));
    assert.equal(e.status, 401);
    const wrongIss = `${enc({ alg: 'RS256', typ: 'JWT' })}.${enc({ iat: t - 30, exp: t + 300, iss: 1 })}`;
    const e2 = await rejects(request('GET /app/installations', { baseUrl: s.sim.apiUrl, headers: { authorization: `bearer ${wrongIss}.${createSign('RSA-SHA256').update(wrongIss).sign(PRIVATE_KEY).toString('base64url')}` } }));
    assert.equal(e2.status, 401);
    const ok = await request('GET /app/installations', { baseUrl: s.sim.apiUrl, headers: { authorization: `bearer ${good}` } });
    assert.equal(ok.data[0]?.id, s.installationId);
  });

  test('routes other than the App endpoints need an installation token', async () => {
    assert.equal((await rejects(request('GET /repos/{owner}/{repo}', { baseUrl: s.sim.apiUrl, owner, repo }))).status, 401);
    assert.equal((await rejects(request('GET /repos/{owner}/{repo}', { baseUrl: s.sim.apiUrl, owner, repo, headers: { authorization: 'token ghs_nope' } }))).status, 401);
    const t = Math.floor(Date.now() / 1000);
    const body = `${Buffer.from('{"alg":"RS256","typ":"JWT"}').toString('base64url')}.${Buffer.from(JSON.stringify({ iat: t - 30, exp: t + 300, iss: 777 })).toString('base64url')}`;
    const jwt = `${body}.${createSign('RSA-SHA256').update(body).sign(PRIVATE_KEY).toString('base64url')}`;
    assert.equal((await rejects(request('GET /repos/{owner}/{repo}', { baseUrl: s.sim.apiUrl, owner, repo, headers: { authorization: `bearer ${jwt}` } }))).status, 401);
  });

  test('an installation sees only its own repositories', async () => {
    const other = s.sim.createInstallation('other-org');
    s.sim.createRepo('other-org/secret');
    assert.equal((await rejects(s.octokit.rest.repos.get({ owner: 'other-org', repo: 'secret' }))).status, 404);
    const o2 = installationOctokit(s.sim, other);
    assert.equal((await o2.rest.repos.get({ owner: 'other-org', repo: 'secret' })).data.name, 'secret');
    const listed = await o2.rest.apps.listReposAccessibleToInstallation();
    assert.deepEqual(listed.data.repositories.map((r) => r.full_name), ['other-org/secret']);
  });

  test('apps.getRepoInstallation and apps.listInstallations answer the App', async () => {
    const app = appOctokit(s.sim);
    assert.equal((await app.rest.apps.getRepoInstallation({ owner, repo })).data.id, s.installationId);
    assert.ok((await app.rest.apps.listInstallations()).data.some((i) => i.id === s.installationId));
  });
});

describe('sim REST: contents, permissions, protection', () => {
  let s: Setup;
  before(async () => { s = await setup(); });
  after(() => s.sim.stop());

  test('getContent: base64 file at a ref, raw media type, directory listing, 404', async () => {
    const sha = s.sim.commit(REPO, 'feature', { 'docs/guide.md': 'v2\n' });
    const f = await s.octokit.rest.repos.getContent({ owner, repo, path: 'docs/guide.md', ref: sha });
    assert.ok(!Array.isArray(f.data) && f.data.type === 'file');
    assert.equal(Buffer.from((f.data as { content: string }).content, 'base64').toString(), 'v2\n');
    const raw = await s.octokit.rest.repos.getContent({ owner, repo, path: 'docs/guide.md', ref: 'feature', mediaType: { format: 'raw' } });
    assert.equal(String(raw.data), 'v2\n');
    assert.equal((await rejects(s.octokit.rest.repos.getContent({ owner, repo, path: 'docs/guide.md' }))).status, 404);
    const dir = await s.octokit.rest.repos.getContent({ owner, repo, path: 'src' });
    assert.ok(Array.isArray(dir.data) && dir.data[0]?.name === 'index.ts');
  });

  test('collaborator permission maps roles like GitHub (maintain -> write, triage -> read)', async () => {
    s.sim.addCollaborator(REPO, 'tri', 'triage');
    const m = await s.octokit.rest.repos.getCollaboratorPermissionLevel({ owner, repo, username: 'maintainer' });
    assert.equal(m.data.permission, 'write');
    assert.equal(m.data.role_name, 'maintain');
    assert.equal((await s.octokit.rest.repos.getCollaboratorPermissionLevel({ owner, repo, username: 'tri' })).data.permission, 'read');
    s.sim.addUser('stranger');
    assert.equal((await s.octokit.rest.repos.getCollaboratorPermissionLevel({ owner, repo, username: 'stranger' })).data.permission, 'none');
    assert.equal((await rejects(s.octokit.rest.repos.getCollaboratorPermissionLevel({ owner, repo, username: 'ghost-nobody' }))).status, 404);
  });

  test('team membership: member active, non-member 404', async () => {
    s.sim.createTeam('acme', 'security', ['alice']);
    const r = await s.octokit.rest.teams.getMembershipForUserInOrg({ org: 'acme', team_slug: 'security', username: 'alice' });
    assert.equal(r.data.state, 'active');
    assert.equal((await rejects(s.octokit.rest.teams.getMembershipForUserInOrg({ org: 'acme', team_slug: 'security', username: 'bob' }))).status, 404);
  });

  test('branch protection: 404 when unprotected, contexts and app ids when protected; rulesets by getBranchRules', async () => {
    assert.equal((await rejects(s.octokit.rest.repos.getBranchProtection({ owner, repo, branch: 'main' }))).status, 404);
    assert.equal((await rejects(s.octokit.rest.repos.getStatusChecksProtection({ owner, repo, branch: 'main' }))).status, 404);
    s.sim.protectBranch(REPO, 'main', { requiredChecks: ['agent-zones: main', { context: 'ci', appId: 15368 }] });
    const p = await s.octokit.rest.repos.getBranchProtection({ owner, repo, branch: 'main' });
    assert.deepEqual(p.data.required_status_checks?.contexts, ['agent-zones: main', 'ci']);
    const sc = await s.octokit.rest.repos.getStatusChecksProtection({ owner, repo, branch: 'main' });
    assert.deepEqual(sc.data.checks, [{ context: 'agent-zones: main', app_id: null }, { context: 'ci', app_id: 15368 }]);
    assert.deepEqual((await s.octokit.rest.repos.getBranchRules({ owner, repo, branch: 'main' })).data, []);
    s.sim.protectBranch(REPO, 'main', { requiredChecks: [{ context: 'agent-zones: main', appId: 777 }], via: 'ruleset' });
    const rules = await s.octokit.rest.repos.getBranchRules({ owner, repo, branch: 'main' });
    assert.deepEqual(rules.data.map((r) => [r.type, (r as { parameters?: unknown }).parameters]), [['required_status_checks', { strict_required_status_checks_policy: false, do_not_enforce_on_create: false, required_status_checks: [{ context: 'agent-zones: main', integration_id: 777 }] }]]);
  });
});

describe('sim REST: pull requests and files', () => {
  let s: Setup;
  before(async () => { s = await setup(); });
  after(() => s.sim.stop());

  test('pulls.get and pulls.list carry head, base, user type, counts and labels', async () => {
    const n = await agentPr(s.sim, 'one', { 'docs/a.md': 'a\nb\n', 'src/index.ts': 'export const a = 2;\n' });
    const pr = (await s.octokit.rest.pulls.get({ owner, repo, pull_number: n })).data;
    assert.equal(pr.user.login, 'agent[bot]');
    assert.equal(pr.user.type, 'Bot');
    assert.equal(pr.head.ref, 'agent/one');
    assert.equal(pr.base.ref, 'main');
    assert.equal(pr.head.sha, s.sim.pull(REPO, n).head);
    assert.equal(pr.changed_files, 2);
    assert.equal(pr.additions, 3);
    assert.equal(pr.deletions, 1);
    assert.equal(pr.state, 'open');
    assert.equal(pr.auto_merge, null);
    const list = await s.octokit.rest.pulls.list({ owner, repo, state: 'open' });
    assert.ok(list.data.some((p) => p.number === n));
  });

  test('files: statuses added/removed/modified/renamed/changed, patches from @@, binary without patch, contents_url pinned to the head', async () => {
    s.sim.commit(REPO, 'main', { 'old/name.txt': 'same\n', 'bin/tool.sh': 'echo hi\n', 'gone.txt': 'x\n', 'img.png': { content: Buffer.from([0x89, 0x50, 0, 1]).toString('base64'), binary: true } });
    s.sim.commit(REPO, 'agent/mix', { 'new/name.txt': { rename: 'old/name.txt' }, 'bin/tool.sh': { content: 'echo hi\n', mode: '100755' }, 'gone.txt': null,
      'README.md': '# app\nmore\n', 'added.txt': 'one\ntwo\n', 'img.png': { content: Buffer.from([0x89, 0x50, 0, 2]).toString('base64'), binary: true } }, { author: 'agent[bot]' });
    const n = await s.sim.openPullRequest(REPO, { head: 'agent/mix', author: 'agent[bot]' });
    const head = s.sim.pull(REPO, n).head;
    const files = (await s.octokit.rest.pulls.listFiles({ owner, repo, pull_number: n })).data;
    const by = Object.fromEntries(files.map((f) => [f.filename, f]));
    assert.equal(by['new/name.txt']?.status, 'renamed');
    assert.equal(by['new/name.txt']?.previous_filename, 'old/name.txt');
    assert.equal(by['bin/tool.sh']?.status, 'changed');
    assert.equal(by['gone.txt']?.status, 'removed');
    assert.equal(by['gone.txt']?.patch, '@@ -1 +0,0 @@\n-x');
    assert.equal(by['README.md']?.status, 'modified');
    assert.equal(by['README.md']?.patch, '@@ -1 +1,2 @@\n # app\n+more');
    assert.equal(by['added.txt']?.patch, '@@ -0,0 +1,2 @@\n+one\n+two');
    assert.equal(by['img.png']?.patch, undefined);
    assert.equal(by['img.png']?.changes, 0);
    for (const f of files) assert.ok(f.contents_url.endsWith(`?ref=${head}`), f.contents_url);
    assert.ok(by['README.md']?.raw_url.includes(`/raw/${head}/README.md`));
    const diff = await s.octokit.rest.pulls.get({ owner, repo, pull_number: n, mediaType: { format: 'diff' } });
    assert.match(String(diff.data), /diff --git a\/README.md b\/README.md/);
  });

  test('files paginate with Link headers and stop at 3000, omitted patches stay omitted', async () => {
    const changes: Record<string, string> = {};
    for (let i = 0; i < 3005; i++) changes[`gen/f${String(i).padStart(4, '0')}.txt`] = `${i}\n`;
    s.sim.commit(REPO, 'agent/huge', changes, { author: 'agent[bot]' });
    const n = await s.sim.openPullRequest(REPO, { head: 'agent/huge', author: 'agent[bot]' });
    const first = await s.octokit.rest.pulls.listFiles({ owner, repo, pull_number: n, per_page: 100 });
    assert.match(first.headers.link ?? '', /rel="next"/);
    assert.match(first.headers.link ?? '', /page=30>; rel="last"/);
    const all = await s.octokit.paginate(s.octokit.rest.pulls.listFiles, { owner, repo, pull_number: n, per_page: 100 });
    assert.equal(all.length, 3000);
    assert.equal((await s.octokit.rest.pulls.get({ owner, repo, pull_number: n })).data.changed_files, 3005);
    s.sim.omitPatch(REPO, 'gen/f0001.txt');
    const page = await s.octokit.rest.pulls.listFiles({ owner, repo, pull_number: n, per_page: 5 });
    assert.equal(page.data.length, 5);
    assert.equal(page.data[1]?.patch, undefined);
    assert.equal(page.data[0]?.patch, '@@ -0,0 +1 @@\n+0');
    assert.equal((await rejects(s.octokit.rest.pulls.get({ owner, repo, pull_number: n, mediaType: { format: 'diff' } }))).status, 406);
  });

  test('commits list authors; reviews carry user type, state and commit_id; review requests', async () => {
    const n = await agentPr(s.sim, 'rev', { 'docs/r.md': 'r\n' });
    await s.sim.push(REPO, n, { 'docs/r.md': 'r2\n' }, { author: 'helper' });
    const commits = (await s.octokit.rest.pulls.listCommits({ owner, repo, pull_number: n })).data;
    assert.deepEqual(commits.map((c) => c.author?.login), ['agent[bot]', 'helper']);
    const head = s.sim.pull(REPO, n).head;
    await s.sim.submitReview(REPO, n, { user: 'maintainer', state: 'APPROVED' });
    await s.sim.submitReview(REPO, n, { user: 'maintainer', state: 'COMMENTED', commitId: commits[0]!.sha });
    const reviews = (await s.octokit.rest.pulls.listReviews({ owner, repo, pull_number: n })).data;
    assert.deepEqual(reviews.map((r) => [r.user?.login, r.user?.type, r.state, r.commit_id]), [['maintainer', 'User', 'APPROVED', head], ['maintainer', 'User', 'COMMENTED', commits[0]!.sha]]);
    s.sim.createTeam('acme', 'sec', ['alice']);
    await s.octokit.rest.pulls.requestReviewers({ owner, repo, pull_number: n, reviewers: ['maintainer'], team_reviewers: ['sec'] });
    assert.deepEqual(s.sim.requestedReviewers(REPO, n), { users: ['maintainer'], teams: ['sec'] });
    assert.equal((await rejects(s.octokit.rest.pulls.requestReviewers({ owner, repo, pull_number: n, reviewers: ['agent[bot]'] }))).status, 422);
  });
});

describe('sim REST: labels, issues, comments, checks', () => {
  let s: Setup;
  before(async () => { s = await setup(); });
  after(() => s.sim.stop());

  test('labels: addLabels creates missing repo labels (ededed), removeLabel 404s when absent, createLabel 422 already_exists', async () => {
    const n = await agentPr(s.sim, 'lab', { 'docs/l.md': 'l\n' });
    const added = await s.octokit.rest.issues.addLabels({ owner, repo, issue_number: n, labels: ['zone: green'] });
    assert.deepEqual(added.data.map((l) => l.name), ['zone: green']);
    assert.deepEqual(s.sim.repoLabels(REPO), [{ name: 'zone: green', color: 'ededed', description: null }]);
    assert.equal((await rejects(s.octokit.rest.issues.removeLabel({ owner, repo, issue_number: n, name: 'zone: red' }))).status, 404);
    await s.octokit.rest.issues.removeLabel({ owner, repo, issue_number: n, name: 'zone: green' });
    assert.deepEqual(s.sim.labels(REPO, n), []);
    const e = await rejects(s.octokit.rest.issues.createLabel({ owner, repo, name: 'Zone: Green', color: '2ea44f' }));
    assert.equal(e.status, 422);
    await s.octokit.rest.issues.createLabel({ owner, repo, name: 'zone: red', color: 'd73a4a', description: 'Blocked' });
    await s.octokit.rest.issues.updateLabel({ owner, repo, name: 'zone: green', color: '2ea44f' });
    assert.equal((await s.octokit.rest.issues.getLabel({ owner, repo, name: 'zone: green' })).data.color, '2ea44f');
    assert.equal((await rejects(s.octokit.rest.issues.getLabel({ owner, repo, name: 'nope' }))).status, 404);
    assert.deepEqual((await s.octokit.rest.issues.listLabelsOnIssue({ owner, repo, issue_number: n })).data, []);
  });

  test('issues: create, filter by label/state/creator, update, comments', async () => {
    const created = await s.octokit.rest.issues.create({ owner, repo, title: 'Zone drift', body: 'table', labels: ['agent-zones: drift'] });
    const num = created.data.number;
    const listed = await s.octokit.rest.issues.listForRepo({ owner, repo, labels: 'agent-zones: drift', state: 'open', creator: 'agent-zones[bot]' });
    assert.deepEqual(listed.data.map((i) => i.number), [num]);
    await s.octokit.rest.issues.update({ owner, repo, issue_number: num, state: 'closed', body: 'done' });
    assert.equal((await s.octokit.rest.issues.get({ owner, repo, issue_number: num })).data.state, 'closed');
    assert.deepEqual(s.sim.issues(REPO).map((i) => [i.title, i.state, i.body, i.labels]), [['Zone drift', 'closed', 'done', ['agent-zones: drift']]]);
    await s.octokit.rest.issues.createComment({ owner, repo, issue_number: num, body: 'note' });
    assert.deepEqual((await s.octokit.rest.issues.listComments({ owner, repo, issue_number: num })).data.map((c) => [c.user?.login, c.body]), [['agent-zones[bot]', 'note']]);
  });

  test('checks: create, update, get, listForRef with check_name/app_id filters, and GitHub validation', async () => {
    const sha = s.sim.branch(REPO, 'main')!;
    const c = await s.octokit.rest.checks.create({ owner, repo, name: 'agent-zones: main', head_sha: sha, status: 'in_progress' });
    assert.equal(c.data.app?.id, 777);
    await s.octokit.rest.checks.update({ owner, repo, check_run_id: c.data.id, conclusion: 'failure', output: { title: 'red', summary: 's', annotations: [{ path: 'a', start_line: 1, end_line: 1, annotation_level: 'failure', message: 'm' }] } });
    const got = await s.octokit.rest.checks.get({ owner, repo, check_run_id: c.data.id });
    assert.equal(got.data.status, 'completed');
    assert.equal(got.data.output.annotations_count, 1);
    await s.sim.setExternalCheck(REPO, sha, 'ci', 'success');
    const mine = await s.octokit.rest.checks.listForRef({ owner, repo, ref: sha, check_name: 'agent-zones: main', app_id: 777 });
    assert.equal(mine.data.total_count, 1);
    assert.equal((await s.octokit.rest.checks.listForRef({ owner, repo, ref: 'main' })).data.total_count, 2);
    assert.equal((await rejects(s.octokit.rest.checks.create({ owner, repo, name: 'x', head_sha: 'f'.repeat(40) }))).status, 422);
    assert.equal((await rejects(s.octokit.rest.checks.create({ owner, repo, name: 'x', head_sha: sha, output: { title: 't' } as never }))).status, 422);
    assert.equal((await rejects(s.octokit.rest.checks.create({ owner, repo, name: 'x', head_sha: sha, output: { title: 't', summary: 'x'.repeat(65536) } }))).status, 422);
    const ext = s.sim.checkRuns(REPO, sha).find((r) => r.name === 'ci')!;
    assert.equal((await rejects(s.octokit.rest.checks.update({ owner, repo, check_run_id: ext.id, conclusion: 'failure' }))).status, 403);
    assert.deepEqual(s.sim.checkRuns(REPO, sha).map((r) => [r.name, r.conclusion, r.app_id]), [['agent-zones: main', 'failure', 777], ['ci', 'success', 15368]]);
  });
});
