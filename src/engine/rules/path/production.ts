import { compileGlobs } from '../../glob.js';
import type { Reason } from '../../types.js';
import { CODE_TREE_DIRS, DOCS_OR_TEST_DIRS, baseName, extension, hasAncestorIn, segments } from './segments.js';

const INFRA_DIRS = new Set(['terraform', 'infra', 'infrastructure', 'deploy', 'deployment', 'deployments', 'k8s', 'kubernetes', 'helm', 'charts', 'ansible']);
const PROD_DIRS = new Set(['prod', 'production', 'prd']);
const CONFIG_EXTS = new Set(['yml', 'yaml', 'json', 'toml', 'env', 'ini', 'conf', 'properties', 'tf', 'tfvars']);

const namedFiles = compileGlobs([
  '*.tf',
  '*.tf.json',
  'kustomization.yaml',
  'kustomization.yml',
  'Pulumi*.yaml',
  'Pulumi*.yml',
  'serverless.yml',
  'serverless.yaml',
  'fly.toml',
  'vercel.json',
  'netlify.toml',
  'app.yaml',
  'Procfile',
  'Dockerfile*',
  '*.Dockerfile',
  'Containerfile*',
  'docker-compose*.yml',
  'docker-compose*.yaml',
  'compose.yml',
  'compose.yaml',
]);

function why(path: string): string | null {
  if (namedFiles(path)) return `${baseName(path)} defines infrastructure or deployment`;
  const segs = segments(path);
  const dirs = segs.slice(0, -1);
  for (let i = 0; i < dirs.length; i++) {
    const d = dirs[i] as string;
    if (PROD_DIRS.has(d)) return `it is under a \`${d}/\` directory`;
    if (INFRA_DIRS.has(d) && !hasAncestorIn(segs, i, CODE_TREE_DIRS)) return `it is under an infrastructure directory \`${d}/\``;
  }
  const name = baseName(path);
  if (CONFIG_EXTS.has(extension(name)) && !hasAncestorIn(segs, segs.length - 1, DOCS_OR_TEST_DIRS)) {
    const tokens = name.split(/[-_.]/);
    if (tokens.slice(0, -1).some((t) => t === 'prod' || t === 'production')) return `${name} is a production config file`;
  }
  return null;
}

export function production(path: string): Reason | null {
  const w = why(path);
  if (!w) return null;
  return {
    rule: 'path:production',
    zone: 'red',
    message: `${path} is production or deployment config: ${w}. A human who owns the environment must approve it.`,
  };
}
