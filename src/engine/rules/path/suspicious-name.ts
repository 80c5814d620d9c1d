import type { Reason } from '../../types.js';

/** `..` segments, absolute paths, backslashes and control characters: names that escape or disguise. */
export function suspiciousName(path: string): Reason | null {
  let why: string | null = null;
  if (path.startsWith('/')) why = 'it is absolute';
  else if (path.split('/').some((s) => s === '..')) why = 'it has a `..` segment';
  else if (path.includes('\\')) why = 'it contains a backslash';
  else if (/[\u0000-\u001f\u007f-\u009f]/.test(path)) why = 'it contains control characters';
  if (!why) return null;
  return {
    rule: 'path:suspicious-name',
    zone: 'red',
    message: `The path ${JSON.stringify(path)} is suspicious: ${why}. Tools disagree on such names; rename the file to a plain relative path.`,
  };
}
