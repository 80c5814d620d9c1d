// Check run endpoints with GitHub's validation (output needs title and summary, at most 50
// annotations per request, summary and text at most 65535 characters, only the creating App may
// update a run), webhooks for each change, and auto-merge settling after each.
import { HttpError, notFound, paginate, validation, type Ctx, type Route } from '../server.js';
import { now, type Annotation, type CheckRun } from '../model/world.js';

const STATUSES = new Set(['queued', 'in_progress', 'completed', 'waiting', 'requested', 'pending']);
const CONCLUSIONS = new Set(['action_required', 'cancelled', 'failure', 'neutral', 'success', 'skipped', 'stale', 'timed_out']);
const MAX_TEXT = 65535;

interface Input {
  name?: string;
  status?: string;
  conclusion?: string;
  output?: { title?: string; summary?: string; text?: string; annotations?: Annotation[] };
  details_url?: string;
  external_id?: string;
  started_at?: string;
  completed_at?: string;
}

function validate(b: Input): void {
  if (b.status !== undefined && !STATUSES.has(b.status)) throw validation([{ resource: 'CheckRun', field: 'status', code: 'invalid' }]);
  if (b.conclusion !== undefined && b.conclusion !== null && !CONCLUSIONS.has(b.conclusion)) throw validation([{ resource: 'CheckRun', field: 'conclusion', code: 'invalid' }]);
  if (b.status === 'completed' && !b.conclusion) throw validation([], 'Invalid request.\n\nNo conclusion given for a completed check run.');
  const o = b.output;
  if (o) {
    if (typeof o.title !== 'string' || typeof o.summary !== 'string') throw validation([], 'Invalid request.\n\n"title", "summary" weren\'t supplied.');
    if (o.summary.length > MAX_TEXT) throw validation([], `Invalid request.\n\nOnly ${MAX_TEXT} characters are allowed; ${o.summary.length} were supplied.`);
    if (o.text !== undefined && o.text.length > MAX_TEXT) throw validation([], `Invalid request.\n\nOnly ${MAX_TEXT} characters are allowed; ${o.text.length} were supplied.`);
    if ((o.annotations?.length ?? 0) > 50) throw validation([], 'Invalid request.\n\nOnly 50 annotations are allowed per request.');
    for (const a of o.annotations ?? []) {
      if (!a.path || typeof a.start_line !== 'number' || typeof a.end_line !== 'number' || !a.message || !['notice', 'warning', 'failure'].includes(a.annotation_level)) {
        throw validation([], 'Invalid request.\n\nAnnotations need path, start_line, end_line, message and annotation_level (notice, warning or failure).');
      }
    }
  }
}

function applyInput(run: CheckRun, b: Input): void {
  if (b.name) run.name = b.name;
  if (b.details_url !== undefined) run.detailsUrl = b.details_url;
  if (b.external_id !== undefined) run.externalId = b.external_id;
  if (b.conclusion) {
    run.status = 'completed';
    run.conclusion = b.conclusion;
  } else if (b.status) {
    run.status = b.status;
    if (b.status !== 'completed') run.conclusion = null;
  }
  if (run.status === 'completed') run.completedAt = b.completed_at ?? run.completedAt ?? now();
  else run.completedAt = null;
  if (b.output) {
    run.output = { title: b.output.title ?? null, summary: b.output.summary ?? null, text: b.output.text ?? null };
    // GitHub appends annotations across updates of the same run
    run.annotations.push(...(b.output.annotations ?? []));
  }
}

function runOf(ctx: Ctx): CheckRun {
  const run = ctx.repo.checkRuns.find((r) => r.id === Number(ctx.params.check_run_id));
  if (!run) throw notFound();
  return run;
}

export const checkRoutes: Route[] = [
  {
    method: 'POST', template: '/repos/{owner}/{repo}/check-runs', operation: 'checks/create',
    handle: (ctx) => {
      const b = (ctx.body ?? {}) as Input & { head_sha?: string };
      if (!b.name) throw validation([{ resource: 'CheckRun', field: 'name', code: 'missing_field' }]);
      if (!b.head_sha || !/^[0-9a-f]{40}$/.test(b.head_sha) || !ctx.repo.git.commits.has(b.head_sha)) throw validation([], `No commit found for SHA: ${b.head_sha}`);
      validate(b);
      const run = ctx.core.addCheckRun(ctx.repo, {
        name: b.name, headSha: b.head_sha, status: 'queued', conclusion: null, startedAt: b.started_at ?? now(), completedAt: null,
        output: { title: null, summary: null, text: null }, annotations: [], appId: ctx.core.appId, detailsUrl: null, externalId: '',
      });
      applyInput(run, b);
      ctx.core.deliverer.sendLater('check_run', ctx.core.checkRunPayload('created', ctx.repo, run, ctx.core.appBot));
      if (run.status === 'completed') ctx.core.deliverer.sendLater('check_run', ctx.core.checkRunPayload('completed', ctx.repo, run, ctx.core.appBot));
      ctx.core.settle(ctx.repo);
      return { status: 201, body: ctx.core.shapes.checkRun(ctx.repo, run) };
    },
  },
  {
    method: 'PATCH', template: '/repos/{owner}/{repo}/check-runs/{check_run_id}', operation: 'checks/update',
    handle: (ctx) => {
      const run = runOf(ctx);
      if (run.appId !== ctx.core.appId) throw new HttpError(403, 'Invalid app_id `' + ctx.core.appId + '` - check run can only be modified by the GitHub App that created it.');
      const b = (ctx.body ?? {}) as Input;
      validate(b);
      const wasCompleted = run.status === 'completed';
      const before = run.conclusion;
      applyInput(run, b);
      if (run.status === 'completed' && (!wasCompleted || before !== run.conclusion)) ctx.core.deliverer.sendLater('check_run', ctx.core.checkRunPayload('completed', ctx.repo, run, ctx.core.appBot));
      ctx.core.settle(ctx.repo);
      return { body: ctx.core.shapes.checkRun(ctx.repo, run) };
    },
  },
  {
    method: 'GET', template: '/repos/{owner}/{repo}/check-runs/{check_run_id}', operation: 'checks/get',
    handle: (ctx) => ({ body: ctx.core.shapes.checkRun(ctx.repo, runOf(ctx)) }),
  },
  {
    method: 'GET', template: '/repos/{owner}/{repo}/check-runs/{check_run_id}/annotations', operation: 'checks/list-annotations',
    handle: (ctx) => paginate(ctx, runOf(ctx).annotations.map((a) => ({ blob_href: '', start_column: null, end_column: null, title: null, raw_details: null, ...a }))),
  },
  {
    method: 'GET', template: '/repos/{owner}/{repo}/commits/{ref}/check-runs', operation: 'checks/list-for-ref',
    handle: (ctx) => {
      const commit = ctx.repo.git.resolve(ctx.params.ref!);
      if (!commit) throw validation([], `No commit found for SHA: ${ctx.params.ref}`);
      const all = ctx.query.get('filter') === 'all';
      const name = ctx.query.get('check_name');
      const status = ctx.query.get('status');
      const appId = ctx.query.get('app_id');
      let runs = all ? ctx.repo.checkRuns.filter((r) => r.headSha === commit.sha) : ctx.core.world.latestRuns(ctx.repo, commit.sha);
      runs = runs.filter((r) => (!name || r.name === name) && (!status || r.status === status) && (!appId || r.appId === Number(appId))).sort((a, b) => b.id - a.id);
      return paginate(ctx, runs.map((r) => ctx.core.shapes.checkRun(ctx.repo, r)), (page, total) => ({ total_count: total, check_runs: page }));
    },
  },
];
