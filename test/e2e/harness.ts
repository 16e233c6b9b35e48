/**
 * Starts the real server (Probot's `run`, as `npm start` does) against the fake GitHub and
 * delivers signed webhooks over HTTP.
 */
import { createHmac, generateKeyPairSync } from 'node:crypto';
// The throttling plugin's own scheduler (a dependency of @octokit/plugin-throttling, under Probot).
import Bottleneck from 'bottleneck';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { ProbotOctokit, run, type ApplicationFunction, type Server } from 'probot';
import { createApp } from '../../src/github/app.js';
import { stateTiming } from '../../src/github/checklist/state-store.js';
import { FakeGitHub, type FakeCommentEvent, type FakeUser } from './fake-github.js';

export const SECRET = 'e2e-webhook-secret';
export const OWNER = 'acme';
export const REPO = 'shop';
export const INSTALLATION = { id: 77, node_id: 'MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uNzc=' };

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

export interface Replica {
  readonly server: Server;
  readonly url: string;
  /** Resolves once every webhook handler this replica started has finished. */
  idle(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

export interface Harness extends Replica {
  readonly github: FakeGitHub;
  /** A second server (own process state: own queue) on the same fake GitHub, as a second replica behind a load balancer. */
  replica(): Promise<Replica>;
}

export interface HarnessOptions {
  /** Keep Probot's production retry waits (1 s base); tests shorten them. */
  readonly productionRetry?: boolean;
  /**
   * The checklist's wait before reading its state write back (production: 1.5 s, longer than
   * Probot's write pacing, so that a concurrent writer's overwrite is seen). Only concurrent
   * writers need it; a test file without them may set 0 to save its time.
   */
  readonly readBackDelayMs?: number;
  /**
   * `production` (default): Probot's write pacing, writes 1 s apart and new comments and
   * reviews 3 s apart, shared by every client in the process as in production. `fast`: the
   * same throttling (groups, rate-limit handling) with a tenth of the spacing, for test files
   * that assert what is written, not when.
   */
  readonly pacing?: 'production' | 'fast';
}

let fastGroups: Record<string, unknown> | undefined;
/** The throttling plugin's write groups with shorter spacing; one set per process, like its own. */
function fastPacing(): Record<string, unknown> {
  fastGroups ??= {
    write: new Bottleneck.Group({ id: 'e2e-write', maxConcurrent: 1, minTime: 100 }),
    notifications: new Bottleneck.Group({ id: 'e2e-notifications', maxConcurrent: 1, minTime: 300 }),
  };
  return fastGroups;
}

/**
 * The app, with every webhook handler counted while it runs: a test knows when the app is
 * done with an event (GitHub gets its answer earlier when handling takes long).
 */
export function trackedApp(appFn: ApplicationFunction): { appFn: ApplicationFunction; busy: () => number } {
  let running = 0;
  const wrapped: ApplicationFunction = (app, options) => {
    const on = app.on;
    (app as { on: unknown }).on = (event: never, handler: (context: never) => Promise<void>) =>
      on(event, async (context: never) => {
        running++;
        try {
          await handler(context);
        } finally {
          running--;
        }
      });
    return appFn(app, options);
  };
  return { appFn: wrapped, busy: () => running };
}

async function waitUntil(done: () => boolean, timeoutMs: number, what: () => string): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what()}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function startServer(github: FakeGitHub, privateKey: string, options: HarnessOptions): Promise<Replica> {
  const port = await freePort();
  const env = {
    APP_ID: '4242',
    PRIVATE_KEY: privateKey,
    WEBHOOK_SECRET: SECRET,
    GHE_HOST: github.host,
    GHE_PROTOCOL: 'http',
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? 'fatal',
    NODE_ENV: 'test',
  } as NodeJS.ProcessEnv;
  // Retry and throttling stay on (Probot's defaults); only the retry wait is shortened.
  const fast = options.pacing === 'fast' ? fastPacing() : undefined;
  const Octokit =
    options.productionRetry && !fast
      ? undefined
      : (ProbotOctokit.defaults((o: Record<string, any>) => ({
          ...o,
          ...(options.productionRetry ? {} : { retry: { ...o.retry, retryAfterBaseValue: 20 } }),
          ...(fast ? { throttle: { ...o.throttle, ...fast } } : {}),
        })) as typeof ProbotOctokit);
  const tracked = trackedApp(createApp({ timeoutMs: 30_000 }));
  const server = await run(tracked.appFn, { env, ...(Octokit ? { Octokit } : {}) });
  return {
    server,
    url: `http://127.0.0.1:${port}`,
    idle: (timeoutMs = 30_000) => waitUntil(() => tracked.busy() === 0, timeoutMs, () => `the app to finish (${tracked.busy()} handlers running)`),
    stop: () => server.stop(),
  };
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  if (options.readBackDelayMs !== undefined) stateTiming.readBackDelayMs = options.readBackDelayMs;
  const github = new FakeGitHub();
  await github.start();
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
  const main = await startServer(github, privateKey, options);
  const replicas: Replica[] = [];
  return {
    ...main,
    github,
    async replica() {
      const r = await startServer(github, privateKey, options);
      replicas.push(r);
      return r;
    },
    async stop() {
      for (const r of replicas) await r.stop();
      await main.stop();
      await github.stop();
    },
  };
}

export function sign(body: string, secret = SECRET): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

export async function deliver(url: string, name: string, payload: unknown, options: { id?: string; secret?: string } = {}): Promise<Response> {
  const body = JSON.stringify(payload);
  return fetch(`${url}/api/github/webhooks`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-github-event': name,
      'x-github-delivery': options.id ?? `delivery-${Math.random().toString(16).slice(2)}`,
      'x-hub-signature-256': sign(body, options.secret),
      'user-agent': 'GitHub-Hookshot/e2e',
    },
    body,
  });
}

/** Waits until the fake holds `count` completed check runs (the app answers webhooks before it finishes). */
export async function waitForCompleted(github: FakeGitHub, count: number, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (github.checkRuns.filter((r) => r.status === 'completed').length < count) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${count} completed check runs; have ${JSON.stringify(github.checkRuns.map((r) => [r.status, r.conclusion, r.output.title]))}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export interface PullSpec {
  number: number;
  headSha: string;
  baseSha: string;
  author?: FakeUser;
  files: { path: string; text: string; status?: 'added' | 'modified' | 'removed'; patch?: string; baseText?: string }[];
}

export function pullRequestPayload(action: string, pull: Pick<PullSpec, 'number' | 'headSha' | 'baseSha'>) {
  const repository = { id: 1, node_id: 'R_1', name: REPO, full_name: `${OWNER}/${REPO}`, private: true, owner: { login: OWNER, id: 2, type: 'Organization' }, default_branch: 'main' };
  return {
    action,
    number: pull.number,
    pull_request: {
      number: pull.number,
      state: 'open',
      draft: false,
      user: { login: 'dev', id: 3, type: 'User' },
      head: { ref: 'feature', sha: pull.headSha, repo: repository },
      base: { ref: 'main', sha: pull.baseSha, repo: repository },
    },
    repository,
    sender: { login: 'dev', id: 3, type: 'User' },
    installation: INSTALLATION,
  };
}

/** Puts a pull request, its files (with patches) and their contents in the fake. */
export function seedPull(github: FakeGitHub, spec: PullSpec): void {
  const repo = github.repo(`${OWNER}/${REPO}`);
  repo.pulls.set(spec.number, {
    number: spec.number,
    headSha: spec.headSha,
    baseSha: spec.baseSha,
    state: 'open',
    ...(spec.author ? { author: spec.author } : {}),
    files: spec.files.map((f) => ({
      filename: f.path,
      status: f.status ?? 'added',
      ...(f.status === 'removed' ? {} : { patch: f.patch ?? addedPatchOf(f.text) }),
    })),
  });
  for (const f of spec.files) {
    if (f.status !== 'removed') repo.blobs.set(`${spec.headSha}:${f.path}`, f.text);
    if (f.baseText !== undefined) repo.blobs.set(`${spec.baseSha}:${f.path}`, f.baseText);
  }
}

const require = createRequire(import.meta.url);
const examples = require('@octokit/webhooks-examples') as { name: string; examples: Record<string, any>[] }[];

/**
 * The `issue_comment` webhook for what the fake recorded, shaped like GitHub's own example
 * (@octokit/webhooks-examples), on a pull request, with the installation GitHub adds for apps.
 */
export function issueCommentPayload(event: FakeCommentEvent, github: FakeGitHub): Record<string, any> {
  const example = structuredClone(examples.find((e) => e.name === 'issue_comment')!.examples.find((x) => x.action === event.action)!);
  const pull = github.repo(event.repo).pulls.get(event.issue);
  const author = pull?.author ?? { login: 'dev', id: 3, type: 'User' };
  const repository = { ...example.repository, id: 1, node_id: 'R_1', name: REPO, full_name: `${OWNER}/${REPO}`, private: true, owner: { ...example.repository.owner, login: OWNER, id: 2, type: 'Organization' }, default_branch: 'main' };
  return {
    ...example,
    action: event.action,
    ...(event.action === 'edited' ? { changes: { body: { from: event.from ?? '' } } } : {}),
    issue: {
      ...example.issue,
      number: event.issue,
      state: pull?.state ?? 'open',
      user: { ...example.issue.user, ...author },
      pull_request: {
        url: `http://${github.host}/api/v3/repos/${event.repo}/pulls/${event.issue}`,
        html_url: `http://${github.host}/${event.repo}/pull/${event.issue}`,
        diff_url: `http://${github.host}/${event.repo}/pull/${event.issue}.diff`,
        patch_url: `http://${github.host}/${event.repo}/pull/${event.issue}.patch`,
        merged_at: null,
      },
    },
    comment: { ...example.comment, ...event.comment },
    repository,
    sender: { ...example.sender, ...event.sender },
    installation: INSTALLATION,
  };
}

function addedPatchOf(text: string): string {
  const lines = text.replace(/\n$/, '').split('\n');
  return `@@ -0,0 +1,${lines.length} @@\n${lines.map((l) => `+${l}`).join('\n')}`;
}
