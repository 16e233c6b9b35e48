/**
 * Starts the real server (Probot's `run`, as `npm start` does) against the fake GitHub and
 * delivers signed webhooks over HTTP.
 */
import { createHmac, generateKeyPairSync } from 'node:crypto';
import { createServer } from 'node:net';
import { ProbotOctokit, run, type Server } from 'probot';
import { createApp } from '../../src/github/app.js';
import { FakeGitHub } from './fake-github.js';

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

export interface Harness {
  readonly github: FakeGitHub;
  readonly server: Server;
  readonly url: string;
  stop(): Promise<void>;
}

export interface HarnessOptions {
  /** Keep Probot's production retry waits (1 s base); tests shorten them. */
  readonly productionRetry?: boolean;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const github = new FakeGitHub();
  await github.start();
  const port = await freePort();
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
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
  const Octokit = options.productionRetry
    ? undefined
    : (ProbotOctokit.defaults((o: Record<string, any>) => ({ ...o, retry: { ...o.retry, retryAfterBaseValue: 20 } })) as typeof ProbotOctokit);
  const server = await run(createApp({ timeoutMs: 30_000 }), { env, ...(Octokit ? { Octokit } : {}) });
  return {
    github,
    server,
    url: `http://127.0.0.1:${port}`,
    async stop() {
      await server.stop();
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

function addedPatchOf(text: string): string {
  const lines = text.replace(/\n$/, '').split('\n');
  return `@@ -0,0 +1,${lines.length} @@\n${lines.map((l) => `+${l}`).join('\n')}`;
}
