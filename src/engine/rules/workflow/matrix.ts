import { contextChains, findExpressions } from './expressions.js';
import type { JobModel } from './model.js';
import type { YamlSource } from './yaml-source.js';

/**
 * The values a job-level setting can take when it is an expression: `${{ matrix.os }}` is resolved
 * from `strategy.matrix` (its lists and `include:` entries); anything else is unknown (null), and
 * callers assume the worst.
 */
export function possibleValues(source: YamlSource, job: JobModel, value: string): string[] | null {
  const spans = findExpressions(value);
  if (spans.length === 0) return [value];
  if (spans.length !== 1 || spans[0]?.start !== 0 || spans[0]?.end !== value.trim().length) return null;
  const chains = contextChains(spans[0].body);
  const [chain] = chains;
  if (chains.length !== 1 || !chain || chain[0] !== 'matrix' || chain.length !== 2) return null;
  const key = chain[1] as string;
  const matrix = job.strategy ? source.get(job.strategy.value, 'matrix') : undefined;
  if (!matrix) return null;
  const values: string[] = [];
  const collect = (node: unknown): boolean => {
    const scalar = source.text(node);
    if (scalar !== null) {
      values.push(scalar);
      return true;
    }
    const seq = source.asSeq(node);
    if (!seq) return false;
    for (const item of seq.items) {
      const text = source.text(item);
      if (text === null) return false; // a list or map as a runner label: not something we can read
      values.push(text);
    }
    return true;
  };
  const direct = source.get(matrix.value, key);
  if (direct && !collect(direct.value)) return null;
  const include = source.get(matrix.value, 'include');
  for (const entry of source.asSeq(include?.value)?.items ?? []) {
    const v = source.get(entry, key);
    if (v && !collect(v.value)) return null;
  }
  if (!direct && !include) return null;
  // A matrix built by an expression (`fromJSON(...)`) cannot be read statically.
  if (values.some((v) => v.includes('${{'))) return null;
  return values.length ? values : null;
}
