import type { Reason, Zone } from '../../types.js';
import { baseName, extension } from '../path/segments.js';

const EXECUTABLE_EXTS = new Set([
  'exe', 'dll', 'so', 'dylib', 'a', 'o', 'obj', 'lib', 'jar', 'war', 'ear', 'class', 'pyc', 'pyo', 'wasm', 'node',
  'zip', 'tar', 'tgz', 'gz', 'bz2', 'xz', 'zst', '7z', 'rar', 'whl', 'egg', 'deb', 'rpm', 'apk', 'ipa', 'msi', 'dmg',
  'bin', 'elf', 'com', 'scr', 'sys', 'ko', 'crx', 'xpi', 'vsix', 'nupkg', 'gem',
]);

/** Extensions of files that are text by nature: as binary they are the `.gitattributes` diff-hiding trick. */
const TEXT_EXTS = new Set([
  'js', 'mjs', 'cjs', 'jsx', 'ts', 'mts', 'cts', 'tsx', 'py', 'pyi', 'rb', 'go', 'rs', 'java', 'kt', 'kts', 'scala',
  'c', 'h', 'cc', 'cpp', 'cxx', 'hpp', 'cs', 'fs', 'php', 'pl', 'pm', 'sh', 'bash', 'zsh', 'fish', 'ps1', 'psm1',
  'bat', 'cmd', 'yml', 'yaml', 'json', 'jsonc', 'json5', 'toml', 'ini', 'cfg', 'conf', 'xml', 'html', 'htm', 'css',
  'scss', 'sass', 'less', 'md', 'mdx', 'rst', 'txt', 'adoc', 'csv', 'tsv', 'sql', 'graphql', 'gql', 'proto', 'tf',
  'tfvars', 'hcl', 'env', 'properties', 'gradle', 'lock', 'vue', 'svelte', 'swift', 'm', 'mm', 'r', 'lua', 'dart',
  'ex', 'exs', 'erl', 'hrl', 'hs', 'ml', 'mli', 'clj', 'cljs', 'groovy', 'mk', 'cmake', 'nix', 'dockerfile', 'svg',
]);
const TEXT_NAMES = new Set([
  'makefile', 'dockerfile', 'containerfile', 'jenkinsfile', 'procfile', 'gemfile', 'rakefile', 'justfile', 'codeowners',
  '.gitattributes', '.gitignore', '.gitmodules', '.npmrc', '.env', '.envrc', 'license', 'readme',
]);

export function isExecutableBinaryName(path: string): boolean {
  return EXECUTABLE_EXTS.has(extension(baseName(path)));
}

/** Binary content: executables red; a text extension red (hidden diff); anything else the zone of its path. */
export function binaryReason(path: string, pathZone: Zone): Reason {
  const name = baseName(path);
  const ext = extension(name);
  if (EXECUTABLE_EXTS.has(ext)) {
    return {
      rule: 'change:binary-executable',
      zone: 'red',
      message: `${path} is a binary executable, archive or bytecode: its content cannot be reviewed here. Build it in CI from source instead, or have a human approve it.`,
    };
  }
  if (TEXT_EXTS.has(ext) || TEXT_NAMES.has(name)) {
    return {
      rule: 'change:binary-text',
      zone: 'red',
      message: `${path} has a text file's name but its diff is shown as binary (for example through \`-diff\` in .gitattributes): its content is hidden from review.`,
    };
  }
  return {
    rule: 'change:binary',
    zone: pathZone,
    message: `${path} is binary (content not shown); it takes the zone of its path (${pathZone}).`,
  };
}
