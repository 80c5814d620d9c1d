import type { Reason } from '../../types.js';
import { possibleValues } from './matrix.js';
import type { JobModel, WorkflowModel } from './model.js';

/**
 * `wf:production-environment`: a job bound to a production environment gets that environment's
 * secrets and deploy rights. Names are split into words (`production-eu`, `ProdWest`, `live_site`).
 */
const PRODUCTION_WORD = /^(?:prod|production|prd|live)\d*$/i;

export function isProductionName(name: string): boolean {
  const words = name
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
  return words.some((w) => PRODUCTION_WORD.test(w));
}

export function environmentReasons(model: WorkflowModel, job: JobModel): Reason[] {
  const entry = job.environment;
  if (!entry) return [];
  const { source } = model;
  const scalar = source.text(entry.value);
  const nameEntry = scalar === null ? source.get(entry.value, 'name') : undefined;
  const name = scalar ?? source.text(nameEntry?.value) ?? null;
  const line = nameEntry?.line ?? entry.line;
  if (name === null) {
    return [{ rule: 'wf:production-environment', zone: 'red', line, message: `job \`${job.id}\` has an \`environment:\` whose name cannot be read; treat it as production` }];
  }
  if (name.trim() === '') return [];
  const values = possibleValues(source, job, name.trim());
  if (values === null) {
    return [{ rule: 'wf:production-environment', zone: 'red', line, message: `job \`${job.id}\` picks its environment at run time (\`${name.trim()}\`), which may be production and unlock its secrets and protection rules; name the environment literally` }];
  }
  const prod = values.filter(isProductionName);
  if (prod.length === 0) return [];
  return [{ rule: 'wf:production-environment', zone: 'red', line, message: `job \`${job.id}\` runs in the environment \`${prod.join('`, `')}\`, which is named like production: it gets that environment's secrets and deploy rights; a human must review it` }];
}
