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
