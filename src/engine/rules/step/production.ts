import type { Cmd } from '../../shell/command.js';
import { parseArgs } from '../../shell/options.js';
import { baseName } from '../../shell/unwrap.js';
import type { WordValue } from '../../shell/words.js';
import type { Reason } from '../../types.js';
import { reason, type RuleContext } from './context.js';

/**
 * `step:production` (deploy, publish, infrastructure changes; yellow only with a dry-run flag the
 * tool honours) and `step:cloud-read` (read-only cloud and cluster subcommands). Secret reads of
 * cloud CLIs are `step:credential-access`.
 */

export const PRODUCTION_VERBS = new Set(['deploy', 'publish', 'release', 'apply', 'destroy', 'rollout', 'unpublish', 'promote', 'undeploy']);

/** Tokens of a script or target name that mean deploying (`deploy:staging`, `prod-build`, `release.sh`). */
export function isProductionName(name: string): boolean {
  const tokens = name.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
  return tokens.some((t) => PRODUCTION_VERBS.has(t) || t.startsWith('prod') || t === 'deployment' || t === 'deploying' || t === 'release');
}

export function productionName(cmd: Cmd, file: string): Reason | null {
  const base = baseName(file);
  return isProductionName(base.replace(/\.(sh|bash|py|js|mjs|ts|rb|pl|ps1)$/i, ''))
    ? reason('step:production', 'red', cmd, `runs \`${base}\`, which by its name deploys or publishes`)
    : null;
}

function dryRun(cmd: Cmd, style: 'npm' | 'kubectl' | 'helm' | 'plain'): boolean {
  for (const a of cmd.args) {
    const t = a.text;
    if (style === 'kubectl') {
      if (t === '--dry-run' || t === '--dry-run=client' || t === '--dry-run=server') return true;
      continue;
    }
    if (t === '--dry-run' || t === '--dryrun' || (style === 'npm' && t === '--dry-run=true')) return true;
    if (style === 'helm' && t.startsWith('--dry-run=') && t !== '--dry-run=false') return true;
    if (style === 'plain' && t === '-n') return true;
  }
  return false;
}

function prod(cmd: Cmd, what: string, dry: boolean): Reason[] {
  return dry
    ? [reason('step:production', 'yellow', cmd, `${what}, with the tool's own dry-run flag: nothing changes`)]
    : [reason('step:production', 'red', cmd, `${what}: deploys, publishes or changes infrastructure`)];
}

function positionals(cmd: Cmd, values: string[] = []): WordValue[] {
  return parseArgs(cmd.args, { values }).positionals;
}

const KUBECTL_WRITE = new Set(['apply', 'create', 'delete', 'patch', 'replace', 'rollout', 'scale', 'set', 'edit', 'exec', 'annotate', 'label', 'drain', 'cordon', 'uncordon', 'taint', 'run', 'expose', 'autoscale', 'cp', 'attach', 'debug', 'port-forward', 'proxy', 'certificate']);
const KUBECTL_VALUES = ['-n', '--namespace', '-f', '--filename', '-o', '--output', '-l', '--selector', '--context', '--cluster', '--kubeconfig', '--user', '-c', '--container', '-k', '--kustomize', '--field-selector', '-s', '--server', '--token', '--as', '--request-timeout', '--tail', '--since', '--template', '--sort-by', '--dry-run'];

function kubectl(cmd: Cmd): Reason[] {
  const pos = positionals(cmd, KUBECTL_VALUES).map((w) => w.text);
  const verb = pos[0] ?? '';
  const hasToken = cmd.args.some((a) => a.text === '--token' || a.text.startsWith('--token='));
  const out: Reason[] = hasToken ? [reason('step:credential-access', 'red', cmd, 'passes a cluster token on the command line')] : [];
  if ((verb === 'get' || verb === 'describe') && pos.slice(1).some((p) => /^(secrets?|secret\/.*)$/i.test(p) || p.split(',').some((x) => /^secrets?$/i.test(x)))) {
    return [...out, reason('step:credential-access', 'red', cmd, `kubectl ${verb} of secrets`)];
  }
  if (verb === 'config') {
    if (pos[1] === 'view' && cmd.args.some((a) => a.text === '--raw' || a.text === '--flatten')) return [...out, reason('step:credential-access', 'red', cmd, 'prints cluster credentials (config view --raw)')];
    if (['view', 'get-contexts', 'current-context', 'get-clusters', 'get-users'].includes(pos[1] ?? '')) return [...out, reason('step:cloud-read', 'yellow', cmd, `kubectl config ${pos[1]}`)];
    return [...out, reason('step:outside-write', 'red', cmd, 'changes the kubeconfig')];
  }
  if (KUBECTL_WRITE.has(verb)) return [...out, ...prod(cmd, `kubectl ${verb}`, dryRun(cmd, 'kubectl'))];
  if (verb === 'kustomize' || verb === 'diff' || verb === 'version' || verb === 'explain' || verb === 'api-resources' || verb === 'api-versions' || verb === 'cluster-info' || verb === 'get' || verb === 'describe' || verb === 'logs' || verb === 'top' || verb === 'auth' || verb === 'events' || verb === 'wait') {
    return [...out, reason('step:cloud-read', 'yellow', cmd, `kubectl ${verb} reads the cluster`)];
  }
  return [...out, ...prod(cmd, `kubectl ${verb || '(no verb)'}`, dryRun(cmd, 'kubectl'))];
}

function helm(cmd: Cmd): Reason[] {
  const pos = positionals(cmd, ['-n', '--namespace', '-f', '--values', '--set', '--set-string', '--set-file', '--version', '--kube-context', '--kubeconfig', '-o', '--output', '--repo', '--timeout', '--post-renderer']).map((w) => w.text);
  const verb = pos[0] ?? '';
  if (['install', 'upgrade', 'uninstall', 'delete', 'rollback', 'push', 'test'].includes(verb)) return prod(cmd, `helm ${verb}`, dryRun(cmd, 'helm'));
  if (verb === 'repo' && (pos[1] === 'add' || pos[1] === 'update')) return [reason('step:package-install', 'yellow', cmd, `helm repo ${pos[1]}`)];
  if (verb === 'registry' && pos[1] === 'login') return [reason('step:credential-access', 'red', cmd, 'logs in to a registry')];
  if (verb === 'get' && pos[1] === 'values') return [reason('step:cloud-read', 'yellow', cmd, 'helm get values (may include secret values)')];
  if (['plugin'].includes(verb)) return [reason('step:package-install', 'yellow', cmd, 'helm plugin')];
  return [reason('step:cloud-read', 'yellow', cmd, `helm ${verb}`)];
}

function terraform(cmd: Cmd): Reason[] {
  const pos = positionals(cmd, ['-var', '-var-file', '-target', '-chdir', '-out', '-state', '-backend-config', '-lock-timeout', '-parallelism']).map((w) => w.text).filter((t) => !t.startsWith('-'));
  const verb = pos[0] ?? '';
  const name = cmd.name === 'tofu' ? 'tofu' : cmd.name;
  if (['apply', 'destroy', 'import', 'taint', 'untaint', 'state', 'force-unlock', 'refresh', 'push', 'login', 'logout'].includes(verb)) {
    if (verb === 'login' || verb === 'logout') return [reason('step:credential-access', 'red', cmd, `${name} ${verb} handles tokens`)];
    return prod(cmd, `${name} ${verb}`, false);
  }
  if (verb === 'workspace' && pos[1] && pos[1] !== 'list' && pos[1] !== 'show' && pos[1] !== 'select') return prod(cmd, `${name} workspace ${pos[1]}`, false);
  if (verb === 'run-all' || cmd.name === 'terragrunt') {
    const inner = verb === 'run-all' ? pos[1] ?? '' : verb;
    if (['apply', 'destroy', 'import', 'state', 'taint'].includes(inner)) return prod(cmd, `${name} ${verb} ${inner}`, false);
  }
  return [reason('step:cloud-read', 'yellow', cmd, `${name} ${verb || ''} (plan, validate, show: nothing changes)`)];
}

const AWS_SECRET = /^(get-secret-value|get-session-token|get-federation-token|get-login-password|get-authorization-token|assume-role.*|get-credentials-for-identity|get-open-id-token.*|get-role-credentials|export-credentials|get-access-key-info|create-access-key|get-password-data|decrypt)$/;

function aws(cmd: Cmd): Reason[] {
  const pos = positionals(cmd, ['--region', '--profile', '--output', '--query', '--endpoint-url', '--cli-input-json', '--cli-input-yaml', '--color', '--ca-bundle', '--cli-read-timeout', '--cli-connect-timeout']).map((w) => w.text);
  const service = pos[0] ?? '';
  const op = pos[1] ?? '';
  if (service === 'configure') {
    return [reason('step:credential-access', 'red', cmd, `aws configure ${op} reads or writes AWS credentials`)];
  }
  if (AWS_SECRET.test(op)) return [reason('step:credential-access', 'red', cmd, `aws ${service} ${op} reads secrets or temporary credentials`)];
  if (service === 'ssm' && /^get-parameters?(-by-path)?$/.test(op) && cmd.args.some((a) => a.text === '--with-decryption')) return [reason('step:credential-access', 'red', cmd, 'reads decrypted SSM parameters')];
  if (service === 's3') {
    if (op === 'ls' || op === 'presign') return [reason('step:cloud-read', 'yellow', cmd, `aws s3 ${op}`)];
    const dest = pos[pos.length - 1] ?? '';
    if ((op === 'cp' || op === 'sync') && !dest.startsWith('s3://')) return [reason('step:cloud-read', 'yellow', cmd, `aws s3 ${op} downloads from S3`)];
    return prod(cmd, `aws s3 ${op}`, cmd.args.some((a) => a.text === '--dryrun'));
  }
  if (service === 'sts' && op === 'get-caller-identity') return [reason('step:cloud-read', 'yellow', cmd, 'aws sts get-caller-identity')];
  if (/^(describe|list|get|head|query|scan|batch-get|lookup|search|validate|estimate|preview|filter|test|check|select|simulate)(-|$)/.test(op) || op === 'help' || op === 'wait' || service === 'help' || op === '') {
    return [reason('step:cloud-read', 'yellow', cmd, `aws ${service} ${op} reads`)];
  }
  return prod(cmd, `aws ${service} ${op}`, cmd.args.some((a) => a.text === '--dry-run'));
}

function gcloud(cmd: Cmd): Reason[] {
  const pos = positionals(cmd, ['--project', '--format', '--filter', '--region', '--zone', '--account', '--configuration', '--impersonate-service-account', '--limit', '--sort-by', '--flatten', '--verbosity']).map((w) => w.text);
  const joined = pos.join(' ');
  const verb = pos[pos.length - 1] ?? '';
  if (/^auth (print-access-token|print-identity-token|application-default print-access-token|login|activate-service-account)|^secrets versions access|^iam service-accounts keys create|^container clusters get-credentials|^sql generate-login-token/.test(joined)) {
    return [reason('step:credential-access', 'red', cmd, `gcloud ${joined.split(' ').slice(0, 3).join(' ')} reads or stores credentials`)];
  }
  const readVerb = pos.some((p) => ['list', 'describe', 'get-iam-policy', 'read', 'tail', 'info', 'version', 'help', 'get-value', 'search', 'lookup', 'get', 'print-settings'].includes(p) || p.startsWith('list-') || p.startsWith('describe-') || p.startsWith('get-'));
  if (readVerb || pos.length === 0 || pos[0] === 'info' || pos[0] === 'version' || (pos[0] === 'config' && (pos[1] === 'list' || pos[1] === 'get-value' || pos[1] === 'get'))) return [reason('step:cloud-read', 'yellow', cmd, `gcloud ${joined} reads`)];
  return prod(cmd, `gcloud ${joined || verb}`, false);
}

function az(cmd: Cmd): Reason[] {
  const pos = positionals(cmd, ['-g', '--resource-group', '-n', '--name', '--subscription', '-o', '--output', '--query', '--vault-name', '--location', '-l']).map((w) => w.text);
  const joined = pos.join(' ');
  if (/^account get-access-token|^keyvault secret (show|download|list-versions)|^login|^acr login|^acr credential|^aks get-credentials|^storage account keys|^ad sp credential|^ad app credential|^cosmosdb keys list|^webapp deployment list-publishing-profiles/.test(joined)) {
    return [reason('step:credential-access', 'red', cmd, `az ${pos.slice(0, 3).join(' ')} reads or stores credentials`)];
  }
  const verb = pos[pos.length - 1] ?? '';
  if (['list', 'show', 'version', 'help'].includes(verb) || verb.startsWith('list-') || verb.startsWith('show-') || pos[0] === 'account' && pos[1] === 'show' || pos.length === 0) return [reason('step:cloud-read', 'yellow', cmd, `az ${joined} reads`)];
  return prod(cmd, `az ${joined}`, false);
}

function flyLike(cmd: Cmd, reads: string[]): Reason[] {
  const pos = positionals(cmd, ['-a', '--app', '-c', '--config', '--org', '-r', '--region', '--token', '-t', '--scope']).map((w) => w.text);
  const verb = pos[0] ?? '';
  if (cmd.args.some((a) => a.text === '--token' || a.text === '-t' || a.text.startsWith('--token='))) return [reason('step:credential-access', 'red', cmd, 'passes a token on the command line')];
  if (/^(env|secrets?)$/.test(verb) && pos[1] !== 'ls' && pos[1] !== 'list') return [reason('step:credential-access', 'red', cmd, `${cmd.name} ${verb} ${pos[1] ?? ''} handles secrets`)];
  if (verb === 'login' || verb === 'auth') return [reason('step:credential-access', 'red', cmd, `${cmd.name} ${verb} handles credentials`)];
  if (reads.includes(verb)) return [reason('step:cloud-read', 'yellow', cmd, `${cmd.name} ${verb}`)];
  return prod(cmd, `${cmd.name} ${verb || '(deploys by default)'}`, false);
}

export function productionCommand(cmd: Cmd, _rc: RuleContext): Reason[] | null {
  switch (cmd.name) {
    case 'kubectl':
    case 'oc':
    case 'k':
      return kubectl(cmd);
    case 'helm':
      return helm(cmd);
    case 'terraform':
    case 'tofu':
    case 'terragrunt':
    case 'tf':
      return terraform(cmd);
    case 'pulumi': {
      const verb = positionals(cmd, ['-s', '--stack', '-C', '--cwd']).map((w) => w.text)[0] ?? '';
      if (['up', 'update', 'destroy', 'import', 'refresh', 'cancel', 'watch'].includes(verb)) return prod(cmd, `pulumi ${verb}`, false);
      if (verb === 'stack' && cmd.args.some((a) => a.text === 'rm' || a.text === 'init' || a.text === 'import')) return prod(cmd, 'pulumi stack change', false);
      if (verb === 'login' || (verb === 'config' && cmd.args.some((a) => a.text === '--secret' || a.text === '--show-secrets'))) return [reason('step:credential-access', 'red', cmd, 'pulumi handles secrets or credentials')];
      return [reason('step:cloud-read', 'yellow', cmd, `pulumi ${verb}`)];
    }
    case 'aws':
      return aws(cmd);
    case 'gcloud':
    case 'gsutil':
      if (cmd.name === 'gsutil') {
        const v = positionals(cmd)[0]?.text ?? '';
        return ['ls', 'cat', 'du', 'stat', 'hash', 'version', 'help'].includes(v) ? [reason('step:cloud-read', 'yellow', cmd, `gsutil ${v}`)] : prod(cmd, `gsutil ${v}`, false);
      }
      return gcloud(cmd);
    case 'az':
      return az(cmd);
    case 'doctl':
    case 'heroku':
    case 'ansible-playbook':
    case 'ansible':
    case 'argocd':
    case 'eksctl':
    case 'kubeadm':
    case 'kops':
    case 'nomad':
    case 'consul':
    case 'cf':
    case 'copilot':
    case 'ecs-cli':
    case 'eb':
    case 'railway':
    case 'render':
    case 'semantic-release':
    case 'goreleaser':
    case 'twine':
    case 'flit':
    case 'vsce':
    case 'ovsx':
    case 'skaffold':
    case 'tilt':
    case 'kustomize': {
      const verb = positionals(cmd)[0]?.text ?? '';
      if (cmd.name === 'kustomize' && verb !== 'edit') return [reason('step:cloud-read', 'yellow', cmd, `kustomize ${verb}`)];
      if ((cmd.name === 'argocd' || cmd.name === 'nomad' || cmd.name === 'eksctl' || cmd.name === 'goreleaser') && ['list', 'get', 'version', 'status', 'diff', 'check', 'logs', 'history'].includes(verb)) return [reason('step:cloud-read', 'yellow', cmd, `${cmd.name} ${verb}`)];
      if (cmd.name === 'ansible-playbook' && cmd.args.some((a) => a.text === '--check' || a.text === '-C' || a.text === '--syntax-check' || a.text === '--list-tasks')) return [reason('step:production', 'yellow', cmd, 'ansible-playbook in check mode')];
      if (cmd.name === 'twine' && verb === 'check') return [reason('step:build-test', 'yellow', cmd, 'twine check')];
      if (cmd.name === 'goreleaser' && (cmd.args.some((a) => a.text === '--snapshot' || a.text === '--skip=publish')) ) return [reason('step:build-test', 'yellow', cmd, 'goreleaser snapshot build')];
      return prod(cmd, `${cmd.name} ${verb}`, cmd.name === 'semantic-release' && cmd.args.some((a) => a.text === '--dry-run' || a.text === '-d'));
    }
    case 'fly':
    case 'flyctl':
      return flyLike(cmd, ['status', 'logs', 'version', 'apps', 'info', 'doctor', 'ips', 'regions', 'releases', 'list', 'ls', 'platform', 'help']);
    case 'vercel':
    case 'netlify':
    case 'firebase':
    case 'wrangler':
    case 'serverless':
    case 'sls':
    case 'cdk':
    case 'sam':
    case 'amplify':
    case 'surge':
    case 'now': {
      const verb = positionals(cmd)[0]?.text ?? '';
      const reads = ['dev', 'build', 'whoami', 'ls', 'list', 'inspect', 'logs', 'status', 'help', 'version', 'synth', 'diff', 'ls-deployments', 'serve', 'emulators:start', 'tail', 'validate', 'info', 'init', 'local', 'bootstrap-check', 'doctor', 'types', 'generate', 'test', 'package', 'print', 'open', 'link', 'pull'];
      if (verb === 'env' || verb === 'secrets' || verb === 'secret' || verb === 'login' || verb === 'logout' || verb === 'auth' || verb === 'config:get' || verb === 'functions:config:get') {
        if (!(verb === 'env' && (cmd.args[1]?.text === 'ls'))) return [reason('step:credential-access', 'red', cmd, `${cmd.name} ${verb} handles secrets or credentials`)];
      }
      if (reads.includes(verb) && verb !== 'pull') return [reason('step:unknown', 'yellow', cmd, `${cmd.name} ${verb}`)];
      if (verb === 'pull') return [reason('step:credential-access', 'red', cmd, `${cmd.name} pull downloads environment secrets`)];
      const dry = cmd.name === 'wrangler' && dryRun(cmd, 'plain');
      return prod(cmd, `${cmd.name} ${verb || '(deploys by default)'}`, dry);
    }
    case 'docker':
    case 'docker-compose':
    case 'podman':
    case 'nerdctl':
    case 'buildah': {
      const pos = positionals(cmd, ['-t', '--tag', '-f', '--file', '-e', '--env', '-v', '--volume', '-p', '--publish', '--name', '-w', '--workdir', '--network', '--platform', '--build-arg', '-u', '--user', '--entrypoint', '-H', '--host', '--context', '--config', '--target', '--mount', '--label', '-l', '--env-file', '--cache-from', '--cache-to', '--secret', '-o', '--output', '--format']).map((w) => w.text);
      const verb = pos[0] ?? '';
      if (verb === 'push' || ((verb === 'image' || verb === 'compose') && pos[1] === 'push') || (verb === 'manifest' && pos[1] === 'push') || (verb === 'trust' && pos[1] === 'sign')) return prod(cmd, `${cmd.name} push`, false);
      if (verb === 'login') return [...prod(cmd, `${cmd.name} login`, false), reason('step:credential-access', 'red', cmd, 'stores registry credentials')];
      if ((verb === 'buildx' || verb === 'build' || verb === 'image') && cmd.args.some((a) => a.text === '--push' || /^--output=.*push=true/.test(a.text))) return prod(cmd, `${cmd.name} build --push`, false);
      if (verb === 'context' || verb === 'swarm' || verb === 'service' || verb === 'stack' || verb === 'secret' || verb === 'config' || verb === 'node') {
        if (['ls', 'list', 'inspect', 'show', 'ps'].includes(pos[1] ?? '')) return [reason('step:cloud-read', 'yellow', cmd, `${cmd.name} ${verb} ${pos[1]}`)];
        return prod(cmd, `${cmd.name} ${verb} ${pos[1] ?? ''}`, false);
      }
      if ((verb === 'system' || verb === 'volume' || verb === 'image' || verb === 'container' || verb === 'builder' || verb === 'network') && (pos[1] === 'prune' || pos[1] === 'rm')) return [reason('step:delete', 'red', cmd, `${cmd.name} ${verb} ${pos[1]} deletes data`)];
      if (['ps', 'images', 'logs', 'inspect', 'version', 'info', 'stats', 'top', 'history', 'port', 'diff', 'events', 'search'].includes(verb)) return [reason('step:read-only', 'green', cmd, `${cmd.name} ${verb}`)];
      if (cmd.args.some((a) => a.text === '--privileged' || /^-v\/:|^--volume=\/:|^\/:\//.test(a.text) || a.text === '/:/host' || a.text.startsWith('/var/run/docker.sock'))) {
        return [reason('step:outside-write', 'red', cmd, 'runs a container with host access (--privileged, the host root or the Docker socket mounted)')];
      }
      return [reason('step:unknown', 'yellow', cmd, `${cmd.name} ${verb}`)];
    }
    default:
      return null;
  }
}

/** Any tool whose subcommand deploys or publishes (`fly deploy`, `cdk deploy`, `sam deploy`, `xyz release`). */
export function genericProduction(cmd: Cmd): Reason[] {
  const pos = cmd.args.filter((a) => !a.text.startsWith('-')).slice(0, 3);
  const hit = pos.find((p) => PRODUCTION_VERBS.has(p.text.toLowerCase()));
  if (hit) return prod(cmd, `\`${cmd.name} ${hit.text}\``, dryRun(cmd, 'npm'));
  if (isProductionName(cmd.name) && cmd.name !== 'release-it-test') return prod(cmd, `\`${cmd.name}\` (its name says it deploys or publishes)`, dryRun(cmd, 'npm'));
  return [];
}
