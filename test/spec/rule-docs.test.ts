// docs/rules.md documents every rule id, and the engine emits no rule id that RULES does not declare
// (checked over the whole acceptance corpus of test/spec).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { RULES, RULE_BY_ID } from '../../src/engine/rule-ids.js';
import { CONTENT_CASES } from './cases/content.js';
import { FILE_CASES } from './cases/files.js';
import { STEP_CASES } from './cases/steps.js';
import { USES_CASES, WORKFLOW_CASES } from './cases/workflow.js';
import { allRules, runDiff, runStep, runUses, runWorkflow, type Case, type Runner } from './harness.js';

const DOC = readFileSync(new URL('../../docs/rules.md', import.meta.url), 'utf8');

function section(id: string): string | null {
  const start = DOC.indexOf(`\n### ${id}\n`);
  if (start === -1) return null;
  const next = DOC.indexOf('\n### ', start + 5);
  const nextH2 = DOC.indexOf('\n## ', start + 5);
  const end = [next, nextH2].filter((i) => i !== -1).reduce((a, b) => Math.min(a, b), DOC.length);
  return DOC.slice(start, end);
}

describe('docs/rules.md', () => {
  for (const r of RULES) {
    test(`has a section "### ${r.id}" with zone, what fires it, why, how to act and examples`, () => {
      const s = section(r.id);
      assert.ok(s, `docs/rules.md lacks "### ${r.id}"`);
      for (const part of ['**Zone**', '**Fires on**', '**Why**', '**Examples**']) assert.ok(s.includes(part), `${r.id}: missing ${part}`);
      assert.match(s, /\*\*(Unlock|Lower|Raise|Lower \/ raise)\*\*/, `${r.id}: says how to unlock or lower it`);
      assert.ok(s.includes(r.zone), `${r.id}: names its zone ${r.zone}`);
    });
  }
  test('no section documents an id that RULES does not declare', () => {
    const ids = [...DOC.matchAll(/^### (\S+)$/gm)].map((m) => m[1] as string);
    assert.deepEqual(ids.filter((id) => !RULE_BY_ID.has(id)), []);
  });
  test('locked rules are marked locked', () => {
    for (const id of ['path:gate-config', 'path:git-internals', 'path:ci', 'change:symlink', 'change:submodule', 'content:secret', 'content:private-key', 'content:hidden-unicode',
      'content:scanner-suppression', 'step:credential-access', 'step:remote-exec', 'step:exfiltration', 'step:obfuscated', 'pr:truncated', 'config:invalid']) {
      assert.ok(section(id)?.includes('**Locked.**'), `${id} is locked`);
    }
  });
});

describe('every rule id the engine emits over the acceptance corpus is declared in RULES', () => {
  const corpora: [string, readonly Case[], Runner][] = [
    ['steps', STEP_CASES, runStep],
    ['files', FILE_CASES, runDiff],
    ['content', CONTENT_CASES, runDiff],
    ['uses', USES_CASES, runUses],
    ['workflows', WORKFLOW_CASES, runWorkflow],
  ];
  for (const [name, list, run] of corpora) {
    test(`${name} (${list.length} cases)`, async () => {
      const undeclared = new Map<string, string>();
      for (const c of list) {
        for (const id of allRules(await run(c))) if (!RULE_BY_ID.has(id) && !undeclared.has(id)) undeclared.set(id, c.input);
      }
      assert.deepEqual([...undeclared], []);
    });
  }
});
