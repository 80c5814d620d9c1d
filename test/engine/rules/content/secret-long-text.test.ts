import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultPolicy } from '../../../../src/policy/defaults.js';
import { findSecrets } from '../../../../src/engine/rules/content/secret.js';
import { KNOWN_DETECTORS } from '../../../../src/engine/rules/content/detectors.js';
import { HEX, j, rnd } from './helpers.js';

// The prefilter scans long texts in blocks of 32,768 characters, two halves side by side, and only
// the long token runs it reports are tried for decoding and keyword-less formats. These tests put
// each kind of secret across those seams, in texts of several blocks, and check the line and column.

const policy = defaultPolicy();
const BLOCK = 1 << 15;
const LINE = '  const value = await handler.request(user, { retries: 3 }); // é\n';

/** `n` characters of ordinary code lines (with a non-ASCII character on each). */
function code(n: number): string {
  return LINE.repeat(Math.ceil(n / LINE.length)).slice(0, n);
}

/** Places `secretLine` so that the offset `inner` of it falls on `seam`, in a text of `size` characters. */
function around(seam: number, inner: number, secretLine: string, size: number): { text: string; line: number; at: number } {
  const before = code(seam - inner);
  const text = `${before}\n${secretLine}\n${code(size - seam)}`;
  return { text, line: before.split('\n').length + 1, at: before.length + 1 };
}

const CASES: [string, (token: string) => string, () => string, string][] = [
  ['GitHub token', (t) => `const t = "${t}";`, () => j('ghp', '_', rnd(36)), 'github-token'],
  ['Twilio API key (no keyword)', (t) => `key: ${t}`, () => j('S', 'K', rnd(32, HEX)), 'twilio-api-key'],
  ['base64 of a token', (t) => `data: "${t}"`, () => Buffer.from(`token=${j('ghp', '_', rnd(36))}`).toString('base64'), 'github-token:base64'],
  ['hex of a private key line', (t) => `blob = '${t}'`, () => Buffer.from(j('-----BEGIN', ' PRIVATE', ' KEY-----')).toString('hex'), 'private-key:hex'],
  ['generic assignment', (t) => `DB_PASSWORD = "${t}"`, () => rnd(20), 'generic-assignment'],
];

describe('secrets across the seams of the prefilter', () => {
  for (const size of [BLOCK + 1, 3 * BLOCK - 5]) {
    const seams = [BLOCK >> 1, BLOCK, size >> 1, size - ((size - 2 * BLOCK) >> 1)].filter((s) => s > 100 && s < size - 200);
    for (const [name, wrap, make, detector] of CASES) {
      test(`${name} in a ${size}-character text`, () => {
        for (const seam of seams) {
          const token = make();
          const line = wrap(token);
          const column = line.indexOf(token) + 1;
          for (const inner of [0, 5, column - 1, column, column + 10, line.length - 1]) {
            if (inner < 0 || inner > line.length) continue;
            const t = around(seam, inner, line, size);
            const found = findSecrets(t.text, policy, { path: 'src/app.ts' }).filter((f) => f.detector === detector);
            assert.equal(found.length, 1, `${name} at seam ${seam} + ${inner}`);
            assert.equal(found[0]!.line, t.line);
            assert.equal(found[0]!.column, column);
          }
        }
      });
    }
  }
});

describe('long literals tried for decoding', () => {
  const token = (): string => j('ghp', '_', rnd(36));
  const b64 = (): string => Buffer.from(`token=${token()}`).toString('base64');

  for (const opener of ['"', "'", '`', '=', ':', '>']) {
    for (const space of ['', ' ']) {
      test(`after ${opener}${space === '' ? '' : ' and a space'}`, () => {
        const text = `x ${opener}${space}${b64()}${opener === '"' || opener === "'" || opener === '`' ? opener : ''}`;
        assert.deepEqual(
          findSecrets(text, policy).map((f) => f.detector),
          ['github-token:base64'],
        );
      });
    }
  }

  test('base64url and padded literals', () => {
    // `?>` and `>?` encode to `_` and `-` in base64url.
    const url = Buffer.from(`token=${token()} ?>?>>?>>?`).toString('base64url');
    assert.match(url, /[-_]/);
    const padded = Buffer.from(`token=${token()}x`).toString('base64');
    for (const v of [url, padded]) assert.ok(findSecrets(`v="${v}"`, policy).some((f) => f.detector === 'github-token:base64'), v);
  });

  test('literals one after the other on a line are each decoded', () => {
    const text = `a="${b64()}" b=${b64()} c: '${b64()}'`;
    assert.equal(findSecrets(text, policy).filter((f) => f.detector === 'github-token:base64').length, 3);
  });

  test('a literal in a text of several blocks keeps its line and column', () => {
    const v = b64();
    const before = code(2 * BLOCK + 17);
    const text = `${before}\nenv:\n  blob: ${v}\n${code(5000)}`;
    const found = findSecrets(text, policy, { path: 'deploy.yaml' }).filter((f) => f.detector === 'github-token:base64');
    assert.equal(found.length, 1);
    assert.equal(found[0]!.line, before.split('\n').length + 2);
    assert.equal(found[0]!.column, '  blob: '.length + 1);
  });
});

test('keyword-less formats marked inLongRun have tokens inside a long token run', () => {
  for (const d of KNOWN_DETECTORS.filter((x) => x.inLongRun)) {
    assert.equal(d.keywords.length, 0, d.id);
    assert.match(d.sample(), /[A-Za-z0-9+/_-]{24,}/, d.id);
  }
});

describe('many findings', () => {
  test('keys side by side on one long line each get their column', () => {
    const keys = Array.from({ length: 20_000 }, () => j('AKIA', rnd(16, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567')));
    const found = findSecrets(keys.join(' '), policy).filter((f) => f.detector === 'aws-access-key-id');
    assert.equal(found.length, keys.length);
    assert.deepEqual(
      found.slice(0, 3).map((f) => [f.line, f.column]),
      [
        [1, 1],
        [1, 22],
        [1, 43],
      ],
    );
    assert.deepEqual([found.at(-1)!.line, found.at(-1)!.column], [1, 21 * (keys.length - 1) + 1]);
  });

  test('one assignment per line over many lines each get their line', () => {
    const text = Array.from({ length: 20_000 }, (_, i) => `const password = "Zq8Rk2VwXt5LmN9p${i}";`).join('\n');
    const found = findSecrets(text, policy, { path: 'src/a.ts' });
    assert.equal(found.length, 20_000);
    assert.ok(found.every((f, i) => f.line === i + 1 && f.column === 19));
  });
});
