import { createRequire } from 'node:module';
import { Language, Parser, type Node, type Tree } from 'web-tree-sitter';

/**
 * tree-sitter-bash through web-tree-sitter. Loading the two WASM files is the engine's only I/O and
 * happens once, in `initShell()`; after that every parse is synchronous, so the classifiers stay
 * synchronous and cheap (one parser, reused).
 */
export type ShellWasmLocator = (file: 'web-tree-sitter.wasm' | 'tree-sitter-bash.wasm') => string;

/*
 * No cross-check with sh-syntax (mvdan/sh): its only API is async (`parse()` awaits a fresh Go WASM
 * instance on every call), so it cannot run inside the synchronous classifier after an async init
 * without re-implementing its private WASM calling convention. tree-sitter-bash errors (ERROR and
 * MISSING nodes) already fail closed as `step:obfuscated`.
 */
const require = createRequire(import.meta.url);

const defaultLocator: ShellWasmLocator = (file) =>
  file === 'web-tree-sitter.wasm'
    ? require.resolve('web-tree-sitter/web-tree-sitter.wasm')
    : require.resolve('tree-sitter-bash/tree-sitter-bash.wasm');

let locator: ShellWasmLocator = defaultLocator;
let parser: Parser | null = null;
let loading: Promise<void> | null = null;

/** Lets a bundle (the Action's single file) point at WASM files shipped beside it. Call before initShell(). */
export function setShellWasmLocator(fn: ShellWasmLocator): void {
  locator = fn;
}

/** Loads web-tree-sitter and the bash grammar. Idempotent; concurrent callers share one load. */
export async function initShell(): Promise<void> {
  if (parser) return;
  loading ??= (async () => {
    await Parser.init({ locateFile: () => locator('web-tree-sitter.wasm') });
    const bash = await Language.load(locator('tree-sitter-bash.wasm'));
    const p = new Parser();
    p.setLanguage(bash);
    parser = p;
  })().catch((error: unknown) => {
    loading = null;
    throw error;
  });
  await loading;
}

export function isShellReady(): boolean {
  return parser !== null;
}

/**
 * Parses a script synchronously. The caller owns the tree and must `delete()` it (WASM memory is not
 * garbage-collected).
 */
export function parseShell(script: string): Tree {
  if (!parser) throw new Error('agent-zones: the shell parser is not loaded; await initShell() before classifying steps');
  const tree = parser.parse(script);
  if (!tree) throw new Error('agent-zones: tree-sitter returned no tree');
  return tree;
}

export type { Node, Tree };
