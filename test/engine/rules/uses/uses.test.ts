import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultPolicy } from '../../../../src/policy/defaults.js';
import { classifyUses, parseUses, refKind } from '../../../../src/engine/rules/uses/index.js';
import type { Zone } from '../../../../src/engine/types.js';
import { zoneOf } from '../../../../src/engine/zone.js';

const SHA = 'b4ffde65f46336ab88eb53be808477a3936bae11';
const policy = defaultPolicy();

type Row = [uses: string, withInputs: Record<string, string>, zone: Zone, rule: string];

const rows: Row[] = [
  // step:first-party-action: actions/* and github/* by tag or full SHA are green
  ['actions/checkout@v4', {}, 'green', 'step:first-party-action'],
  ['actions/checkout@v4.1.7', {}, 'green', 'step:first-party-action'],
  [`actions/checkout@${SHA}`, {}, 'green', 'step:first-party-action'],
  ['actions/setup-node@v4', { 'node-version': '20' }, 'green', 'step:first-party-action'],
  ['actions/setup-python@v5', { 'python-version': '3.12' }, 'green', 'step:first-party-action'],
  ['actions/setup-go@v5', {}, 'green', 'step:first-party-action'],
  ['actions/setup-java@v4', { distribution: 'temurin' }, 'green', 'step:first-party-action'],
  ['actions/cache@v4', { path: '~/.npm', key: "npm-${{ hashFiles('**/package-lock.json') }}" }, 'green', 'step:first-party-action'],
  ['actions/upload-artifact@v4', { name: 'dist', path: 'dist/' }, 'green', 'step:first-party-action'],
  ['actions/download-artifact@v4', {}, 'green', 'step:first-party-action'],
  ['github/codeql-action/init@v3', { languages: 'javascript' }, 'green', 'step:first-party-action'],
  ['github/codeql-action/analyze@v3', {}, 'green', 'step:first-party-action'],
  [`github/codeql-action/upload-sarif@${SHA}`, {}, 'green', 'step:first-party-action'],
  ['Actions/Checkout@v4', {}, 'green', 'step:first-party-action'],
  ['actions/checkout@1.2.3', {}, 'green', 'step:first-party-action'],
  // a branch ref is yellow
  ['actions/checkout@main', {}, 'yellow', 'step:first-party-action'],
  ['actions/checkout@master', {}, 'yellow', 'step:first-party-action'],
  ['github/codeql-action/init@main', {}, 'yellow', 'step:first-party-action'],
  ['actions/setup-node@releases/v4', {}, 'yellow', 'step:first-party-action'],
  ['actions/checkout@b4ffde6', {}, 'yellow', 'step:first-party-action'],
  // a missing ref is at least yellow
  ['actions/checkout', {}, 'yellow', 'step:first-party-action'],
  // github-script: yellow, red with template injection in script:
  ['actions/github-script@v7', { script: "console.log('hi')" }, 'yellow', 'step:first-party-action'],
  [`actions/github-script@${SHA}`, { script: 'await github.rest.issues.createComment({...context.repo, issue_number: context.issue.number, body: "ok"})' }, 'yellow', 'step:first-party-action'],
  ['actions/github-script@v7', { script: 'const t = "${{ github.event.issue.title }}"' }, 'red', 'wf:template-injection'],
  ['actions/github-script@v7', { script: 'const b = `${{ github.event.comment.body }}`' }, 'red', 'wf:template-injection'],
  ['actions/github-script@v7', { script: "core.info('${{ github.head_ref }}')" }, 'red', 'wf:template-injection'],
  ['actions/github-script@v7', { script: 'const pr = ${{ toJSON(github.event.pull_request) }}' }, 'red', 'wf:template-injection'],
  ['actions/github-script@v7', { script: "const x = '${{ github.event.pull_request.head.ref }}'" }, 'red', 'wf:template-injection'],
  ['actions/github-script@v7', { script: 'console.log(context.payload.issue.title)' }, 'yellow', 'step:first-party-action'],
  ['actions/github-script@v7', { script: 'x', 'github-token': '${{ secrets.PAT }}' }, 'red', 'step:credential-access'],
  // step:third-party-action: yellow, pinned or not
  ['codecov/codecov-action@v4', {}, 'yellow', 'step:third-party-action'],
  [`codecov/codecov-action@${SHA}`, {}, 'yellow', 'step:third-party-action'],
  ['dtolnay/rust-toolchain@stable', {}, 'yellow', 'step:third-party-action'],
  ['pnpm/action-setup@v4', { version: '9' }, 'yellow', 'step:third-party-action'],
  ['docker/setup-buildx-action@v3', {}, 'yellow', 'step:third-party-action'],
  ['docker/setup-qemu-action@v3', {}, 'yellow', 'step:third-party-action'],
  ['hashicorp/setup-terraform@v3', {}, 'yellow', 'step:third-party-action'],
  ['some-org/some-action/sub/dir@v1', {}, 'yellow', 'step:third-party-action'],
  ['./.github/actions/setup', {}, 'yellow', 'step:third-party-action'],
  ['./my-action', { x: '1' }, 'yellow', 'step:third-party-action'],
  ['./.github/workflows/reusable.yml', {}, 'yellow', 'step:third-party-action'],
  ['docker://alpine:3.20', {}, 'yellow', 'step:third-party-action'],
  [`docker://ghcr.io/org/img@sha256:${'a'.repeat(64)}`, {}, 'yellow', 'step:third-party-action'],
  ['someone/action', {}, 'yellow', 'step:third-party-action'],
  // docker/build-push-action without push is not a publish step
  ['docker/build-push-action@v6', { context: '.', push: 'false' }, 'yellow', 'step:third-party-action'],
  ['docker/build-push-action@v6', { context: '.' }, 'yellow', 'step:third-party-action'],
  // step:deploy-action: the list
  ['actions/deploy-pages@v4', {}, 'red', 'step:deploy-action'],
  ['aws-actions/configure-aws-credentials@v4', { 'role-to-assume': 'arn:aws:iam::1:role/x' }, 'red', 'step:deploy-action'],
  ['aws-actions/amazon-ecr-login@v2', {}, 'red', 'step:deploy-action'],
  ['azure/login@v2', {}, 'red', 'step:deploy-action'],
  ['Azure/webapps-deploy@v3', {}, 'red', 'step:deploy-action'],
  ['google-github-actions/auth@v2', {}, 'red', 'step:deploy-action'],
  ['google-github-actions/setup-gcloud@v2', {}, 'red', 'step:deploy-action'],
  ['docker/login-action@v3', { registry: 'ghcr.io' }, 'red', 'step:deploy-action'],
  ['docker/build-push-action@v6', { push: 'true' }, 'red', 'step:deploy-action'],
  ['docker/build-push-action@v6', { push: 'True' }, 'red', 'step:deploy-action'],
  ['docker/build-push-action@v6', { push: "${{ github.event_name != 'pull_request' }}" }, 'red', 'step:deploy-action'],
  ['docker/build-push-action@v6', { outputs: 'type=registry' }, 'red', 'step:deploy-action'],
  ['docker/build-push-action@v6', { Push: 'true' }, 'red', 'step:deploy-action'],
  ['docker/bake-action@v5', { push: 'true' }, 'red', 'step:deploy-action'],
  ['actions/github-script@v7', { Script: "x('${{ github.event.issue.body }}')" }, 'red', 'wf:template-injection'],
  ['softprops/action-gh-release@v2', {}, 'red', 'step:deploy-action'],
  ['peter-evans/create-pull-request@v7', {}, 'red', 'step:deploy-action'],
  ['stefanzweifel/git-auto-commit-action@v5', {}, 'red', 'step:deploy-action'],
  // ... and any action whose name holds deploy / publish / release
  ['JamesIves/github-pages-deploy-action@v4', {}, 'red', 'step:deploy-action'],
  ['pypa/gh-action-pypi-publish@release/v1', {}, 'red', 'step:deploy-action'],
  ['JS-DevTools/npm-publish@v3', {}, 'red', 'step:deploy-action'],
  ['ncipollo/release-action@v1', {}, 'red', 'step:deploy-action'],
  ['actions/create-release@v1', {}, 'red', 'step:deploy-action'],
  ['googleapis/release-please-action@v4', {}, 'red', 'step:deploy-action'],
  ['goreleaser/goreleaser-action@v6', {}, 'red', 'step:deploy-action'],
  ['org/actions/deploy@v1', {}, 'red', 'step:deploy-action'],
  ['peaceiris/actions-gh-pages@v4', {}, 'red', 'step:deploy-action'],
  ['cloudflare/wrangler-action@v3', {}, 'red', 'step:deploy-action'],
  ['appleboy/ssh-action@v1', {}, 'red', 'step:deploy-action'],
  // step:approve-action
  ['hmarr/auto-approve-action@v4', {}, 'red', 'step:approve-action'],
  ['pascalgn/automerge-action@v0.16.4', {}, 'red', 'step:approve-action'],
  ['juliangruber/approve-pull-request-action@v2', {}, 'red', 'step:approve-action'],
  ['peter-evans/enable-pull-request-automerge@v3', {}, 'red', 'step:approve-action'],
  ['fastify/github-action-merge-dependabot@v3', {}, 'red', 'step:approve-action'],
  ['someone/auto-merge-thing@v1', {}, 'red', 'step:approve-action'],
  // with: inputs passing secrets or the token make any action red
  ['actions/checkout@v4', { token: '${{ secrets.GITHUB_TOKEN }}' }, 'red', 'step:credential-access'],
  ['actions/checkout@v4', { token: '${{ secrets.PAT }}' }, 'red', 'step:credential-access'],
  ['actions/checkout@v4', { token: '${{ github.token }}' }, 'red', 'step:credential-access'],
  ['codecov/codecov-action@v4', { token: '${{ secrets.CODECOV_TOKEN }}' }, 'red', 'step:credential-access'],
  ['some/action@v1', { 'api-key': "${{ secrets['API_KEY'] }}" }, 'red', 'step:credential-access'],
  ['some/action@v1', { all: '${{ toJSON(secrets) }}' }, 'red', 'step:credential-access'],
  ['some/action@v1', { t: '${{ SECRETS.X }}' }, 'red', 'step:credential-access'],
  ['./local', { t: 'prefix-${{ secrets.X }}' }, 'red', 'step:credential-access'],
  // malformed references are never green
  ['${{ matrix.action }}', {}, 'red', 'step:obfuscated'],
  ['not a ref', {}, 'red', 'step:obfuscated'],
  ['', {}, 'red', 'step:obfuscated'],
  ['owner/../x@v1', {}, 'red', 'step:obfuscated'],
];

describe('classifyUses: the uses: table', () => {
  for (const [uses, withInputs, zone, rule] of rows) {
    test(`${uses || '(empty)'} ${JSON.stringify(withInputs)} -> ${zone} ${rule}`, () => {
      const reasons = classifyUses(uses, withInputs, policy);
      assert.equal(zoneOf(reasons), zone, JSON.stringify(reasons, null, 1));
      assert.ok(
        reasons.some((r) => r.rule === rule && r.zone === zone),
        `expected ${rule} at ${zone}: ${JSON.stringify(reasons, null, 1)}`,
      );
      for (const r of reasons) assert.ok(r.message.length > 20, 'every reason has an actionable message');
    });
  }
});

describe('classifyUses: messages', () => {
  test('an unpinned third-party action says it is not pinned', () => {
    const [r] = classifyUses('codecov/codecov-action@v4', {}, policy);
    assert.match(r?.message ?? '', /NOT pinned/);
  });
  test('a SHA-pinned third-party action says it is pinned', () => {
    const [r] = classifyUses(`codecov/codecov-action@${SHA}`, {}, policy);
    assert.match(r?.message ?? '', /pinned to a full commit SHA/);
    assert.doesNotMatch(r?.message ?? '', /NOT pinned/);
  });
  test('the credential reason names the input', () => {
    const reasons = classifyUses('some/action@v1', { 'api-key': '${{ secrets.K }}' }, policy);
    assert.ok(reasons.some((r) => r.rule === 'step:credential-access' && r.message.includes('api-key')));
  });
  test('overrides lower a red deploy-action for the named action only', () => {
    const p = { ...defaultPolicy(), overrides: [{ rule: 'step:deploy-action', commands: ['docker/login-action@*'], zone: 'yellow' as const }] };
    assert.equal(zoneOf(classifyUses('docker/login-action@v3', {}, p)), 'yellow');
    assert.equal(zoneOf(classifyUses('softprops/action-gh-release@v2', {}, p)), 'red');
  });
  test('overrides never lower credential access (locked)', () => {
    const p = { ...defaultPolicy(), overrides: [{ rule: 'step:credential-access', commands: ['*'], zone: 'green' as const }] };
    assert.equal(zoneOf(classifyUses('actions/checkout@v4', { token: '${{ secrets.X }}' }, p)), 'red');
  });
});

describe('parseUses / refKind', () => {
  const kinds: [string | null, string][] = [
    [SHA, 'sha'],
    ['v4', 'version'],
    ['v4.1.7', 'version'],
    ['1.0.0-beta.1', 'version'],
    ['main', 'branch'],
    ['release/v1', 'branch'],
    ['stable', 'branch'],
    ['abc1234', 'short-sha'],
    [null, 'missing'],
    ['', 'missing'],
  ];
  for (const [ref, kind] of kinds) test(`${ref} is ${kind}`, () => assert.equal(refKind(ref), kind));
  test('remote parts', () => {
    assert.deepEqual(parseUses('github/codeql-action/init@v3'), { form: 'remote', owner: 'github', repo: 'codeql-action', path: 'init', ref: 'v3', refKind: 'version', name: 'github/codeql-action/init' });
  });
  test('local and docker', () => {
    assert.equal(parseUses('./x').form, 'local');
    assert.equal(parseUses('docker://alpine').form, 'docker');
  });
});
