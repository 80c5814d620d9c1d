import { compileGlobs } from '../../glob.js';
import type { Reason } from '../../types.js';
import { CODE_TREE_DIRS, hasAncestorIn, segments } from './segments.js';

const everywhere = compileGlobs([
  '**/db/migrate/**',
  '**/db/migration/**',
  '**/db/migrations/**',
  '**/prisma/migrations/**',
  '**/alembic/versions/**',
]);

export function migration(path: string): Reason | null {
  let hit = everywhere(path);
  if (!hit) {
    const segs = segments(path);
    for (let i = 0; i < segs.length - 1; i++) {
      if (segs[i] === 'migrations' && !hasAncestorIn(segs, i, CODE_TREE_DIRS)) {
        hit = true;
        break;
      }
    }
  }
  if (!hit) return null;
  return {
    rule: 'path:migration',
    zone: 'red',
    message: `${path} is a database migration: it changes production data when deployed. A human must check it is reversible and safe.`,
  };
}
