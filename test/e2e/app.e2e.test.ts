/**
 * End to end over real HTTP: the real Probot server, signed webhooks, and a fake GitHub
 * that keeps state and validates every REST request against GitHub's OpenAPI description.
 */
import { afterAll, afterEach, beforeAll, describe, expect, test } from '@jest/globals';
import { deliver, pullRequestPayload, seedPull, startHarness, type Harness } from './harness.js';
import type { RequestLog } from './fake-github.js';

const sha = (c: string) => c.repeat(40);
const UP = 'db/migrations/20240101000000_add_index.up.sql';
const DOWN = 'db/migrations/20240101000000_add_index.down.sql';
const UP_SQL = '-- index for logins\nCREATE INDEX users_email_idx ON users (email);\n';
const DOWN_SQL = 'DROP INDEX users_email_idx;\n';

let h: Harness;
beforeAll(async () => {
  // Events of one pull request are handled one at a time here (one server, one queue): no
  // concurrent state writer, so the checklist's read-back wait is skipped (checklist.e2e keeps it).
  // Writes are paced a tenth of Probot's spacing: these tests assert what is written, not when
  // (checklist.e2e keeps production pacing; npm run bench:app measures it).
  h = await startHarness({ readBackDelayMs: 0, pacing: 'fast' });
});
afterAll(async () => {
  await h.stop();
});
afterEach(() => {
  // Every request the app made matched an operation of GitHub's REST description.
  expect(h.github.violations).toEqual([]);
});

/**
 * An event's requests, split where the checklist starts (it begins by listing the pull
 * request's conversation comments): the review before, the checklist after.
 */
function split(from: number): { review: RequestLog[]; checklist: RequestLog[] } {
  const all = h.github.apiRequests(from);
  const start = all.findIndex((r) => r.method === 'GET' && /\/issues\/\d+\/comments$/.test(r.path));
  return start < 0 ? { review: all, checklist: [] } : { review: all.slice(0, start), checklist: all.slice(start) };
}
const ops = (requests: RequestLog[]) => requests.map((r) => r.operation ?? `${r.method} ${r.path}`);
const runOf = (headSha: string) => h.github.checkRuns.filter((r) => r.head_sha === headSha).at(-1)!;

describe('migration review over HTTP', () => {
  test('hazardous PR: inline comments with a suggestion, failing check, one checklist; redelivery posts nothing new', async () => {
    const pull = { number: 1, headSha: sha('a'), baseSha: sha('0'), files: [{ path: UP, text: UP_SQL }, { path: DOWN, text: DOWN_SQL }] };
    seedPull(h.github, pull);
    const payload = pullRequestPayload('opened', pull);
    const from = h.github.requests.length;
    const res = await deliver(h.url, 'pull_request', payload, { id: 'e2e-1' });
    expect([200, 202]).toContain(res.status);
    await h.idle();

    const run = h.github.checkRuns.at(-1)!;
    expect(run).toMatchObject({ name: 'Migration review', head_sha: pull.headSha, status: 'completed', conclusion: 'failure' });
    expect(run.annotations.length).toBeGreaterThanOrEqual(2);
    const reviews = h.github.reviews.filter((r) => r.pull === 1);
    expect(reviews).toHaveLength(1);
    expect(reviews[0]).toMatchObject({ commit_id: pull.headSha, event: 'COMMENT' });
    const comments = reviews[0]!.comments;
    expect(comments.find((c) => c.body.includes('`require-concurrent-index`'))).toMatchObject({ path: UP, line: 2 });
    expect(comments.some((c) => c.body.includes('```suggestion\n'))).toBe(true);
    // An error finding blocks by itself: the checklist cannot lift it (combineVerdict keeps the analysis' failure).
    expect(run.output.text).toContain('## Checklist: 0 of ');
    const checklist = h.github.checklistComments(1);
    expect(checklist).toHaveLength(1);
    expect(checklist[0]!.body).toContain('- [ ] Down migration written and run');
    expect(run.details_url).toBe(`http://${h.github.host}/acme/shop/pull/1#issuecomment-${checklist[0]!.id}`);
    // Requests (the installation token exchange is not an API call of the event): the review
    // stays within 6 + ⌈2/100⌉; the first checklist adds exactly 6 (docs/github-app.md).
    const first = split(from);
    expect(first.review.length).toBeLessThanOrEqual(7);
    expect(ops(first.checklist)).toEqual([
      'GET /repos/{owner}/{repo}/issues/{issue_number}/comments',
      'GET /repos/{owner}/{repo}/check-runs/{check_run_id}',
      'PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}',
      'GET /repos/{owner}/{repo}/check-runs/{check_run_id}',
      'POST /repos/{owner}/{repo}/issues/{issue_number}/comments',
      'PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}',
    ]);

    // The same delivery again: a new check run completes, no review and no checklist comment is added or rewritten.
    const again = h.github.requests.length;
    const commentBody = checklist[0]!.body;
    await deliver(h.url, 'pull_request', payload, { id: 'e2e-1' });
    await h.idle();
    expect(h.github.reviews.filter((r) => r.pull === 1)).toHaveLength(1);
    expect(h.github.checkRuns.filter((r) => r.head_sha === pull.headSha)).toHaveLength(2);
    expect(runOf(pull.headSha)).toMatchObject({ status: 'completed', conclusion: 'failure' });
    expect(h.github.checklistComments(1)).toHaveLength(1);
    expect(h.github.checklistComments(1)[0]!.body).toBe(commentBody);
    const second = split(again);
    expect(second.review.length).toBeLessThanOrEqual(7);
    // Same commit: the earlier run's state is found by the comment's head marker and carried over; the comment already reads right.
    expect(ops(second.checklist)).toEqual([
      'GET /repos/{owner}/{repo}/issues/{issue_number}/comments',
      'GET /repos/{owner}/{repo}/commits/{ref}/check-runs',
      'GET /repos/{owner}/{repo}/check-runs/{check_run_id}',
      'PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}',
      'GET /repos/{owner}/{repo}/check-runs/{check_run_id}',
      'GET /repos/{owner}/{repo}/check-runs/{check_run_id}',
    ]);
  });

  test('syntax error: reported inline, check fails', async () => {
    const up = 'db/migrations/20240102000000_broken.up.sql';
    const pull = { number: 2, headSha: sha('b'), baseSha: sha('0'), files: [{ path: up, text: 'CREATE TABLE (;\n' }, { path: up.replace('.up.', '.down.'), text: 'SELECT 1;\n' }] };
    seedPull(h.github, pull);
    await deliver(h.url, 'pull_request', pullRequestPayload('opened', pull));
    await h.idle();
    const run = h.github.checkRuns.find((r) => r.head_sha === pull.headSha)!;
    expect(run.conclusion).toBe('failure');
    expect(h.github.checklistComments(2)).toHaveLength(1);
    const review = h.github.reviews.find((r) => r.pull === 2)!;
    expect(review.comments.find((c) => c.body.includes('`syntax-error`'))).toMatchObject({ path: up, line: 1 });
  });

  test('PR without migrations: success, no review', async () => {
    const pull = { number: 3, headSha: sha('c'), baseSha: sha('0'), files: [{ path: 'README.md', text: '# shop\n' }] };
    seedPull(h.github, pull);
    const from = h.github.requests.length;
    await deliver(h.url, 'pull_request', pullRequestPayload('opened', pull));
    await h.idle();
    expect(h.github.checkRuns.find((r) => r.head_sha === pull.headSha)).toMatchObject({ conclusion: 'success', output: { title: 'No migrations changed' } });
    expect(h.github.reviews.filter((r) => r.pull === 3)).toHaveLength(0);
    // Nothing to tick: no checklist, not even a look for one.
    expect(h.github.comments.filter((c) => c.issue === 3)).toHaveLength(0);
    expect(split(from).checklist).toEqual([]);
  });

  test('150-file PR: files read over two pages, contents in one query, comments only on diff lines', async () => {
    const files = Array.from({ length: 75 }, (_, i) => {
      const v = `2024010${String(i).padStart(7, '0')}`;
      return [
        { path: `db/migrations/${v}_m${i}.up.sql`, text: `CREATE INDEX idx_${i} ON orders (c${i});\n` },
        { path: `db/migrations/${v}_m${i}.down.sql`, text: `DROP INDEX idx_${i};\n` },
      ];
    }).flat();
    const pull = { number: 4, headSha: sha('d'), baseSha: sha('0'), files };
    seedPull(h.github, pull);
    const from = h.github.requests.length;
    await deliver(h.url, 'pull_request', pullRequestPayload('opened', pull));
    await h.idle();
    const { review: requests, checklist } = split(from);
    expect(requests.filter((r) => r.path.endsWith('/pulls/4/files'))).toHaveLength(2);
    expect(requests.filter((r) => r.path === '/graphql')).toHaveLength(2);
    const run = h.github.checkRuns.find((r) => r.head_sha === pull.headSha)!;
    expect(run.conclusion).toBe('failure');
    expect(run.annotations.length).toBeGreaterThanOrEqual(75);
    const review = h.github.reviews.find((r) => r.pull === 4)!;
    expect(review.comments).toHaveLength(30);
    expect(review.body).toContain('Beyond the 30 inline comments');
    // The review: 6 + ⌈150/100⌉ = 8, plus one update per further 50 annotations.
    expect(requests.length).toBeLessThanOrEqual(8 + Math.ceil(run.annotations.length / 50) - 1);
    // The checklist: the same 6 as for 2 files (75 risk items fit one comment and one run text).
    expect(checklist).toHaveLength(6);
    expect(h.github.checklistComments(4)).toHaveLength(1);
  });

  test('5xx answers are retried and the review completes', async () => {
    const pull = { number: 5, headSha: sha('e'), baseSha: sha('0'), files: [{ path: UP.replace('0101', '0105'), text: UP_SQL }] };
    seedPull(h.github, pull);
    h.github.inject({ method: 'GET', path: /\/pulls\/5\/files$/, status: 502, times: 2 });
    h.github.inject({ method: 'POST', path: /^\/api\/graphql$/, status: 500, times: 1 });
    await deliver(h.url, 'pull_request', pullRequestPayload('opened', pull));
    await h.idle();
    expect(h.github.checkRuns.find((r) => r.head_sha === pull.headSha)!.conclusion).toBe('failure');
    expect(h.github.reviews.filter((r) => r.pull === 5)).toHaveLength(1);
    expect(h.github.checklistComments(5)).toHaveLength(1);
    expect(h.github.requests.filter((r) => r.status >= 500).length).toBe(3);
  });

  test('a primary rate limit is waited out; a secondary one fails the check closed', async () => {
    const pull = { number: 6, headSha: sha('f'), baseSha: sha('0'), files: [{ path: 'README.md', text: 'x\n' }] };
    seedPull(h.github, pull);
    const reset = String(Math.ceil(Date.now() / 1000) + 1);
    h.github.inject({ method: 'GET', path: /\/pulls\/6\/files$/, status: 403, headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset }, body: { message: 'API rate limit exceeded' } });
    await deliver(h.url, 'pull_request', pullRequestPayload('opened', pull));
    await h.idle();
    expect(h.github.checkRuns.find((r) => r.head_sha === pull.headSha)!.conclusion).toBe('success');

    const next = { ...pull, number: 7, headSha: sha('7') };
    seedPull(h.github, next);
    h.github.inject({
      method: 'GET',
      path: /\/pulls\/7\/files$/,
      status: 403,
      headers: { 'retry-after': '1' },
      body: { message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.' },
    });
    await deliver(h.url, 'pull_request', pullRequestPayload('opened', next));
    await h.idle();
    const run = h.github.checkRuns.find((r) => r.head_sha === next.headSha)!;
    expect(run.conclusion).toBe('failure');
    expect(run.output.title).toMatch(/^could not complete: .*secondary rate limit.*\(request FAKE:\d+\)$/);
  });

  test('bad signature: 4xx and no API call', async () => {
    const from = h.github.requests.length;
    const res = await deliver(h.url, 'pull_request', pullRequestPayload('opened', { number: 1, headSha: sha('a'), baseSha: sha('0') }), { secret: 'wrong' });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    await new Promise((r) => setTimeout(r, 200));
    expect(h.github.requests.length).toBe(from);
  });

  test('health endpoint answers for load balancers', async () => {
    const res = await fetch(`${h.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });
});
