import type { Reason } from '../../types.js';
import type { JobModel, WorkflowModel } from './model.js';

/**
 * A job's `container:` and `services:` images run the job's steps (or beside them) with its token
 * and workspace: the same trust as a `docker://` action, so the same rule and zone.
 */
export function containerReasons(model: WorkflowModel, job: JobModel): Reason[] {
  const { source } = model;
  if (!job.node) return [];
  const images: { image: string; line: number; what: string }[] = [];
  const read = (node: unknown, line: number, what: string): void => {
    const scalar = source.text(node);
    if (scalar !== null) {
      if (scalar.trim()) images.push({ image: scalar.trim(), line, what });
      return;
    }
    const image = source.get(node, 'image');
    const text = image ? source.text(image.value) : null;
    if (image && text) images.push({ image: text.trim(), line: image.line, what });
  };
  const container = source.get(job.node, 'container');
  if (container) read(container.value, container.line, 'job container');
  for (const service of source.entries(source.get(job.node, 'services')?.value)) read(service.value, service.line, `service \`${service.key}\``);
  return images.map(({ image, line, what }) => ({
    rule: 'step:third-party-action',
    zone: 'yellow' as const,
    line,
    message: `${what} image \`${image}\` of job \`${job.id || '(not visible)'}\` runs with the job's token and workspace; ${/@sha256:[0-9a-f]{64}$/i.test(image) ? 'pinned by digest' : 'NOT pinned by digest (`@sha256:...`): the tag can be repointed'}`,
  }));
}
