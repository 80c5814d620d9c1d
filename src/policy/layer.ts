import { ConfigDocument } from './document.js';
import type { ConfigError } from './errors.js';
import { semanticErrors } from './semantics.js';
import { structuralErrors } from './structure.js';

/** One config file, checked on its own: the YAML, the schema, then the semantic checks. */
export interface ConfigLayer {
  file: string;
  doc: ConfigDocument;
  /** The file's mapping; null when the file is empty or only comments, or when it has errors. */
  value: Record<string, unknown> | null;
  errors: ConfigError[];
}

export function checkConfigText(text: string, file: string): ConfigLayer {
  const doc = new ConfigDocument(text, file);
  if (doc.errors.length) return { file, doc, value: null, errors: sortByPlace(doc.errors) };
  // An empty or comment-only file is "no settings", not an error (config.md: no file = defaults).
  if (doc.value === null || doc.value === undefined) return { file, doc, value: null, errors: [] };
  const structural = structuralErrors(doc, doc.value);
  // One message per key: a value the schema already refused is not re-judged by the semantic checks.
  const refused = new Set(structural.map((e) => e.key));
  const semantic = semanticErrors(doc, doc.value).filter((e) => !refused.has(e.key));
  const errors = sortByPlace([...structural, ...semantic]);
  return { file, doc, value: errors.length ? null : (doc.value as Record<string, unknown>), errors };
}

function sortByPlace(errors: ConfigError[]): ConfigError[] {
  return [...errors].sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
}
