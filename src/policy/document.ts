import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node, type Pair } from 'yaml';
import { ConfigError } from './errors.js';

/** A step of a key path: a mapping key or a list index. */
export type Segment = string | number;

/** `overrides[1].zone`, `agents.authors`, `drift.promote-after`. */
export function formatKeyPath(path: readonly Segment[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out === '' ? seg : `.${seg}`;
  }
  return out;
}

export interface Position {
  line: number;
  column: number;
}

/** Aliases in a config are legal YAML; more than this many expansions is a billion-laughs attack. */
const MAX_ALIAS_COUNT = 100;

/**
 * One parsed config file: its plain value plus what is needed to point at any key or value in the
 * text. The `yaml` package keeps source ranges on every node; a LineCounter turns offsets into
 * line/column.
 */
export class ConfigDocument {
  readonly file: string;
  /** The plain JS value of the document; undefined when the YAML could not be parsed. */
  readonly value: unknown;
  readonly errors: ConfigError[];
  private readonly doc: Document.Parsed;
  private readonly lines: LineCounter;

  constructor(text: string, file: string) {
    this.file = file;
    this.lines = new LineCounter();
    this.doc = parseDocument(text, { lineCounter: this.lines, uniqueKeys: true, prettyErrors: true, strict: true });
    this.errors = this.syntaxErrors();
    if (this.errors.length === 0) this.errors.push(...this.nonScalarKeyErrors(this.doc.contents, []));
    this.value = this.errors.length === 0 ? this.toValue() : undefined;
  }

  private syntaxErrors(): ConfigError[] {
    // Warnings (an unresolved custom tag, ...) are errors here: the file must mean exactly one thing.
    return [...this.doc.errors, ...this.doc.warnings].map((e) => {
      const pos = this.position(e.pos[0]);
      const problem = `invalid YAML: ${firstLine(e.message)}`;
      return new ConfigError({
        file: this.file,
        ...pos,
        key: this.keyPathAtOffset(e.pos[0]),
        problem,
        fix: yamlFix(e.code),
      });
    });
  }

  /** A key that is a list or a mapping (`? [a]`) has no meaning in this format; `yaml` would stringify it. */
  private nonScalarKeyErrors(node: unknown, path: Segment[]): ConfigError[] {
    const out: ConfigError[] = [];
    if (isMap(node)) {
      for (const pair of node.items) {
        if (pair.key !== null && !isScalar(pair.key)) {
          out.push(
            new ConfigError({
              file: this.file,
              ...this.nodePosition(pair.key as Node),
              key: formatKeyPath(path) || null,
              problem: 'a key must be a plain name, not a list or a mapping',
              fix: 'write the key as a plain word followed by `:`',
            }),
          );
          continue;
        }
        const k = isScalar(pair.key) ? String(pair.key.value) : '';
        out.push(...this.nonScalarKeyErrors(pair.value, [...path, k]));
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => out.push(...this.nonScalarKeyErrors(item, [...path, i])));
    }
    return out;
  }

  private toValue(): unknown {
    try {
      return this.doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (e) {
      // An alias before its anchor, or too many alias expansions.
      this.errors.push(
        new ConfigError({
          file: this.file,
          line: 1,
          column: 1,
          key: null,
          problem: `invalid YAML: ${firstLine(e instanceof Error ? e.message : String(e))}`,
          fix: 'define each anchor (`&name`) before its aliases (`*name`) and do not expand aliases more than 100 times, or write the values out',
        }),
      );
      return undefined;
    }
  }

  position(offset: number): Position {
    const { line, col } = this.lines.linePos(offset);
    return { line, column: col };
  }

  private nodePosition(node: Node | null | undefined): Position {
    return this.position(node?.range?.[0] ?? 0);
  }

  /** The node at a key path and the mapping pair that holds it (when the last step is a key). */
  private find(path: readonly Segment[]): { node: unknown; pair: Pair | null; found: boolean; parent: unknown } {
    let node: unknown = this.doc.contents;
    let pair: Pair | null = null;
    let parent: unknown = null;
    for (const seg of path) {
      if (isAlias(node)) node = node.resolve(this.doc);
      parent = node;
      if (isMap(node)) {
        // Keys are unique (uniqueKeys), so the first match is the only one.
        const hit = node.items.find((p) => (isScalar(p.key) ? String(p.key.value) : p.key === null ? '' : undefined) === String(seg));
        if (!hit) return { node: null, pair: null, found: false, parent };
        pair = hit;
        node = hit.value;
      } else if (isSeq(node) && typeof seg === 'number') {
        node = node.items[seg];
        pair = null;
        if (node === undefined) return { node: null, pair: null, found: false, parent };
      } else {
        return { node: null, pair: null, found: false, parent };
      }
    }
    if (isAlias(node)) node = node.resolve(this.doc);
    return { node, pair, found: true, parent };
  }

  /** Where the value at `path` is written; falls back to its key, then to the nearest ancestor. */
  valuePosition(path: readonly Segment[]): Position {
    for (let n = path.length; n >= 0; n--) {
      const { node, pair, found } = this.find(path.slice(0, n));
      if (!found) continue;
      if (isNodeWithRange(node)) return this.nodePosition(node);
      if (pair && isNodeWithRange(pair.key)) return this.nodePosition(pair.key);
    }
    return { line: 1, column: 1 };
  }

  /** Where the key of the last step of `path` is written (for unknown keys); else like valuePosition. */
  keyPosition(path: readonly Segment[]): Position {
    const { pair, found } = this.find(path);
    if (found && pair && isNodeWithRange(pair.key)) return this.nodePosition(pair.key);
    return this.valuePosition(path);
  }

  /** The key path of the innermost node around an offset, for errors that only have an offset. */
  private keyPathAtOffset(offset: number): string | null {
    const path: Segment[] = [];
    let node: unknown = this.doc.contents;
    for (;;) {
      let next: { seg: Segment; node: unknown } | null = null;
      if (isMap(node)) {
        for (const p of node.items) {
          const start = isNodeWithRange(p.key) ? p.key.range[0] : null;
          const end = isNodeWithRange(p.value) ? p.value.range[2] : isNodeWithRange(p.key) ? p.key.range[2] : null;
          if (start !== null && end !== null && offset >= start && offset <= end && isScalar(p.key)) {
            next = { seg: String(p.key.value), node: p.value };
          }
        }
      } else if (isSeq(node)) {
        node.items.forEach((item, i) => {
          if (isNodeWithRange(item) && offset >= item.range[0] && offset <= item.range[2]) next = { seg: i, node: item };
        });
      }
      if (!next) break;
      const step: { seg: Segment; node: unknown } = next;
      path.push(step.seg);
      node = step.node;
    }
    return path.length ? formatKeyPath(path) : null;
  }
}

function isNodeWithRange(node: unknown): node is Node & { range: [number, number, number] } {
  return typeof node === 'object' && node !== null && Array.isArray((node as { range?: unknown }).range);
}

function firstLine(message: string): string {
  const line = message.split('\n')[0] ?? message;
  // `yaml` appends "at line L, column C:" which the location prefix already says.
  return line.replace(/ at line \d+, column \d+:?$/, '').replace(/[.:]$/, '');
}

function yamlFix(code: string): string {
  switch (code) {
    case 'DUPLICATE_KEY':
      return 'write each key once; merge the two entries into one';
    case 'TAB_AS_INDENT':
      return 'indent with spaces, not tabs';
    case 'MULTIPLE_DOCS':
      return 'keep one YAML document in the file: remove the second `---` and what follows, or merge it into the first';
    case 'MISSING_CHAR':
      return 'close the quote or bracket that was opened';
    case 'BAD_SCALAR_START':
      return 'quote the value, e.g. "@value"';
    case 'BLOCK_AS_IMPLICIT_KEY':
      return 'put the nested mapping on its own indented lines, or quote the value if the second `:` is part of it';
    case 'TAG_RESOLVE_FAILED':
      return 'remove the `!tag`; this format uses plain strings, numbers, booleans, lists and mappings';
    default:
      return 'correct the YAML syntax at this place (check indentation, quotes and brackets)';
  }
}
