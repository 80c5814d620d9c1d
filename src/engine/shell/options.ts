import type { WordValue } from './words.js';

/** How one command's options are spelled: which take a value, and their long/short aliases. */
export interface OptionSpec {
  /** Options that take a value, in every spelling (`-o`, `--output`). */
  values?: readonly string[];
  /** Aliases normalised before matching: `{ '-f': '--force' }`. */
  aliases?: Readonly<Record<string, string>>;
  /** Stop option parsing at the first positional (git, sudo: later words belong to a subcommand). */
  stopAtPositional?: boolean;
  /** Short options that take their value glued or as the next word, but are single letters in clusters. */
  longOnly?: boolean;
}

export interface ParsedOption {
  name: string;
  value: WordValue | null;
  /** Index of the word holding the option. */
  index: number;
}

export interface ParsedArgs {
  options: ParsedOption[];
  positionals: WordValue[];
  /** Index (in args) of each positional. */
  positionalIndex: number[];
  /** Index of the first word after the options when stopAtPositional applies (the subcommand). */
  rest: number;
}

/**
 * A small getopt: options are normalised to their canonical spelling (default-policy.md: "options
 * are normalised before matching"). Hand-written because the engine parses options of hundreds of
 * tools from word nodes, and getopt libraries want argv strings and one fixed spec.
 */
export function parseArgs(args: readonly WordValue[], spec: OptionSpec = {}): ParsedArgs {
  const values = new Set(spec.values ?? []);
  const alias = (n: string): string => spec.aliases?.[n] ?? n;
  const out: ParsedArgs = { options: [], positionals: [], positionalIndex: [], rest: args.length };
  for (let i = 0; i < args.length; i++) {
    const w = args[i] as WordValue;
    const t = w.text;
    if (t === '--') {
      for (let j = i + 1; j < args.length; j++) {
        out.positionals.push(args[j] as WordValue);
        out.positionalIndex.push(j);
      }
      out.rest = i + 1;
      break;
    }
    if (t.startsWith('--') && t.length > 2) {
      const eq = t.indexOf('=');
      const name = alias(eq === -1 ? t : t.slice(0, eq));
      if (eq !== -1) {
        out.options.push({ name, value: { ...w, text: t.slice(eq + 1), raw: w.raw }, index: i });
      } else if (values.has(name) || values.has(t)) {
        out.options.push({ name, value: args[i + 1] ?? null, index: i });
        i++;
      } else out.options.push({ name, value: null, index: i });
      continue;
    }
    if (t.startsWith('-') && t.length > 1 && !spec.longOnly) {
      for (let k = 1; k < t.length; k++) {
        const short = '-' + t[k];
        const name = alias(short);
        if (values.has(short) || values.has(name)) {
          const glued = t.slice(k + 1);
          if (glued) out.options.push({ name, value: { ...w, text: glued }, index: i });
          else {
            out.options.push({ name, value: args[i + 1] ?? null, index: i });
            i++;
          }
          break;
        }
        out.options.push({ name, value: null, index: i });
      }
      continue;
    }
    if (t.startsWith('-') && t.length > 1 && spec.longOnly) {
      const eq = t.indexOf('=');
      const name = alias(eq === -1 ? t : t.slice(0, eq));
      if (eq !== -1) out.options.push({ name, value: { ...w, text: t.slice(eq + 1) }, index: i });
      else if (values.has(name)) {
        out.options.push({ name, value: args[i + 1] ?? null, index: i });
        i++;
      } else out.options.push({ name, value: null, index: i });
      continue;
    }
    out.positionals.push(w);
    out.positionalIndex.push(i);
    if (spec.stopAtPositional) {
      out.rest = i;
      for (let j = i + 1; j < args.length; j++) {
        out.positionals.push(args[j] as WordValue);
        out.positionalIndex.push(j);
      }
      break;
    }
  }
  return out;
}

export function hasOption(p: ParsedArgs, ...names: string[]): boolean {
  return p.options.some((o) => names.includes(o.name));
}

export function optionValues(p: ParsedArgs, ...names: string[]): WordValue[] {
  return p.options.filter((o) => names.includes(o.name) && o.value).map((o) => o.value as WordValue);
}
