import type { Policy } from '../../../policy/types.js';
import { compileGlob, compileGlobs, type PathMatcher } from '../../glob.js';
import { applyOverrides } from '../../overrides.js';
import type { Reason } from '../../types.js';
import { zoneOf } from '../../zone.js';
import { credentials } from './credentials.js';
import { docs } from './docs.js';
import { gitInternals } from './git-internals.js';
import { migration } from './migration.js';
import { production } from './production.js';
import { suspiciousName } from './suspicious-name.js';
import { GLOB_RULES } from './tables.js';

interface CompiledPathPolicy {
  defaults: { rule: string; zone: Reason['zone']; why: string; match: PathMatcher }[];
  gateConfig: PathMatcher;
  red: PathMatcher;
  yellow: PathMatcher;
  green: PathMatcher;
}

const DEFAULT_RULES = GLOB_RULES.map((r) => ({ rule: r.rule, zone: r.zone, why: r.why, match: compileGlobs(r.globs) }));
const cache = new WeakMap<Policy, CompiledPathPolicy>();

function compiled(policy: Policy): CompiledPathPolicy {
  let c = cache.get(policy);
  if (!c) {
    c = {
      defaults: DEFAULT_RULES,
      gateConfig: compileGlob(policy.configPath),
      red: compileGlobs(policy.paths.red),
      yellow: compileGlobs(policy.paths.yellow),
      green: compileGlobs(policy.paths.green),
    };
    cache.set(policy, c);
  }
  return c;
}

const WORD_RULES = [suspiciousName, gitInternals, credentials, production, migration];

/**
 * Every path rule that fires for one path, red ones already lowered by `overrides` where the config
 * names them. `paths.green` / `paths.yellow` re-zone only paths no red rule matches; a path no rule
 * matches is ordinary source (`path:source`, yellow).
 */
export function classifyPath(path: string, policy: Policy): Reason[] {
  const c = compiled(policy);
  const reasons: Reason[] = [];
  for (const rule of WORD_RULES) {
    const r = rule(path);
    if (r) reasons.push(r);
  }
  for (const d of c.defaults) {
    if (d.match(path)) reasons.push({ rule: d.rule, zone: d.zone, message: `${path}: ${d.why}.` });
  }
  if (c.gateConfig(path) && !reasons.some((r) => r.rule === 'path:gate-config')) {
    reasons.push({ rule: 'path:gate-config', zone: 'red', message: `${path}: it is the agent-zones policy itself (the configured config path).` });
  }
  const docReason = docs(path);
  if (docReason) reasons.push(docReason);
  if (c.red(path)) {
    reasons.push({ rule: 'path:config-red', zone: 'red', message: `${path} matches \`paths.red\` of the agent-zones config.` });
  }
  for (const r of reasons) if (r.zone === 'red') r.message = withAdvice(r.message);

  const lowered = applyOverrides(reasons, { path }, policy);
  if (zoneOf(lowered) === 'red') return lowered;

  // No red rule: configured paths re-zone, else the defaults stand.
  const previous = lowered.map((r) => r.rule).join(', ');
  if (c.yellow(path)) {
    return [
      ...lowered.filter((r) => r.zone === 'red' || !isPathZoning(r.rule)),
      { rule: 'path:config-yellow', zone: 'yellow', message: `${path} matches \`paths.yellow\` of the agent-zones config${previous ? ` (defaults: ${previous})` : ''}.` },
    ];
  }
  if (c.green(path)) {
    return [
      ...lowered.filter((r) => !isPathZoning(r.rule)),
      { rule: 'path:output', zone: 'green', message: `${path} matches \`paths.green\` of the agent-zones config${previous ? ` (defaults: ${previous})` : ''}.` },
    ];
  }
  if (!lowered.some((r) => isPathZoning(r.rule))) {
    lowered.push({ rule: 'path:source', zone: 'yellow', message: `${path} is ordinary source: a write in the project, logged.` });
  }
  return lowered;
}

/** Rules that give a path its zone and that configured paths may replace (never red ones). */
function isPathZoning(rule: string): boolean {
  return rule === 'path:docs' || rule === 'path:tests' || rule === 'path:output' || rule === 'path:dependency-manifest' || rule === 'path:lockfile' || rule === 'path:source';
}

function withAdvice(message: string): string {
  return message.includes('approve') ? message : `${message} A qualified human review of the head commit unlocks it.`;
}

export { isCredentialPath } from './credentials.js';
export { isDocsPath } from './docs.js';

const testsMatch = compileGlobs(GLOB_RULES.find((r) => r.rule === 'path:tests')?.globs ?? []);
const fixtureMatch = compileGlobs(['fixtures/', '__fixtures__/', 'testdata/', '__mocks__/', 'test-data/']);

/** Test files and fixtures: the generic secret rule skips them, `content:test-exec` applies to them. */
export function isTestPath(path: string): boolean {
  return testsMatch(path) || fixtureMatch(path);
}
