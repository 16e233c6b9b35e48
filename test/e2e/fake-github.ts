/**
 * A local fake of the GitHub API, reached by the app through GHE_HOST/GHE_PROTOCOL (so
 * every REST path starts with /api/v3 and GraphQL is /api/graphql). It keeps state (pull
 * requests, files with patches, contents, check runs, reviews and their comments, issue
 * comments, collaborators' roles, team memberships), pages with Link headers, answers 422
 * for review comments off the diff as GitHub does, can inject failures, and checks every
 * REST request against GitHub's OpenAPI description.
 *
 * Like GitHub, a comment written with the installation token belongs to the app's bot user
 * and carries `performed_via_github_app`; every comment the app creates or edits is also
 * recorded as the `issue_comment` webhook GitHub would send (`events`), for tests to deliver.
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

export interface FakeUser {
  login: string;
  id: number;
  type: 'User' | 'Bot' | 'Organization';
}

export interface FakePull {
  number: number;
  headSha: string;
  baseSha: string;
  state: 'open' | 'closed';
  files: FakeFile[];
  /** The pull request's author (`user`); `dev` unless a test says otherwise. */
  author?: FakeUser;
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
  /** The app whose token created it (GitHub: only that app may update it). */
  app_id: number;
  details_url: string | null;
  external_id: string | null;
  started_at: string | null;
  completed_at: string | null;
}

/** A comment in a pull request's conversation (the issues API). */
export interface FakeIssueComment {
  id: number;
  repo: string;
  issue: number;
  body: string;
  user: FakeUser;
  /** The app that wrote it through an installation token; null for a person's comment. */
  viaApp: number | null;
  created_at: string;
  updated_at: string;
}

/** An `issue_comment` webhook GitHub would send after a write (the payload is built by the harness). */
export interface FakeCommentEvent {
  action: 'created' | 'edited';
  comment: Record<string, unknown>;
  /** `changes.body.from` of an edit. */
  from?: string;
  sender: FakeUser;
  issue: number;
  repo: string;
}

export interface Collaborator {
  /** `admin`, `write`, `read` or `none` (maintain reads as write, triage as read). */
  permission: string;
  /** The role: `admin`, `maintain`, `write`, `triage`, `read` or a custom role's name. */
  role_name: string;
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
  /** Repository roles by login; anyone else is answered 404 (not a collaborator). */
  collaborators: Map<string, Collaborator>;
}

const APP_SLUG = 'migration-review';
/** The app's bot user: what GitHub shows as the author of what the installation token writes. */
export const APP_BOT: FakeUser = { login: `${APP_SLUG}[bot]`, id: 149000001, type: 'Bot' };
const APP_LOGIN = APP_BOT.login;
const DEFAULT_AUTHOR: FakeUser = { login: 'dev', id: 3, type: 'User' };

export class FakeGitHub {
  readonly repos = new Map<string, FakeRepoState>();
  readonly checkRuns: FakeCheckRun[] = [];
  readonly reviews: FakeReview[] = [];
  readonly requests: RequestLog[] = [];
  readonly violations: string[] = [];
  readonly faults: Fault[] = [];
  readonly comments: FakeIssueComment[] = [];
  /** `issue_comment` webhooks GitHub would have sent for the app's own comment writes. */
  readonly events: FakeCommentEvent[] = [];
  /** Team memberships by `org/team_slug`, then login. */
  readonly teams = new Map<string, Map<string, 'active' | 'pending'>>();
  /** Added to every answer: GitHub's own latency, for the benchmark. */
  latencyMs = 0;
  /** The app id, learnt from the JWT of the token exchange (its `iss` claim), as GitHub does. */
  appId = 0;
  private server: Server | undefined;
  private nextId = 1000;
  private lastTime = 0;
  port = 0;

  repo(fullName: string): FakeRepoState {
    let repo = this.repos.get(fullName);
    if (!repo) {
      repo = { pulls: new Map(), blobs: new Map(), collaborators: new Map() };
      this.repos.set(fullName, repo);
    }
    return repo;
  }

  /** GitHub's timestamps have whole seconds; the fake's never repeat, so every edit has its own. */
  now(): string {
    this.lastTime = Math.max(Math.floor(Date.now() / 1000) * 1000, this.lastTime + 1000);
    return new Date(this.lastTime).toISOString().replace(/\.\d+Z$/, 'Z');
  }

  /** A comment as the REST API returns it. */
  commentJson(c: FakeIssueComment): Record<string, unknown> {
    const [owner] = c.repo.split('/');
    return {
      id: c.id,
      node_id: `IC_${c.id}`,
      url: `http://${this.host}/api/v3/repos/${c.repo}/issues/comments/${c.id}`,
      html_url: `http://${this.host}/${c.repo}/pull/${c.issue}#issuecomment-${c.id}`,
      issue_url: `http://${this.host}/api/v3/repos/${c.repo}/issues/${c.issue}`,
      body: c.body,
      user: { ...c.user, node_id: `U_${c.user.id}`, site_admin: false },
      created_at: c.created_at,
      updated_at: c.updated_at,
      author_association: c.viaApp ? 'NONE' : 'MEMBER',
      performed_via_github_app: c.viaApp
        ? { id: c.viaApp, slug: APP_SLUG, node_id: `A_${c.viaApp}`, name: 'Migration review', owner: { login: owner, id: 2, type: 'Organization' }, permissions: {}, events: [] }
        : null,
      reactions: { url: '', total_count: 0 },
    };
  }

  /** What GitHub's REST API would answer for a check run. */
  checkRunJson(r: FakeCheckRun, repo: string): Record<string, unknown> {
    return {
      id: r.id,
      node_id: `CR_${r.id}`,
      name: r.name,
      head_sha: r.head_sha,
      status: r.status,
      conclusion: r.conclusion,
      external_id: r.external_id,
      details_url: r.details_url,
      html_url: `http://${this.host}/${repo}/runs/${r.id}`,
      url: `http://${this.host}/api/v3/repos/${repo}/check-runs/${r.id}`,
      started_at: r.started_at,
      completed_at: r.completed_at,
      output: { title: r.output.title ?? null, summary: r.output.summary ?? null, text: r.output.text ?? null, annotations_count: r.annotations.length, annotations_url: '' },
      app: { id: r.app_id, slug: APP_SLUG, node_id: `A_${r.app_id}`, name: 'Migration review' },
      check_suite: { id: 1 },
      pull_requests: [],
    };
  }

  /** The app's checklist comments (by marker) on pull request `issue`. */
  checklistComments(issue: number): FakeIssueComment[] {
    return this.comments.filter((c) => c.issue === issue && c.viaApp !== null && c.body.includes('<!-- migration-review:checklist -->'));
  }

  /**
   * A person edits a comment in the browser: `edit` gets the body as GitHub stores it now (a
   * task-list click toggles one box of the current text) and returns the new body. Returns
   * the `issue_comment.edited` facts GitHub would send (from = the body before this edit).
   */
  editAs(sender: FakeUser, commentId: number, edit: (body: string) => string): FakeCommentEvent {
    const c = this.comments.find((x) => x.id === commentId);
    if (!c) throw new Error(`no comment ${commentId}`);
    const from = c.body;
    c.body = edit(from);
    c.updated_at = this.now();
    return { action: 'edited', comment: this.commentJson(c), from, sender, issue: c.issue, repo: c.repo };
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

  private lastAuthorization = '';

  private authorized(req: IncomingMessage, path: string): boolean {
    const auth = req.headers.authorization ?? '';
    this.lastAuthorization = auth;
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
      this.appId = appIdOfJwt(this.lastAuthorization) ?? this.appId;
      return send(201, { token: 'ghs_fake_installation_token', expires_at: new Date(Date.now() + 3600_000).toISOString(), permissions: {} });
    }
    if ((m = /^\/repos\/([^/]+)\/([^/]+)\/(.*)$/.exec(path))) {
      const full = `${m[1]}/${m[2]}`;
      const repo = this.repos.get(full);
      if (!repo) return send(404, { message: 'Not Found' });
      const rest = m[3] as string;
      if (method === 'POST' && rest === 'check-runs') {
        const completed = Boolean(body.conclusion);
        const run: FakeCheckRun = {
          id: this.nextId++,
          name: body.name,
          head_sha: body.head_sha,
          status: completed ? 'completed' : (body.status ?? 'queued'),
          conclusion: body.conclusion ?? null,
          output: { ...body.output },
          annotations: [...(body.output?.annotations ?? [])],
          updates: 0,
          app_id: this.appId,
          details_url: body.details_url ?? null,
          external_id: body.external_id ?? null,
          started_at: body.started_at ?? new Date().toISOString(),
          completed_at: completed ? (body.completed_at ?? new Date().toISOString()) : null,
        };
        delete (run.output as Record<string, unknown>).annotations;
        this.checkRuns.push(run);
        return send(201, this.checkRunJson(run, full));
      }
      if (method === 'PATCH' && (m = /^check-runs\/(\d+)$/.exec(rest))) {
        const run = this.checkRuns.find((r) => r.id === Number(m![1]));
        if (!run) return send(404, { message: 'Not Found' });
        if (run.app_id !== this.appId) return send(403, { message: 'Invalid app_id' });
        if (body.output) {
          // GitHub replaces title, summary and text, and appends annotations.
          const { annotations, ...output } = body.output;
          run.output = output;
          run.annotations.push(...(annotations ?? []));
        }
        if (body.details_url !== undefined) run.details_url = body.details_url;
        if (body.status) run.status = body.status;
        if (body.conclusion) {
          run.conclusion = body.conclusion;
          run.status = 'completed';
          run.completed_at = body.completed_at ?? new Date().toISOString();
        }
        run.updates++;
        return send(200, this.checkRunJson(run, full));
      }
      if (method === 'GET' && (m = /^check-runs\/(\d+)$/.exec(rest))) {
        const run = this.checkRuns.find((r) => r.id === Number(m![1]));
        return run ? send(200, this.checkRunJson(run, full)) : send(404, { message: 'Not Found' });
      }
      if (method === 'GET' && (m = /^commits\/([^/]+)\/check-runs$/.exec(rest))) {
        const sha = m[1];
        let runs = this.checkRuns.filter((r) => r.head_sha === sha);
        const name = query.get('check_name');
        if (name !== null) runs = runs.filter((r) => r.name === name);
        const appId = query.get('app_id');
        if (appId !== null) runs = runs.filter((r) => r.app_id === Number(appId));
        const status = query.get('status');
        if (status !== null) runs = runs.filter((r) => r.status === status);
        runs = [...runs].sort((a, b) => b.id - a.id);
        // filter=latest (the default): only the newest run of each name and app.
        if ((query.get('filter') ?? 'latest') === 'latest') {
          const seen = new Set<string>();
          runs = runs.filter((r) => {
            const key = `${r.app_id}\u0000${r.name}`;
            if (seen.has(key)) return false;
            seen.add(key);
            return true;
          });
        }
        const { items, links } = this.page(runs, path, query);
        return send(200, { total_count: runs.length, check_runs: items.map((r) => this.checkRunJson(r, full)) }, links);
      }
      if (method === 'GET' && (m = /^issues\/(\d+)\/comments$/.exec(rest))) {
        if (!repo.pulls.has(Number(m[1]))) return send(404, { message: 'Not Found' });
        const all = this.comments.filter((c) => c.repo === full && c.issue === Number(m![1])).sort((a, b) => a.id - b.id);
        const { items, links } = this.page(all, path, query);
        return send(200, items.map((c) => this.commentJson(c)), links);
      }
      if (method === 'POST' && (m = /^issues\/(\d+)\/comments$/.exec(rest))) {
        const issue = Number(m[1]);
        if (!repo.pulls.has(issue)) return send(404, { message: 'Not Found' });
        if (String(body.body).length > 65536) return send(422, { message: 'Body is too long (maximum is 65536 characters)' });
        const at = this.now();
        const comment: FakeIssueComment = { id: this.nextId++, repo: full, issue, body: body.body, user: APP_BOT, viaApp: this.appId, created_at: at, updated_at: at };
        this.comments.push(comment);
        this.events.push({ action: 'created', comment: this.commentJson(comment), sender: APP_BOT, issue, repo: full });
        return send(201, this.commentJson(comment));
      }
      if ((m = /^issues\/comments\/(\d+)$/.exec(rest))) {
        const comment = this.comments.find((c) => c.repo === full && c.id === Number(m![1]));
        if (!comment) return send(404, { message: 'Not Found' });
        if (method === 'GET') return send(200, this.commentJson(comment));
        if (method === 'PATCH') {
          if (String(body.body).length > 65536) return send(422, { message: 'Body is too long (maximum is 65536 characters)' });
          const from = comment.body;
          comment.body = body.body;
          comment.updated_at = this.now();
          // GitHub sends the webhook for every edit, the app's own included (sender: its bot).
          this.events.push({ action: 'edited', comment: this.commentJson(comment), from, sender: APP_BOT, issue: comment.issue, repo: full });
          return send(200, this.commentJson(comment));
        }
      }
      if (method === 'GET' && (m = /^collaborators\/([^/]+)\/permission$/.exec(rest))) {
        const login = decodeURIComponent(m[1] as string);
        const role = [...repo.collaborators.entries()].find(([l]) => l.toLowerCase() === login.toLowerCase())?.[1];
        if (!role) return send(404, { message: `${login} is not a user`, documentation_url: 'https://docs.github.com/rest/collaborators/collaborators#get-repository-permissions-for-a-user' });
        return send(200, { permission: role.permission, role_name: role.role_name, user: { login, id: 1, type: 'User', permissions: {} } });
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
        const author = pull.author ?? DEFAULT_AUTHOR;
        return send(200, {
          id: pull.number,
          number: pull.number,
          state: pull.state,
          draft: false,
          merged: false,
          user: { ...author, node_id: `U_${author.id}` },
          head: { ref: 'feature', sha: pull.headSha, label: `${full.split('/')[0]}:feature` },
          base: { ref: 'main', sha: pull.baseSha, label: 'main' },
          html_url: `http://${this.host}/${full}/pull/${pull.number}`,
        });
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
    if (method === 'GET' && (m = /^\/orgs\/([^/]+)\/teams\/([^/]+)\/memberships\/([^/]+)$/.exec(path))) {
      const state = this.teams.get(`${m[1]}/${m[2]}`)?.get(decodeURIComponent(m[3] as string));
      if (!state) return send(404, { message: 'Not Found' });
      return send(200, { url: `http://${this.host}/api/v3${path}`, role: 'member', state });
    }
    return send(404, { message: `Not Found (fake): ${method} ${path}` });
  }

  /** `per_page`/`page` with GitHub's Link header. */
  private page<T>(all: T[], path: string, query: URLSearchParams): { items: T[]; links: Record<string, string> } {
    const perPage = Math.min(100, Number(query.get('per_page') ?? 30));
    const page = Number(query.get('page') ?? 1);
    const last = Math.max(1, Math.ceil(all.length / perPage));
    const rest = new URLSearchParams(query);
    const link = (p: number, rel: string) => {
      rest.set('page', String(p));
      return `<http://${this.host}/api/v3${path}?${rest.toString()}>; rel="${rel}"`;
    };
    const links = page < last ? [link(page + 1, 'next'), link(last, 'last')] : [];
    return { items: all.slice((page - 1) * perPage, page * perPage), links: links.length ? { link: links.join(', ') } : {} };
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

/** The `iss` claim (the app id) of an app JWT in an Authorization header. */
function appIdOfJwt(authorization: string): number | undefined {
  const payload = /^bearer [\w-]+\.([\w-]+)\.[\w-]+$/i.exec(authorization)?.[1];
  if (!payload) return undefined;
  try {
    const iss = Number((JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { iss?: unknown }).iss);
    return Number.isInteger(iss) && iss > 0 ? iss : undefined;
  } catch {
    return undefined;
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
