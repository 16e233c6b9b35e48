/**
 * A local fake of the GitHub API, reached by the app through GHE_HOST/GHE_PROTOCOL (so
 * every REST path starts with /api/v3 and GraphQL is /api/graphql). It keeps state (pull
 * requests, files with patches, contents, check runs, reviews and their comments), pages
 * with Link headers, answers 422 for review comments off the diff as GitHub does, can
 * inject failures, and checks every REST request against GitHub's OpenAPI description.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { validateRequest } from './openapi.js';

export interface FakeFile {
  filename: string;
  status: 'added' | 'removed' | 'modified' | 'renamed';
  patch?: string;
  previous_filename?: string;
}

export interface FakePull {
  number: number;
  headSha: string;
  baseSha: string;
  state: 'open' | 'closed';
  files: FakeFile[];
}

export interface FakeCheckRun {
  id: number;
  name: string;
  head_sha: string;
  status: string;
  conclusion: string | null;
  output: { title?: string; summary?: string; text?: string };
  annotations: Record<string, unknown>[];
  updates: number;
}

export interface FakeComment {
  path: string;
  line: number;
  start_line?: number;
  body: string;
  byApp: boolean;
}

export interface FakeReview {
  id: number;
  pull: number;
  commit_id: string;
  body: string;
  event: string;
  byApp: boolean;
  comments: FakeComment[];
}

export interface RequestLog {
  method: string;
  path: string;
  status: number;
  at: number;
  operation?: string;
}

export interface Fault {
  method?: string;
  path: RegExp;
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
  times: number;
}

export interface FakeRepoState {
  pulls: Map<number, FakePull>;
  /** Text by `<sha>:<path>` or `HEAD:<path>`. */
  blobs: Map<string, string>;
}

const APP_LOGIN = 'migration-review[bot]';

export class FakeGitHub {
  readonly repos = new Map<string, FakeRepoState>();
  readonly checkRuns: FakeCheckRun[] = [];
  readonly reviews: FakeReview[] = [];
  readonly requests: RequestLog[] = [];
  readonly violations: string[] = [];
  readonly faults: Fault[] = [];
  /** Added to every answer: GitHub's own latency, for the benchmark. */
  latencyMs = 0;
  private server: Server | undefined;
  private nextId = 1000;
  port = 0;

  repo(fullName: string): FakeRepoState {
    let repo = this.repos.get(fullName);
    if (!repo) {
      repo = { pulls: new Map(), blobs: new Map() };
      this.repos.set(fullName, repo);
    }
    return repo;
  }

  get host(): string {
    return `127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }

  inject(fault: Omit<Fault, 'times'> & { times?: number }): void {
    this.faults.push({ times: 1, ...fault });
  }

  /** Requests the app made (the token exchange excluded) since index `from`. */
  apiRequests(from = 0): RequestLog[] {
    return this.requests.slice(from).filter((r) => !r.path.includes('/access_tokens'));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', `http://${this.host}`);
    const method = req.method ?? 'GET';
    let body: unknown;
    try {
      body = raw ? JSON.parse(raw) : undefined;
    } catch {
      return this.send(res, method, url.pathname, 400, { message: 'Problems parsing JSON' });
    }
    if (this.latencyMs) await new Promise((r) => setTimeout(r, this.latencyMs));

    const fault = this.faults.find((f) => f.times > 0 && (!f.method || f.method === method) && f.path.test(url.pathname));
    if (fault) {
      fault.times--;
      return this.send(res, method, url.pathname, fault.status, fault.body ?? { message: 'injected' }, { 'x-github-request-id': `FAKE:${this.nextId++}`, ...fault.headers });
    }

    if (url.pathname === '/api/graphql' && method === 'POST') return this.graphql(req, res, body as { query: string; variables: Record<string, unknown> });
    if (!url.pathname.startsWith('/api/v3/')) return this.send(res, method, url.pathname, 404, { message: 'Not Found' });
    const path = url.pathname.slice('/api/v3'.length);
    const validation = validateRequest(method, path, url.searchParams, body);
    if (validation.problems.length) this.violations.push(`${method} ${path}: ${validation.problems.join('; ')}`);
    if (!this.authorized(req, path)) return this.send(res, method, path, 401, { message: 'Bad credentials' });
    return this.route(res, method, path, url.searchParams, body as Record<string, any>, validation.operation);
  }

  private authorized(req: IncomingMessage, path: string): boolean {
    const auth = req.headers.authorization ?? '';
    if (path.endsWith('/access_tokens')) return /^bearer [\w-]+\.[\w-]+\.[\w-]+$/i.test(auth);
    return auth === 'token ghs_fake_installation_token';
  }

  private send(res: ServerResponse, method: string, path: string, status: number, body: unknown, headers: Record<string, string> = {}, operation?: string): void {
    this.requests.push({ method, path, status, at: Date.now(), ...(operation ? { operation } : {}) });
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'x-github-request-id': `FAKE:${this.nextId++}`, ...headers });
    res.end(status === 204 ? undefined : JSON.stringify(body));
  }

  private route(res: ServerResponse, method: string, path: string, query: URLSearchParams, body: Record<string, any>, op?: string): void {
    const send = (status: number, payload: unknown, headers: Record<string, string> = {}) => this.send(res, method, path, status, payload, headers, op);
    let m: RegExpExecArray | null;
    if (method === 'POST' && /^\/app\/installations\/\d+\/access_tokens$/.test(path)) {
      return send(201, { token: 'ghs_fake_installation_token', expires_at: new Date(Date.now() + 3600_000).toISOString(), permissions: {} });
    }
    if ((m = /^\/repos\/([^/]+)\/([^/]+)\/(.*)$/.exec(path))) {
      const full = `${m[1]}/${m[2]}`;
      const repo = this.repos.get(full);
      if (!repo) return send(404, { message: 'Not Found' });
      const rest = m[3] as string;
      if (method === 'POST' && rest === 'check-runs') {
        const run: FakeCheckRun = { id: this.nextId++, name: body.name, head_sha: body.head_sha, status: body.conclusion ? 'completed' : (body.status ?? 'queued'), conclusion: body.conclusion ?? null, output: { ...body.output }, annotations: [...(body.output?.annotations ?? [])], updates: 0 };
        delete (run.output as Record<string, unknown>).annotations;
        this.checkRuns.push(run);
        return send(201, { id: run.id, name: run.name, head_sha: run.head_sha, status: run.status, conclusion: run.conclusion });
      }
      if (method === 'PATCH' && (m = /^check-runs\/(\d+)$/.exec(rest))) {
        const run = this.checkRuns.find((r) => r.id === Number(m![1]));
        if (!run) return send(404, { message: 'Not Found' });
        if (body.output) {
          const { annotations, ...output } = body.output;
          run.output = output;
          run.annotations.push(...(annotations ?? []));
        }
        if (body.status) run.status = body.status;
        if (body.conclusion) {
          run.conclusion = body.conclusion;
          run.status = 'completed';
        }
        run.updates++;
        return send(200, { id: run.id, status: run.status, conclusion: run.conclusion });
      }
      if (method === 'GET' && (m = /^pulls\/(\d+)\/files$/.exec(rest))) {
        const pull = repo.pulls.get(Number(m[1]));
        if (!pull) return send(404, { message: 'Not Found' });
        const perPage = Math.min(100, Number(query.get('per_page') ?? 30));
        const page = Number(query.get('page') ?? 1);
        const files = pull.files.slice(0, 3000);
        const last = Math.max(1, Math.ceil(files.length / perPage));
        const link = (p: number, rel: string) => `<http://${this.host}/api/v3${path}?per_page=${perPage}&page=${p}>; rel="${rel}"`;
        const links = page < last ? [link(page + 1, 'next'), link(last, 'last')] : [];
        return send(200, files.slice((page - 1) * perPage, page * perPage).map((f) => ({ sha: 'f'.repeat(40), additions: 1, deletions: 0, changes: 1, ...f })), links.length ? { link: links.join(', ') } : {});
      }
      if (method === 'GET' && (m = /^pulls\/(\d+)$/.exec(rest))) {
        const pull = repo.pulls.get(Number(m[1]));
        if (!pull) return send(404, { message: 'Not Found' });
        return send(200, { number: pull.number, state: pull.state, head: { sha: pull.headSha }, base: { sha: pull.baseSha } });
      }
      if (method === 'POST' && (m = /^pulls\/(\d+)\/reviews$/.exec(rest))) {
        const pull = repo.pulls.get(Number(m[1]));
        if (!pull) return send(404, { message: 'Not Found' });
        const comments: FakeComment[] = [];
        for (const c of (body.comments ?? []) as Record<string, any>[]) {
          const problem = this.anchorProblem(pull, c);
          if (problem) return send(422, { message: 'Unprocessable Entity', errors: [problem], documentation_url: 'https://docs.github.com/rest/pulls/reviews#create-a-review-for-a-pull-request' });
          comments.push({ path: c.path, line: c.line, ...(c.start_line ? { start_line: c.start_line } : {}), body: c.body, byApp: true });
        }
        if (body.body && String(body.body).length > 65536) return send(422, { message: 'Body is too long (maximum is 65536 characters)' });
        const review: FakeReview = { id: this.nextId++, pull: pull.number, commit_id: body.commit_id ?? pull.headSha, body: body.body ?? '', event: body.event, byApp: true, comments };
        this.reviews.push(review);
        return send(200, { id: review.id, body: review.body, state: 'COMMENTED', commit_id: review.commit_id, user: { login: APP_LOGIN, type: 'Bot' } });
      }
      if (method === 'GET' && (m = /^commits\/([0-9a-f]+)\/pulls$/.exec(rest))) {
        const pulls = [...repo.pulls.values()].filter((p) => p.headSha === m![1]);
        return send(200, pulls.map((p) => ({ number: p.number, state: p.state, head: { sha: p.headSha }, base: { sha: p.baseSha } })));
      }
      if (method === 'GET' && (m = /^git\/blobs\/([0-9a-f]+)$/.exec(rest))) {
        const text = [...repo.blobs.entries()].find(([, t]) => oidOf(t) === m![1])?.[1];
        if (text === undefined) return send(404, { message: 'Not Found' });
        return send(200, { sha: m[1], size: Buffer.byteLength(text), encoding: 'base64', content: Buffer.from(text).toString('base64') });
      }
    }
    return send(404, { message: `Not Found (fake): ${method} ${path}` });
  }

  /** GitHub's rule: RIGHT-side lines of one hunk; start_line < line in the same hunk. */
  private anchorProblem(pull: FakePull, c: Record<string, any>): string | undefined {
    const file = pull.files.find((f) => f.filename === c.path);
    if (!file) return 'Path could not be resolved';
    if (c.side && c.side !== 'RIGHT') return 'only RIGHT comments are expected from this app';
    const hunks = rightHunks(file.patch);
    const hunk = hunks.find((h) => h.start <= c.line && c.line <= h.end);
    if (!hunk) return 'Pull request review thread line must be part of the diff';
    if (c.start_line !== undefined) {
      if (c.start_line >= c.line) return 'Pull request review thread start line must precede the end line';
      if (c.start_line < hunk.start) return 'Pull request review thread start line must be part of the same hunk as the line';
    }
    return undefined;
  }

  private graphql(req: IncomingMessage, res: ServerResponse, body: { query: string; variables: Record<string, any> }): void {
    const send = (status: number, payload: unknown) => this.send(res, 'POST', '/graphql', status, payload);
    if (req.headers.authorization !== 'token ghs_fake_installation_token') return send(401, { message: 'Bad credentials' });
    const { query, variables } = body;
    const repo = this.repos.get(`${variables.owner}/${variables.repo}`);
    if (!repo) return send(200, { data: { repository: null }, errors: [{ type: 'NOT_FOUND', path: ['repository'], message: 'Could not resolve to a Repository' }] });
    if (query.startsWith('query blobs')) {
      const repository: Record<string, unknown> = {};
      for (const [name, value] of Object.entries(variables)) {
        if (!/^e\d+$/.test(name)) continue;
        const text = repo.blobs.get(value as string);
        repository[`b${name.slice(1)}`] = text === undefined ? null : blobNode(text);
      }
      if (!query.includes('org: repository')) return send(200, { data: { repository } });
      const orgRepo = this.repos.get(`${variables.owner}/.github`);
      if (!orgRepo) return send(200, { data: { repository, org: null }, errors: [{ type: 'NOT_FOUND', path: ['org'], message: "Could not resolve to a Repository with the name '.github'." }] });
      const org: Record<string, unknown> = {};
      for (const [name, value] of Object.entries(variables)) {
        if (!/^o\d+$/.test(name)) continue;
        const text = orgRepo.blobs.get(value as string);
        org[`b${name.slice(1)}`] = text === undefined ? null : blobNode(text);
      }
      return send(200, { data: { repository, org } });
    }
    if (query.startsWith('query reviewState')) {
      const pull = repo.pulls.get(variables.number);
      if (!pull) return send(200, { data: { repository: { pullRequest: null } }, errors: [{ type: 'NOT_FOUND', path: ['repository', 'pullRequest'] }] });
      const threads = this.reviews.filter((r) => r.pull === pull.number).flatMap((r) => r.comments.map((c) => ({ path: c.path, comments: { nodes: [{ body: c.body, viewerDidAuthor: c.byApp }] } })));
      const reviews = this.reviews.filter((r) => r.pull === pull.number).map((r) => ({ body: r.body, viewerDidAuthor: r.byApp }));
      const page = <T>(items: T[], after: string | null) => {
        const start = after ? Number(after) : 0;
        const nodes = items.slice(start, start + 100);
        const hasNextPage = start + 100 < items.length;
        return { pageInfo: { hasNextPage, endCursor: hasNextPage ? String(start + 100) : null }, nodes };
      };
      return send(200, {
        data: {
          repository: {
            pullRequest: {
              headRefOid: pull.headSha,
              state: pull.state === 'open' ? 'OPEN' : 'CLOSED',
              ...(variables.withThreads ? { reviewThreads: page(threads, variables.threads) } : {}),
              ...(variables.withReviews ? { reviews: page(reviews, variables.reviews) } : {}),
            },
          },
        },
      });
    }
    return send(200, { errors: [{ message: `the fake does not know this query: ${query.slice(0, 60)}` }] });
  }
}

function oidOf(text: string): string {
  let h = 0;
  for (let i = 0; i < text.length; i++) h = (h * 31 + text.charCodeAt(i)) >>> 0;
  return h.toString(16).padStart(8, '0').repeat(5);
}

/** GraphQL truncates large blob text; the app must then read the git blob. */
const GRAPHQL_TEXT_LIMIT = 512 * 1024;

function blobNode(text: string) {
  const byteSize = Buffer.byteLength(text);
  const isTruncated = byteSize > GRAPHQL_TEXT_LIMIT;
  return { oid: oidOf(text), byteSize, isBinary: false, isTruncated, text: isTruncated ? text.slice(0, GRAPHQL_TEXT_LIMIT) : text };
}

/** Independent of the app's parser on purpose: RIGHT-side line ranges of each hunk. */
export function rightHunks(patch: string | undefined): { start: number; end: number }[] {
  if (!patch) return [];
  return [...patch.matchAll(/^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/gm)].map((m) => {
    const start = Number(m[1]);
    const count = m[2] === undefined ? 1 : Number(m[2]);
    return { start, end: start + count - 1 };
  });
}

export function addedPatch(text: string): string {
  const lines = text.replace(/\n$/, '').split('\n');
  return `@@ -0,0 +1,${lines.length} @@\n${lines.map((l) => `+${l}`).join('\n')}`;
}
