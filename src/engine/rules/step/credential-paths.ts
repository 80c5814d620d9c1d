import picomatch from 'picomatch';
import { compileGlobs } from '../../glob.js';
import { UNKNOWN } from '../../shell/words.js';

/**
 * Which paths name a credential (the `step:credential-access` row): the `path:credentials` and
 * `path:pkg-config` globs, matched anywhere (any suffix of the path), plus the well-known files under
 * home and the process environment.
 */
const CREDENTIAL_GLOBS = [
  '.env', '.env.*', '*.env', '*.pem', '*.key', '*.p12', '*.pfx', '*.jks', '*.keystore', '*.kdbx', '*.ppk',
  'id_rsa', 'id_dsa', 'id_ecdsa', 'id_ed25519', '.ssh/**', '.aws/**', '.azure/**', '.kube/**', '*kubeconfig*',
  'credentials', 'credentials.json', '*credentials*.json', '*service-account*.json', 'client_secret*.json',
  'secrets.yml', 'secrets.yaml', 'secrets.json', '**/secrets/**', '.netrc', '.git-credentials', '.htpasswd',
  '*.tfstate*', '*.tfvars', '.vault-token',
];
const CREDENTIAL_EXCEPTIONS = ['.env.example', '.env.sample', '.env.template', '*.example.env', '*.pub'];
const PKG_CONFIG_GLOBS = [
  '.npmrc', '.yarnrc', '.yarnrc.yml', '.pnpmfile.cjs', 'bunfig.toml', '.pypirc', 'pip.conf', '.cargo/config*', 'nuget.config', '.gemrc',
];
/** Anchored at a suffix of the path: `~/.config/gh/hosts.yml` and `/home/u/.config/gh/...` alike. */
const HOME_GLOBS = [
  '.ssh/**', '.aws/**', '.azure/**', '.gnupg/**', '.config/gh/**', '.config/gcloud/**', '.config/hub', '.config/glab-cli/**',
  '.cargo/credentials*', '.pgpass', '.m2/settings.xml', '.gradle/gradle.properties', '.terraformrc', '.terraform.d/credentials.tfrc.json',
  '.netrc', '.git-credentials', '.docker/config.json', '.kube/config', '.kube/**', 'proc/*/environ', '.git/config', '.envrc',
];

const isCredential = compileGlobs([...CREDENTIAL_GLOBS, ...PKG_CONFIG_GLOBS]);
const isException = compileGlobs(CREDENTIAL_EXCEPTIONS);
const suffixRe = new RegExp(HOME_GLOBS.map((g) => `(?:${picomatch.makeRe(g, { dot: true, nocase: true }).source})`).join('|'), 'i');

/** Samples for judging a glob argument: a glob that matches credentials but none of these targets credentials. */
const CREDENTIAL_SAMPLES = [
  '.env', '.env.local', '.env.production', 'prod.env', 'id_rsa', 'id_ed25519', 'id_ecdsa', 'id_dsa', 'server.pem', 'server.key',
  'cert.p12', 'cert.pfx', 'release.jks', 'release.keystore', 'db.kdbx', 'putty.ppk', 'credentials', 'credentials.json',
  'gcp-credentials.json', 'my-service-account.json', 'client_secret_1.json', 'secrets.yml', 'secrets.yaml', 'secrets.json',
  '.netrc', '.git-credentials', '.htpasswd', 'terraform.tfstate', 'terraform.tfstate.backup', 'prod.tfvars', '.vault-token',
  '.npmrc', '.yarnrc', '.yarnrc.yml', '.pypirc', 'pip.conf', 'bunfig.toml', '.pnpmfile.cjs', 'nuget.config', '.gemrc',
  'kubeconfig', '.envrc', '.pgpass',
];
const BENIGN_SAMPLES = [
  'README.md', 'index.ts', 'main.py', 'a', 'foo', 'data.json', 'config.yml', 'config.yaml', 'notes.txt', 'Makefile', 'x.js',
  'package.json', 'app.conf', 'app.toml', 'setup.cfg', 'a.c', 'image.png', 'Cargo.lock', '.gitignore', '.eslintrc', '.prettierrc',
  'settings.ini', 'a.xml', 'file.sh', '.editorconfig', '.nvmrc',
];

function segmentsOf(path: string): string[] | null {
  let p = path.trim();
  if (p.startsWith('@')) p = p.slice(1);
  if (p.startsWith('file://')) p = p.slice(7);
  if (p === '' || p.includes('://')) return null;
  const raw = p.split('/');
  // Only what follows the last unknown part can be trusted as a path: `$X/.ssh/id_rsa` ends in `.ssh/id_rsa`.
  let start = 0;
  raw.forEach((s, i) => {
    if (s.includes(UNKNOWN)) start = i + 1;
  });
  const segs: string[] = [];
  for (const s of raw.slice(start)) {
    if (s === '' || s === '.' || s === '~') continue;
    if (s === '..') segs.pop();
    else segs.push(s);
  }
  return segs.length ? segs : null;
}

function literalPathNamesCredential(segs: string[]): string | null {
  for (let i = 0; i < segs.length; i++) {
    const candidate = segs.slice(i).join('/');
    if (i === 0 || segs.length - i <= 4) {
      if (isCredential(candidate) && !isException(candidate)) return candidate;
      if (suffixRe.test(candidate)) return candidate;
    }
  }
  return null;
}

const MAGIC = /[*?[{]/;

/**
 * Returns the part of `path` that names a credential, or null. A glob counts when the directory it
 * starts from is a credential place (`~/.ssh/*`) or when its file-name part targets credential names
 * specifically (`*.pem`, `.env*`), not when it is generic (`*`, `*.json`).
 */
export function credentialInPath(path: string): string | null {
  const segs = segmentsOf(path);
  if (!segs) return null;
  const firstMagic = segs.findIndex((s) => MAGIC.test(s));
  if (firstMagic === -1) return literalPathNamesCredential(segs);
  const prefix = segs.slice(0, firstMagic);
  if (prefix.length) {
    const hit = literalPathNamesCredential(prefix);
    if (hit) return hit;
  }
  const last = segs[segs.length - 1] as string;
  if (!MAGIC.test(last)) {
    const hit = literalPathNamesCredential([last]);
    if (hit) return segs.join('/');
    return null;
  }
  let glob: (s: string) => boolean;
  try {
    glob = picomatch(last, { dot: true, nocase: true });
  } catch {
    return null;
  }
  if (BENIGN_SAMPLES.some((s) => glob(s))) return null;
  return CREDENTIAL_SAMPLES.some((s) => glob(s)) ? segs.join('/') : null;
}
