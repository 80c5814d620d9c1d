import type { Policy } from '../../../policy/types.js';
import { compileGlobs, type PathMatcher } from '../../glob.js';
import type { Reason } from '../../types.js';

const cache = new WeakMap<Policy, PathMatcher>();

/** A removed file: red, yellow where `deletions.allow` matches (never green). */
export function deletion(path: string, policy: Policy): Reason {
  let allow = cache.get(policy);
  if (!allow) {
    allow = compileGlobs(policy.deletions.allow);
    cache.set(policy, allow);
  }
  if (allow(path)) {
    return { rule: 'change:delete', zone: 'yellow', message: `${path} is deleted; \`deletions.allow\` of the config permits deletions here, so it is logged.` };
  }
  return {
    rule: 'change:delete',
    zone: 'red',
    message: `${path} is deleted. Deletions lose work and can remove safeguards: a human must approve, or list the path in \`deletions.allow\`.`,
  };
}
