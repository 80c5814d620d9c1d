import type { Reason } from '../../types.js';
import type { JobModel, WorkflowModel } from './model.js';

/** `wf:secrets-inherit`: a reusable workflow called with `secrets: inherit` receives every secret of the repository. */
export function secretsInheritReasons(model: WorkflowModel, job: JobModel): Reason[] {
  if (!job.secrets) return [];
  const value = model.source.text(job.secrets.value);
  if (value === null || value.trim().toLowerCase() !== 'inherit') return [];
  return [
    {
      rule: 'wf:secrets-inherit',
      zone: 'red',
      line: job.secrets.line,
      message: `job \`${job.id}\` passes \`secrets: inherit\` to ${job.uses ? `\`${job.uses.value}\`` : 'the called workflow'}: it receives every secret of the repository; pass only the secrets it needs by name`,
    },
  ];
}
