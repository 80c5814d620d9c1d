// Issue, label and comment endpoints. Issues and pull requests share numbers and labels, as on
// GitHub; label changes on a pull request send pull_request.labeled/unlabeled.
import { HttpError, notFound, paginate, validation, type Ctx, type Route } from '../server.js';
import { nodeId, now, type Comment, type Issue } from '../model/world.js';
import type { Pull } from '../core.js';

function issueOf(ctx: Ctx): Issue {
  const i = ctx.repo.issues.get(Number(ctx.params.issue_number));
  if (!i) throw notFound();
  return i;
}

function labelNames(body: unknown): string[] {
  const raw = Array.isArray(body) ? body : (body as { labels?: unknown })?.labels;
  if (!Array.isArray(raw)) throw validation([], 'Invalid request.\n\nFor \'links/0/schema\', nil is not an array.');
  return raw.map((l) => (typeof l === 'string' ? l : String((l as { name?: string }).name)));
}

function emitLabel(ctx: Ctx, issue: Issue, action: 'labeled' | 'unlabeled', name: string, sender: string): void {
  const core = ctx.core;
  const label = core.shapes.label(ctx.repo, core.world.ensureLabel(ctx.repo, name));
  if (issue.pull) core.deliverer.sendLater('pull_request', core.pullPayload(action, ctx.repo, issue as Pull, sender, { label }));
  else core.deliverer.sendLater('issues', core.issuePayload(action, ctx.repo, issue, sender, { label }));
}

/** Adds labels the way GitHub does: missing repository labels are created (color ededed), names match case-insensitively. */
export function addLabels(ctx: Ctx, issue: Issue, names: string[], sender: string): void {
  for (const n of names) {
    const label = ctx.core.world.ensureLabel(ctx.repo, n);
    if (issue.labels.some((l) => l.toLowerCase() === label.name.toLowerCase())) continue;
    issue.labels.push(label.name);
    emitLabel(ctx, issue, 'labeled', label.name, sender);
  }
  issue.updatedAt = now();
}

const labelsReply = (ctx: Ctx, issue: Issue) => ({ body: ctx.core.shapes.labelsOf(ctx.repo, issue) });

export const issueRoutes: Route[] = [
  {
    method: 'GET', template: '/repos/{owner}/{repo}/issues/{issue_number}/labels', operation: 'issues/list-labels-on-issue',
    handle: (ctx) => paginate(ctx, ctx.core.shapes.labelsOf(ctx.repo, issueOf(ctx))),
  },
  {
    method: 'POST', template: '/repos/{owner}/{repo}/issues/{issue_number}/labels', operation: 'issues/add-labels',
    handle: (ctx) => {
      const issue = issueOf(ctx);
      addLabels(ctx, issue, labelNames(ctx.body), ctx.core.appBot);
      return labelsReply(ctx, issue);
    },
  },
  {
    method: 'PUT', template: '/repos/{owner}/{repo}/issues/{issue_number}/labels', operation: 'issues/set-labels',
    handle: (ctx) => {
      const issue = issueOf(ctx);
      const names = labelNames(ctx.body);
      for (const l of [...issue.labels]) {
        if (names.some((n) => n.toLowerCase() === l.toLowerCase())) continue;
        issue.labels = issue.labels.filter((x) => x !== l);
        emitLabel(ctx, issue, 'unlabeled', l, ctx.core.appBot);
      }
      addLabels(ctx, issue, names, ctx.core.appBot);
      return labelsReply(ctx, issue);
    },
  },
  {
    method: 'DELETE', template: '/repos/{owner}/{repo}/issues/{issue_number}/labels/{name}', operation: 'issues/remove-label',
    handle: (ctx) => {
      const issue = issueOf(ctx);
      const name = issue.labels.find((l) => l.toLowerCase() === ctx.params.name!.toLowerCase());
      if (!name) throw new HttpError(404, 'Label does not exist');
      issue.labels = issue.labels.filter((l) => l !== name);
      issue.updatedAt = now();
      emitLabel(ctx, issue, 'unlabeled', name, ctx.core.appBot);
      return labelsReply(ctx, issue);
    },
  },
  {
    method: 'GET', template: '/repos/{owner}/{repo}/labels', operation: 'issues/list-labels-for-repo',
    handle: (ctx) => paginate(ctx, [...ctx.repo.labels.values()].map((l) => ctx.core.shapes.label(ctx.repo, l))),
  },
  {
    method: 'POST', template: '/repos/{owner}/{repo}/labels', operation: 'issues/create-label',
    handle: (ctx) => {
      const b = ctx.body ?? {};
      if (typeof b.name !== 'string' || !b.name) throw validation([{ resource: 'Label', code: 'missing_field', field: 'name' }]);
      if (ctx.repo.labels.has(b.name.toLowerCase())) throw validation([{ resource: 'Label', code: 'already_exists', field: 'name' }]);
      const color = String(b.color ?? 'ededed').replace(/^#/, '');
      if (!/^[0-9a-fA-F]{6}$/.test(color)) throw validation([{ resource: 'Label', code: 'invalid', field: 'color' }]);
      const l = ctx.core.world.ensureLabel(ctx.repo, b.name, color.toLowerCase());
      l.description = b.description ?? null;
      return { status: 201, body: ctx.core.shapes.label(ctx.repo, l) };
    },
  },
  {
    method: 'GET', template: '/repos/{owner}/{repo}/labels/{name}', operation: 'issues/get-label',
    handle: (ctx) => {
      const l = ctx.repo.labels.get(ctx.params.name!.toLowerCase());
      if (!l) throw notFound();
      return { body: ctx.core.shapes.label(ctx.repo, l) };
    },
  },
  {
    method: 'PATCH', template: '/repos/{owner}/{repo}/labels/{name}', operation: 'issues/update-label',
    handle: (ctx) => {
      const key = ctx.params.name!.toLowerCase();
      const l = ctx.repo.labels.get(key);
      if (!l) throw notFound();
      const b = ctx.body ?? {};
      if (b.color !== undefined) l.color = String(b.color).replace(/^#/, '').toLowerCase();
      if (b.description !== undefined) l.description = b.description;
      if (typeof b.new_name === 'string' && b.new_name !== l.name) {
        if (ctx.repo.labels.has(b.new_name.toLowerCase()) && b.new_name.toLowerCase() !== key) throw validation([{ resource: 'Label', code: 'already_exists', field: 'name' }]);
        for (const i of ctx.repo.issues.values()) i.labels = i.labels.map((n) => (n === l.name ? b.new_name : n));
        ctx.repo.labels.delete(key);
        l.name = b.new_name;
        ctx.repo.labels.set(l.name.toLowerCase(), l);
      }
      return { body: ctx.core.shapes.label(ctx.repo, l) };
    },
  },
  {
    method: 'POST', template: '/repos/{owner}/{repo}/issues', operation: 'issues/create',
    handle: (ctx) => {
      const b = ctx.body ?? {};
      if (typeof b.title !== 'string' || !b.title) throw validation([{ resource: 'Issue', code: 'missing_field', field: 'title' }]);
      const issue = createIssue(ctx, b.title, b.body ?? null, ctx.core.appBot);
      addLabels(ctx, issue, Array.isArray(b.labels) ? labelNames(b.labels) : [], ctx.core.appBot);
      ctx.core.deliverer.sendLater('issues', ctx.core.issuePayload('opened', ctx.repo, issue, ctx.core.appBot));
      return { status: 201, body: ctx.core.shapes.issue(ctx.repo, issue) };
    },
  },
  {
    method: 'GET', template: '/repos/{owner}/{repo}/issues/{issue_number}', operation: 'issues/get',
    handle: (ctx) => ({ body: ctx.core.shapes.issue(ctx.repo, issueOf(ctx)) }),
  },
  {
    method: 'PATCH', template: '/repos/{owner}/{repo}/issues/{issue_number}', operation: 'issues/update',
    handle: (ctx) => {
      const issue = issueOf(ctx);
      const b = ctx.body ?? {};
      const core = ctx.core;
      if (typeof b.title === 'string') issue.title = b.title;
      if (b.body !== undefined) issue.body = b.body;
      if (Array.isArray(b.labels)) {
        const names = labelNames(b.labels);
        issue.labels = [];
        addLabels(ctx, issue, names, core.appBot);
      }
      if ((b.state === 'closed' || b.state === 'open') && b.state !== issue.state) {
        if (issue.pull?.merged) throw validation([], 'Validation Failed');
        issue.state = b.state;
        issue.closedAt = b.state === 'closed' ? now() : null;
        issue.stateReason = b.state === 'closed' ? (b.state_reason ?? 'completed') : 'reopened';
        const action = b.state === 'closed' ? 'closed' : 'reopened';
        if (issue.pull) core.deliverer.sendLater('pull_request', core.pullPayload(action, ctx.repo, issue as Pull, core.appBot));
        else core.deliverer.sendLater('issues', core.issuePayload(action, ctx.repo, issue, core.appBot));
      } else if (typeof b.title === 'string' || b.body !== undefined) {
        core.deliverer.sendLater('issues', core.issuePayload('edited', ctx.repo, issue, core.appBot, { changes: {} }));
      }
      issue.updatedAt = now();
      return { body: core.shapes.issue(ctx.repo, issue) };
    },
  },
  {
    method: 'GET', template: '/repos/{owner}/{repo}/issues', operation: 'issues/list-for-repo',
    handle: (ctx) => {
      const state = ctx.query.get('state') ?? 'open';
      const labels = (ctx.query.get('labels') ?? '').split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
      const creator = ctx.query.get('creator')?.toLowerCase();
      const items = [...ctx.repo.issues.values()]
        .filter((i) => state === 'all' || i.state === state)
        .filter((i) => labels.every((l) => i.labels.some((x) => x.toLowerCase() === l)))
        .filter((i) => !creator || i.user.toLowerCase() === creator)
        .sort((a, b) => (ctx.query.get('direction') === 'asc' ? a.number - b.number : b.number - a.number));
      return paginate(ctx, items.map((i) => ctx.core.shapes.issue(ctx.repo, i)));
    },
  },
  {
    method: 'POST', template: '/repos/{owner}/{repo}/issues/{issue_number}/comments', operation: 'issues/create-comment',
    handle: (ctx) => {
      const issue = issueOf(ctx);
      if (typeof ctx.body?.body !== 'string' || !ctx.body.body) throw validation([{ resource: 'IssueComment', code: 'missing_field', field: 'body' }]);
      const c = addComment(ctx, issue, ctx.core.appBot, ctx.body.body);
      ctx.core.deliverer.sendLater('issue_comment', ctx.core.issuePayload('created', ctx.repo, issue, ctx.core.appBot, { comment: ctx.core.shapes.comment(ctx.repo, c) }));
      return { status: 201, body: ctx.core.shapes.comment(ctx.repo, c) };
    },
  },
  {
    method: 'GET', template: '/repos/{owner}/{repo}/issues/{issue_number}/comments', operation: 'issues/list-comments',
    handle: (ctx) => {
      const issue = issueOf(ctx);
      return paginate(ctx, ctx.repo.comments.filter((c) => c.issue === issue.number).map((c) => ctx.core.shapes.comment(ctx.repo, c)));
    },
  },
  {
    method: 'PATCH', template: '/repos/{owner}/{repo}/issues/comments/{comment_id}', operation: 'issues/update-comment',
    handle: (ctx) => {
      const c = ctx.repo.comments.find((x) => x.id === Number(ctx.params.comment_id));
      if (!c) throw notFound();
      if (typeof ctx.body?.body !== 'string') throw validation([{ resource: 'IssueComment', code: 'missing_field', field: 'body' }]);
      c.body = ctx.body.body;
      c.updatedAt = now();
      return { body: ctx.core.shapes.comment(ctx.repo, c) };
    },
  },
];

export function createIssue(ctx: Pick<Ctx, 'core' | 'repo'>, title: string, body: string | null, user: string): Issue {
  const number = ctx.repo.issues.size + 1;
  const id = ctx.core.world.nextId();
  const t = now();
  const issue: Issue = { number, id, nodeId: nodeId('I', id), title, body, state: 'open', stateReason: null, user, labels: [], createdAt: t, updatedAt: t, closedAt: null };
  ctx.repo.issues.set(number, issue);
  return issue;
}

export function addComment(ctx: Pick<Ctx, 'core' | 'repo'>, issue: Issue, user: string, body: string): Comment {
  const id = ctx.core.world.nextId();
  const t = now();
  const c: Comment = { id, nodeId: nodeId('IC', id), issue: issue.number, user, body, createdAt: t, updatedAt: t };
  ctx.repo.comments.push(c);
  return c;
}
