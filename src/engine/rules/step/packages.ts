import type { Cmd } from '../../shell/command.js';
import { parseArgs } from '../../shell/options.js';
import { rewrap } from '../../shell/unwrap.js';
import type { WordValue } from '../../shell/words.js';
import type { Reason } from '../../types.js';
import { reason, type RuleContext } from './context.js';
import { parseTarget, looksLikeUrl } from './hosts.js';
import { isProductionName } from './production.js';

/**
 * Package managers and build tools: `step:build-test` (runs the project's code), `step:package-install`,
 * `step:production` for publish/deploy scripts and targets, `step:outside-write` for config writes.
 */

const BUILD_TOOLS = new Set(['tsc', 'jest', 'vitest', 'mocha', 'pytest', 'py.test', 'tox', 'nox', 'eslint', 'prettier', 'black', 'ruff', 'mypy', 'pyright', 'flake8', 'pylint', 'isort', 'rspec', 'phpunit', 'ctest', 'cmake', 'ninja', 'meson', 'bazel', 'bazelisk', 'buck2', 'ava', 'tap', 'karma', 'playwright', 'cypress', 'tsx', 'ts-node', 'esbuild', 'vite', 'webpack', 'rollup', 'turbo', 'nx', 'lerna', 'biome', 'stylelint', 'golangci-lint', 'gofmt', 'goimports', 'rustfmt', 'clippy-driver', 'shellcheck', 'hadolint', 'actionlint', 'markdownlint', 'cspell', 'c8', 'nyc', 'swc', 'babel', 'next', 'nuxt', 'astro', 'svelte-kit', 'storybook', 'gradlew', 'mvnw', 'rake', 'rubocop', 'standardrb', 'coverage', 'pre-commit', 'hatch', 'swift', 'xcodebuild', 'mix', 'elixir', 'zig', 'dune', 'stack', 'cabal', 'sbt', 'lein', 'clojure', 'gcc', 'g++', 'cc', 'clang', 'clang++', 'rustc', 'javac', 'java', 'kotlinc', 'dotnet']);
const FORMATTER_WRITES: Record<string, string[]> = { prettier: ['--write', '-w'], eslint: ['--fix'], black: [], gofmt: ['-w'], goimports: ['-w'], ruff: ['--fix', 'format'], isort: [], rustfmt: [], rubocop: ['-a', '-A', '--autocorrect', '--autocorrect-all'], biome: ['--write', '--apply', 'format', '--fix'], stylelint: ['--fix'] };
const CHECK_FLAGS = ['--check', '--diff', '-l', '--list-different', '-c'];

function urlArgs(cmd: Cmd, rc: RuleContext): Reason[] {
  const out: Reason[] = [];
  for (const w of cmd.args) {
    const t = w.text.includes('=') && w.text.startsWith('-') ? w.text.slice(w.text.indexOf('=') + 1) : w.text.replace(/^git\+/, '');
    if (!looksLikeUrl(t)) continue;
    const host = parseTarget(t).host;
    if (!host || !rc.allowHost(host)) out.push(reason('step:network', 'red', cmd, `installs from ${host ?? t}, which is not on the network allow list`));
  }
  return out;
}

function script(cmd: Cmd, tool: string, name: WordValue | undefined): Reason[] {
  if (!name) return [reason('step:build-test', 'yellow', cmd, `${tool} run lists scripts`)];
  if (!name.known) return [reason('step:obfuscated', 'red', cmd, `${tool} runs a script whose name the engine cannot know`)];
  if (isProductionName(name.text)) return [reason('step:production', 'red', cmd, `${tool} runs the script \`${name.text}\`, which by its name deploys, releases or publishes (a dry-run flag after it changes nothing)`)];
  return [reason('step:build-test', 'yellow', cmd, `runs the project's \`${name.text}\` script: project code, logged`)];
}

function publish(cmd: Cmd, tool: string): Reason[] {
  const dry = cmd.args.some((a) => a.text === '--dry-run' || a.text === '--dry-run=true');
  return dry
    ? [reason('step:production', 'yellow', cmd, `${tool} with --dry-run: nothing is published`)]
    : [reason('step:production', 'red', cmd, `${tool} publishes a package`)];
}

function packageRunner(cmd: Cmd, rc: RuleContext, words: WordValue[], runner: string): Reason[] {
  const p = parseArgs(words, { values: ['-p', '--package', '-c', '--call', '--node-options', '--shell', '--registry', '--from', '--with', '--python'], stopAtPositional: true });
  const out: Reason[] = [];
  for (const o of p.options) if ((o.name === '-c' || o.name === '--call') && o.value) out.push(...(o.value.known ? rc.nested(o.value.text, cmd.line) : [reason('step:obfuscated', 'red', cmd, `${runner} -c of text the engine cannot read`)]));
  const target = p.positionals;
  if (target.length === 0) return out.length ? out : [reason('step:package-install', 'yellow', cmd, `${runner} with no command`)];
  const first = target[0] as WordValue;
  const pkg = first.text.replace(/@[^/@]*$/, '').replace(/^@[^/]+\//, '');
  const inner = rewrap(cmd, [{ ...first, text: pkg.split('/').pop() ?? pkg }, ...target.slice(1)], runner);
  const innerReasons = inner ? rc.judge(inner) : [];
  const buildLike = BUILD_TOOLS.has(pkg);
  if (!buildLike) out.push(reason('step:package-install', 'yellow', cmd, `${runner} may download and run the package \`${first.text}\``));
  return [...out, ...innerReasons.filter((r) => r.rule !== 'step:unknown' || !buildLike), ...urlArgs(cmd, rc)];
}

function npmLike(cmd: Cmd, rc: RuleContext): Reason[] {
  const tool = cmd.name;
  const p = parseArgs(cmd.args, { values: ['--prefix', '-C', '--dir', '--cwd', '-w', '--workspace', '--filter', '-F', '--registry', '--userconfig', '--cache', '--loglevel'], stopAtPositional: true });
  const out: Reason[] = [];
  const pos = p.positionals;
  const verb = pos[0]?.text ?? (tool === 'npm' ? '' : 'install');
  const rest = pos.slice(1);
  const pi = (msg: string): Reason[] => [...out, reason('step:package-install', 'yellow', cmd, msg), ...urlArgs(cmd, rc)];
  if (cmd.args.some((a) => a.text.startsWith('--userconfig') || a.text.startsWith('--registry'))) {
    const reg = cmd.args.find((a) => a.text.startsWith('--registry'));
    if (reg) {
      const v = reg.text.includes('=') ? reg.text.slice(reg.text.indexOf('=') + 1) : cmd.args[cmd.args.indexOf(reg) + 1]?.text ?? '';
      const host = parseTarget(v).host;
      if (!host || !rc.allowHost(host)) out.push(reason('step:network', 'red', cmd, `uses the registry ${host ?? v}, which is not on the network allow list`));
    }
  }
  switch (verb) {
    case '':
      return [...out, reason('step:read-only', 'green', cmd, `${tool} prints help`)];
    case 'test':
    case 't':
    case 'tst':
      return [...out, reason('step:build-test', 'yellow', cmd, `${tool} test runs the project's tests: project code, logged`)];
    case 'run':
    case 'run-script':
    case 'rum':
    case 'urn':
      return [...out, ...script(cmd, `${tool} run`, rest.find((w) => !w.text.startsWith('-')))];
    case 'start':
    case 'stop':
    case 'restart':
      return [...out, reason('step:build-test', 'yellow', cmd, `${tool} ${verb} runs project code`)];
    case 'install':
    case 'i':
    case 'in':
    case 'ins':
    case 'inst':
    case 'insta':
    case 'instal':
    case 'isnt':
    case 'isntall':
    case 'ci':
    case 'clean-install':
    case 'install-clean':
    case 'add':
    case 'update':
    case 'up':
    case 'upgrade':
    case 'uninstall':
    case 'remove':
    case 'rm':
    case 'un':
    case 'r':
    case 'unlink':
    case 'link':
    case 'ln':
    case 'dedupe':
    case 'prune':
    case 'rebuild':
    case 'audit':
    case 'outdated':
    case 'import':
    case 'fetch':
    case 'why':
    case 'ls':
    case 'list':
    case 'explain':
    case 'view':
    case 'info':
    case 'show':
    case 'v':
    case 'search':
    case 'pack':
    case 'init':
    case 'create':
    case 'patch':
    case 'upgrade-interactive':
      return pi(`${tool} ${verb}: installs, changes or inspects packages`);
    case 'exec':
    case 'x':
    case 'dlx':
      return [...out, ...packageRunner(cmd, rc, rest, `${tool} ${verb}`)];
    case 'publish':
      return [...out, ...publish(cmd, `${tool} publish`)];
    case 'unpublish':
    case 'deprecate':
    case 'undeprecate':
      return [...out, ...publish(cmd, `${tool} ${verb}`)];
    case 'dist-tag':
    case 'dist-tags':
      if (rest[0]?.text === 'ls' || rest[0]?.text === 'list') return [...out, reason('step:read-only', 'green', cmd, 'lists dist-tags')];
      return [...out, reason('step:production', 'red', cmd, `${tool} dist-tag ${rest[0]?.text ?? ''} changes what users install`)];
    case 'owner':
    case 'access':
    case 'team':
    case 'org':
    case 'star':
    case 'hook':
      return [...out, reason('step:production', 'red', cmd, `${tool} ${verb} changes registry state`)];
    case 'login':
    case 'adduser':
    case 'add-user':
    case 'logout':
    case 'token':
    case 'whoami':
      if (verb === 'whoami') return [...out, reason('step:unknown', 'yellow', cmd, `${tool} whoami`)];
      return [...out, reason('step:credential-access', 'red', cmd, `${tool} ${verb} handles registry credentials`)];
    case 'config':
    case 'c':
    case 'set':
    case 'get': {
      const action = verb === 'set' || verb === 'get' ? verb : rest[0]?.text ?? '';
      const keyWord = verb === 'set' || verb === 'get' ? rest[0] : rest[1];
      const key = keyWord?.text ?? '';
      if (action === 'set' || action === 'delete' || action === 'edit' || action === 'fix') return [...out, reason('step:outside-write', 'red', cmd, `${tool} config ${action} writes package-manager configuration (registry, tokens, scripts)`)];
      if (/auth|token|password|_pass|cert|key/i.test(key) || action === 'list' || action === 'ls') {
        if (action === 'list' || action === 'ls') return [...out, reason('step:unknown', 'yellow', cmd, `${tool} config list (tokens are redacted)`)];
        return [...out, reason('step:credential-access', 'red', cmd, `${tool} config get of \`${key}\`, which holds a credential`)];
      }
      return [...out, reason('step:read-only', 'green', cmd, `${tool} config get ${key}`)];
    }
    case 'cache':
      return [...out, reason('step:workspace-write', 'yellow', cmd, `${tool} cache ${rest[0]?.text ?? ''}`)];
    case 'version':
      if (rest.length === 0) return [...out, reason('step:read-only', 'green', cmd, `${tool} version`)];
      return [...out, reason('step:workspace-write', 'yellow', cmd, `${tool} version bumps the version (and may tag)`)];
    case 'help':
    case '--version':
    case '-v':
    case 'doctor':
    case 'root':
    case 'bin':
    case 'prefix':
    case 'docs':
    case 'home':
    case 'repo':
    case 'bugs':
    case 'fund':
    case 'query':
    case 'sbom':
    case 'licenses':
      return [...out, reason('step:read-only', 'green', cmd, `${tool} ${verb}`)];
    case 'npm':
      if (tool === 'yarn' && rest[0]?.text === 'publish') return [...out, ...publish(cmd, 'yarn npm publish')];
      return [...out, reason('step:unknown', 'yellow', cmd, `${tool} npm ${rest[0]?.text ?? ''}`)];
    case 'workspace':
    case 'workspaces':
      return [...out, reason('step:build-test', 'yellow', cmd, `${tool} ${verb}: runs project scripts`)];
    case 'build':
      return [...out, reason('step:build-test', 'yellow', cmd, `${tool} build`)];
    case 'test:':
    default:
      if (tool === 'npm') return [...out, reason('step:unknown', 'yellow', cmd, `npm ${verb}`)];
      // yarn/pnpm/bun run package.json scripts by name.
      return [...out, ...script(cmd, tool, pos[0])];
  }
}

function pip(cmd: Cmd, rc: RuleContext): Reason[] {
  const pos = parseArgs(cmd.args, { values: ['-r', '--requirement', '-c', '--constraint', '-i', '--index-url', '--extra-index-url', '-f', '--find-links', '-t', '--target', '--prefix', '--root', '--cache-dir', '--python'] }).positionals;
  const verb = pos[0]?.text ?? '';
  if (verb === 'config') {
    const action = pos[1]?.text ?? '';
    if (action === 'set' || action === 'unset' || action === 'edit') return [reason('step:outside-write', 'red', cmd, `${cmd.name} config ${action} writes pip configuration`)];
    return [reason('step:unknown', 'yellow', cmd, `${cmd.name} config ${action}`)];
  }
  if (['list', 'show', 'freeze', 'check', '--version', 'help', 'inspect', 'debug', 'index', 'search'].includes(verb)) return [reason('step:read-only', 'green', cmd, `${cmd.name} ${verb}`)];
  const out = [reason('step:package-install', 'yellow', cmd, `${cmd.name} ${verb} installs or changes packages`)];
  for (const a of cmd.args) {
    const t = a.text.includes('=') && a.text.startsWith('--') ? a.text.slice(a.text.indexOf('=') + 1) : a.text;
    if (looksLikeUrl(t) || looksLikeUrl(t.replace(/^git\+/, ''))) {
      const host = parseTarget(t.replace(/^git\+/, '')).host;
      if (!host || !rc.allowHost(host)) {
        if (!['pypi.org', 'files.pythonhosted.org'].includes(host ?? '')) out.push(reason('step:network', 'red', cmd, `installs from ${host ?? t}, which is not on the network allow list`));
      }
    }
  }
  return out;
}

function make(cmd: Cmd, rc: RuleContext): Reason[] {
  const p = parseArgs(cmd.args, { values: ['-C', '--directory', '-f', '--file', '--makefile', '-j', '--jobs', '-l', '--load-average', '-I', '--include-dir', '-o', '-W', '--what-if', '--old-file', '--new-file', '--assume-new', '--assume-old'] });
  const out: Reason[] = [];
  for (const o of p.options) {
    if ((o.name === '-C' || o.name === '--directory') && o.value) {
      const { resolvePath } = { resolvePath: (t: string) => rcResolve(cmd, rc, t) };
      const place = resolvePath(o.value.text);
      if (place !== 'workspace') out.push(reason('step:unknown', 'yellow', cmd, `make -C runs in \`${o.value.raw}\`, a tree the policy does not cover`));
    }
  }
  const targets = p.positionals.filter((w) => !/^[A-Za-z_][A-Za-z0-9_]*=/.test(w.text));
  for (const t of targets) {
    if (!t.known) return [...out, reason('step:obfuscated', 'red', cmd, 'make target from an expansion')];
    if (isProductionName(t.text)) return [...out, reason('step:production', 'red', cmd, `make ${t.text} deploys, releases or publishes by its name`)];
  }
  return [...out, reason('step:build-test', 'yellow', cmd, `make ${targets.map((t) => t.text).join(' ')}: runs the project's build (project code, logged)`.trim())];
}

import { resolvePath as resolve } from '../../shell/paths.js';
function rcResolve(cmd: Cmd, rc: RuleContext, t: string): string {
  return resolve(t, cmd.cwd, rc.ctx).place;
}

function subcommandTool(cmd: Cmd, rc: RuleContext): Reason[] | null {
  const pos = cmd.args.filter((a) => !a.text.startsWith('-')).map((a) => a.text);
  const verb = pos[0] ?? '';
  const bt = (msg: string): Reason[] => [reason('step:build-test', 'yellow', cmd, msg)];
  const pi = (msg: string): Reason[] => [reason('step:package-install', 'yellow', cmd, msg), ...urlArgs(cmd, rc)];
  switch (cmd.name) {
    case 'go':
      if (['get', 'install'].includes(verb) || (verb === 'mod' && ['download', 'tidy', 'get'].includes(pos[1] ?? ''))) return pi(`go ${verb}`);
      if (['version', 'env', 'list', 'doc', 'help'].includes(verb)) return [reason('step:read-only', 'green', cmd, `go ${verb}`)];
      return bt(`go ${verb} builds or runs project code`);
    case 'cargo':
      if (verb === 'publish') return publish(cmd, 'cargo publish').map((r) => (r.zone === 'red' && cmd.args.some((a) => a.text === '-n') ? { ...r, zone: 'yellow' as const } : r));
      if (['add', 'install', 'update', 'fetch', 'remove', 'rm', 'uninstall', 'vendor', 'generate-lockfile'].includes(verb)) return pi(`cargo ${verb}`);
      if (['login', 'logout', 'owner', 'yank'].includes(verb)) return [reason(verb === 'login' || verb === 'logout' ? 'step:credential-access' : 'step:production', 'red', cmd, `cargo ${verb}`)];
      return bt(`cargo ${verb} builds or runs project code`);
    case 'mvn':
    case 'mvnw':
    case './mvnw':
      if (pos.some((p) => p === 'deploy' || p.includes('release:') || p === 'site-deploy' || p.startsWith('deploy:'))) return [reason('step:production', 'red', cmd, 'mvn deploy publishes artifacts')];
      return bt(`mvn ${pos.join(' ')}`);
    case 'gradle':
    case 'gradlew':
      if (pos.some((p) => /publish|deploy|release|upload/i.test(p))) return [reason('step:production', 'red', cmd, 'gradle publishes artifacts')];
      return bt(`gradle ${pos.join(' ')}`);
    case 'dotnet':
      if ((verb === 'nuget' && pos[1] === 'push') || verb === 'publish') return verb === 'publish' ? bt('dotnet publish builds a release output locally') : [reason('step:production', 'red', cmd, 'dotnet nuget push publishes a package')];
      if (verb === 'add' || verb === 'restore' || verb === 'tool') return pi(`dotnet ${verb}`);
      return bt(`dotnet ${verb}`);
    case 'poetry':
    case 'uv':
    case 'pipenv':
    case 'pdm':
    case 'rye':
    case 'hatch':
    case 'bundle':
    case 'bundler':
    case 'composer':
    case 'deno':
    case 'conda':
    case 'mamba':
    case 'micromamba':
    case 'pixi': {
      if (verb === 'publish' || (cmd.name === 'hatch' && verb === 'publish')) return publish(cmd, `${cmd.name} publish`);
      if ((verb === 'run' || verb === 'exec') && cmd.name !== 'deno') {
        const idx = cmd.args.findIndex((a) => a.text === verb);
        const inner = rewrap(cmd, cmd.args.slice(idx + 1).filter((a, i) => !(i === 0 && a.text === '--')), `${cmd.name} ${verb}`);
        return inner ? rc.judge(inner) : bt(`${cmd.name} ${verb}`);
      }
      if (cmd.name === 'deno') {
        if (verb === 'eval') return null;
        if (verb === 'run' || verb === 'serve') {
          const target = cmd.args.slice(cmd.args.findIndex((a) => a.text === verb) + 1).find((a) => !a.text.startsWith('-'));
          if (target && looksLikeUrl(target.text)) return [reason('step:remote-exec', 'red', cmd, `deno ${verb} runs code straight from ${target.text}`)];
          return [reason('step:unknown', 'yellow', cmd, `deno ${verb} runs a script`)];
        }
        if (['test', 'check', 'lint', 'fmt', 'bench', 'compile', 'task', 'doc'].includes(verb)) return bt(`deno ${verb}`);
        if (['install', 'add', 'cache', 'remove', 'outdated'].includes(verb)) return pi(`deno ${verb}`);
        return [reason('step:unknown', 'yellow', cmd, `deno ${verb}`)];
      }
      if (['install', 'add', 'sync', 'lock', 'update', 'remove', 'pip', 'require', 'i', 'upgrade', 'create', 'tool', 'venv', 'init', 'dump-autoload', 'env'].includes(verb) || verb === '') return pi(`${cmd.name} ${verb || 'install'}`);
      if (verb === 'test' || verb === 'check' || verb === 'build' || verb === 'lint' || verb === 'fmt' || verb === 'format') return bt(`${cmd.name} ${verb}`);
      if (['show', 'list', 'tree', 'info', 'version', 'outdated', 'config'].includes(verb)) return [reason('step:unknown', 'yellow', cmd, `${cmd.name} ${verb}`)];
      return [reason('step:unknown', 'yellow', cmd, `${cmd.name} ${verb}`)];
    }
    case 'apt-get':
    case 'apt':
    case 'apk':
    case 'brew':
    case 'yum':
    case 'dnf':
    case 'zypper':
    case 'pacman':
    case 'snap':
    case 'choco':
    case 'winget':
    case 'scoop':
    case 'port':
    case 'nix-env':
    case 'gem':
    case 'pipx':
    case 'rustup':
    case 'sdk':
    case 'asdf':
    case 'mise':
    case 'nvm':
    case 'volta':
    case 'corepack':
    case 'pyenv':
    case 'rbenv':
    case 'gvm':
    case 'fnm':
    case 'nuget':
    case 'vcpkg':
    case 'conan':
    case 'helmfile':
    case 'luarocks':
    case 'opam':
    case 'cpanm':
    case 'cpan':
    case 'dpkg':
    case 'rpm':
      if (cmd.name === 'gem' && verb === 'push') return [reason('step:production', 'red', cmd, 'gem push publishes a gem')];
      if (cmd.name === 'gem' && (verb === 'signin' || verb === 'owner')) return [reason('step:credential-access', 'red', cmd, `gem ${verb}`)];
      if (cmd.name === 'nuget' && verb === 'push') return [reason('step:production', 'red', cmd, 'nuget push publishes a package')];
      if (cmd.name === 'pipx' && verb === 'run') return packageRunner(cmd, rc, cmd.args.slice(cmd.args.findIndex((a) => a.text === 'run') + 1), 'pipx run');
      if ((cmd.name === 'apt-get' || cmd.name === 'apt') && (verb === 'source' || verb === 'download')) return pi(`${cmd.name} ${verb}`);
      if ((cmd.name === 'dpkg' && pos.length === 0 && cmd.args.some((a) => a.text === '-l' || a.text === '-L' || a.text === '-s')) || ['list', 'search', 'show', 'info', 'which', 'current', 'version', '--version', 'doctor', 'outdated', 'policy'].includes(verb)) {
        return [reason('step:read-only', 'green', cmd, `${cmd.name} ${verb}`)];
      }
      if (cmd.name === 'brew' && verb === 'tap') return [reason('step:package-install', 'yellow', cmd, 'brew tap adds a formula repository')];
      return pi(`${cmd.name} ${verb} installs or changes system packages`);
    default:
      return null;
  }
}

export function packageCommand(cmd: Cmd, rc: RuleContext): Reason[] | null {
  switch (cmd.name) {
    case 'npm':
    case 'yarn':
    case 'pnpm':
    case 'bun':
    case 'yarnpkg':
    case 'cnpm':
      if (cmd.name === 'bun' && cmd.args.some((a) => a.text === '-e' || a.text === '--eval' || a.text === '-p' || a.text === '--print')) return null;
      if (cmd.name === 'bun' && (cmd.args[0]?.text === 'x')) return packageRunner(cmd, rc, cmd.args.slice(1), 'bun x');
      return npmLike(cmd, rc);
    case 'npx':
    case 'bunx':
    case 'pnpx':
    case 'uvx':
      return packageRunner(cmd, rc, cmd.args, cmd.name);
    case 'pip':
    case 'pip3':
    case 'pip2':
    case 'easy_install':
      return pip(cmd, rc);
    case 'make':
    case 'gmake':
    case 'just':
    case 'task':
    case 'mage':
    case 'invoke':
    case 'rake':
      if (cmd.name === 'rake' && cmd.args.length === 0) return [reason('step:build-test', 'yellow', cmd, 'rake default task')];
      return make(cmd, rc);
    default: {
      const sub = subcommandTool(cmd, rc);
      if (sub) return sub;
      if (BUILD_TOOLS.has(cmd.name) || cmd.name === 'gradlew' || cmd.nameWord.text.endsWith('/gradlew') || cmd.nameWord.text.endsWith('/mvnw')) {
        const writes = FORMATTER_WRITES[cmd.name];
        if (writes) {
          const checks = cmd.args.some((a) => CHECK_FLAGS.includes(a.text));
          const writing = writes.length === 0 ? !checks : cmd.args.some((a) => writes.includes(a.text));
          if (writing) return [reason('step:workspace-write', 'yellow', cmd, `${cmd.name} rewrites files in the project`)];
        }
        if (cmd.name === 'dotnet' || cmd.nameWord.text.endsWith('gradlew') || cmd.nameWord.text.endsWith('mvnw')) {
          const s = subcommandTool({ ...cmd, name: cmd.nameWord.text.endsWith('mvnw') ? 'mvn' : cmd.nameWord.text.endsWith('gradlew') ? 'gradle' : cmd.name }, rc);
          if (s) return s;
        }
        // "a subcommand deploy, publish, release ... of any tool": build tools have such subcommands
        // too (`lerna publish`, `nx release`, `hatch publish`, `sbt publish`).
        const sub0 = cmd.args[0];
        if (sub0 && !sub0.text.startsWith('-') && isProductionName(sub0.text)) {
          const dry = cmd.args.some((a) => a.text === '--dry-run' || a.text === '--dryrun');
          return [dry ? reason('step:production', 'yellow', cmd, `${cmd.name} ${sub0.text} with the tool's own dry-run flag: nothing changes`) : reason('step:production', 'red', cmd, `${cmd.name} ${sub0.text}: deploys, publishes or releases`)];
        }
        return [reason('step:build-test', 'yellow', cmd, `${cmd.name} builds, checks or tests the project (project code, logged)`)];
      }
      return null;
    }
  }
}
