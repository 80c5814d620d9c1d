import type { WorkflowModel } from './model.js';
import { buildAction, buildWorkflow } from './model.js';
import { parseYaml, type YamlProblem } from './yaml-source.js';

/** Reads a workflow or action file into its model, or the problems that stop it from being read. */
export type Loaded = { ok: true; model: WorkflowModel } | { ok: false; problems: YamlProblem[] };

export function isActionPath(path: string): boolean {
  const name = path.replace(/\\/g, '/').split('/').pop() ?? '';
  return /^action\.ya?ml$/i.test(name);
}

export function loadWorkflow(path: string, text: string): Loaded {
  const parsed = parseYaml(text);
  if (!parsed.ok) return { ok: false, problems: parsed.problems };
  const { source } = parsed;
  // An action file can be handed to `step --workflow` under any name: its shape decides.
  const looksLikeAction = source.get(source.doc.contents, 'runs') !== undefined && source.get(source.doc.contents, 'jobs') === undefined;
  const model = isActionPath(path) || looksLikeAction ? buildAction(source) : buildWorkflow(source, { requireComplete: true });
  return { ok: true, model };
}
