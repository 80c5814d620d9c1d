import type { Reason } from '../../types.js';
import type { JobModel, WorkflowModel } from './model.js';
import type { MapEntry, YamlSource } from './yaml-source.js';

/**
 * `wf:excessive-permissions` and `wf:default-permissions`. The workflow's `permissions:` apply to
 * every job, so any write there is red; jobs may hold the write scopes they need, except
 * `write-all` and `id-token: write` (which mints cloud credentials) at any level.
 */
const KNOWN_LEVELS = new Set(['read', 'write', 'none']);

function scopeReasons(source: YamlSource, entry: MapEntry, scopeLevel: 'workflow' | 'job', jobId: string | null): Reason[] {
  const where = scopeLevel === 'workflow' ? 'workflow-level' : `job \`${jobId}\``;
  const scalar = source.text(entry.value);
  if (scalar !== null) {
    const value = scalar.trim().toLowerCase();
    if (value === 'write-all') {
      return [{ rule: 'wf:excessive-permissions', zone: 'red', line: entry.line, message: `${where} \`permissions: write-all\` gives the token write access to everything (contents, packages, pull requests, id-token); grant only the scopes the job needs` }];
    }
    if (value === 'read-all' || value === '') return [];
    return [{ rule: 'wf:excessive-permissions', zone: 'red', line: entry.line, message: `${where} \`permissions: ${scalar}\` is not a value GitHub knows (read-all, write-all or a map of scopes); what it grants cannot be judged` }];
  }
  if (!source.asMap(entry.value)) {
    return [{ rule: 'wf:excessive-permissions', zone: 'red', line: entry.line, message: `${where} \`permissions:\` is neither a string nor a map of scopes; what it grants cannot be judged` }];
  }
  const reasons: Reason[] = [];
  for (const scope of source.entries(entry.value)) {
    const level = (source.text(scope.value) ?? '').trim().toLowerCase();
    const name = scope.key.trim().toLowerCase();
    if (!KNOWN_LEVELS.has(level)) {
      reasons.push({ rule: 'wf:excessive-permissions', zone: 'red', line: scope.line, message: `${where} permission \`${scope.key}: ${level}\` is not read, write or none; what it grants cannot be judged` });
    } else if (level === 'write' && name === 'id-token') {
      reasons.push({ rule: 'wf:excessive-permissions', zone: 'red', line: scope.line, message: `${where} \`id-token: write\` lets the job mint OIDC tokens that cloud providers exchange for credentials (deploys, registries); only a reviewed deploy job should have it` });
    } else if (level === 'write' && scopeLevel === 'workflow') {
      reasons.push({ rule: 'wf:excessive-permissions', zone: 'red', line: scope.line, message: `workflow-level \`${scope.key}: write\` gives every job of the workflow write access; move the write scope to the one job that needs it and keep the workflow at read` });
    }
  }
  return reasons;
}

export function workflowPermissionReasons(model: WorkflowModel): Reason[] {
  return model.permissions ? scopeReasons(model.source, model.permissions, 'workflow', null) : [];
}

export function jobPermissionReasons(model: WorkflowModel, job: JobModel): Reason[] {
  return job.permissions ? scopeReasons(model.source, job.permissions, 'job', job.id) : [];
}

/** Yellow when the token keeps the repository's defaults somewhere: no workflow `permissions:` and a job without its own. */
export function defaultPermissionReasons(model: WorkflowModel): Reason[] {
  if (model.permissions || model.jobs.length === 0) return [];
  const bare = model.jobs.filter((j) => !j.permissions);
  if (bare.length === 0) return [];
  return [
    {
      rule: 'wf:default-permissions',
      zone: 'yellow',
      line: 1,
      message: `neither the workflow nor ${bare.length === model.jobs.length ? 'any job' : `job${bare.length > 1 ? 's' : ''} ${bare.map((j) => `\`${j.id}\``).join(', ')}`} sets \`permissions:\`, so the token gets the repository's defaults (which may be write-all); add \`permissions: contents: read\` at the top`,
    },
  ];
}
