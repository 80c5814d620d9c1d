// The HTTP front: GitHub Enterprise Server's layout (REST under /api/v3, GraphQL at /api/graphql),
// authentication, injected faults, the request log, pagination with Link headers.
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { Auth, Caller } from './auth.js';
import type { SimCore } from './core.js';
import type { Faults } from './faults.js';
import type { Repo } from './model/world.js';

export interface Ctx {
  core: SimCore;
  params: Record<string, string>;
  query: URLSearchParams;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- request JSON, validated by each route
  headers: IncomingHttpHeaders;
  caller: Caller;
  /** Set for routes under /repos/{owner}/{repo}: the repository, checked against the token's installation. */
  repo: Repo;
  url: URL;
}

export interface Reply {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
  raw?: string | Buffer;
  contentType?: string;
}

export class HttpError extends Error {
  constructor(readonly status: number, message: string, readonly extra: Record<string, unknown> = {}) {
    super(message);
  }
}

export const notFound = (): HttpError => new HttpError(404, 'Not Found');
export const validation = (errors: object[], message = 'Validation Failed'): HttpError => new HttpError(422, message, { errors });

export interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Octokit's URL template for the endpoint, e.g. /repos/{owner}/{repo}/pulls/{pull_number}. */
  template: string;
  /** GitHub's operation id, e.g. pulls/merge. */
  operation: string;
  /** Who may call it: the App itself (JWT) or an installation (token); installation when not given. */
  auth?: 'app' | 'installation';
  handle(ctx: Ctx): Reply | Promise<Reply>;
}

export interface RequestRecord {
  method: string;
  path: string;
  status: number;
  operation?: string;
  at: number;
}

export type GraphqlHandler = (body: { query?: string; variables?: Record<string, unknown>; operationName?: string }, caller: Caller & { kind: 'installation' }) => Promise<{ operation?: string; result: object }>;

function match(template: string, path: string): Record<string, string> | null {
  const t = template.split('/');
  const p = path.split('/');
  const params: Record<string, string> = {};
  for (let i = 0; i < t.length; i++) {
    const seg = t[i]!;
    const m = /^\{(\w+)\}$/.exec(seg);
    if (m && m[1] === 'path' && i === t.length - 1) {
      // contents paths keep their slashes, whether Octokit sent them raw or as %2F
      params.path = p.slice(i).map(decodeURIComponent).join('/');
      return params;
    }
    if (i >= p.length) return null;
    if (m) {
      if (p[i] === '') return null;
      params[m[1]!] = decodeURIComponent(p[i]!);
    } else if (seg !== p[i]) {
      return null;
    }
  }
  return t.length === p.length ? params : null;
}

export function paginate<T>(ctx: Ctx, items: T[], wrap?: (page: T[], total: number) => object): Reply {
  const perPage = Math.min(100, Math.max(1, Number(ctx.query.get('per_page') ?? 30) || 30));
  const page = Math.max(1, Number(ctx.query.get('page') ?? 1) || 1);
  const last = Math.max(1, Math.ceil(items.length / perPage));
  const slice = items.slice((page - 1) * perPage, page * perPage);
  const link = (n: number, rel: string) => {
    const u = new URL(ctx.url.href);
    u.searchParams.set('per_page', String(perPage));
    u.searchParams.set('page', String(n));
    return `<${u.href}>; rel="${rel}"`;
  };
  const links: string[] = [];
  if (page > 1) links.push(link(page - 1, 'prev'));
  if (page < last) links.push(link(page + 1, 'next'), link(last, 'last'));
  if (page > 1) links.push(link(1, 'first'));
  return { body: wrap ? wrap(slice, items.length) : slice, headers: links.length ? { link: links.join(', ') } : {} };
}

export class SimServer {
  readonly requests: RequestRecord[] = [];
  private server?: Server;
  private readonly routes: Route[] = [];
  private used = 0;

  constructor(private readonly core: SimCore, private readonly auth: Auth, private readonly faults: Faults, private readonly graphql: GraphqlHandler, private readonly log: boolean) {}

  add(routes: Route[]): void {
    this.routes.push(...routes);
  }

  get routeList(): readonly Route[] {
    return this.routes;
  }

  listen(): Promise<number> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((e) => {
        if (!res.headersSent) this.send(res, 500, { message: String(e) });
      });
    });
    this.server.keepAliveTimeout = 1000;
    return new Promise((resolve) => this.server!.listen(0, '127.0.0.1', () => resolve((this.server!.address() as { port: number }).port)));
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      if (!this.server) return resolve();
      this.server.closeAllConnections();
      this.server.close(() => resolve());
    });
  }

  private send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}, raw?: string | Buffer, contentType?: string): void {
    this.used++;
    const h: Record<string, string> = {
      'x-github-request-id': randomUUID(),
      'x-github-media-type': 'github.v3; format=json',
      'x-ratelimit-limit': '5000',
      'x-ratelimit-remaining': String(Math.max(0, 5000 - this.used)),
      'x-ratelimit-used': String(this.used),
      'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600),
      'x-ratelimit-resource': 'core',
      ...headers,
    };
    if (raw !== undefined) {
      res.writeHead(status, { ...h, 'content-type': contentType ?? 'application/octet-stream' });
      res.end(raw);
    } else if (status === 204 || body === undefined) {
      res.writeHead(status, h);
      res.end();
    } else {
      res.writeHead(status, { ...h, 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(body));
    }
  }

  private async readBody(req: IncomingMessage): Promise<unknown> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    if (!text) return {};
    return JSON.parse(text);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.core.urls.html);
    const method = (req.method ?? 'GET').toUpperCase();
    const record = (status: number, operation?: string) => {
      this.requests.push({ method, path: url.pathname, status, operation, at: Date.now() });
      if (this.log) console.log(`[sim] ${method} ${url.pathname}${url.search} ${operation ?? ''} -> ${status}`);
    };
    let body: unknown;
    try {
      body = await this.readBody(req);
    } catch {
      this.send(res, 400, { message: 'Problems parsing JSON' });
      return record(400);
    }

    if (url.pathname === '/api/graphql' && method === 'POST') {
      const b = body as { query?: string; operationName?: string };
      const operation = b.operationName ?? /^\s*(?:query|mutation)\s+(\w+)/.exec(b.query ?? '')?.[1] ?? /\{\s*(\w+)/.exec(b.query ?? '')?.[1];
      if (await this.fault(res, { method, path: url.pathname, operation }, record)) return;
      const caller = this.auth.identify(req.headers.authorization);
      if (caller.kind !== 'installation') {
        this.send(res, 401, { message: 'This endpoint requires you to be authenticated.', documentation_url: 'https://docs.github.com/graphql/guides/forming-calls-with-graphql#authenticating-with-graphql' });
        return record(401, operation);
      }
      const out = await this.graphql(b as { query?: string }, caller);
      this.send(res, 200, out.result);
      return record(200, out.operation ?? operation);
    }

    if (!url.pathname.startsWith('/api/v3/')) {
      this.send(res, 404, { message: 'Not Found' });
      return record(404);
    }
    const path = url.pathname.slice('/api/v3'.length);
    let route: Route | undefined;
    let params: Record<string, string> | null = null;
    for (const r of this.routes) {
      if (r.method !== method) continue;
      params = match(r.template, path);
      if (params) { route = r; break; }
    }
    if (!route || !params) {
      this.send(res, 404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' });
      return record(404);
    }
    if (await this.fault(res, { method, path: url.pathname, operation: route.operation }, record)) return;
    const caller = this.auth.identify(req.headers.authorization);
    const needs = route.auth ?? 'installation';
    if (caller.kind === 'none' || caller.kind !== (needs === 'app' ? 'app' : 'installation')) {
      const message = caller.kind === 'none' ? caller.reason : needs === 'app' ? 'A JSON web token could not be decoded' : 'Bad credentials';
      this.send(res, 401, { message, documentation_url: 'https://docs.github.com/rest' });
      return record(401, route.operation);
    }
    try {
      const ctx: Ctx = { core: this.core, params, query: url.searchParams, body, headers: req.headers, caller, repo: undefined as unknown as Repo, url };
      if (params.owner !== undefined && params.repo !== undefined && route.template.startsWith('/repos/')) {
        const repo = this.core.world.findRepo(params.owner, params.repo);
        // an installation sees only its own repositories; anything else is indistinguishable from missing
        if (!repo || (caller.kind === 'installation' && repo.installationId !== caller.installationId)) throw notFound();
        ctx.repo = repo;
      }
      const reply = await route.handle(ctx);
      const status = reply.status ?? 200;
      this.send(res, status, reply.body, reply.headers, reply.raw, reply.contentType);
      record(status, route.operation);
    } catch (e) {
      if (e instanceof HttpError) {
        this.send(res, e.status, { message: e.message, ...e.extra, documentation_url: 'https://docs.github.com/rest', status: String(e.status) });
        return record(e.status, route.operation);
      }
      this.send(res, 500, { message: `sim error: ${(e as Error).message}` });
      record(500, route.operation);
      if (this.log) console.error(e);
    }
  }

  private async fault(res: ServerResponse, info: { method: string; path: string; operation?: string }, record: (s: number, op?: string) => void): Promise<boolean> {
    const f = this.faults.take(info);
    if (!f) return false;
    if (f.delayMs) await new Promise((r) => setTimeout(r, f.delayMs));
    if (!f.answer) return false;
    if (res.destroyed) return true;
    this.send(res, f.answer.status, f.answer.body, f.answer.headers);
    record(f.answer.status, info.operation);
    return true;
  }
}
