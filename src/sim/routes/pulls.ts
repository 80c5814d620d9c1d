// Pull request endpoints: get/list, files (3000-file cap, omitted patches), commits, reviews,
// review requests, and merge with the head guard and required-check refusal.
import { HttpError, notFound, paginate, validation, type Ctx, type Route } from '../server.js';
import type { Pull } from '../core.js';

/** GitHub never lists more than this many files of a pull request. */
export const FILES_CAP = 3000;

function pullOf(ctx: Ctx): Pull {
  const i = ctx.repo.issues.get(Number(ctx.params.pull_number));
  if (!i?.pull) throw notFound();
  return i as Pull;
}

function unifiedDiff(ctx: Ctx, pr: Pull): string {
  return ctx.core.files(ctx.repo, pr).map((f) => {
    const a = f.previous_filename ?? f.filename;
    const head = `diff --git a/${a} b/${f.filename}\n`;
    if (f.binary) return `${head}Binary files differ\n`;
    const from = f.status === 'added' ? '/dev/null' : `a/${a}`;
    const to = f.status === 'removed' ? '/dev/null' : `b/${f.filename}`;
    return f.patch ? `${head}--- ${from}\n+++ ${to}\n${f.patch}\n` : head;
  }).join('');
}

export const pullRoutes: Route[] = [
  {
    method: 'GET', template: '/repos/{owner}/{repo}/pulls', operation: 'pulls/list',
    handle: (ctx) => {
      const state = ctx.query.get('state') ?? 'open';
      const base = ctx.query.get('base');
      const head = ctx.query.get('head');
      const pulls = [...ctx.repo.issues.values()]
        .filter((i): i is Pull => Boolean(i.pull))
        .filter((p) => state === 'all' || p.state === state)
        .filter((p) => !base || p.pull.baseRef === base)
        .filter((p) => !head || `${ctx.repo.owner}:${p.pull.headRef}` === head)
        .sort((a, b) => (ctx.query.get('direction') === 'asc' ? a.number - b.number : b.number - a.number));
      return paginate(ctx, pulls.map((p) => ctx.core.pullJson(ctx.repo, p)));
    },
  },
  {
    method: 'GET', template: '/repos/{owner}/{repo}/pulls/{pull_number}', operation: 'pulls/get',
    handle: (ctx) => {
      const pr = pullOf(ctx);
      const accept = String(ctx.headers.accept ?? '');
      if (accept.includes('diff') || accept.includes('patch')) {
        // GitHub refuses diffs over 300 files; the files API is the only way past that
        if (ctx.core.files(ctx.repo, pr).length > 300) throw new HttpError(406, 'Sorry, the diff exceeded the maximum number of files (300). Consider using \'List pull requests files\' API or locally cloning the repository instead.', { errors: [{ resource: 'PullRequest', field: 'diff', code: 'too_large' }] });
        return { raw: unifiedDiff(ctx, pr), contentType: 'application/vnd.github.diff; charset=utf-8' };
      }
      return { body: ctx.core.pullJson(ctx.repo, pr) };
    },
  },
  {
    method: 'GET', template: '/repos/{owner}/{repo}/pulls/{pull_number}/files', operation: 'pulls/list-files',
    handle: (ctx) => {
      const pr = pullOf(ctx);
      const files = ctx.core.files(ctx.repo, pr).slice(0, FILES_CAP);
      return paginate(ctx, files.map((f) => ctx.core.shapes.diffEntry(ctx.repo, pr.pull.headSha, f, ctx.repo.omitPatch.has(f.filename))));
    },
  },
  {
    method: 'GET', template: '/repos/{owner}/{repo}/pulls/{pull_number}/commits', operation: 'pulls/list-commits',
    handle: (ctx) => {
      const pr = pullOf(ctx);
      return paginate(ctx, ctx.core.commits(ctx.repo, pr).slice(0, 250).map((c) => ctx.core.shapes.commit(ctx.repo, c)));
    },
  },
  {
    method: 'GET', template: '/repos/{owner}/{repo}/pulls/{pull_number}/reviews', operation: 'pulls/list-reviews',
    handle: (ctx) => {
      const pr = pullOf(ctx);
      return paginate(ctx, pr.pull.reviews.map((r) => ctx.core.shapes.review(ctx.repo, pr.number, r)));
    },
  },
  {
    method: 'GET', template: '/repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers', operation: 'pulls/list-requested-reviewers',
    handle: (ctx) => {
      const pr = pullOf(ctx);
      return { body: { users: pr.pull.requestedUsers.map((u) => ctx.core.shapes.user(u)), teams: pr.pull.requestedTeams.map((t) => ctx.core.shapes.team(ctx.repo.owner, t)) } };
    },
  },
  {
    method: 'POST', template: '/repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers', operation: 'pulls/request-reviewers',
    handle: (ctx) => {
      const pr = pullOf(ctx);
      const users: string[] = Array.isArray(ctx.body?.reviewers) ? ctx.body.reviewers : [];
      const teams: string[] = Array.isArray(ctx.body?.team_reviewers) ? ctx.body.team_reviewers : [];
      if (users.some((u) => u.toLowerCase() === pr.user.toLowerCase())) throw validation([], 'Review cannot be requested from pull request author.');
      for (const u of users) {
        if (ctx.core.world.permission(ctx.repo, u) === 'none') throw validation([], 'Reviews may only be requested from collaborators. One or more of the users or teams you specified is not a collaborator of the ' + ctx.repo.fullName + ' repository.');
      }
      for (const t of teams) if (!ctx.core.world.teams.has(`${ctx.repo.owner}/${t}`.toLowerCase())) throw validation([], 'Could not resolve to a node with the global id');
      for (const u of users) if (!pr.pull.requestedUsers.includes(u)) {
        pr.pull.requestedUsers.push(u);
        ctx.core.deliverer.sendLater('pull_request', ctx.core.pullPayload('review_requested', ctx.repo, pr, ctx.core.appBot, { requested_reviewer: ctx.core.shapes.user(u) }));
      }
      for (const t of teams) if (!pr.pull.requestedTeams.includes(t)) {
        pr.pull.requestedTeams.push(t);
        ctx.core.deliverer.sendLater('pull_request', ctx.core.pullPayload('review_requested', ctx.repo, pr, ctx.core.appBot, { requested_team: ctx.core.shapes.team(ctx.repo.owner, t) }));
      }
      return { status: 201, body: ctx.core.pullJson(ctx.repo, pr) };
    },
  },
  {
    method: 'PUT', template: '/repos/{owner}/{repo}/pulls/{pull_number}/merge', operation: 'pulls/merge',
    handle: (ctx) => {
      const pr = pullOf(ctx);
      const b = ctx.body ?? {};
      const out = ctx.core.merge(ctx.repo, pr, { sha: b.sha, method: b.merge_method, by: ctx.core.appBot, title: b.commit_title, message: b.commit_message });
      if (out.status !== 200) throw new HttpError(out.status, out.message);
      return { body: { sha: out.sha, merged: true, message: out.message } };
    },
  },
];
