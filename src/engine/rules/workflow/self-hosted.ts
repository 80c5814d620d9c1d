import type { Reason } from '../../types.js';
import { possibleValues } from './matrix.js';
import type { JobModel, WorkflowModel } from './model.js';
import { hasTrigger, PULL_REQUEST_TRIGGERS } from './triggers.js';

/**
 * `wf:self-hosted`: a self-hosted runner reused across jobs lets a pull request's code persist on
 * the machine (and reach the network it sits in). Only GitHub-hosted labels are safe; a runner
 * group, the `self-hosted` label, or any custom label means a runner GitHub does not wipe.
 */
const GITHUB_HOSTED = /^(?:ubuntu|windows|macos)-[a-z0-9][\w.-]*$/i;

function labelsOf(model: WorkflowModel, job: JobModel): { labels: string[] | null; group: boolean } {
  const { source } = model;
  const entry = job.runsOn;
  if (!entry) return { labels: [], group: false };
  const expand = (value: string): string[] | null => possibleValues(source, job, value.trim());
  const scalar = source.text(entry.value);
  if (scalar !== null) return { labels: expand(scalar), group: false };
  const seq = source.asSeq(entry.value);
  const fromList = (node: unknown): string[] | null => {
    const s = source.text(node);
    if (s !== null) return expand(s);
    const items = source.asSeq(node)?.items;
    if (!items) return null;
    const out: string[] = [];
    for (const item of items) {
      const t = source.text(item);
      const v = t === null ? null : expand(t);
      if (v === null) return null;
      out.push(...v);
    }
    return out;
  };
  if (seq) return { labels: fromList(seq), group: false };
  const map = source.asMap(entry.value);
  if (!map) return { labels: null, group: false };
  const group = source.get(map, 'group');
  const labels = source.get(map, 'labels');
  return { labels: labels ? fromList(labels.value) : [], group: group !== undefined };
}

export function selfHostedReasons(model: WorkflowModel, job: JobModel): Reason[] {
  if (!job.runsOn) return [];
  const pr = hasTrigger(model, PULL_REQUEST_TRIGGERS);
  if (pr === false) return [];
  const { labels, group } = labelsOf(model, job);
  const custom = labels?.filter((l) => !GITHUB_HOSTED.test(l.trim())) ?? [];
  if (labels !== null && !group && custom.length === 0) return [];
  const what = labels === null ? 'a runner chosen at run time (it may be self-hosted)' : group ? 'a runner group (self-hosted or larger runners)' : custom.some((l) => l.toLowerCase() === 'self-hosted') ? 'a self-hosted runner' : `runner label${custom.length > 1 ? 's' : ''} \`${custom.join('`, `')}\` that GitHub does not host (a self-hosted runner)`;
  const when = pr === null ? 'and its triggers are not visible here (it may run on pull requests)' : 'in a workflow triggered by pull requests';
  return [
    {
      rule: 'wf:self-hosted',
      zone: 'red',
      line: job.runsOn.line,
      message: `job \`${job.id}\` runs on ${what} ${when}: a PR's code can persist on the machine and reach its network; use GitHub-hosted runners for PRs`,
    },
  ];
}
