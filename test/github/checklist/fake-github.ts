/**
 * A small stateful GitHub for the checklist tests: check runs and issue comments live in
 * memory behind nock, every write is recorded with its body, and reads of a check run can be
 * held at a barrier to force two replicas to interleave. One-shot endpoints (the pull
 * request, permissions, teams) are scripted per test with plain nock interceptors.
 */
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import nock from 'nock';
import { Probot, ProbotOctokit } from 'probot';
import { analyzeMigrations } from '../../../src/analysis/index.js';
import { buildChecklist, EMPTY_STATE, type ChecklistItem, type ChecklistState } from '../../../src/analysis/checklist/index.js';
import { CHECK_NAME, renderCheckText, type ChecklistSnapshot } from '../../../src/github/checklist/check-text.js';
import { renderComment } from '../../../src/github/checklist/comment.js';
import { registerChecklistHandlers } from '../../../src/github/checklist/index.js';
import { stateTiming } from '../../../src/github/checklist/state-store.js';

// nock answers at once and the replicas' reads are paired by hand (pairReads): no settling wait.
stateTiming.readBackDelayMs = 0;
import { migrationOf } from '../../helpers/rule-tester.js';

export const API = 'https://api.github.com';
export const APP_ID = 123;
export const OWNER = 'Codertocat';
export const REPO = 'Hello-World';
export const PR = 1;
export const AUTHOR = 'Codertocat';
export const HEAD = 'c0ffee'.padEnd(40, '0');
export const OLD_HEAD = 'bead00'.padEnd(40, '0');
export const BOT = { login: 'migration-review[bot]', id: 149000001, type: 'Bot' };
export const COMMENT_ID = 492700400;
export const COMMENT_URL = `https://github.com/${OWNER}/${REPO}/pull/${PR}#issuecomment-${COMMENT_ID}`;
export const SUMMARY = 'Analysis summary written by the pull_request flow.';
const REPO_PATH = `/repos/${OWNER}/${REPO}`;

let key: string | undefined;
function privateKey(): string {
  key ??= generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } }).privateKey;
  return key;
}

/**
 * One replica of the app: its own Probot, its own per-PR serializer, its own installation
 * token (fetched lazily, so a replica that makes no request leaves this interceptor pending:
 * tests that expect no request at all clean it up themselves).
 */
export async function replica(): Promise<Probot> {
  nock(API)
    .post('/app/installations/2/access_tokens')
    .reply(201, { token: 'ghs_test', expires_at: '2099-01-01T00:00:00Z', permissions: { checks: 'write', pull_requests: 'write', members: 'read' } });
  const probot = new Probot({
    appId: APP_ID,
    privateKey: privateKey(),
    logLevel: 'fatal',
    // A function: Probot lays its own `throttle` object over plain defaults, shallowly.
    Octokit: ProbotOctokit.defaults((options: Record<string, any>) => ({
      ...options,
      retry: { enabled: false },
      throttle: { ...options.throttle, enabled: false },
    })) as typeof ProbotOctokit,
  });
  await probot.load((app) => registerChecklistHandlers(app));
  return probot;
}

export function fixture<T = any>(name: string): T {
  return JSON.parse(readFileSync(new URL(`../fixtures/${name}.json`, import.meta.url), 'utf8')) as T;
}

/** The items of a two-risk migration: 4 process items, locks on orders and users, the dropped column. */
export async function sampleItems(): Promise<ChecklistItem[]> {
  const result = await analyzeMigrations(
    [migrationOf('SET lock_timeout = \'2s\';\nALTER TABLE orders ALTER COLUMN note SET NOT NULL;\nALTER TABLE users DROP COLUMN legacy;')],
    {},
    [],
  );
  return buildChecklist({ result });
}

export function snapshotOf(items: readonly ChecklistItem[], over: Partial<ChecklistSnapshot> = {}): ChecklistSnapshot {
  return { version: 1, pr: PR, head: HEAD, errors: 0, policy: { allowAuthor: false, teams: [] }, items, ...over };
}

/** Sets one item's box in a rendered checklist, as GitHub's task-list click does. */
export function setBox(body: string, id: string, checked: boolean): string {
  return body
    .split('\n')
    .map((line) => (line.includes(`mr-item:${id} `) ? line.replace(/\[( |x)\]/, checked ? '[x]' : '[ ]') : line))
    .join('\n');
}

export interface Run {
  id: number;
  head_sha: string;
  name: string;
  status: 'in_progress' | 'completed';
  conclusion: string | null;
  details_url: string | null;
  app: { id: number; slug: string };
  output: { title: string | null; summary: string | null; text: string | null };
}

export interface Comment {
  id: number;
  body: string;
  html_url: string;
  user: { login: string; id: number; type: string };
  performed_via_github_app: { id: number; slug: string } | null;
}

export interface Write {
  method: 'PATCH' | 'POST';
  path: string;
  body: any;
}

export class FakeGitHub {
  readonly runs = new Map<number, Run>();
  readonly comments = new Map<number, Comment>();
  readonly writes: Write[] = [];
  /** Called after each recorded write: lets a test act "meanwhile" (another reviewer's tick). */
  afterWrite: ((write: Write) => void) | undefined;
  /** Requests no interceptor matched (with net connect disabled they fail the handler too). */
  readonly unmatched: string[] = [];
  private nextCommentId = COMMENT_ID + 1000;
  private heldReads: (() => void)[] = [];
  private holdPairs = 0;

  /** The next `2 * pairs` reads of a check run are released two at a time: both replicas read the same state. */
  pairReads(pairs: number): void {
    this.holdPairs = pairs;
  }

  private async readGate(): Promise<void> {
    if (this.holdPairs <= 0) return;
    await new Promise<void>((release) => {
      this.heldReads.push(release);
      if (this.heldReads.length === 2) {
        this.holdPairs--;
        const released = this.heldReads;
        this.heldReads = [];
        for (const r of released) r();
      }
    });
  }

  addRun(run: Partial<Run> & { id: number; text: string | null }): Run {
    const stored: Run = {
      id: run.id,
      head_sha: run.head_sha ?? HEAD,
      name: run.name ?? CHECK_NAME,
      status: run.status ?? 'completed',
      conclusion: run.conclusion === undefined ? 'action_required' : run.conclusion,
      details_url: null,
      app: run.app ?? { id: APP_ID, slug: 'migration-review' },
      output: { title: 'Migration review', summary: SUMMARY, text: run.text },
    };
    this.runs.set(stored.id, stored);
    return stored;
  }

  /** A completed run holding a checklist, and the app's comment rendered from it. */
  seed(snapshot: ChecklistSnapshot, state: ChecklistState = EMPTY_STATE, runId = 7001): { run: Run; comment: Comment } {
    const run = this.addRun({ id: runId, head_sha: snapshot.head, text: renderCheckText(snapshot, state) });
    const comment = this.addComment(renderComment(snapshot, state));
    return { run, comment };
  }

  addComment(body: string, over: Partial<Comment> = {}): Comment {
    const id = over.id ?? (this.comments.size === 0 ? COMMENT_ID : this.nextCommentId++);
    const comment: Comment = {
      id,
      body,
      html_url: `https://github.com/${OWNER}/${REPO}/pull/${PR}#issuecomment-${id}`,
      user: BOT,
      performed_via_github_app: { id: APP_ID, slug: 'migration-review' },
      ...over,
    };
    this.comments.set(id, comment);
    return comment;
  }

  /** Installs the interceptors. */
  install(): void {
    nock.disableNetConnect();
    nock.emitter.on('no match', (req: { method?: string; path?: string; options?: { method?: string; path?: string } }) => {
      this.unmatched.push(`${req.method ?? req.options?.method} ${req.path ?? req.options?.path}`);
    });
    const api = nock(API).persist();
    api.get(new RegExp(`^${REPO_PATH}/commits/([0-9a-f]{40})/check-runs`)).reply((uri) => {
      const url = new URL(uri, API);
      const sha = /commits\/([0-9a-f]{40})\//.exec(url.pathname)?.[1];
      const appId = Number(url.searchParams.get('app_id'));
      const name = url.searchParams.get('check_name');
      const runs = [...this.runs.values()].filter((r) => r.head_sha === sha && (!appId || r.app.id === appId) && (!name || r.name === name));
      return [200, { total_count: runs.length, check_runs: runs.map((r) => structuredClone(r)) }];
    });
    api.get(new RegExp(`^${REPO_PATH}/check-runs/(\\d+)$`)).reply(async (uri) => {
      await this.readGate();
      const run = this.runs.get(Number(uri.split('/').pop()));
      return run ? [200, structuredClone(run)] : [404, { message: 'Not Found' }];
    });
    api.patch(new RegExp(`^${REPO_PATH}/check-runs/(\\d+)$`)).reply((uri, body: any) => {
      const run = this.runs.get(Number(uri.split('/').pop()));
      if (!run) return [404, { message: 'Not Found' }];
      this.writes.push({ method: 'PATCH', path: uri, body });
      if (body.conclusion) Object.assign(run, { conclusion: body.conclusion, status: 'completed' });
      if (body.details_url) run.details_url = body.details_url;
      if (body.output) run.output = { title: body.output.title, summary: body.output.summary, text: body.output.text ?? null };
      this.afterWrite?.({ method: 'PATCH', path: uri, body });
      return [200, structuredClone(run)];
    });
    api.get(new RegExp(`^${REPO_PATH}/issues/${PR}/comments`)).reply(() => [200, [...this.comments.values()].map((c) => structuredClone(c))]);
    api.get(new RegExp(`^${REPO_PATH}/issues/comments/(\\d+)$`)).reply((uri) => {
      const comment = this.comments.get(Number(uri.split('/').pop()));
      return comment ? [200, structuredClone(comment)] : [404, { message: 'Not Found' }];
    });
    api.patch(new RegExp(`^${REPO_PATH}/issues/comments/(\\d+)$`)).reply((uri, body: any) => {
      const comment = this.comments.get(Number(uri.split('/').pop()));
      if (!comment) return [404, { message: 'Not Found' }];
      this.writes.push({ method: 'PATCH', path: uri, body });
      comment.body = body.body;
      return [200, structuredClone(comment)];
    });
    api.post(new RegExp(`^${REPO_PATH}/issues/${PR}/comments$`)).reply((uri, body: any) => {
      this.writes.push({ method: 'POST', path: uri, body });
      const comment = this.addComment(body.body);
      return [201, structuredClone(comment)];
    });
  }

  run(id = 7001): Run {
    const run = this.runs.get(id);
    if (!run) throw new Error(`no run ${id}`);
    return run;
  }

  comment(id = COMMENT_ID): Comment {
    const comment = this.comments.get(id);
    if (!comment) throw new Error(`no comment ${id}`);
    return comment;
  }
}

/** GET /repos/.../pulls/1: the head and the author. */
export function pullIs(head = HEAD, author = AUTHOR): nock.Scope {
  return nock(API).get(`${REPO_PATH}/pulls/${PR}`).reply(200, { number: PR, state: 'open', head: { sha: head }, user: { login: author } });
}

/** GET /repos/.../collaborators/:login/permission. */
export function permissionIs(login: string, permission: string, roleName = permission): nock.Scope {
  return nock(API).get(`${REPO_PATH}/collaborators/${login}/permission`).reply(200, { permission, role_name: roleName, user: { login } });
}

/** The `issue_comment.edited` payload of `sender` turning `from` into `body` on the app's comment. */
export function editedEvent(from: string, body: string, sender: { login: string; id: number; type: string }, over: { updatedAt?: string; comment?: Record<string, unknown> } = {}) {
  const payload = fixture('issue_comment.edited');
  payload.changes.body.from = from;
  payload.comment.body = body;
  payload.comment.updated_at = over.updatedAt ?? '2026-11-28T12:00:00Z';
  Object.assign(payload.comment, over.comment ?? {});
  payload.sender = { ...payload.sender, ...sender };
  return { id: `delivery-${Math.random().toString(16).slice(2)}`, name: 'issue_comment' as const, payload };
}

export const MARIA = { login: 'maria', id: 5001, type: 'User' };
export const MARK = { login: 'mark', id: 5002, type: 'User' };
export const OTTO = { login: 'otto', id: 5003, type: 'User' };
export const AUTHOR_USER = { login: AUTHOR, id: 21031067, type: 'User' };
export const DEPENDABOT = { login: 'dependabot[bot]', id: 49699333, type: 'Bot' };

export function resetNock(): void {
  nock.cleanAll();
  nock.emitter.removeAllListeners('no match');
}

/** Scripted one-shot interceptors not yet used (the fake's own, persisted ones are regex paths). */
export function pendingScripted(): string[] {
  return nock.pendingMocks().filter((m) => !m.includes('/^'));
}

/**
 * The hooks every checklist handler test uses: sample items once, a fresh fake GitHub per
 * test, and after each test no unmatched request and no unused scripted answer.
 */
export function useFakeGitHub(set: (state: { items: ChecklistItem[]; gh: FakeGitHub }) => void): void {
  let items: ChecklistItem[] = [];
  beforeAll(async () => {
    items = await sampleItems();
  });
  let gh: FakeGitHub;
  beforeEach(() => {
    resetNock();
    gh = new FakeGitHub();
    gh.install();
    set({ items, gh });
  });
  afterEach(() => {
    expect(gh.unmatched).toEqual([]);
    expect(pendingScripted()).toEqual([]);
    resetNock();
  });
}
