import nock from 'nock';
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import { API, addedPatch, answerGraphql, ChecklistFake, fixture, makeProbot, mockToken, pendingScripted, watchUnmatched, type GraphqlScript, type Recorded } from './helpers.js';

const REPO = '/repos/Codertocat/Hello-World';
const HEAD = 'ec26c3e57ca3a959ca5aad62de7213c562f8c821';
const BASE = 'f95f852bd8fca8fcc58a9a2d6c842781e32a215e';
const UP = 'db/migrations/20240101000000_add_index.up.sql';
const DOWN = 'db/migrations/20240101000000_add_index.down.sql';
const UP_SQL = '-- add an index for logins\nCREATE INDEX users_email_idx ON users (email);\n';
const DOWN_SQL = 'DROP INDEX users_email_idx;\n';

type Json = Record<string, any>;

function hazardousFiles() {
  return [
    { filename: UP, status: 'added', patch: addedPatch(UP_SQL) },
    { filename: DOWN, status: 'added', patch: addedPatch(DOWN_SQL) },
  ];
}

function script(extra: Partial<GraphqlScript> = {}): GraphqlScript {
  return { blobs: { [`${HEAD}:${UP}`]: UP_SQL, [`${HEAD}:${DOWN}`]: DOWN_SQL }, headRefOid: HEAD, ...extra };
}

/** The checklist the flow publishes after the review of an open pull request with migrations, for a first run. */
const FIRST_CHECKLIST = [
  `GET ${REPO}/issues/2/comments`,
  `GET ${REPO}/check-runs/42`,
  `PATCH ${REPO}/check-runs/42`,
  `GET ${REPO}/check-runs/42`,
  `POST ${REPO}/issues/2/comments`,
  `PATCH ${REPO}/check-runs/42`,
];

let recorded: Recorded;
let unmatched: string[];
let checklist: ChecklistFake;
beforeEach(() => {
  nock.disableNetConnect();
  recorded = { graphql: [] };
  unmatched = watchUnmatched();
  checklist = new ChecklistFake(REPO, 2);
});
afterEach(() => {
  // Every request was answered by an interceptor and every scripted one was used: no test
  // passes on a request that failed inside the app (which fails closed and only logs).
  const pending = pendingScripted();
  nock.cleanAll();
  nock.emitter.removeAllListeners('no match');
  nock.enableNetConnect();
  expect(unmatched).toEqual([]);
  expect(pending).toEqual([]);
});

describe('pull_request', () => {
  test('hazardous migration: in_progress check, one review with inline comments and a suggestion, check failure with annotations', async () => {
    const bodies: Json = {};
    mockToken();
    const gh = nock(API)
      .post(`${REPO}/check-runs`, (b) => ((bodies.create = b), true))
      .reply(201, { id: 42 })
      .get(`${REPO}/pulls/2/files`)
      .query({ per_page: 100 })
      .reply(200, hazardousFiles())
      .post('/graphql')
      .times(2)
      .reply(answerGraphql(script(), recorded))
      .post(`${REPO}/pulls/2/reviews`, (b) => ((bodies.review = b), true))
      .reply(200, { id: 7 })
      .patch(`${REPO}/check-runs/42`, (b) => ((bodies.complete = b), true))
      .reply(200, { id: 42 });
    checklist.completedRun(42, HEAD, 'failure');
    checklist.install();

    await makeProbot().receive({ name: 'pull_request', id: 'delivery-1', payload: fixture('pull_request.opened') as never });

    expect(bodies.create).toMatchObject({ name: 'Migration review', head_sha: HEAD, status: 'in_progress', external_id: 'delivery-1' });
    // The blobs query reads the migration, its companion, the config (repo and org) and stats from the default branch.
    const blobs = recorded.graphql[0]!;
    expect(Object.values(blobs.variables)).toEqual(
      expect.arrayContaining([`${HEAD}:${UP}`, `${HEAD}:${DOWN}`, 'HEAD:.github/migration-review.yml', 'HEAD:.github/migration-review-stats.json']),
    );
    expect(bodies.review).toMatchObject({ commit_id: HEAD, event: 'COMMENT' });
    const comments = bodies.review.comments as Json[];
    // Other rules may add findings as the rule set grows; these two are this statement's.
    expect(comments.every((c) => c.side === 'RIGHT' && (c.path === UP || c.path === DOWN) && c.start_line === undefined)).toBe(true);
    const concurrent = comments.find((c) => c.body.includes('`require-concurrent-index`'))!;
    expect([concurrent.path, concurrent.line]).toEqual([UP, 2]);
    expect(concurrent.body).toMatch(/^<!-- migration-review:finding [0-9a-f]{16} -->/);
    expect(concurrent.body).toContain('`SHARE` on `users`');
    const timeout = comments.find((c) => c.path === UP && c.body.includes('`require-lock-timeout`'))!;
    expect(timeout.line).toBe(2);
    expect(timeout.body).toMatch(/```suggestion\nSET (LOCAL )?lock_timeout = '\d+s';\nCREATE INDEX users_email_idx ON users \(email\);\n```/);
    expect(bodies.complete).toMatchObject({ status: 'completed', conclusion: 'failure' });
    expect(bodies.complete.output.title).toMatch(/^\d+ errors?.* in 1 migration$/);
    expect(bodies.complete.output.annotations).toHaveLength(comments.length);
    expect(bodies.complete.output.annotations).toContainEqual(
      expect.objectContaining({ path: UP, start_line: 2, end_line: 2, annotation_level: 'failure', title: 'require-concurrent-index' }),
    );
    expect(bodies.complete.output.summary).toContain('| error |');
    expect(gh.isDone()).toBe(true);
    // Then the checklist: one comment, the state in the run, still failure (errors block by themselves).
    expect(checklist.requests).toEqual(FIRST_CHECKLIST);
    expect(checklist.checklistComments()).toHaveLength(1);
    expect(checklist.checklistComments()[0]!.body).toContain('- [ ] Down migration written and run');
    expect(checklist.runs.get(42)).toMatchObject({ conclusion: 'failure', details_url: expect.stringContaining('#issuecomment-9000') });
    expect(checklist.runs.get(42)!.output.text).toContain('## Checklist: 0 of ');
  });

  test('redelivery on the same sha posts no review; a marker in a human comment does not count', async () => {
    // First run, to learn the markers the app writes.
    const first: Json = {};
    mockToken();
    nock(API)
      .post(`${REPO}/check-runs`).reply(201, { id: 42 })
      .get(`${REPO}/pulls/2/files`).query(true).reply(200, hazardousFiles())
      .post('/graphql').times(2).reply(answerGraphql(script(), recorded))
      .post(`${REPO}/pulls/2/reviews`, (b) => ((first.review = b), true)).reply(200, {})
      .patch(`${REPO}/check-runs/42`).reply(200, {});
    checklist.completedRun(42, HEAD, 'failure');
    checklist.install();
    await makeProbot().receive({ name: 'pull_request', id: 'd1', payload: fixture('pull_request.opened') as never });
    expect(checklist.requests).toEqual(FIRST_CHECKLIST);
    const commentBody = checklist.checklistComments()[0]!.body;
    const threads = (first.review.comments as Json[]).map((c) => ({ path: c.path, body: c.body, viewerDidAuthor: true }));

    // Redelivery: the app's own comments exist; nothing new is posted.
    mockToken();
    const gh = nock(API)
      .post(`${REPO}/check-runs`).reply(201, { id: 43 })
      .get(`${REPO}/pulls/2/files`).query(true).reply(200, hazardousFiles())
      .post('/graphql').times(2).reply(answerGraphql(script({ threads }), recorded));
    // The checklist fake's persisted check-run interceptors (installed above) answer run 43's writes, its completion included.
    checklist.startedRun(43, HEAD);
    checklist.requests.length = 0;
    await makeProbot().receive({ name: 'pull_request', id: 'd1', payload: fixture('pull_request.opened') as never });
    const completion = checklist.writes.find((w) => w.path.endsWith('/check-runs/43'))!.body;
    expect(completion).toMatchObject({ status: 'completed', conclusion: 'failure' });
    expect(gh.isDone()).toBe(true);
    // The checklist is found again, its state carried to the new run; the comment already reads right.
    expect(checklist.requests).toEqual([
      `PATCH ${REPO}/check-runs/43`,
      `GET ${REPO}/issues/2/comments`,
      `GET ${REPO}/commits/${HEAD}/check-runs`,
      `GET ${REPO}/check-runs/43`,
      `PATCH ${REPO}/check-runs/43`,
      `GET ${REPO}/check-runs/43`,
      `GET ${REPO}/check-runs/42`,
    ]);
    expect(checklist.checklistComments()).toHaveLength(1);
    expect(checklist.checklistComments()[0]!.body).toBe(commentBody);
    expect(checklist.runs.get(43)!.output.text).toContain('## Checklist: 0 of ');

    // Someone pastes the markers into their own comment: findings are still posted.
    mockToken();
    const forged = threads.map((t) => ({ ...t, viewerDidAuthor: false }));
    const again = nock(API)
      .post(`${REPO}/check-runs`).reply(201, { id: 44 })
      .get(`${REPO}/pulls/2/files`).query(true).reply(200, hazardousFiles())
      .post('/graphql').times(2).reply(answerGraphql(script({ threads: forged }), recorded))
      .post(`${REPO}/pulls/2/reviews`, (b) => (b as Json).comments.length === threads.length).reply(200, {});
    checklist.startedRun(44, HEAD);
    await makeProbot().receive({ name: 'pull_request', id: 'd2', payload: fixture('pull_request.synchronize') as never });
    expect(again.isDone()).toBe(true);
    expect(checklist.checklistComments()).toHaveLength(1);
    expect(checklist.runs.get(44)).toMatchObject({ status: 'completed', conclusion: 'failure' });
    expect(checklist.runs.get(44)!.output.text).toContain('## Checklist: 0 of ');
  });

  test('a finding that went away is listed as resolved', async () => {
    const bodies: Json = {};
    mockToken();
    const gone = '<!-- migration-review:finding 0123456789abcdef -->\n🛑 **Error** `require-concurrent-index`: old finding';
    const gh = nock(API)
      .post(`${REPO}/check-runs`).reply(201, { id: 42 })
      .get(`${REPO}/pulls/2/files`).query(true).reply(200, [{ filename: 'README.md', status: 'modified', patch: '@@ -1 +1 @@\n-a\n+b' }])
      .post('/graphql').times(2).reply(answerGraphql(script({ threads: [{ path: UP, body: gone, viewerDidAuthor: true }] }), recorded))
      .patch(`${REPO}/check-runs/42`, (b) => ((bodies.complete = b), true)).reply(200, {});
    await makeProbot().receive({ name: 'pull_request', id: 'd3', payload: fixture('pull_request.synchronize') as never });
    expect(bodies.complete.output.summary).toContain('### Resolved since the last review');
    expect(bodies.complete.output.summary).toContain('`require-concurrent-index`: old finding');
    expect(gh.isDone()).toBe(true);
  });

  test('no migrations: success "No migrations changed", no review', async () => {
    const bodies: Json = {};
    mockToken();
    const gh = nock(API)
      .post(`${REPO}/check-runs`).reply(201, { id: 42 })
      .get(`${REPO}/pulls/2/files`).query(true).reply(200, [{ filename: 'README.md', status: 'modified', patch: '@@ -1 +1 @@\n-a\n+b' }])
      .post('/graphql').times(2).reply(answerGraphql(script(), recorded))
      .patch(`${REPO}/check-runs/42`, (b) => ((bodies.complete = b), true)).reply(200, {});
    await makeProbot().receive({ name: 'pull_request', id: 'd4', payload: fixture('pull_request.opened') as never });
    expect(bodies.complete).toMatchObject({ conclusion: 'success', output: { title: 'No migrations changed' } });
    expect(bodies.complete.output.annotations).toBeUndefined();
    expect(gh.isDone()).toBe(true);
  });

  test('head moved while analyzing: the run is cancelled as superseded and nothing is published', async () => {
    const bodies: Json = {};
    mockToken();
    const gh = nock(API)
      .post(`${REPO}/check-runs`).reply(201, { id: 42 })
      .get(`${REPO}/pulls/2/files`).query(true).reply(200, hazardousFiles())
      .post('/graphql').times(2).reply(answerGraphql(script({ headRefOid: 'b'.repeat(40) }), recorded))
      .patch(`${REPO}/check-runs/42`, (b) => ((bodies.complete = b), true)).reply(200, {});
    await makeProbot().receive({ name: 'pull_request', id: 'd5', payload: fixture('pull_request.synchronize') as never });
    expect(bodies.complete).toMatchObject({ conclusion: 'cancelled', output: { title: 'Superseded by bbbbbbb' } });
    expect(gh.isDone()).toBe(true);
  });

  test('invalid config on the default branch: failure naming the key', async () => {
    const bodies: Json = {};
    mockToken();
    const gh = nock(API)
      .post(`${REPO}/check-runs`).reply(201, { id: 42 })
      .get(`${REPO}/pulls/2/files`).query(true).reply(200, hazardousFiles())
      .post('/graphql').reply(answerGraphql(script({ blobs: { 'HEAD:.github/migration-review.yml': 'postgresVersion: 99\n' } }), recorded))
      .patch(`${REPO}/check-runs/42`, (b) => ((bodies.complete = b), true)).reply(200, {});
    await makeProbot().receive({ name: 'pull_request', id: 'd6', payload: fixture('pull_request.opened') as never });
    expect(bodies.complete).toMatchObject({ conclusion: 'failure', output: { title: 'invalid configuration: postgresVersion' } });
    expect(bodies.complete.output.summary).toContain('Codertocat/Hello-World:.github/migration-review.yml');
    expect(gh.isDone()).toBe(true);
  });

  test("the org's .github config applies when the repository has none", async () => {
    const bodies: Json = {};
    mockToken();
    const gh = nock(API)
      .post(`${REPO}/check-runs`).reply(201, { id: 42 })
      .get(`${REPO}/pulls/2/files`).query(true).reply(200, hazardousFiles())
      .post('/graphql').times(2)
      .reply(answerGraphql(script({ orgBlobs: { 'HEAD:.github/migration-review.yml': 'rules:\n  require-lock-timeout: "off"\n' } }), recorded))
      .post(`${REPO}/pulls/2/reviews`, (b) => ((bodies.review = b), true)).reply(200, {})
      .patch(`${REPO}/check-runs/42`, (b) => ((bodies.complete = b), true)).reply(200, {});
    checklist.completedRun(42, HEAD, 'failure');
    checklist.install();
    await makeProbot().receive({ name: 'pull_request', id: 'd7', payload: fixture('pull_request.opened') as never });
    const bodiesText = (bodies.review.comments as Json[]).map((c) => c.body).join('\n');
    expect(bodiesText).toContain('`require-concurrent-index`');
    expect(bodiesText).not.toContain('`require-lock-timeout`');
    expect(bodies.complete.output.summary).not.toContain('require-lock-timeout');
    expect(gh.isDone()).toBe(true);
    expect(checklist.requests).toEqual(FIRST_CHECKLIST);
  });

  test('a GitHub error fails the check closed, naming the request id', async () => {
    const bodies: Json = {};
    mockToken();
    const gh = nock(API)
      .post(`${REPO}/check-runs`).reply(201, { id: 42 })
      .get(`${REPO}/pulls/2/files`).query(true).reply(502, { message: 'Server Error' }, { 'x-github-request-id': 'ABCD:1234' })
      .patch(`${REPO}/check-runs/42`, (b) => ((bodies.complete = b), true)).reply(200, {});
    await makeProbot().receive({ name: 'pull_request', id: 'd8', payload: fixture('pull_request.opened') as never });
    expect(bodies.complete).toMatchObject({ status: 'completed', conclusion: 'failure' });
    expect(bodies.complete.output.title).toMatch(/^could not complete: .*\(request ABCD:1234\)$/);
    expect(bodies.complete.output.summary).toContain('Webhook delivery id: `d8`');
    expect(gh.isDone()).toBe(true);
  });

  test('findings outside the diff go to the review body; an edited applied migration is a finding', async () => {
    const bodies: Json = {};
    const sql = '-- one\n-- two\n-- three\nCREATE INDEX users_email_idx ON users (email);\nSELECT 1;\n';
    const before = '-- one\n-- two\n-- three\nCREATE INDEX users_email_idx ON users (email);\n';
    mockToken();
    const gh = nock(API)
      .post(`${REPO}/check-runs`).reply(201, { id: 42 })
      .get(`${REPO}/pulls/2/files`).query(true)
      .reply(200, [{ filename: UP, status: 'modified', patch: '@@ -4,1 +4,2 @@\n CREATE INDEX users_email_idx ON users (email);\n+SELECT 1;' }])
      .post('/graphql').times(2)
      .reply(answerGraphql(script({ blobs: { [`${HEAD}:${UP}`]: sql, [`${HEAD}:${DOWN}`]: DOWN_SQL, [`${BASE}:${UP}`]: before, [`${BASE}:${DOWN}`]: DOWN_SQL } }), recorded))
      .post(`${REPO}/pulls/2/reviews`, (b) => ((bodies.review = b), true)).reply(200, {})
      .patch(`${REPO}/check-runs/42`, (b) => ((bodies.complete = b), true)).reply(200, {});
    checklist.completedRun(42, HEAD, 'failure');
    checklist.install();
    await makeProbot().receive({ name: 'pull_request', id: 'd9', payload: fixture('pull_request.synchronize') as never });
    // The index is on line 4, a context line of the hunk: commentable. The file-level finding (line 1) is not.
    expect((bodies.review.comments as Json[]).every((c) => c.line === 4)).toBe(true);
    expect(bodies.review.body).toContain('#### Not on a line of this diff');
    expect(bodies.review.body).toMatch(/<!-- migration-review:finding [0-9a-f]{16} -->🛑 \*\*Error\*\* `modified-migration`/);
    expect(gh.isDone()).toBe(true);
    expect(checklist.requests).toEqual(FIRST_CHECKLIST);
  });

  test('more than 50 annotations are sent in batches of 50, the conclusion last', async () => {
    const sql = Array.from({ length: 60 }, (_, i) => `CREATE INDEX i${i} ON users (c${i});`).join('\n') + '\n';
    const patches: Json[] = [];
    mockToken();
    const gh = nock(API)
      .post(`${REPO}/check-runs`).reply(201, { id: 42 })
      .get(`${REPO}/pulls/2/files`).query(true).reply(200, [{ filename: UP, status: 'added', patch: addedPatch(sql) }])
      .post('/graphql').times(2).reply(answerGraphql(script({ blobs: { [`${HEAD}:${UP}`]: sql, [`${HEAD}:${DOWN}`]: DOWN_SQL } }), recorded))
      .post(`${REPO}/pulls/2/reviews`, (b) => (b as Json).comments.length === 30).reply(200, {})
      .patch(`${REPO}/check-runs/42`).times(2).reply(200, (_u, b) => (patches.push(b as Json), {}));
    checklist.completedRun(42, HEAD, 'failure');
    checklist.install();
    await makeProbot().receive({ name: 'pull_request', id: 'd10', payload: fixture('pull_request.opened') as never });
    // 60 index builds: at least 60 findings, so two updates; the first carries 50 and no conclusion.
    expect(patches.map((p) => p.conclusion)).toEqual([undefined, 'failure']);
    expect(patches[0]!.output.annotations).toHaveLength(50);
    expect(patches[1]!.output.annotations.length).toBeGreaterThanOrEqual(10);
    expect(patches[1]!.output.annotations.length).toBeLessThanOrEqual(50);
    expect(gh.isDone()).toBe(true);
    expect(checklist.requests).toEqual(FIRST_CHECKLIST);
  });

  test('edited without a base change does nothing; with a new base it reviews', async () => {
    const payload = fixture('pull_request.edited-base') as Json;
    const { changes: _ignored, ...titleOnly } = payload;
    await makeProbot().receive({ name: 'pull_request', id: 'd11', payload: { ...titleOnly, changes: { title: { from: 'x' } } } as never });
    expect(nock.pendingMocks()).toEqual([]);

    mockToken();
    const gh = nock(API)
      .post(`${REPO}/check-runs`).reply(201, { id: 42 })
      .get(`${REPO}/pulls/2/files`).query(true).reply(200, [])
      .post('/graphql').times(2).reply(answerGraphql(script(), recorded))
      .patch(`${REPO}/check-runs/42`, (b) => (b as Json).conclusion === 'success').reply(200, {});
    await makeProbot().receive({ name: 'pull_request', id: 'd12', payload: payload as never });
    expect(gh.isDone()).toBe(true);
  });
});
