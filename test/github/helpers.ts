/** Nock scaffolding for handler tests: a fresh Probot per test and a scripted GitHub. */
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import nock from 'nock';
import { Probot, ProbotOctokit } from 'probot';
import { createApp } from '../../src/github/app.js';
import { stateTiming } from '../../src/github/checklist/state-store.js';

// nock answers at once and one request at a time: the checklist's read-back needs no settling wait here.
stateTiming.readBackDelayMs = 0;

export const API = 'https://api.github.com';

let key: string | undefined;
/** A throwaway RSA key made at test time: no key is ever committed. */
export function testPrivateKey(): string {
  key ??= generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } }).privateKey;
  return key;
}

export function makeProbot(): Probot {
  const probot = new Probot({
    appId: 123,
    privateKey: testPrivateKey(),
    logLevel: 'fatal',
    // Retries and pacing are exercised end to end; here every request is answered once. A
    // function, because Probot layers its own `throttle` object over plain defaults (shallowly).
    Octokit: ProbotOctokit.defaults((options: Record<string, any>) => ({
      ...options,
      retry: { enabled: false },
      throttle: { ...options.throttle, enabled: false },
    })) as typeof ProbotOctokit,
  });
  void probot.load(createApp({ timeoutMs: 20_000 }));
  return probot;
}

export function fixture<T = Record<string, unknown>>(name: string): T {
  return JSON.parse(readFileSync(new URL(`./fixtures/${name}.json`, import.meta.url), 'utf8')) as T;
}

export interface Blob {
  text: string;
}

/** Answers our GraphQL queries: blobs by expression, and the review state. */
export interface GraphqlScript {
  /** Text by `<rev>:<path>`; missing expressions resolve to null, as GitHub does. */
  blobs: Record<string, string>;
  orgBlobs?: Record<string, string>;
  headRefOid: string;
  threads?: { path: string; body: string; viewerDidAuthor: boolean }[];
  reviews?: { body: string; viewerDidAuthor: boolean }[];
}

export interface Recorded {
  graphql: { query: string; variables: Record<string, unknown> }[];
}

function blob(text: string | undefined) {
  if (text === undefined) return null;
  return { oid: 'a'.repeat(40), byteSize: Buffer.byteLength(text), isBinary: false, isTruncated: false, text };
}

export function answerGraphql(script: GraphqlScript, recorded: Recorded) {
  return (_uri: string, body: nock.Body) => {
    const { query, variables } = body as { query: string; variables: Record<string, string> };
    recorded.graphql.push({ query, variables });
    if (query.startsWith('query blobs')) {
      const repository: Record<string, unknown> = {};
      const org: Record<string, unknown> = {};
      for (const [name, value] of Object.entries(variables)) {
        if (/^e\d+$/.test(name)) repository[`b${name.slice(1)}`] = blob(script.blobs[value]);
        if (/^o\d+$/.test(name)) org[`b${name.slice(1)}`] = blob(script.orgBlobs?.[value]);
      }
      return [200, { data: { repository, ...(query.includes('org:') ? { org } : {}) } }];
    }
    if (query.startsWith('query reviewState')) {
      const page = { hasNextPage: false, endCursor: null };
      return [
        200,
        {
          data: {
            repository: {
              pullRequest: {
                headRefOid: script.headRefOid,
                state: 'OPEN',
                reviewThreads: { pageInfo: page, nodes: (script.threads ?? []).map((t) => ({ path: t.path, comments: { nodes: [{ body: t.body, viewerDidAuthor: t.viewerDidAuthor }] } })) },
                reviews: { pageInfo: page, nodes: script.reviews ?? [] },
              },
            },
          },
        },
      ];
    }
    return [400, { message: `unexpected query ${query.slice(0, 40)}` }];
  };
}

/** The installation token exchange every event starts with. */
export function mockToken(): nock.Scope {
  return nock(API).post('/app/installations/2/access_tokens').reply(200, { token: 'ghs_test', permissions: { checks: 'write', pull_requests: 'write', contents: 'read', metadata: 'read' } });
}

/** A unified diff that adds every line of `text` as a new file. */
export function addedPatch(text: string): string {
  const lines = text.replace(/\n$/, '').split('\n');
  return `@@ -0,0 +1,${lines.length} @@\n${lines.map((l) => `+${l}`).join('\n')}`;
}

/**
 * Fails a test on any request nock could not answer: with net connect disabled such a request
 * errors inside the app, which fails closed and logs it after the asserted requests, so a
 * test would otherwise pass on a broken flow. Call in beforeEach; check `unmatched` in afterEach.
 */
export function watchUnmatched(): string[] {
  const unmatched: string[] = [];
  nock.emitter.removeAllListeners('no match');
  nock.emitter.on('no match', (req: { method?: string; path?: string; options?: { method?: string; path?: string } }) => {
    unmatched.push(`${req.method ?? req.options?.method} ${req.path ?? req.options?.path}`);
  });
  return unmatched;
}

/** Scripted interceptors not used (the checklist fake's persisted ones are regex paths and excluded). */
export function pendingScripted(): string[] {
  return nock.pendingMocks().filter((m) => !m.includes('/^'));
}

type Json = Record<string, any>;

export interface ChecklistRun {
  id: number;
  head_sha: string;
  name: string;
  status: string;
  conclusion: string | null;
  details_url: string | null;
  app: { id: number };
  output: { title: string | null; summary: string | null; text: string | null };
}

/**
 * What the checklist gate asks of GitHub after the review (src/github/checklist): the pull
 * request's conversation comments and this app's check runs, kept in memory behind persisted
 * nock interceptors, so the publish step runs for real and every request is answered. The
 * review's own requests stay scripted in each test (register them first: nock matches in order).
 */
export class ChecklistFake {
  readonly runs = new Map<number, ChecklistRun>();
  readonly comments: Json[] = [];
  /** Every request the fake answered, in order: `METHOD path`. */
  readonly requests: string[] = [];
  readonly writes: { method: string; path: string; body: Json }[] = [];
  private nextComment = 9000;

  constructor(
    private readonly repoPath: string,
    private readonly pr: number,
    private readonly appId = 123,
  ) {}

  /** A run the review created and completed (its conclusion PATCH is scripted in the test). */
  completedRun(id: number, headSha: string, conclusion: string): ChecklistRun {
    const run: ChecklistRun = { id, head_sha: headSha, name: 'Migration review', status: 'completed', conclusion, details_url: null, app: { id: this.appId }, output: { title: 'review', summary: 'summary', text: null } };
    this.runs.set(id, run);
    return run;
  }

  /** A run the review created (in progress): the fake's own interceptor answers its completion. */
  startedRun(id: number, headSha: string): ChecklistRun {
    const run: ChecklistRun = { id, head_sha: headSha, name: 'Migration review', status: 'in_progress', conclusion: null, details_url: null, app: { id: this.appId }, output: { title: 'Reviewing migrations…', summary: 'started', text: null } };
    this.runs.set(id, run);
    return run;
  }

  checklistComments(): Json[] {
    return this.comments.filter((c) => c.performed_via_github_app?.id === this.appId && String(c.body).includes('<!-- migration-review:checklist -->'));
  }

  install(): void {
    const esc = this.repoPath.replace(/[/.-]/g, (c) => `\\${c}`);
    const api = nock(API).persist();
    const log = (method: string, uri: string) => this.requests.push(`${method} ${uri.split('?')[0]}`);
    api.get(new RegExp(`^${esc}/issues/${this.pr}/comments(\\?.*)?$`)).reply((uri) => (log('GET', uri), [200, structuredClone(this.comments)]));
    api.post(new RegExp(`^${esc}/issues/${this.pr}/comments$`)).reply((uri, body) => {
      log('POST', uri);
      this.writes.push({ method: 'POST', path: uri, body: body as Json });
      const id = this.nextComment++;
      const comment = {
        id,
        body: (body as Json).body,
        html_url: `https://github.com${this.repoPath.replace('/repos', '')}/pull/${this.pr}#issuecomment-${id}`,
        user: { login: 'migration-review[bot]', id: 149000001, type: 'Bot' },
        performed_via_github_app: { id: this.appId, slug: 'migration-review' },
      };
      this.comments.push(comment);
      return [201, structuredClone(comment)];
    });
    api.patch(new RegExp(`^${esc}/issues/comments/(\\d+)$`)).reply((uri, body) => {
      log('PATCH', uri);
      const comment = this.comments.find((c) => c.id === Number(uri.split('/').pop()));
      if (!comment) return [404, { message: 'Not Found' }];
      this.writes.push({ method: 'PATCH', path: uri, body: body as Json });
      comment.body = (body as Json).body;
      return [200, structuredClone(comment)];
    });
    api.get(new RegExp(`^${esc}/commits/([0-9a-f]{40})/check-runs(\\?.*)?$`)).reply((uri) => {
      log('GET', uri);
      const url = new URL(uri, API);
      const sha = /commits\/([0-9a-f]{40})\//.exec(url.pathname)?.[1];
      const runs = [...this.runs.values()].filter((r) => r.head_sha === sha && r.app.id === Number(url.searchParams.get('app_id')) && r.name === url.searchParams.get('check_name'));
      return [200, { total_count: runs.length, check_runs: structuredClone(runs) }];
    });
    api.get(new RegExp(`^${esc}/check-runs/(\\d+)$`)).reply((uri) => {
      log('GET', uri);
      const run = this.runs.get(Number(uri.split('/').pop()));
      return run ? [200, structuredClone(run)] : [404, { message: 'Not Found' }];
    });
    api.patch(new RegExp(`^${esc}/check-runs/(\\d+)$`)).reply((uri, body) => {
      log('PATCH', uri);
      const run = this.runs.get(Number(uri.split('/').pop()));
      if (!run) return [404, { message: 'Not Found' }];
      const b = body as Json;
      this.writes.push({ method: 'PATCH', path: uri, body: b });
      if (b.conclusion) Object.assign(run, { conclusion: b.conclusion, status: 'completed' });
      if (b.details_url) run.details_url = b.details_url;
      if (b.output) run.output = { title: b.output.title, summary: b.output.summary, text: b.output.text ?? null };
      return [200, structuredClone(run)];
    });
  }
}
