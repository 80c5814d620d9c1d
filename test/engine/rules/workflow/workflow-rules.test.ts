import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { initShell } from '../../../../src/engine/shell/parser.js';
import type { Zone } from '../../../../src/engine/types.js';
import { hasRule, level, reasonOf, show, wf } from './helpers.js';

before(async () => initShell());

const job = `jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - run: echo hi
`;

/** [description, workflow text, rule, zone it must fire at (or null: must not fire)] */
type Row = [string, string, string, Zone | null];

const triggerRows: Row[] = [
  ['on: string pull_request_target', `on: pull_request_target\npermissions: {}\n${job}`, 'wf:dangerous-trigger', 'red'],
  ['on: list with pull_request_target', `on: [push, pull_request_target]\npermissions: {}\n${job}`, 'wf:dangerous-trigger', 'red'],
  ['on: block list with workflow_run', `on:\n  - push\n  - workflow_run\npermissions: {}\n${job}`, 'wf:dangerous-trigger', 'red'],
  ['on: map pull_request_target with types', `on:\n  pull_request_target:\n    types: [opened, synchronize]\npermissions: {}\n${job}`, 'wf:dangerous-trigger', 'red'],
  ['on: map workflow_run', `on:\n  workflow_run:\n    workflows: [CI]\n    types: [completed]\npermissions: {}\n${job}`, 'wf:dangerous-trigger', 'red'],
  ['on: flow map', `on: {workflow_run: {workflows: [CI]}}\npermissions: {}\n${job}`, 'wf:dangerous-trigger', 'red'],
  ['quoted "on" key', `"on": pull_request_target\npermissions: {}\n${job}`, 'wf:dangerous-trigger', 'red'],
  ['on: null-valued map key', `on:\n  pull_request_target:\n  push:\npermissions: {}\n${job}`, 'wf:dangerous-trigger', 'red'],
  ['on: push is fine', `on: push\npermissions: {}\n${job}`, 'wf:dangerous-trigger', null],
  ['on: pull_request is fine', `on: [pull_request]\npermissions: {}\n${job}`, 'wf:dangerous-trigger', null],
  ['schedule + dispatch are fine', `on:\n  schedule:\n    - cron: '0 0 * * *'\n  workflow_dispatch:\npermissions: {}\n${job}`, 'wf:dangerous-trigger', null],
];

const permissionRows: Row[] = [
  ['workflow write-all', `on: push\npermissions: write-all\n${job}`, 'wf:excessive-permissions', 'red'],
  ['job write-all', `on: push\npermissions: read-all\njobs:\n  a:\n    runs-on: ubuntu-latest\n    permissions: write-all\n    steps:\n      - run: echo\n`, 'wf:excessive-permissions', 'red'],
  ['workflow contents: write', `on: push\npermissions:\n  contents: write\n${job}`, 'wf:excessive-permissions', 'red'],
  ['workflow pull-requests: write', `on: push\npermissions:\n  contents: read\n  pull-requests: write\n${job}`, 'wf:excessive-permissions', 'red'],
  ['workflow packages: write (flow)', `on: push\npermissions: {packages: write}\n${job}`, 'wf:excessive-permissions', 'red'],
  ['workflow id-token: write', `on: push\npermissions:\n  id-token: write\n  contents: read\n${job}`, 'wf:excessive-permissions', 'red'],
  ['job id-token: write', `on: push\npermissions: {}\njobs:\n  a:\n    runs-on: ubuntu-latest\n    permissions:\n      id-token: write\n    steps:\n      - run: echo\n`, 'wf:excessive-permissions', 'red'],
  ['unknown permission value', `on: push\npermissions: everything\n${job}`, 'wf:excessive-permissions', 'red'],
  ['job-level contents: write is scoped (not excessive)', `on: push\npermissions:\n  contents: read\njobs:\n  a:\n    runs-on: ubuntu-latest\n    permissions:\n      contents: write\n    steps:\n      - run: echo\n`, 'wf:excessive-permissions', null],
  ['read-all is fine', `on: push\npermissions: read-all\n${job}`, 'wf:excessive-permissions', null],
  ['empty map is fine', `on: push\npermissions: {}\n${job}`, 'wf:excessive-permissions', null],
  ['contents: read is fine', `on: push\npermissions:\n  contents: read\n  id-token: none\n${job}`, 'wf:excessive-permissions', null],
  // wf:default-permissions
  ['no permissions anywhere', `on: push\n${job}`, 'wf:default-permissions', 'yellow'],
  ['one of two jobs without permissions', `on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    permissions: {contents: read}\n    steps: [{run: echo}]\n  b:\n    runs-on: ubuntu-latest\n    steps: [{run: echo}]\n`, 'wf:default-permissions', 'yellow'],
  ['workflow permissions set', `on: push\npermissions:\n  contents: read\n${job}`, 'wf:default-permissions', null],
  ['every job sets permissions', `on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    permissions: {contents: read}\n    steps: [{run: echo}]\n  b:\n    runs-on: ubuntu-latest\n    permissions: read-all\n    steps: [{run: echo}]\n`, 'wf:default-permissions', null],
];

const environmentRows: Row[] = [
  ['environment: production', `on: push\npermissions: {}\njobs:\n  d:\n    runs-on: ubuntu-latest\n    environment: production\n    steps: [{run: echo}]\n`, 'wf:production-environment', 'red'],
  ['environment: prod', `on: push\npermissions: {}\njobs:\n  d:\n    runs-on: ubuntu-latest\n    environment: prod\n    steps: [{run: echo}]\n`, 'wf:production-environment', 'red'],
  ['environment: Production-EU', `on: push\npermissions: {}\njobs:\n  d:\n    runs-on: ubuntu-latest\n    environment: Production-EU\n    steps: [{run: echo}]\n`, 'wf:production-environment', 'red'],
  ['environment: live', `on: push\npermissions: {}\njobs:\n  d:\n    runs-on: ubuntu-latest\n    environment: live\n    steps: [{run: echo}]\n`, 'wf:production-environment', 'red'],
  ['environment: {name: production, url}', `on: push\npermissions: {}\njobs:\n  d:\n    runs-on: ubuntu-latest\n    environment:\n      name: production\n      url: https://example.com\n    steps: [{run: echo}]\n`, 'wf:production-environment', 'red'],
  ['environment: {name: prd}', `on: push\npermissions: {}\njobs:\n  d:\n    runs-on: ubuntu-latest\n    environment: {name: prd}\n    steps: [{run: echo}]\n`, 'wf:production-environment', 'red'],
  ['environment: an expression', `on: push\npermissions: {}\njobs:\n  d:\n    runs-on: ubuntu-latest\n    environment: \${{ inputs.env }}\n    steps: [{run: echo}]\n`, 'wf:production-environment', 'red'],
  ['environment from a matrix holding prod', `on: push\npermissions: {}\njobs:\n  d:\n    runs-on: ubuntu-latest\n    strategy:\n      matrix:\n        env: [staging, production]\n    environment: \${{ matrix.env }}\n    steps: [{run: echo}]\n`, 'wf:production-environment', 'red'],
  ['environment: staging', `on: push\npermissions: {}\njobs:\n  d:\n    runs-on: ubuntu-latest\n    environment: staging\n    steps: [{run: echo}]\n`, 'wf:production-environment', null],
  ['environment from a matrix without prod', `on: push\npermissions: {}\njobs:\n  d:\n    runs-on: ubuntu-latest\n    strategy:\n      matrix:\n        env: [dev, staging]\n    environment: \${{ matrix.env }}\n    steps: [{run: echo}]\n`, 'wf:production-environment', null],
  ['environment: preview (liveness is not live)', `on: push\npermissions: {}\njobs:\n  d:\n    runs-on: ubuntu-latest\n    environment: liveness-preview\n    steps: [{run: echo}]\n`, 'wf:production-environment', null],
];

const sh = (on: string, runsOn: string, extra = ''): string => `on: ${on}\npermissions: {}\njobs:\n  t:\n    runs-on: ${runsOn}\n${extra}    steps: [{run: echo}]\n`;
const selfHostedRows: Row[] = [
  ['pull_request + self-hosted', sh('pull_request', 'self-hosted'), 'wf:self-hosted', 'red'],
  ['pull_request + [self-hosted, linux]', sh('pull_request', '[self-hosted, linux, x64]'), 'wf:self-hosted', 'red'],
  ['pull_request + block list', sh('pull_request', '\n      - self-hosted\n      - gpu'), 'wf:self-hosted', 'red'],
  ['pull_request + group', sh('pull_request', '\n      group: my-runners'), 'wf:self-hosted', 'red'],
  ['pull_request + group with labels', sh('pull_request', '\n      group: ubuntu-runners\n      labels: ubuntu-latest'), 'wf:self-hosted', 'red'],
  ['pull_request + labels map', sh('pull_request', '\n      labels: [self-hosted, linux]'), 'wf:self-hosted', 'red'],
  ['pull_request + custom label', sh('pull_request', 'my-build-box'), 'wf:self-hosted', 'red'],
  ['pull_request_target + self-hosted', sh('pull_request_target', 'self-hosted'), 'wf:self-hosted', 'red'],
  ['pull_request_review + self-hosted', sh('pull_request_review', 'self-hosted'), 'wf:self-hosted', 'red'],
  ['pull_request_review_comment + self-hosted', sh('[pull_request_review_comment]', 'self-hosted'), 'wf:self-hosted', 'red'],
  ['map trigger + self-hosted', sh('\n  pull_request:\n    branches: [main]', '[self-hosted]'), 'wf:self-hosted', 'red'],
  ['matrix holding self-hosted', sh('pull_request', '${{ matrix.runner }}', '    strategy:\n      matrix:\n        runner: [ubuntu-latest, self-hosted]\n'), 'wf:self-hosted', 'red'],
  ['runner from an input', sh('pull_request', '${{ inputs.runner }}'), 'wf:self-hosted', 'red'],
  ['push + self-hosted is fine', sh('push', 'self-hosted'), 'wf:self-hosted', null],
  ['pull_request + ubuntu-latest', sh('pull_request', 'ubuntu-latest'), 'wf:self-hosted', null],
  ['pull_request + matrix of hosted runners', sh('pull_request', '${{ matrix.os }}', '    strategy:\n      matrix:\n        os: [ubuntu-latest, windows-latest, macos-14]\n'), 'wf:self-hosted', null],
];

const inheritRows: Row[] = [
  ['secrets: inherit', `on: push\npermissions: {}\njobs:\n  call:\n    uses: org/repo/.github/workflows/deploy.yml@v1\n    secrets: inherit\n`, 'wf:secrets-inherit', 'red'],
  ['secrets passed by name', `on: push\npermissions: {}\njobs:\n  call:\n    uses: org/repo/.github/workflows/build.yml@v1\n    secrets:\n      token: \${{ secrets.NPM_TOKEN }}\n`, 'wf:secrets-inherit', null],
];

describe('workflow-level rules', () => {
  for (const [name, text, rule, zone] of [...triggerRows, ...permissionRows, ...environmentRows, ...selfHostedRows, ...inheritRows]) {
    test(`${name}: ${rule} ${zone ?? 'absent'}`, () => {
      const results = wf(text);
      if (zone === null) assert.ok(!hasRule(results, rule), show(results));
      else {
        assert.ok(hasRule(results, rule, zone), show(results));
        const r = reasonOf(results, rule);
        assert.ok(r?.line !== undefined && r.line >= 1, 'every reason carries a line');
      }
    });
  }

  test('dangerous trigger is reported on the workflow-level entry with the trigger line', () => {
    const results = wf(`name: x\non:\n  push:\n  pull_request_target:\npermissions: {}\n${job}`);
    const top = level(results, null);
    assert.ok(top);
    assert.equal(top.job, null);
    assert.equal(top.step, null);
    const r = top.reasons.find((x) => x.rule === 'wf:dangerous-trigger');
    assert.equal(r?.line, 4);
  });

  test('excessive permissions line points at the scope', () => {
    const results = wf(`on: push\npermissions:\n  contents: read\n  issues: write\n${job}`);
    assert.equal(reasonOf(results, 'wf:excessive-permissions')?.line, 4);
  });

  test('job-level findings use the job entry with step null', () => {
    const results = wf(`on: push\npermissions: {}\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    environment: production\n    steps: [{run: echo}]\n`);
    const j = level(results, 'deploy');
    assert.ok(j, show(results));
    assert.equal(j.zone, 'red');
    assert.equal(j.reasons[0]?.line, 6);
  });

  test('secrets inherit is on the job entry and the call is red too', () => {
    const results = wf(inheritRows[0]?.[1] ?? '');
    assert.equal(level(results, 'call')?.zone, 'red');
    const call = results.find((r) => r.step === 'org/repo/.github/workflows/deploy.yml@v1');
    assert.ok(call, show(results));
    assert.equal(call.job, 'call');
    assert.equal(call.zone, 'red');
  });

  test('default permissions is a yellow workflow-level entry', () => {
    const results = wf(`on: push\n${job}`);
    const top = level(results, null);
    assert.equal(top?.zone, 'yellow');
  });

  test('workflow and job env with secrets are credential access at their level', () => {
    const results = wf(`on: push\npermissions: {}\nenv:\n  TOKEN: \${{ secrets.NPM_TOKEN }}\njobs:\n  a:\n    runs-on: ubuntu-latest\n    env:\n      GH: \${{ github.token }}\n    steps: [{run: echo}]\n`);
    assert.equal(level(results, null)?.zone, 'red');
    assert.equal(level(results, null)?.reasons.find((r) => r.rule === 'step:credential-access')?.line, 4);
    assert.equal(level(results, 'a')?.reasons.find((r) => r.rule === 'step:credential-access')?.line, 9);
  });
});

describe('wf:unparsable', () => {
  const bad: [string, string][] = [
    ['broken YAML', 'on: push\njobs:\n  a: [\n'],
    ['duplicate keys', 'on: push\non: pull_request_target\njobs:\n  a:\n    runs-on: x\n    steps: [{run: echo}]\n'],
    ['two documents', 'on: push\njobs: {}\n---\non: pull_request_target\n'],
    ['unterminated quote', "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: 'echo\n"],
    ['tab indentation', 'on: push\njobs:\n\ta: 1\n'],
    ['not a mapping', '- a\n- b\n'],
    ['a step that is not a mapping', 'on: push\npermissions: {}\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - echo hi\n'],
    ['steps that are not a list', 'on: push\npermissions: {}\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps: echo hi\n'],
    ['a job that is not a mapping', 'on: push\npermissions: {}\njobs:\n  a: echo\n'],
    ['no jobs', 'on: push\npermissions: {}\n'],
    ['no on', 'permissions: {}\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps: [{run: echo}]\n'],
    ['run that is a list', 'on: push\npermissions: {}\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: [a, b]\n'],
    ['step with neither run nor uses', 'on: push\npermissions: {}\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - name: nothing\n'],
  ];
  for (const [name, text] of bad) {
    test(`${name} is red wf:unparsable on the workflow-level entry`, () => {
      const results = wf(text);
      const top = level(results, null);
      assert.ok(top, show(results));
      assert.ok(top.reasons.some((r) => r.rule === 'wf:unparsable' && r.zone === 'red'), show(results));
    });
  }
});
