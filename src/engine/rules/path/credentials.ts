import { compileGlobs } from '../../glob.js';
import type { Reason } from '../../types.js';
import { baseName } from './segments.js';

export const CREDENTIAL_GLOBS = [
  '.env',
  '.env.*',
  '*.env',
  '*.pem',
  '*.key',
  '*.p12',
  '*.pfx',
  '*.jks',
  '*.keystore',
  '*.kdbx',
  '*.ppk',
  'id_rsa',
  'id_dsa',
  'id_ecdsa',
  'id_ed25519',
  '.ssh/**',
  '.aws/**',
  '.azure/**',
  '.kube/**',
  '*kubeconfig*',
  'credentials',
  'credentials.json',
  '*credentials*.json',
  '*service-account*.json',
  'client_secret*.json',
  'secrets.yml',
  'secrets.yaml',
  'secrets.json',
  '**/secrets/**',
  '.netrc',
  '_netrc',
  '.git-credentials',
  '.htpasswd',
  '*.tfstate*',
  '*.tfvars',
  '.vault-token',
  '.pgpass',
];

const match = compileGlobs(CREDENTIAL_GLOBS);

/** Example env files are yellow and content-scanned instead (default-policy.md, path:credentials). */
const EXAMPLE_ENV = /^(\.env\.(example|sample|template)|.*\.example\.env)$/;

export function isCredentialPath(path: string): boolean {
  const name = baseName(path);
  if (EXAMPLE_ENV.test(name) && !/(^|\/)(\.ssh|\.aws|\.azure|\.kube|secrets)\//i.test(path)) return false;
  if (name.endsWith('.pub') && /^id_(rsa|dsa|ecdsa|ed25519)/.test(name)) return false;
  return match(path);
}

export function credentials(path: string): Reason | null {
  if (!isCredentialPath(path)) return null;
  return {
    rule: 'path:credentials',
    zone: 'red',
    message: `${path} is a credentials file (keys, tokens, env files, state with secrets). It should not be committed by an agent; keep secrets in a secret store.`,
  };
}
