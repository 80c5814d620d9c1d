import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultPolicy } from '../../../../src/policy/defaults.js';
import type { Policy } from '../../../../src/policy/types.js';
import { findSecrets, redact } from '../../../../src/engine/rules/content/secret.js';
import { KNOWN_DETECTORS } from '../../../../src/engine/rules/content/detectors.js';
import { entropyThreshold, shannonEntropy } from '../../../../src/engine/rules/content/entropy.js';
import { B64, B64URL, HEX, UPPER_NUM, j, rnd } from './helpers.js';

const policy = defaultPolicy();

function detectors(text: string, opts: { isTest?: boolean; path?: string } = {}, p: Policy = policy): string[] {
  return findSecrets(text, p, opts).map((f) => f.detector);
}

// Tokens are assembled at run time (see helpers): real shapes, random bodies.
const ghBody = rnd(36);
const awsId = j('AKIA', rnd(16, UPPER_NUM));
const awsSecret = j(rnd(13), '/', rnd(12), '+', rnd(13));
const jwt = [
  Buffer.from('{"alg":"HS256","typ":"JWT"}').toString('base64url'),
  Buffer.from('{"sub":"1234567890","name":"A B","iat":1516239022}').toString('base64url'),
  rnd(43, B64URL),
].join('.');
const jwtNone = [Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url'), Buffer.from('{"sub":"1"}').toString('base64url'), ''].join('.');

/** [case, text, expected detector (null: no finding), options] */
const KNOWN: [string, string, string | null, { isTest?: boolean; path?: string }?][] = [
  ['AWS access key id AKIA', `aws_access_key_id = ${awsId}`, 'aws-access-key-id'],
  ['AWS access key id ASIA', `key: ${j('ASIA', rnd(16, UPPER_NUM))}`, 'aws-access-key-id'],
  ['AWS secret key by name', `aws_secret_access_key = ${awsSecret}`, 'aws-secret-access-key'],
  ['AWS secret key by name (camel)', `secretAccessKey: "${awsSecret}"`, 'aws-secret-access-key'],
  ['GitHub ghp_', `const t = "${j('ghp', '_', ghBody)}"`, 'github-token'],
  ['GitHub gho_', j('gho', '_', rnd(36)), 'github-token'],
  ['GitHub ghu_', j('ghu', '_', rnd(36)), 'github-token'],
  ['GitHub ghs_', j('ghs', '_', rnd(36)), 'github-token'],
  ['GitHub ghr_', j('ghr', '_', rnd(36)), 'github-token'],
  ['GitHub ghp_ too short', j('ghp', '_', rnd(20)), null],
  ['GitHub fine-grained', j('github', '_pat_', rnd(22), '_', rnd(59)), 'github-fine-grained-token'],
  ['GitLab glpat-', `GITLAB=${j('glpat', '-', rnd(20))}`, 'gitlab-token'],
  ['GitLab glpat- short', j('glpat', '-', rnd(10)), null],
  ['Slack xoxb', j('xoxb', '-', rnd(12, HEX.slice(0, 10)), '-', rnd(13, HEX.slice(0, 10)), '-', rnd(24)), 'slack-token'],
  ['Slack xoxp', j('xoxp', '-', '1234567890', '-', '1234567890', '-', '1234567890', '-', rnd(32, HEX)), 'slack-token'],
  ['Slack xoxa', j('xoxa', '-2-', rnd(30)), 'slack-token'],
  ['Slack xoxr', j('xoxr', '-', rnd(30)), 'slack-token'],
  ['Slack xoxs', j('xoxs', '-', '1234567890', '-', rnd(30)), 'slack-token'],
  ['Slack webhook', j('https://hooks.slack', '.com/services/T', rnd(8, UPPER_NUM), '/B', rnd(8, UPPER_NUM), '/', rnd(24)), 'slack-webhook'],
  ['Stripe sk_live_', j('sk_live', '_', rnd(24)), 'stripe-key'],
  ['Stripe sk_test_', j('sk_test', '_', rnd(24)), 'stripe-key'],
  ['Stripe rk_live_', j('rk_live', '_', rnd(99)), 'stripe-key'],
  ['Stripe publishable key is not secret', j('pk_live', '_', rnd(24)), null],
  ['Google AIza', `key=${j('AIza', rnd(35, B64URL))}`, 'google-api-key'],
  ['npm_', `//registry.npmjs.org/:_authToken=${j('npm', '_', rnd(36))}`, 'npm-token'],
  ['OpenAI sk- legacy', j('sk', '-', rnd(48)), 'openai-key'],
  ['OpenAI sk-proj-', j('sk', '-proj-', rnd(120, B64URL)), 'openai-key'],
  ['Anthropic sk-ant-', j('sk', '-ant-api03-', rnd(93, B64URL), 'AA'), 'anthropic-key'],
  ['Twilio API key', j('S', 'K', rnd(32, HEX)), 'twilio-api-key'],
  ['Twilio auth token', `TWILIO_AUTH_TOKEN=${rnd(32, HEX)}`, 'twilio-auth-token'],
  ['SendGrid', j('SG', '.', rnd(22, B64URL), '.', rnd(43, B64URL)), 'sendgrid-key'],
  ['JWT with signature', `Authorization: Bearer ${jwt}`, 'jwt'],
  ['JWT without signature', `token=${jwtNone}`, null],
  ['URL with credentials (spec example)', 'https://user:pass@host', 'url-credentials'],
  ['URL with credentials, database', `DATABASE_URL=postgres://admin:${rnd(14)}@db.internal:5432/app`, 'url-credentials'],
  ['URL with credentials in a test file', `postgres://admin:${rnd(14)}@db.internal/app`, 'url-credentials', { isTest: true }],
  ['PyPI token', j('pypi', '-AgEIcHlwaS5vcmc', rnd(70, B64URL)), 'pypi-token'],
  ['Docker Hub PAT', j('dckr', '_pat_', rnd(27, B64URL)), 'docker-hub-token'],
  ['Hugging Face', j('hf', '_', rnd(34, 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ')), 'huggingface-token'],
  ['DigitalOcean', j('dop', '_v1_', rnd(64, HEX)), 'digitalocean-token'],
  ['Vault', j('hvs', '.', rnd(90, B64URL)), 'vault-token'],
  ['Azure storage key', `DefaultEndpointsProtocol=https;AccountName=x;${j('Account', 'Key=', rnd(86, B64), '==')}`, 'azure-storage-key'],
  ['known format in a test file still counts', `const t = "${j('ghp', '_', rnd(36))}"`, 'github-token', { isTest: true }],
  ['known format in markdown still counts', `Set \`GH_TOKEN=${j('ghp', '_', rnd(36))}\``, 'github-token', { path: 'README.md' }],
  ['base64-encoded token', `data: "${Buffer.from(`token=${j('ghp', '_', rnd(36))}`).toString('base64')}"`, 'github-token:base64'],
  ['hex-encoded token', `blob = "${Buffer.from(j('xoxb', '-', '123456789012', '-', '1234567890123', '-', rnd(24))).toString('hex')}"`, 'slack-token:hex'],
  ['gitleaks:allow does not silence a key', `key = "${j('ghp', '_', rnd(36))}" # gitleaks:allow`, 'github-token'],
  ['private key line', j('-----BEGIN', ' RSA PRIVATE', ' KEY-----'), 'private-key'],
  ['private key in a base64 literal', `tls.key: "${Buffer.from(j('-----BEGIN', ' PRIVATE', ' KEY-----\nMIIE')).toString('base64')}"`, 'private-key:base64'],
];

const PLACEHOLDERS_KNOWN: [string, string][] = [
  ['AWS documented example id', 'aws_access_key_id = AKIAIOSFODNN7EXAMPLE'],
  ['AWS documented example pair', 'AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'],
  ['AWS second documented pair', 'AKIAI44QH8DHBEXAMPLE je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY'],
  ['repeated character body', j('ghp', '_', 'x'.repeat(36))],
  ['repeated X body', j('ghp', '_', 'X'.repeat(36))],
  ['placeholder word in body', j('ghp', '_', 'your', 'TokenGoesHere', '0'.repeat(19))],
  ['example in body', j('sk_live', '_', 'example', '0123456789abcdefghijk')],
  ['redacted in body', j('AIza', 'REDACTED', '0'.repeat(27))],
  ['placeholder in AWS id', j('AKIA', 'PLACEHOLDER12345')],
  ['sk- inside words', 'the task-runner and disk-usage tools'],
  ['URL without credentials', 'see https://github.com/org/repo and https://api.example.io/v1?token'],
  ['URL creds, placeholder password', 'https://user:${DB_PASSWORD}@db.internal/app'],
  ['URL creds, env password', 'https://oauth2:$CI_JOB_TOKEN@gitlab.com/x.git'],
  ['URL creds, <password>', 'postgres://admin:<password>@db.internal/app'],
  ['URL creds, password word', 'postgres://admin:password@db.internal/app'],
  ['URL creds, localhost', `postgres://postgres:${rnd(12)}@localhost:5432/db`],
  ['URL creds, 127.0.0.1', `redis://:${rnd(12)}@127.0.0.1:6379`],
  ['URL creds, example.com', `https://bob:${rnd(12)}@example.com/x`],
  ['URL creds, sub.example.com', `https://bob:${rnd(12)}@api.example.com/x`],
  ['URL creds, .test', `https://bob:${rnd(12)}@db.test/x`],
  ['URL creds, .invalid', `https://bob:${rnd(12)}@host.invalid/x`],
  ['URL creds, template password', 'amqp://guest:{{ rabbit_password }}@mq:5672'],
  ['ssh user@host has no password', 'git clone git@github.com:org/repo.git'],
  ['UUID', 'id: 550e8400-e29b-41d4-a716-446655440000'],
  ['lockfile integrity', `"integrity": "sha512-${rnd(86, B64)}=="`],
  ['base64 image', `background: url("data:image/png;base64,${Buffer.from(Uint8Array.from({ length: 90 }, (_, i) => (i * 37) % 256)).toString('base64')}")`],
  ['git sha', 'commit: 3f786850e387550fdab836ed7e6dc881de23001b'],
  ['public certificate', '-----BEGIN CERTIFICATE-----'],
  ['public key', '-----BEGIN PUBLIC KEY-----'],
  ['ssh public key', `ssh-ed25519 ${rnd(68, B64)} me@host`],
];

describe('content:secret known formats', () => {
  for (const [name, text, expected, opts] of KNOWN) {
    test(name, () => {
      const found = detectors(text, opts ?? {});
      if (expected === null) assert.deepEqual(found, [], `unexpected ${found.join(',')} in ${text}`);
      else assert.ok(found.includes(expected), `expected ${expected} in ${JSON.stringify(text)}, got [${found.join(', ')}]`);
    });
  }
  for (const [name, text] of PLACEHOLDERS_KNOWN) {
    test(`not a secret: ${name}`, () => assert.deepEqual(detectors(text), [], text));
  }
  test('every detector finds its own sample (real shape) and a random token is not one', () => {
    for (const d of KNOWN_DETECTORS) {
      const sample = d.sample();
      const text = d.id === 'aws-secret-access-key' ? `aws_secret_access_key=${sample}` : d.id === 'twilio-auth-token' ? `twilio_auth_token=${sample}` : d.id === 'azure-storage-key' ? `AccountKey=${sample}` : ` ${sample} `;
      assert.ok(detectors(text).some((x) => x === d.id), `${d.id} misses its sample ${sample.slice(0, 12)}`);
    }
  });
  test('AWS secret key beside an access key id (same or next lines)', () => {
    assert.ok(detectors(`${awsId},${awsSecret}`).includes('aws-secret-access-key'));
    assert.ok(detectors(`id: ${awsId}\nsecret: ${awsSecret}`, { isTest: true }).includes('aws-secret-access-key'));
  });
  test('a 40-character base64 run with no access key id nearby is not an AWS secret', () => {
    assert.deepEqual(detectors(`digest ${awsSecret}`, { isTest: true }), []);
  });
});

const GENERIC_TRUE: [string, string, string?][] = [
  ['python', `password = "${rnd(16)}"`, 'app/settings.py'],
  ['env', `DB_PASSWORD=${rnd(14)}`, '.env.example'],
  ['json', `"api_key": "${rnd(32, HEX)}"`, 'config/app.json'],
  ['js object', `  apiKey: '${rnd(20)}',`, 'src/client.ts'],
  ['shell export', `export API_TOKEN="${rnd(24)}"`, 'scripts/env.sh'],
  ['yaml unquoted', `client_secret: ${rnd(24)}`, 'config.yml'],
  ['yaml quoted', `  private_key: "${rnd(40, B64)}"`, 'values.yaml'],
  ['access_key', `access_key = "${rnd(20)}"`, 'main.tf'],
  ['passwd', `passwd: ${rnd(16)}`, 'conf.yaml'],
  ['secret', `SECRET=${rnd(30)}`, 'x.env'],
  ['token in code', `const slackToken = "${rnd(28)}";`, 'src/a.js'],
  ['go short assign', `apiKey := "${rnd(24)}"`, 'main.go'],
  ['php variable', `$password = '${rnd(16)}';`, 'index.php'],
  ['ruby symbol hash', `:password => "${rnd(16)}"`, 'config.rb'],
  ['comparison', `if token == "${rnd(20)}":`, 'check.py'],
  ['keyword argument', `connect(host="db", password="${rnd(18)}")`, 'db.py'],
  ['cli flag =', `mysql --password=${rnd(16)} db`, 'run.sh'],
  ['cli flag space', `tool --api-key ${rnd(20)} run`, 'run.sh'],
  ['xml element', `<password>${rnd(16)}</password>`, 'settings.xml'],
  ['bearer header', `curl -H "Authorization: Bearer ${rnd(32)}" x`, 'README.md'],
  ['api key header', `-H "X-Api-Key: ${rnd(32, HEX)}"`, 'docs/api.md'],
  ['short random password (12 chars, floor 2.87 bits)', 'password: "k9#Lq2!vZx7@"', 'conf.yml'],
  ['placeholder word plus random run', 'api_key: "changeme-Zq8Rk2Vw"', 'conf.yml'],
  ['prefixed placeholder word plus random run', 'token = "placeholder_Zq8Rk2Vw3x"', 'a.toml'],
  ['glued name', `dbpassword = "${rnd(16)}"`, 'a.py'],
  ['secret_key_base', `secret_key_base: ${rnd(64, HEX)}`, 'config/secrets.yml'],
  ['unknown file type, literal value', `password=${rnd(16)}`, 'notes'],
  ['no path at all (CLI Write content)', `password: ${rnd(16)}`, undefined],
  ['a UUID assigned to a secret name', 'vault_secret_id = "3d6f0a2e-9b1c-4e8f-a5d7-2c4b8e1f9a03"', 'a.py'],
  ['literal with an interpolation and a random rest', `token = "\${PREFIX}${rnd(20)}"`, 'a.sh'],
];

const GENERIC_FALSE: [string, string, string?][] = [
  ['<...>', 'password = "<your-password>"', 'a.py'],
  ['${...}', 'password: "${DB_PASSWORD}"', 'a.yml'],
  ['{{...}}', 'password: "{{ .Values.db.password }}"', 'templates/x.yaml'],
  ['%(...)s', "password = '%(db_password)s'", 'a.ini'],
  ['xxx...', 'api_key = "xxxxxxxxxxxxxxxxxxxx"', 'a.py'],
  ['xxx prefix', 'api_key = "xxx-not-a-real-key-xxx"', 'a.py'],
  ['***...', 'password: "****************"', 'a.yml'],
  ['changeme', 'password = "changeme"', 'a.py'],
  ['example...', 'token = "example-token-value-1234"', 'a.py'],
  ['dummy...', 'secret = "dummy_secret_for_ci_9"', 'a.py'],
  ['sample...', 'api_key = "sample_api_key_0000"', 'a.py'],
  ['your_...', 'api_key = "your_api_key_here"', 'a.py'],
  ['your-...', 'token: your-token-goes-here', 'a.yml'],
  ['redacted', 'password: REDACTED', 'a.yml'],
  ['password', 'password: password', 'a.yml'],
  ['secret', 'secret = "secret"', 'a.py'],
  ['one repeated character', 'password = "aaaaaaaaaaaaaaaa"', 'a.py'],
  ['process.env in code', 'const password = process.env.DB_PASSWORD;', 'a.ts'],
  ['process.env in yaml', 'password: process.env.DB_PASSWORD', 'a.yml'],
  ['os.environ', 'password = os.environ["DB_PASSWORD"]', 'a.py'],
  ['os.getenv', 'token = os.getenv("GITHUB_TOKEN")', 'a.py'],
  ['secrets.X', 'token: secrets.GITHUB_TOKEN', 'a.yml'],
  ['GitHub expression', 'token: ${{ secrets.GITHUB_TOKEN }}', '.github/actions/x/action.yml'],
  ['env var name', 'token_env: GITHUB_TOKEN', 'a.yml'],
  ['words with a placeholder word', 'token = "your-bot-token-here"', 'a.py'],
  ['example_secret', 'client_secret = "example_secret"', 'a.py'],
  ['camelCase placeholder words', 'apiKey: "yourApiKeyHereNow"', 'a.ts'],
  ['placeholder word spelled out', 'password: "placeholder-password-value"', 'a.yml'],
  ['short word', 'password = "hunter2"', 'a.py'],
  ['low entropy', 'password = "hunter2hunter2"', 'a.py'],
  ['11 characters', 'password: "Tr0ub4dor&3"', 'a.yml'],
  ['sentence with spaces', 'password_hint = "The name of your first pet"', 'a.py'],
  ['prompt text', 'prompt: "Enter your password to continue"', 'a.yml'],
  ['tokenizer is not a token', `tokenizer = "${rnd(20)}"`, 'a.py'],
  ['secretary is not a secret', `secretary = "${rnd(20)}"`, 'a.py'],
  ['token_url is a locator', 'token_url = "https://oauth2.googleapis.com/token"', 'a.py'],
  ['password_file is a path', 'password_file: /run/secrets/db_password_prod', 'a.yml'],
  ['private_key_path', 'private_key_path: ~/.ssh/id_ed25519_deploy', 'a.yml'],
  ['secret_name', 'secret_name = "prod-db-password"', 'a.py'],
  ['token type', 'token_type = "Bearer"', 'a.py'],
  ['function call in code', 'const token = getToken(user, scope);', 'a.ts'],
  ['member expression (unknown file)', 'api_key = settings.API_KEY', 'notes.txt'],
  ['bare identifier in prose', 'secret = some_long_variable_name', 'README.md'],
  ['identifier in code', 'const token = accessTokenFromHeader;', 'a.ts'],
  ['test file', `password = "${rnd(16)}"`, 'tests/test_login.py'],
  ['fixture is test data too (isTest)', `api_key: ${rnd(24)}`, 'spec/fixtures/account.yml'],
  ['AWS Secrets Manager ARN', 'db_secret = "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-AbCdEf"', 'a.py'],
  ['1Password reference', 'password: "op://vault/item/password"', 'a.yml'],
  ['shell command substitution', 'TOKEN="$(gh auth token)"', 'a.sh'],
  ['shell variable', 'PASSWORD="$DB_PASSWORD"', 'a.sh'],
  ['only interpolations', 'token = "${PREFIX}_${SUFFIX}_${ENV}"', 'a.sh'],
  ['boolean', 'password_required: false', 'a.yml'],
  ['empty', 'password: ""', 'a.yml'],
];

describe('content:secret generic assignment', () => {
  for (const [name, text, path] of GENERIC_TRUE) {
    test(name, () => {
      const found = detectors(text, path === undefined ? {} : { path });
      assert.ok(found.includes('generic-assignment'), `expected a generic finding in ${JSON.stringify(text)} (${path}), got [${found}]`);
    });
  }
  for (const [name, text, path] of GENERIC_FALSE) {
    test(`clean: ${name}`, () => {
      const isTest = path !== undefined && /(?:^|\/)(?:tests?|spec)\//.test(path);
      assert.deepEqual(detectors(text, { path, isTest }), [], `${text} (${path})`);
    });
  }
});

describe('entropy', () => {
  test('Shannon entropy', () => {
    assert.equal(shannonEntropy(''), 0);
    assert.equal(shannonEntropy('aaaa'), 0);
    assert.equal(shannonEntropy('abab'), 1);
    assert.equal(shannonEntropy('abcd'), 2);
  });
  test('threshold min(3.2, 0.8 x log2(len))', () => {
    assert.ok(Math.abs(entropyThreshold(12) - 0.8 * Math.log2(12)) < 1e-9);
    assert.equal(entropyThreshold(16), 3.2);
    assert.equal(entropyThreshold(100), 3.2);
  });
  test('min length 12: an 11-character random literal is not reported, 12 is', () => {
    assert.deepEqual(detectors('password = "q7X-v2Lm9T!"', { path: 'a.py' }), []);
    assert.deepEqual(detectors('password = "q7X-v2Lm9T!z"', { path: 'a.py' }), ['generic-assignment']);
  });
  test('a 16-character literal below 3.2 bits is not reported', () => {
    // 8 distinct characters, twice each: 3 bits.
    assert.deepEqual(detectors('password = "abcdefghabcdefgh"', { path: 'a.py' }), []);
  });
});

describe('findSecrets output', () => {
  test('line, column and a redacted preview that never shows the whole secret', () => {
    const tok = j('ghp', '_', rnd(36));
    const [f] = findSecrets(`first line\n  token: "${tok}"`, policy);
    assert.ok(f);
    assert.equal(f.line, 2);
    assert.equal(f.column, 11);
    assert.ok(!f.preview.includes(tok));
    assert.ok(f.preview.includes('40 chars'));
    assert.ok(f.preview.startsWith('ghp_'));
  });
  test('redact shows at most a quarter and 8 characters', () => {
    assert.equal(redact('abcdefghijkl'), 'abc… (12 chars)');
    assert.equal(redact('x'.repeat(100)).startsWith('xxxxxxxx…'), true);
  });
  test('a known format and the generic rule on one literal give one finding', () => {
    const found = detectors(`GITHUB_TOKEN=${j('ghp', '_', rnd(36))}`, { path: '.env.sample' });
    assert.deepEqual(found, ['github-token']);
  });
  test('several secrets on one line', () => {
    const found = detectors(`${j('ghp', '_', rnd(36))} ${j('npm', '_', rnd(36))}`);
    assert.deepEqual(found.sort(), ['github-token', 'npm-token']);
  });
});

describe('secrets config', () => {
  const withConfig = (patterns: Policy['secrets']['patterns'], allow: string[]): Policy => {
    const p = defaultPolicy();
    p.secrets = { patterns, allow };
    return p;
  };
  test('secrets.patterns adds a detector with keywords', () => {
    const p = withConfig([{ id: 'acme-key', regex: 'ACME_[A-Z0-9]{32}', keywords: ['ACME_'] }], []);
    assert.deepEqual(detectors(`k = ${j('ACME', '_', rnd(32, UPPER_NUM))}`, {}, p), ['acme-key']);
  });
  test('secrets.patterns without keywords runs over the whole text', () => {
    const p = withConfig([{ id: 'corp', regex: 'corp-[a-f0-9]{40}' }], []);
    assert.deepEqual(detectors(`x ${j('corp', '-', rnd(40, HEX))}`, {}, p), ['corp']);
  });
  test('secrets.allow marks a placeholder literal of the generic rule', () => {
    const p = withConfig([], ['ci-fixture-[A-Za-z0-9]+']);
    assert.deepEqual(detectors('password = "ci-fixture-Zq8Rk2Vw4pL9"', { path: 'a.py' }, p), []);
    assert.deepEqual(detectors('password = "ci-fixture-Zq8Rk2Vw4pL9"', { path: 'a.py' }), ['generic-assignment']);
  });
  test('secrets.allow is matched against the whole literal', () => {
    const p = withConfig([], ['fixture']);
    assert.deepEqual(detectors('password = "fixture-Zq8Rk2Vw4pL9"', { path: 'a.py' }, p), ['generic-assignment']);
  });
  test('secrets.allow can name one exact known-format value (a published test key)', () => {
    const tok = j('sk_test', '_', rnd(24));
    assert.deepEqual(detectors(tok, {}, withConfig([], [tok])), []);
  });
  test('secrets.allow cannot whitelist a format wholesale: content:secret is locked', () => {
    const tok = j('ghp', '_', rnd(36));
    for (const broad of ['.*', '.+', 'ghp_[A-Za-z0-9]{36}', 'gh[pousr]_.*', '[A-Za-z0-9_]+']) {
      assert.deepEqual(detectors(tok, {}, withConfig([], [broad])), ['github-token'], broad);
    }
    assert.deepEqual(detectors(`password = "${rnd(16)}"`, { path: 'a.py' }, withConfig([], ['.*'])), ['generic-assignment']);
    assert.deepEqual(detectors(`postgres://u:${rnd(14)}@db.internal/x`, {}, withConfig([], ['.*'])), ['url-credentials']);
  });
  test('compiled config is cached per policy object', () => {
    const p = withConfig([{ id: 'acme', regex: 'ACME_[0-9]{8}', keywords: ['acme_'] }], []);
    assert.deepEqual(detectors('ACME_12345678', {}, p), ['acme']);
    p.secrets.patterns = [];
    // The same object keeps its compiled detectors (resolved policies are not mutated in practice).
    assert.deepEqual(detectors('ACME_12345678', {}, p), ['acme']);
  });
});
