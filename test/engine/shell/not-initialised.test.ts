import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaultPolicy } from '../../../src/policy/defaults.js';
import { classifyScript } from '../../../src/engine/rules/step/index.js';

// Each test file runs in its own process: here initShell() was never called.
test('classifyScript before initShell() throws a clear error', () => {
  assert.throws(() => classifyScript('ls', defaultPolicy(), {}), /initShell/);
});
