import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { classifyPath } from '../../../../src/engine/rules/path/index.js';
import { zoneOf } from '../../../../src/engine/zone.js';
import { defaultPolicy } from '../../../../src/policy/defaults.js';
import type { Policy } from '../../../../src/policy/types.js';
import type { Zone } from '../../../../src/engine/types.js';

type Row = [path: string, zone: Zone, rule: string];

function check(rows: Row[], policy: Policy = defaultPolicy()) {
  for (const [path, zone, rule] of rows) {
    test(`${path} -> ${zone} (${rule})`, () => {
      const reasons = classifyPath(path, policy);
      assert.equal(zoneOf(reasons), zone, JSON.stringify(reasons));
      assert.ok(reasons.some((r) => r.rule === rule), `${rule} missing in ${JSON.stringify(reasons.map((r) => r.rule))}`);
      for (const r of reasons) assert.ok(r.message.length > 10);
    });
  }
}

describe('path:suspicious-name', () => {
  check([
    ['../etc/passwd', 'red', 'path:suspicious-name'],
    ['src/../../x.ts', 'red', 'path:suspicious-name'],
    ['/etc/passwd', 'red', 'path:suspicious-name'],
    ['src\\evil.ts', 'red', 'path:suspicious-name'],
    ['docs/a\u0007.md', 'red', 'path:suspicious-name'],
    ['docs/line\nbreak.md', 'red', 'path:suspicious-name'],
  ]);
});

describe('path:gate-config (locked)', () => {
  check([
    ['.github/agent-zones.yml', 'red', 'path:gate-config'],
    ['.github/agent-zones.yaml', 'red', 'path:gate-config'],
    ['.GitHub/Agent-Zones.YML', 'red', 'path:gate-config'],
  ]);
  const custom = { ...defaultPolicy(), configPath: 'config/zones.yml' };
  check([['config/zones.yml', 'red', 'path:gate-config']], custom);
});

describe('path:git-internals', () => {
  check([
    ['.git/hooks/pre-commit', 'red', 'path:git-internals'],
    ['.git/config', 'red', 'path:git-internals'],
    ['vendor/lib/.git/config', 'red', 'path:git-internals'],
  ]);
});

describe('path:ci', () => {
  check([
    ['.github/workflows/ci.yml', 'red', 'path:ci'],
    ['.github/workflows/sub/deploy.yaml', 'red', 'path:ci'],
    ['.github/actions/setup/action.yml', 'red', 'path:ci'],
    ['action.yml', 'red', 'path:ci'],
    ['tools/my-action/action.yaml', 'red', 'path:ci'],
    ['.gitlab-ci.yml', 'red', 'path:ci'],
    ['.circleci/config.yml', 'red', 'path:ci'],
    ['Jenkinsfile', 'red', 'path:ci'],
    ['Jenkinsfile.release', 'red', 'path:ci'],
    ['azure-pipelines.yml', 'red', 'path:ci'],
    ['azure-pipelines-pr.yml', 'red', 'path:ci'],
    ['.buildkite/pipeline.yml', 'red', 'path:ci'],
    ['.travis.yml', 'red', 'path:ci'],
    ['bitbucket-pipelines.yml', 'red', 'path:ci'],
    ['.drone.yml', 'red', 'path:ci'],
    ['cloudbuild.yaml', 'red', 'path:ci'],
    ['cloudbuild-prod.yaml', 'red', 'path:ci'],
    ['buildspec.yml', 'red', 'path:ci'],
    ['.github/workflows/README.md', 'red', 'path:ci'],
  ]);
});

describe('path:governance', () => {
  check([
    ['CODEOWNERS', 'red', 'path:governance'],
    ['.github/CODEOWNERS', 'red', 'path:governance'],
    ['docs/CODEOWNERS', 'red', 'path:governance'],
    ['.github/settings.yml', 'red', 'path:governance'],
    ['.github/dependabot.yml', 'red', 'path:governance'],
    ['renovate.json', 'red', 'path:governance'],
    ['renovate.json5', 'red', 'path:governance'],
    ['.github/rulesets/main.json', 'red', 'path:governance'],
  ]);
});

describe('path:git-plumbing', () => {
  check([
    ['.gitattributes', 'red', 'path:git-plumbing'],
    ['src/.gitattributes', 'red', 'path:git-plumbing'],
    ['.gitmodules', 'red', 'path:git-plumbing'],
    ['.gitconfig', 'red', 'path:git-plumbing'],
    ['.lfsconfig', 'red', 'path:git-plumbing'],
    ['.githooks/pre-push', 'red', 'path:git-plumbing'],
    ['.husky/pre-commit', 'red', 'path:git-plumbing'],
    ['lefthook.yml', 'red', 'path:git-plumbing'],
    ['lefthook-local.yml', 'red', 'path:git-plumbing'],
    ['.pre-commit-config.yaml', 'red', 'path:git-plumbing'],
  ]);
});

describe('path:agent-config', () => {
  check(
    [
      'AGENTS.md',
      'CLAUDE.md',
      'CLAUDE.local.md',
      'GEMINI.md',
      'packages/api/AGENTS.md',
      '.claude/settings.json',
      '.mcp.json',
      '.cursor/rules/x.mdc',
      '.cursorrules',
      '.windsurfrules',
      '.windsurf/rules.md',
      '.clinerules',
      '.clinerules/a.md',
      '.roo/rules.md',
      '.roomodes',
      '.kiro/steering.md',
      '.junie/guidelines.md',
      '.amazonq/rules.md',
      '.continue/config.json',
      '.aider.conf.yml',
      '.codex/config.toml',
      '.gemini/settings.json',
      '.github/copilot-instructions.md',
      '.github/instructions/ts.instructions.md',
      '.github/prompts/a.prompt.md',
      '.github/agents/x.md',
      '.github/copilot-setup-steps.yml',
    ].map((p): Row => [p, 'red', 'path:agent-config']),
  );
});

describe('path:devenv', () => {
  check(
    ['.vscode/settings.json', '.vscode/tasks.json', '.idea/workspace.xml', '.devcontainer/devcontainer.json', 'devcontainer.json', '.envrc'].map(
      (p): Row => [p, 'red', 'path:devenv'],
    ),
  );
});

describe('path:credentials', () => {
  check(
    [
      '.env',
      '.env.local',
      '.env.production',
      'config/app.env',
      'certs/server.pem',
      'tls.key',
      'keystore.p12',
      'a.pfx',
      'release.jks',
      'x.keystore',
      'db.kdbx',
      'putty.ppk',
      'id_rsa',
      'home/id_dsa',
      'id_ecdsa',
      'id_ed25519',
      '.ssh/config',
      '.aws/credentials',
      '.azure/config',
      '.kube/config',
      'my-kubeconfig.yaml',
      'credentials',
      'credentials.json',
      'gcp-credentials-prod.json',
      'ci-service-account.json',
      'client_secret_123.apps.json',
      'secrets.yml',
      'secrets.yaml',
      'secrets.json',
      'config/secrets/db.txt',
      '.netrc',
      '.git-credentials',
      '.htpasswd',
      'terraform.tfstate',
      'terraform.tfstate.backup',
      'prod.tfvars',
      '.vault-token',
    ].map((p): Row => [p, 'red', 'path:credentials']),
  );
  check([
    ['.env.example', 'yellow', 'path:source'],
    ['.env.sample', 'yellow', 'path:source'],
    ['.env.template', 'yellow', 'path:source'],
    ['config/app.example.env', 'yellow', 'path:source'],
    ['id_rsa.pub', 'yellow', 'path:source'],
  ]);
});

describe('path:pkg-config', () => {
  check(
    ['.npmrc', 'packages/a/.npmrc', '.yarnrc', '.yarnrc.yml', '.pnpmfile.cjs', 'bunfig.toml', '.pypirc', 'pip.conf', '.cargo/config', '.cargo/config.toml', 'nuget.config', '.gemrc'].map(
      (p): Row => [p, 'red', 'path:pkg-config'],
    ),
  );
});

describe('path:production', () => {
  check(
    [
      'main.tf',
      'modules/net/vpc.tf',
      'terraform/variables.json',
      'infra/app.ts',
      'infrastructure/x.yaml',
      'deploy/run.sh',
      'services/api/deploy/values.yaml',
      'deployment/x.yml',
      'deployments/x.yml',
      'k8s/deployment.yaml',
      'kubernetes/svc.yaml',
      'helm/values.yaml',
      'charts/app/Chart.yaml',
      'ansible/site.yml',
      'kustomization.yaml',
      'overlays/kustomization.yml',
      'Pulumi.yaml',
      'Pulumi.prod.yaml',
      'serverless.yml',
      'fly.toml',
      'vercel.json',
      'netlify.toml',
      'app.yaml',
      'Procfile',
      'Dockerfile',
      'Dockerfile.dev',
      'services/web/Dockerfile',
      'Containerfile',
      'docker-compose.yml',
      'docker-compose.override.yaml',
      'prod/app.ts',
      'config/production/db.ts',
      'src/prd/main.go',
      'values-prod.yaml',
      'config/production.json',
      'prod.env',
      'app_prod.toml',
      'settings.production.ini',
      'deploy/README.md',
    ].map((p): Row => [p, 'red', 'path:production']),
  );
  check([
    ['src/deploy/index.ts', 'yellow', 'path:source'],
    ['lib/infra/thing.ts', 'yellow', 'path:source'],
    ['pkg/helm/client.go', 'yellow', 'path:source'],
    ['internal/k8s/api.go', 'yellow', 'path:source'],
    ['docs/deploy/guide.md', 'green', 'path:docs'],
    ['tests/charts/test_chart.py', 'green', 'path:tests'],
    ['product.json', 'yellow', 'path:source'],
    ['preprod-notes.yaml', 'yellow', 'path:source'],
    ['docs/values-prod.yaml', 'green', 'path:docs'],
    ['test/fixtures/production.json', 'green', 'path:tests'],
    ['src/prod_utils.ts', 'yellow', 'path:source'],
  ]);
});

describe('path:migration', () => {
  check(
    [
      'db/migrate/20240101_add_users.rb',
      'app/db/migrations/001.sql',
      'src/db/migration/V1__init.sql',
      'prisma/migrations/2024/migration.sql',
      'alembic/versions/abc_add.py',
      'app/migrations/0001_initial.py',
      'migrations/001.sql',
    ].map((p): Row => [p, 'red', 'path:migration']),
  );
  check([
    ['lib/config/migrations/upgrade.ts', 'yellow', 'path:source'],
    ['src/migrations/helper.ts', 'yellow', 'path:source'],
  ]);
});

describe('path:dependency-manifest and path:lockfile (yellow)', () => {
  check(
    ['package.json', 'apps/web/package.json', 'requirements.txt', 'requirements-dev.txt', 'pyproject.toml', 'Pipfile', 'setup.py', 'setup.cfg', 'go.mod', 'Cargo.toml', 'Gemfile', 'x.gemspec', 'pom.xml', 'build.gradle', 'build.gradle.kts', 'composer.json', 'App.csproj'].map(
      (p): Row => [p, 'yellow', 'path:dependency-manifest'],
    ),
  );
  check(
    ['package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml', 'bun.lock', 'bun.lockb', 'poetry.lock', 'uv.lock', 'Pipfile.lock', 'Cargo.lock', 'go.sum', 'Gemfile.lock', 'composer.lock'].map(
      (p): Row => [p, 'yellow', 'path:lockfile'],
    ),
  );
});

describe('path:docs (green)', () => {
  check(
    ['README.md', 'docs/guide.mdx', 'a/b/notes.rst', 'manual.adoc', 'CHANGELOG.txt', 'docs/data.yml', 'docs/api.json', 'docs/table.csv', 'docs/img/a.png', 'docs/a.jpg', 'docs/a.jpeg', 'docs/a.gif', 'docs/a.svg', 'docs/a.webp', 'docs/.gitkeep', 'doc/index.md'].map(
      (p): Row => [p, 'green', 'path:docs'],
    ),
  );
  check([
    ['docs/conf.py', 'yellow', 'path:source'],
    ['docs/script.js', 'yellow', 'path:source'],
    ['LICENSE', 'yellow', 'path:source'],
    ['LICENSE.md', 'yellow', 'path:source'],
    ['SECURITY.md', 'yellow', 'path:source'],
  ]);
});

describe('path:tests (green)', () => {
  check(
    ['test/a.ts', 'src/test/x.java', 'tests/test_a.py', 'src/__tests__/a.tsx', 'spec/models/user_spec.rb', 'src/a.test.ts', 'src/a.spec.js', 'pkg/a_test.go', 'test_utils.py', 'utils_test.py'].map(
      (p): Row => [p, 'green', 'path:tests'],
    ),
  );
});

describe('path:output and path:source', () => {
  check([
    ['agent-output/report.json', 'green', 'path:output'],
    ['.agent-output/x.bin', 'green', 'path:output'],
    ['src/index.ts', 'yellow', 'path:source'],
    ['Makefile', 'yellow', 'path:source'],
    ['scripts/build.sh', 'yellow', 'path:source'],
  ]);
});

describe('several rules: the highest wins, every rule is listed', () => {
  test('deploy/README.md is red and lists docs too', () => {
    const reasons = classifyPath('deploy/README.md', defaultPolicy());
    assert.equal(zoneOf(reasons), 'red');
    assert.ok(reasons.some((r) => r.rule === 'path:docs'));
  });
  test('.github/workflows/test/x.yml is red despite tests', () => {
    assert.equal(zoneOf(classifyPath('.github/workflows/test/x.yml', defaultPolicy())), 'red');
  });
  test('requirements.txt is yellow despite *.txt', () => {
    assert.equal(zoneOf(classifyPath('requirements.txt', defaultPolicy())), 'yellow');
  });
  test('Unicode paths match after NFC normalisation', () => {
    const nfd = 'docs/cafe\u0301.md';
    assert.equal(zoneOf(classifyPath(nfd, defaultPolicy())), 'green');
    assert.equal(zoneOf(classifyPath('.github/workflows/ci\u0301.yml', defaultPolicy())), 'red');
  });
});

describe('config: paths.red / yellow / green and overrides', () => {
  const policy: Policy = {
    ...defaultPolicy(),
    paths: { red: ['src/billing/**'], yellow: ['docs/internal/**'], green: ['generated/**', '**', 'package.json'] },
    overrides: [
      { rule: 'path:migration', paths: ['tools/migrations/**'], zone: 'yellow' },
      { rule: 'path:ci', paths: ['.github/workflows/**'], zone: 'green' },
      { rule: 'path:production', paths: ['examples/docker/**'], zone: 'green' },
    ],
  };
  check(
    [
      ['src/billing/charge.ts', 'red', 'path:config-red'],
      ['docs/internal/a.md', 'yellow', 'path:config-yellow'],
      ['generated/api.ts', 'green', 'path:output'],
      ['package.json', 'green', 'path:output'],
      ['.github/workflows/ci.yml', 'red', 'path:ci'],
      ['.env', 'red', 'path:credentials'],
      ['tools/migrations/001.sql', 'yellow', 'path:migration'],
      ['examples/docker/Dockerfile', 'green', 'path:output'],
      ['services/db/migrations/1.sql', 'red', 'path:migration'],
    ],
    policy,
  );
  test('an override lowering a red rule says so in the message', () => {
    const reasons = classifyPath('tools/migrations/001.sql', { ...defaultPolicy(), overrides: [{ rule: 'path:migration', paths: ['tools/migrations/**'], zone: 'yellow' }] });
    assert.equal(zoneOf(reasons), 'yellow');
    assert.match(reasons.find((r) => r.rule === 'path:migration')!.message, /overrides\[0\]/);
  });
});
