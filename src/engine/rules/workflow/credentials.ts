import { isMap, isPair, isScalar, isSeq } from 'yaml';
import type { Reason } from '../../types.js';
import { chainsInText, chainText, readsCredential } from './expressions.js';
import { scalarLines } from './script-lines.js';
import type { YamlSource } from './yaml-source.js';

/**
 * `step:credential-access` for `${{ secrets.* }}` and `${{ github.token }}` wherever they appear in
 * a step, job or workflow (env, with, if, container credentials, ...): the value is handed to code
 * that can use or leak it. Keys in `skip` belong to another entry and are scanned there.
 */
export function credentialReasons(source: YamlSource, node: unknown, skip: ReadonlySet<string>, owner: string): Reason[] {
  const reasons: Reason[] = [];
  const seen = new Set<string>();
  const visit = (n: unknown, depth: number, path: string): void => {
    if (depth > 50) return;
    const target = source.deref(n);
    if (target === null) return;
    if (isScalar(target)) {
      if (typeof target.value !== 'string') return;
      const value = target.value;
      const lines = scalarLines(source, target, value, source.lineOf(target, 1));
      for (const { chain, expression, offset } of chainsInText(value)) {
        if (!readsCredential(chain)) continue;
        const line = lines.lineOfOffset(offset);
        const key = `${line}|${chainText(chain)}`;
        if (seen.has(key)) continue;
        seen.add(key);
        reasons.push({
          rule: 'step:credential-access',
          zone: 'red',
          line,
          message: `${owner} reads \`${expression}\`${path ? ` in \`${path}\`` : ''}: ${chain[0] === 'secrets' ? 'a repository secret' : 'the GitHub token'} is handed to code that can use or leak it; a human must review what receives it`,
        });
      }
    } else if (isMap(target)) {
      for (const item of target.items) {
        if (!isPair(item)) continue;
        const key = isScalar(item.key) ? String(item.key.value) : '';
        if (depth === 0 && skip.has(key)) continue;
        visit(item.key, depth + 1, path);
        visit(item.value, depth + 1, path ? `${path}.${key}` : key);
      }
    } else if (isSeq(target)) {
      for (const item of target.items) visit(item, depth + 1, path);
    }
  };
  visit(node, 0, '');
  return reasons;
}
