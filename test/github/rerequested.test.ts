import nock from 'nock';
import { afterEach, beforeEach, expect, test } from '@jest/globals';
import { API, addedPatch, answerGraphql, ChecklistFake, fixture, makeProbot, mockToken, pendingScripted, watchUnmatched, type Recorded } from './helpers.js';

type Json = Record<string, any>;
let recorded: Recorded;
let unmatched: string[];
beforeEach(() => {
  nock.disableNetConnect();
  recorded = { graphql: [] };
  unmatched = watchUnmatched();
});
afterEach(() => {
  // These flows publish no checklist (no migration changed, no pull request, or a merge group):
  // any request beyond the scripted ones fails the test instead of being swallowed by the app.
  const pending = pendingScripted();
  nock.cleanAll();
  nock.emitter.removeAllListeners('no match');
  nock.enableNetConnect();
  expect(unmatched).toEqual([]);
  expect(pending).toEqual([]);
});

test('check_run.rerequested from a fork (no pull_requests listed) finds the pull request by commit', async () => {
  const payload = fixture('check_run.rerequested') as Json;
  const sha = payload.check_run.head_sha as string;
  const repo = `/repos/${payload.repository.full_name}`;
  const bodies: Json = {};
  mockToken();
  const gh = nock(API)
    .post(`${repo}/check-runs`, (b) => ((bodies.create = b), true)).reply(201, { id: 9 })
    .get(`${repo}/commits/${sha}/pulls`).query(true)
    .reply(200, [{ number: 5, state: 'open', head: { sha }, base: { sha: 'c'.repeat(40) } }])
    .get(`${repo}/pulls/5/files`).query(true).reply(200, [])
    .post('/graphql').times(2).reply(answerGraphql({ blobs: {}, headRefOid: sha }, recorded))
    .patch(`${repo}/check-runs/9`, (b) => ((bodies.complete = b), true)).reply(200, {});
  await makeProbot().receive({ name: 'check_run', id: 'r1', payload: payload as never });
  expect(bodies.create).toMatchObject({ head_sha: sha, status: 'in_progress' });
  expect(bodies.complete).toMatchObject({ conclusion: 'success', output: { title: 'No migrations changed' } });
  expect(gh.isDone()).toBe(true);
});

test('check_run.rerequested of a pull request with a migration reviews it again and publishes its checklist', async () => {
  const payload = fixture('check_run.rerequested') as Json;
  const sha = payload.check_run.head_sha as string;
  const repo = `/repos/${payload.repository.full_name}`;
  const up = 'db/migrations/20240301000000_note.up.sql';
  const down = 'db/migrations/20240301000000_note.down.sql';
  const upSql = "SET lock_timeout = '2s';\nALTER TABLE orders ADD COLUMN note text;\n";
  const downSql = "SET lock_timeout = '2s';\nALTER TABLE orders DROP COLUMN note;\n";
  const bodies: Json = {};
  mockToken();
  const gh = nock(API)
    .post(`${repo}/check-runs`).reply(201, { id: 9 })
    .get(`${repo}/commits/${sha}/pulls`).query(true)
    .reply(200, [{ number: 5, state: 'open', head: { sha }, base: { sha: 'c'.repeat(40) } }])
    .get(`${repo}/pulls/5/files`).query(true)
    .reply(200, [{ filename: up, status: 'added', patch: addedPatch(upSql) }, { filename: down, status: 'added', patch: addedPatch(downSql) }])
    .post('/graphql').times(2).reply(answerGraphql({ blobs: { [`${sha}:${up}`]: upSql, [`${sha}:${down}`]: downSql }, headRefOid: sha }, recorded))
    .patch(`${repo}/check-runs/9`, (b) => ((bodies.complete = b), true)).reply(200, {});
  const checklist = new ChecklistFake(repo, 5);
  checklist.completedRun(9, sha, 'action_required');
  checklist.install();
  await makeProbot().receive({ name: 'check_run', id: 'r4', payload: payload as never });
  // No error, but a strong lock: the review alone never passes an open pull request with migrations.
  expect(bodies.complete).toMatchObject({ conclusion: 'action_required' });
  expect(gh.isDone()).toBe(true);
  expect(checklist.checklistComments()).toHaveLength(1);
  expect(checklist.checklistComments()[0]!.body).toContain('ACCESS EXCLUSIVE on `orders`');
  expect(checklist.runs.get(9)).toMatchObject({ conclusion: 'action_required', details_url: expect.stringContaining('#issuecomment-') });
  expect(checklist.runs.get(9)!.output.title).toMatch(/checklist items? unticked/);
});

test('check_run.rerequested for another app’s check is ignored', async () => {
  const payload = fixture('check_run.rerequested') as Json;
  await makeProbot().receive({ name: 'check_run', id: 'r2', payload: { ...payload, check_run: { ...payload.check_run, name: 'CI' } } as never });
  expect(nock.pendingMocks()).toEqual([]);
});

test('check_run.rerequested without any open pull request fails closed', async () => {
  const payload = fixture('check_run.rerequested') as Json;
  const sha = payload.check_run.head_sha as string;
  const repo = `/repos/${payload.repository.full_name}`;
  const bodies: Json = {};
  mockToken();
  const gh = nock(API)
    .post(`${repo}/check-runs`).reply(201, { id: 9 })
    .get(`${repo}/commits/${sha}/pulls`).query(true).reply(200, [])
    .patch(`${repo}/check-runs/9`, (b) => ((bodies.complete = b), true)).reply(200, {});
  await makeProbot().receive({ name: 'check_run', id: 'r3', payload: payload as never });
  expect(bodies.complete.conclusion).toBe('failure');
  expect(bodies.complete.output.title).toMatch(/^could not complete: no open pull request/);
  expect(gh.isDone()).toBe(true);
});

test('merge_group.checks_requested reviews base...head with a check run and no review', async () => {
  const payload = fixture('merge_group.checks_requested') as Json;
  const { head_sha: head, base_sha: base } = payload.merge_group;
  const repo = `/repos/${payload.repository.full_name}`;
  const up = 'migrations/001_idx.sql';
  const sql = 'CREATE INDEX i ON users (email);\n';
  const bodies: Json = {};
  mockToken();
  const gh = nock(API)
    .post(`${repo}/check-runs`, (b) => ((bodies.create = b), true)).reply(201, { id: 11 })
    .get(`${repo}/compare/${base}...${head}`).query(true)
    .reply(200, { files: [{ filename: up, status: 'added', patch: '@@ -0,0 +1 @@\n+CREATE INDEX i ON users (email);' }] })
    .post('/graphql').reply(answerGraphql({ blobs: { [`${head}:${up}`]: sql }, headRefOid: head }, recorded))
    .patch(`${repo}/check-runs/11`, (b) => ((bodies.complete = b), true)).reply(200, {});
  await makeProbot().receive({ name: 'merge_group', id: 'm1', payload: payload as never });
  expect(bodies.create).toMatchObject({ head_sha: head });
  expect(bodies.complete.conclusion).toBe('failure');
  expect(gh.isDone()).toBe(true);
});

test('check_suite.rerequested reviews the listed pull request', async () => {
  const payload = fixture('check_suite.rerequested') as Json;
  const sha = payload.check_suite.head_sha as string;
  const repo = `/repos/${payload.repository.full_name}`;
  const suite = { ...payload.check_suite, pull_requests: [{ number: 3, head: { sha }, base: { sha: 'd'.repeat(40) } }] };
  mockToken();
  const gh = nock(API)
    .post(`${repo}/check-runs`).reply(201, { id: 12 })
    .get(`${repo}/pulls/3/files`).query(true).reply(200, [])
    .post('/graphql').times(2).reply(answerGraphql({ blobs: {}, headRefOid: sha }, recorded))
    .patch(`${repo}/check-runs/12`, (b) => (b as Json).conclusion === 'success').reply(200, {});
  await makeProbot().receive({ name: 'check_suite', id: 's1', payload: { ...payload, check_suite: suite } as never });
  expect(gh.isDone()).toBe(true);
});
