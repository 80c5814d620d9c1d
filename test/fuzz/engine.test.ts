// Bounded fuzzing of every parser (a few hundred cases per target, fixed seeds, a few seconds), and
// the replay of every crash the longer run (scripts/fuzz.ts) ever saved under test/fuzz/corpus/.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { rng } from '../support/random.js';
import { ENGINE_TARGETS } from './targets.js';

const CASES = 150;
const CORPUS = join(import.meta.dirname, 'corpus');

describe('fuzz: parsers keep their contract', () => {
  for (const target of ENGINE_TARGETS) {
    test(`${target.name}: ${CASES} generated inputs (seed 1)`, async () => {
      const r = rng(1);
      for (let i = 0; i < CASES; i++) {
        const input = target.generate(r);
        try {
          await target.check(input);
        } catch (e) {
          throw new Error(`${target.name} case ${i}: ${e instanceof Error ? e.message : String(e)}\ninput: ${JSON.stringify(input)}`, { cause: e });
        }
      }
    });
  }
});

describe('fuzz: saved crashes stay fixed', () => {
  for (const target of ENGINE_TARGETS) {
    const dir = join(CORPUS, target.name);
    const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.txt')).sort() : [];
    for (const f of files) {
      test(`${target.name}/${f}`, async () => {
        await target.check(readFileSync(join(dir, f), 'utf8'));
      });
    }
  }
});
