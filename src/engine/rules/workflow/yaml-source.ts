import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';

/**
 * A parsed YAML file that remembers where every node came from, so that each finding can name the
 * line of the workflow file a reviewer has to look at. Aliases and `<<` merge keys are resolved the
 * way GitHub resolves them, so an anchor cannot hide a step or a permission from the rules.
 */
export interface YamlProblem {
  message: string;
  line: number;
}

export interface MapEntry {
  key: string;
  /** Line of the key (where a reviewer sees the setting). */
  line: number;
  value: Node | null;
  pair: Pair;
}

const MAX_ALIAS_DEPTH = 20;

export class YamlSource {
  constructor(
    readonly doc: Document,
    private readonly lines: LineCounter,
    readonly sourceText: string,
  ) {}

  /** The source lines, 1-based access through `sourceLine`. */
  private split: string[] | null = null;

  sourceLine(line: number): string {
    this.split ??= this.sourceText.split(/\r?\n/);
    return this.split[line - 1] ?? '';
  }

  /** 1-based column of an offset. */
  lineColumn(offset: number): number {
    return this.lines.linePos(offset).col;
  }

  lineAt(offset: number): number {
    return this.lines.linePos(offset).line;
  }

  /** 1-based line where a node starts, or `fallback` for nodes without a position. */
  lineOf(node: unknown, fallback: number): number {
    const range = (node as { range?: [number, number, number] } | null)?.range;
    return range ? this.lineAt(range[0]) : fallback;
  }

  /** Last line a node covers (its value end, not trailing comments). */
  endLineOf(node: unknown, fallback: number): number {
    const range = (node as { range?: [number, number, number] } | null)?.range;
    if (!range) return fallback;
    // range[1] is one past the value; step back so a trailing newline does not count as the next line.
    return this.lineAt(Math.max(range[0], range[1] - 1));
  }

  /** The node an alias points at (anchors are allowed in workflows); other nodes unchanged. */
  deref(node: unknown): Node | null {
    let current: unknown = node;
    for (let i = 0; i < MAX_ALIAS_DEPTH && isAlias(current); i++) current = current.resolve(this.doc);
    if (isAlias(current)) return null;
    return (current as Node | null | undefined) ?? null;
  }

  asMap(node: unknown): YAMLMap | null {
    const n = this.deref(node);
    return isMap(n) ? n : null;
  }

  asSeq(node: unknown): YAMLSeq | null {
    const n = this.deref(node);
    return isSeq(n) ? n : null;
  }

  /** A scalar as text (numbers and booleans too, as GitHub reads them); null for collections. */
  text(node: unknown): string | null {
    const n = this.deref(node);
    if (n === null) return '';
    if (!isScalar(n)) return null;
    if (n.value === null || n.value === undefined) return '';
    return String(n.value);
  }

  /**
   * Entries of a mapping with `<<` merges applied: explicit keys win over merged ones, as in YAML.
   * Keys that are not scalars are kept with their source text so that nothing silently disappears.
   */
  entries(node: unknown, depth = 0): MapEntry[] {
    const map = this.asMap(node);
    if (!map || depth > MAX_ALIAS_DEPTH) return [];
    const own: MapEntry[] = [];
    const merged: MapEntry[] = [];
    for (const item of map.items) {
      const pair = item as Pair;
      const keyNode = pair.key;
      const line = this.lineOf(keyNode, this.lineOf(map, 1));
      if (isMergeKey(keyNode)) {
        const source = this.deref(pair.value);
        const sources = isSeq(source) ? source.items : [source];
        for (const s of sources) merged.push(...this.entries(s, depth + 1));
        continue;
      }
      const key = isScalar(keyNode) ? String(keyNode.value) : String(keyNode);
      own.push({ key, line, value: (pair.value as Node | null) ?? null, pair });
    }
    const seen = new Set(own.map((e) => e.key));
    return [...own, ...merged.filter((e) => !seen.has(e.key))];
  }

  /**
   * The entry for a key. An exact match first; else a case-insensitive one, because a reader that
   * folds case (GitHub folds action input names) must not see a key this one misses.
   */
  get(node: unknown, key: string): MapEntry | undefined {
    const all = this.entries(node);
    const lower = key.toLowerCase();
    return all.find((e) => e.key === key) ?? all.find((e) => e.key.toLowerCase() === lower);
  }

  /** Plain JS value of a node (aliases resolved), for comparing steps between base and head. */
  toJS(node: unknown): unknown {
    const n = this.deref(node);
    if (n === null) return null;
    return n.toJS(this.doc, { maxAliasCount: 1000 });
  }
}

function isMergeKey(key: unknown): boolean {
  if (!isScalar(key)) return false;
  return typeof key.value === 'symbol' || (key.value === '<<' && key.type === 'PLAIN');
}

export type ParsedYaml = { ok: true; source: YamlSource } | { ok: false; problems: YamlProblem[] };

export function parseYaml(text: string): ParsedYaml {
  const lineCounter = new LineCounter();
  let doc: Document;
  try {
    doc = parseDocument(text, { lineCounter, merge: true, uniqueKeys: true, prettyErrors: false, strict: true });
  } catch (e) {
    return { ok: false, problems: [{ message: e instanceof Error ? e.message : String(e), line: 1 }] };
  }
  if (doc.errors.length > 0) {
    return {
      ok: false,
      problems: doc.errors.map((err) => ({
        message: err.message.split('\n')[0] ?? err.message,
        line: lineCounter.linePos(err.pos[0]).line,
      })),
    };
  }
  try {
    // Some errors only surface on conversion (a `<<` merge of a scalar, found by fuzzing): a document
    // that cannot be read whole is unparsable, and fails closed like any other parse error.
    doc.toJS({ maxAliasCount: 1000 });
  } catch (e) {
    return { ok: false, problems: [{ message: e instanceof Error ? e.message : String(e), line: 1 }] };
  }
  return { ok: true, source: new YamlSource(doc, lineCounter, text) };
}
