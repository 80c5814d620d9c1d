import { compileGlobs } from '../../glob.js';
import type { Reason } from '../../types.js';
import { baseName, extension, segments } from './segments.js';

const DOC_EXTS = new Set(['md', 'mdx', 'rst', 'adoc', 'txt']);
const DOCS_TREE_EXTS = new Set([...DOC_EXTS, 'yml', 'yaml', 'json', 'csv', 'png', 'jpg', 'jpeg', 'gif', 'svg', 'webp', 'gitkeep']);
const underDocs = compileGlobs(['docs/**', 'doc/**']);

export function isDocsPath(path: string): boolean {
  const name = baseName(path);
  if (name.startsWith('license') || name === 'security.md') return false;
  const ext = name === '.gitkeep' ? 'gitkeep' : extension(name);
  if (DOC_EXTS.has(ext)) return true;
  return underDocs(path) && DOCS_TREE_EXTS.has(ext) && segments(path).length > 1;
}

export function docs(path: string): Reason | null {
  if (!isDocsPath(path)) return null;
  return { rule: 'path:docs', zone: 'green', message: `${path} is documentation.` };
}
