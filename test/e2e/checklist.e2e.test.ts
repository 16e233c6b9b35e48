/**
 * The checklist gate end to end over real HTTP (issue 4): the real Probot server, signed
 * `issue_comment` webhooks shaped like GitHub's (@octokit/webhooks-examples, on a pull
 * request, with the installation), and the stateful fake GitHub, which validates every
 * request against GitHub's OpenAPI description and records the webhooks GitHub would send
 * for the app's own comment writes.
 *
 * One pull request goes through the gate's life in order: refused ticks, a forged body,
 * concurrent ticks on two replicas, redeliveries, the app's own edits, the last tick that
 * turns the check green, and a push that changes one of its two migrations.
 */
import { afterAll, afterEach, beforeAll, describe, expect, test } from '@jest/globals';
import { readCheckText } from '../../src/github/checklist/check-text.js';
import { APP_BOT, type FakeCommentEvent, type FakeIssueComment, type FakeUser, type RequestLog } from './fake-github.js';
import { deliver, issueCommentPayload, OWNER, pullRequestPayload, REPO, seedPull, startHarness, type Harness, type PullSpec } from './harness.js';

const sha = (c: string) => c.repeat(40);
const NOTE_UP = 'db/migrations/20240301000000_add_order_note.up.sql';
const NOTE_DOWN = 'db/migrations/20240301000000_add_order_note.down.sql';
const NICK_UP = 'db/migrations/20240302000000_add_user_nick.up.sql';
const NICK_DOWN = 'db/migrations/20240302000000_add_user_nick.down.sql';
// Safe (lock_timeout set, no rewrite, no scan), but ACCESS EXCLUSIVE on existing tables: lock items, no error.
const NOTE_SQL = "SET lock_timeout = '2s';\nALTER TABLE orders ADD COLUMN note text;\n";
const NICK_SQL = "SET lock_timeout = '2s';\nALTER TABLE users ADD COLUMN nick text;\n";
const NICK_SQL_V2 = "SET lock_timeout = '2s';\nALTER TABLE users ADD COLUMN nickname text;\n";
const downOf = (table: string, column: string) => `SET lock_timeout = '2s';\nALTER TABLE ${table} DROP COLUMN ${column};\n`;

const AUTHOR: FakeUser = { login: 'dev', id: 3, type: 'User' };
const MARIA: FakeUser = { login: 'maria', id: 5001, type: 'User' };
const MARK: FakeUser = { login: 'mark', id: 5002, type: 'User' };
const WES: FakeUser = { login: 'wes', id: 5003, type: 'User' };
const RITA: FakeUser = { login: 'rita', id: 5004, type: 'User' };
const RENOVATE: FakeUser = { login: 'renovate[bot]', id: 29139614, type: 'Bot' };

const PR = 20;
const pull: PullSpec = {
  number: PR,
  headSha: sha('1'),
  baseSha: sha('0'),
  author: AUTHOR,
  files: [
    { path: NOTE_UP, text: NOTE_SQL },
    { path: NOTE_DOWN, text: downOf('orders', 'note') },
    { path: NICK_UP, text: NICK_SQL },
    { path: NICK_DOWN, text: downOf('users', 'nick') },
  ],
};

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  const repo = h.github.repo(`${OWNER}/${REPO}`);
  repo.collaborators.set('maria', { permission: 'write', role_name: 'maintain' });
  repo.collaborators.set('mark', { permission: 'admin', role_name: 'admin' });
  repo.collaborators.set('wes', { permission: 'write', role_name: 'write' });
  repo.collaborators.set('rita', { permission: 'read', role_name: 'read' });
  // The author can edit the app's comment (write access) but may not accept their own risks.
  repo.collaborators.set('dev', { permission: 'write', role_name: 'write' });
  repo.collaborators.set('renovate[bot]', { permission: 'write', role_name: 'write' });
});
afterAll(async () => {
  await h?.stop();
});
afterEach(() => {
  expect(h.github.violations).toEqual([]);
});

const ITEM = /^- \[( |x)\] (.*?) <!-- mr-item:([0-9a-f]+) -->$/;
interface Item {
  readonly id: string;
  readonly text: string;
  readonly checked: boolean;
}
const itemsOf = (body: string): Item[] =>
  body.split('\n').flatMap((line) => {
    const m = ITEM.exec(line);
    return m ? [{ id: m[3] as string, text: m[2] as string, checked: m[1] === 'x' }] : [];
  });
/** A task-list click: toggles the boxes of `ids` in the body as GitHub stores it now. */
const setBoxes = (ids: readonly string[], checked = true) => (body: string) =>
  body
    .split('\n')
    .map((line) => (ids.some((id) => line.includes(`mr-item:${id} `)) ? line.replace(/^- \[( |x)\]/, checked ? '- [x]' : '- [ ]') : line))
    .join('\n');

const checklist = (): FakeIssueComment => {
  const all = h.github.checklistComments(PR);
  expect(all).toHaveLength(1);
  return all[0]!;
};
const runFor = (headSha: string) => h.github.checkRuns.filter((r) => r.head_sha === headSha).at(-1)!;
const stateOf = (headSha: string) => readCheckText(runFor(headSha).output.text).state;
const writes = (requests: RequestLog[]) => requests.filter((r) => r.method !== 'GET');
const ops = (requests: RequestLog[]) => requests.map((r) => r.operation ?? `${r.method} ${r.path}`);

async function edit(sender: FakeUser, change: (body: string) => string, options: { id?: string; url?: string } = {}): Promise<{ event: FakeCommentEvent; requests: RequestLog[] }> {
  const event = h.github.editAs(sender, checklist().id, change);
  const from = h.github.requests.length;
  const res = await deliver(options.url ?? h.url, 'issue_comment', issueCommentPayload(event, h.github), options.id ? { id: options.id } : {});
  expect([200, 202]).toContain(res.status);
  await h.idle();
  return { event, requests: h.github.apiRequests(from) };
}

let items: Item[] = [];
const lockItem = (table: string) => items.find((i) => i.text.includes(`\`${table}\``))!;

describe('checklist gate over HTTP', () => {
  test('a safe migration under a strong lock: no error, the check waits for the checklist (action_required)', async () => {
    seedPull(h.github, pull);
    await deliver(h.url, 'pull_request', pullRequestPayload('opened', pull));
    await h.idle();
    const run = runFor(pull.headSha);
    expect(run).toMatchObject({ status: 'completed', conclusion: 'action_required' });
    expect(run.output.title).toMatch(/checklist items? unticked/);
    items = itemsOf(checklist().body);
    // 4 process items, one ACCESS EXCLUSIVE item per table.
    expect(items.filter((i) => i.text.includes('ACCESS EXCLUSIVE')).map((i) => i.text)).toEqual([
      expect.stringContaining('`orders`'),
      expect.stringContaining('`users`'),
    ]);
    expect(items).toHaveLength(6);
    expect(items.every((i) => !i.checked)).toBe(true);
    expect(checklist().user).toEqual(APP_BOT);
  });

  test.each([
    ['the pull request author', AUTHOR, 'is the pull request author', 7],
    ['a read-only user', RITA, 'read access only', 8],
    ['a bot with write access', RENOVATE, 'bots cannot tick', 7],
  ])("%s's tick is reverted and recorded; the check stays blocking", async (_who, user, reason, count) => {
    const before = checklist().body;
    const { requests } = await edit(user, setBoxes([items[0]!.id]));
    // The comment reads as before the edit again, plus the refused attempt in its footer.
    expect(itemsOf(checklist().body)).toEqual(items);
    expect(checklist().body).toContain(`@${user.login} (${reason})`);
    expect(checklist().body).not.toBe(before);
    const run = runFor(pull.headSha);
    expect(run.conclusion).toBe('action_required');
    expect(stateOf(pull.headSha).ticks).toEqual({});
    expect(run.output.text).toContain(`@${user.login} tried to tick (refused): ${items[0]!.text} (${reason})`);
    // pulls.get, runs by ref, [the role], read, write, read back the run, read and rewrite the comment.
    expect(requests).toHaveLength(count);
    expect(ops(writes(requests))).toEqual(['PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}', 'PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}']);
  });

  test('a forged body (a pasted [x] item with a made-up marker and a pasted state marker) changes no tick', async () => {
    const forged = (body: string) =>
      `${body}- [x] Everything accepted <!-- mr-item:deadbeefdeadbeef -->\n<!-- migration-review:state eyJ2ZXJzaW9uIjoxLCJ0aWNrcyI6e319 -->\n`;
    await edit(MARIA, forged);
    expect(stateOf(pull.headSha).ticks).toEqual({});
    expect(runFor(pull.headSha).conclusion).toBe('action_required');
    expect(checklist().body).not.toContain('deadbeef');
    expect(checklist().body).not.toContain('migration-review:state');
    expect(itemsOf(checklist().body)).toEqual(items);
    expect(runFor(pull.headSha).output.text).toContain('@maria edited the checklist (reverted) (changed the checklist text)');
  });

  let concurrent: FakeCommentEvent[] = [];
  test('two maintainers tick at once, on two replicas: both ticks land', async () => {
    const second = await h.replica();
    const note = lockItem('orders');
    const users = lockItem('users');
    // Both click within the same moment: GitHub stores each click on the text as it is then.
    const a = h.github.editAs(MARIA, checklist().id, setBoxes([note.id]));
    const b = h.github.editAs(MARK, checklist().id, setBoxes([users.id]));
    concurrent = [a, b];
    await Promise.all([deliver(h.url, 'issue_comment', issueCommentPayload(a, h.github), { id: 'tick-a' }), deliver(second.url, 'issue_comment', issueCommentPayload(b, h.github), { id: 'tick-b' })]);
    await Promise.all([h.idle(), second.idle()]);
    const ticks = stateOf(pull.headSha).ticks;
    expect(Object.keys(ticks).sort()).toEqual([note.id, users.id].sort());
    expect(ticks[note.id]!.by).toBe('maria');
    expect(ticks[users.id]!.by).toBe('mark');
    // The comment shows the state: both ticked, with who.
    const shown = itemsOf(checklist().body);
    expect(shown.filter((i) => i.checked).map((i) => i.id).sort()).toEqual([note.id, users.id].sort());
    expect(checklist().body).toContain('— ticked by @maria at');
    expect(checklist().body).toContain('— ticked by @mark at');
    expect(runFor(pull.headSha).conclusion).toBe('action_required');
  });

  test('a redelivered edit changes nothing (reads only)', async () => {
    const text = runFor(pull.headSha).output.text;
    const body = checklist().body;
    const from = h.github.requests.length;
    await deliver(h.url, 'issue_comment', issueCommentPayload(concurrent[1]!, h.github), { id: 'tick-b' });
    await h.idle();
    const requests = h.github.apiRequests(from);
    expect(writes(requests)).toEqual([]);
    expect(requests.length).toBeGreaterThan(0);
    expect(runFor(pull.headSha).output.text).toBe(text);
    expect(checklist().body).toBe(body);
  });

  test("the app's own comment writes, delivered back as GitHub sends them, cause no request at all", async () => {
    const own = h.github.events.filter((e) => e.issue === PR && e.action === 'edited');
    expect(own.length).toBeGreaterThan(0);
    expect(own.every((e) => e.sender.login === APP_BOT.login)).toBe(true);
    const from = h.github.requests.length;
    for (const event of own) {
      const res = await deliver(h.url, 'issue_comment', issueCommentPayload(event, h.github));
      expect(res.status).toBe(200);
    }
    await h.idle();
    expect(h.github.requests.slice(from)).toEqual([]);
  });

  test("a maintainer ticks every remaining box: the check turns success and names who ticked what", async () => {
    const rest = items.filter((i) => !stateOf(pull.headSha).ticks[i.id]).map((i) => i.id);
    expect(rest).toHaveLength(4);
    const { requests } = await edit(WES, setBoxes(rest));
    const run = runFor(pull.headSha);
    expect(run.conclusion).toBe('success');
    expect(run.output.title).toMatch(/all 6 checklist items ticked/i);
    expect(run.output.text).toContain('## Checklist: 6 of 6 ticked');
    for (const id of rest) expect(run.output.text).toContain(`| ✅ | ${items.find((i) => i.id === id)!.text.replace(/\|/g, '\\|')} | @wes |`);
    expect(itemsOf(checklist().body).every((i) => i.checked)).toBe(true);
    // pulls.get, runs by ref, the role, read, write, read back the run, read and rewrite the comment.
    expect(ops(requests)).toEqual([
      'GET /repos/{owner}/{repo}/pulls/{pull_number}',
      'GET /repos/{owner}/{repo}/commits/{ref}/check-runs',
      'GET /repos/{owner}/{repo}/collaborators/{username}/permission',
      'GET /repos/{owner}/{repo}/check-runs/{check_run_id}',
      'PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}',
      'GET /repos/{owner}/{repo}/check-runs/{check_run_id}',
      'GET /repos/{owner}/{repo}/issues/comments/{comment_id}',
      'PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}',
    ]);
  });

  test('a push that changes one of the two migrations resets exactly its items; the other keeps its tick', async () => {
    const pushed: PullSpec = { ...pull, headSha: sha('2'), files: pull.files.map((f) => (f.path === NICK_UP ? { ...f, text: NICK_SQL_V2 } : f.path === NICK_DOWN ? { ...f, text: downOf('users', 'nickname') } : f)) };
    seedPull(h.github, pushed);
    const from = h.github.requests.length;
    await deliver(h.url, 'pull_request', pullRequestPayload('synchronize', pushed));
    await h.idle();
    const run = runFor(pushed.headSha);
    expect(run.conclusion).toBe('action_required');
    const now = itemsOf(checklist().body);
    const note = lockItem('orders');
    // The untouched migration's risk item: same id, still ticked by maria.
    expect(now.find((i) => i.id === note.id)).toMatchObject({ checked: true });
    expect(stateOf(pushed.headSha).ticks[note.id]?.by).toBe('maria');
    // The changed migration's item has a new id and no tick; the process items cover every migration: reset.
    const users = now.find((i) => i.text.includes('`users`'))!;
    expect(users.id).not.toBe(lockItem('users').id);
    expect(users.checked).toBe(false);
    expect(now.filter((i) => i.checked).map((i) => i.id)).toEqual([note.id]);
    expect(Object.keys(stateOf(pushed.headSha).ticks)).toEqual([note.id]);
    // Still one checklist comment, now rendered for the new head.
    expect(checklist().body).toContain(`<!-- migration-review:head ${pushed.headSha} -->`);
    // A new commit's checklist: 7 requests (the previous run found by the comment's head marker, read again after the write, the comment rewritten).
    const all = h.github.apiRequests(from);
    const start = all.findIndex((r) => r.method === 'GET' && /\/issues\/\d+\/comments$/.test(r.path));
    expect(start).toBeLessThanOrEqual(7);
    expect(ops(all.slice(start))).toEqual([
      'GET /repos/{owner}/{repo}/issues/{issue_number}/comments',
      'GET /repos/{owner}/{repo}/commits/{ref}/check-runs',
      'GET /repos/{owner}/{repo}/check-runs/{check_run_id}',
      'PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}',
      'GET /repos/{owner}/{repo}/check-runs/{check_run_id}',
      'GET /repos/{owner}/{repo}/check-runs/{check_run_id}',
      'PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}',
    ]);
  });

  test('with `checklist.teams` configured, only active members of a listed team may tick', async () => {
    const repo = h.github.repo(`${OWNER}/${REPO}`);
    repo.blobs.set('HEAD:.github/migration-review.yml', 'checklist:\n  teams: [acme/dba]\n');
    h.github.teams.set('acme/dba', new Map([['maria', 'active'], ['mark', 'pending']]));
    const teamPull: PullSpec = { ...pull, number: 21, headSha: sha('3') };
    seedPull(h.github, teamPull);
    await deliver(h.url, 'pull_request', pullRequestPayload('opened', teamPull));
    await h.idle();
    const comment = () => h.github.checklistComments(21)[0]!;
    expect(comment().body).toContain('@acme/dba');
    const all = itemsOf(comment().body).map((i) => i.id);
    const tickAs = async (user: FakeUser) => {
      const event = h.github.editAs(user, comment().id, setBoxes(all));
      const from = h.github.requests.length;
      await deliver(h.url, 'issue_comment', issueCommentPayload(event, h.github));
      await h.idle();
      return h.github.apiRequests(from);
    };
    // Write access, no team: refused after one membership lookup (404).
    const wes = await tickAs(WES);
    expect(ops(wes).filter((o) => o.includes('/teams/'))).toEqual(['GET /orgs/{org}/teams/{team_slug}/memberships/{username}']);
    expect(wes).toHaveLength(9);
    // Invited but not yet a member: refused too.
    await tickAs(MARK);
    expect(readCheckText(runFor(teamPull.headSha).output.text).state.ticks).toEqual({});
    expect(runFor(teamPull.headSha).output.text).toContain('@wes tried to tick (refused)');
    expect(runFor(teamPull.headSha).output.text).toContain('(not in @acme/dba)');
    expect(runFor(teamPull.headSha).output.text).toContain('@mark tried to tick (refused)');
    expect(runFor(teamPull.headSha).conclusion).toBe('action_required');
    expect(itemsOf(comment().body).every((i) => !i.checked)).toBe(true);
    // An active member: every tick counts, the check turns green.
    await tickAs(MARIA);
    expect(runFor(teamPull.headSha).conclusion).toBe('success');
    expect(itemsOf(comment().body).every((i) => i.checked)).toBe(true);
    repo.blobs.delete('HEAD:.github/migration-review.yml');
  });
});
