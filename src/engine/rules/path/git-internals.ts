import type { Reason } from '../../types.js';
import { segments } from './segments.js';

/** `.git/**`: never part of a real diff; only an agent writing into the repository's own git dir. Any depth, since a nested `.git` is a submodule's. */
export function gitInternals(path: string): Reason | null {
  if (!segments(path).includes('.git')) return null;
  return {
    rule: 'path:git-internals',
    zone: 'red',
    message: `${path} is inside a .git directory (hooks, config): writing there changes what git runs. Only a human should touch it.`,
  };
}
