import nock from 'nock';
import { Probot } from 'probot';
import { analyzeMigrations } from '../../../src/analysis/index.js';
import { buildChecklist, type ChecklistState } from '../../../src/analysis/checklist/index.js';
import type { AnalysisResult } from '../../../src/analysis/result.js';
import { DEFAULT_CONFIG } from '../../../src/config/schema.js';
import { readCheckText, renderCheckText } from '../../../src/github/checklist/check-text.js';
import { renderComment } from '../../../src/github/checklist/comment.js';
import { publishChecklist } from '../../../src/github/checklist/index.js';
import type { Octokit } from '../../../src/github/checklist/types.js';
import { migrationOf } from '../../helpers/rule-tester.js';
import { APP_ID, FakeGitHub, HEAD, OLD_HEAD, OWNER, PR, REPO, pendingScripted, replica, resetNock, snapshotOf, SUMMARY } from './fake-github.js';

const repo = { owner: OWNER, repo: REPO };
const config = { checklist: { items: ['Down migration written and run', 'Tested on a copy of production data'], allowAuthor: false, teams: [] } };

function migration(path: string, sql: string) {
  const m = migrationOf(sql);
  return { ...m, path, version: path.replace(/\D/g, ''), up: { ...m.up, file: path }, texts: { [path]: sql } };
}

async function analysis(orders: string, users: string): Promise<AnalysisResult> {
  return analyzeMigrations([migration('db/001_orders.sql', orders), migration('db/002_users.sql', users)], {}, []);
}

const ORDERS = "SET lock_timeout = '2s';\nALTER TABLE orders ALTER COLUMN note SET NOT NULL;";
const USERS = "SET lock_timeout = '2s';\nALTER TABLE users DROP COLUMN legacy;";

let gh: FakeGitHub;
let octokit: Octokit;

beforeEach(async () => {
  resetNock();
  gh = new FakeGitHub();
  gh.install();
  const probot: Probot = await replica();
  octokit = (await probot.auth(2)) as unknown as Octokit;
});

afterEach(() => {
  expect(gh.unmatched).toEqual([]);
  expect(pendingScripted()).toEqual([]);
  resetNock();
});

const allTicked = (ids: readonly string[], by = 'maria', at = '2026-11-27T10:00:00Z'): ChecklistState => ({
  version: 1,
  ticks: Object.fromEntries(ids.map((id) => [id, { by, at }])),
  log: ids.map((item) => ({ at, by, action: 'ticked' as const, item })),
});

it('first publish: stores items and state in the run, then creates the comment and points Details at it', async () => {
  gh.addRun({ id: 8001, text: null });
  gh.run(8001).output.summary = SUMMARY;
  const result = await analysis(ORDERS, USERS);
  const published = await publishChecklist({ octokit, repo, pr: PR, headSha: HEAD, result, config, checkRunId: 8001, appId: APP_ID });

  expect(published.items.map((i) => i.kind)).toEqual(['process', 'process', 'lock', 'irreversible', 'lock']);
  expect(published.verdict).toEqual({ conclusion: 'action_required', title: '5 of 5 checklist items unticked' });
  expect(gh.writes.map((w) => `${w.method} ${w.path}`)).toEqual([
    'PATCH /repos/Codertocat/Hello-World/check-runs/8001',
    'POST /repos/Codertocat/Hello-World/issues/1/comments',
    'PATCH /repos/Codertocat/Hello-World/check-runs/8001',
  ]);
  expect(gh.writes[0]!.body).toMatchObject({ conclusion: 'action_required', output: { title: '5 of 5 checklist items unticked', summary: SUMMARY } });
  const stored = readCheckText(gh.run(8001).output.text);
  expect(stored.snapshot).toMatchObject({ pr: PR, head: HEAD, errors: 0, policy: { allowAuthor: false, teams: [] } });
  expect(stored.snapshot?.items).toEqual(published.items);
  const created = [...gh.comments.values()][0]!;
  expect(gh.writes[2]!.body).toEqual({ details_url: created.html_url });
  expect(created.body).toContain(`<!-- migration-review:head ${HEAD} -->`);
  expect(created.body).toContain('Only people with write, maintain or admin access (not the pull request author, not bots) can tick');
});

it('a push that changes one migration resets its items only; ticks on the untouched one survive', async () => {
  const before = await analysis(ORDERS, USERS);
  const oldItems = await buildChecklist({ result: before, processItems: config.checklist.items });
  const oldSnapshot = snapshotOf(oldItems, { head: OLD_HEAD });
  const oldState = allTicked(oldItems.map((i) => i.id));
  gh.addRun({ id: 7001, head_sha: OLD_HEAD, text: renderCheckText(oldSnapshot, oldState), conclusion: 'success' });
  const comment = gh.addComment(renderComment(oldSnapshot, oldState));
  gh.addRun({ id: 8001, text: null });

  const after = await analysis(ORDERS, USERS.replace('legacy', 'legacy_name'));
  const published = await publishChecklist({ octokit, repo, pr: PR, headSha: HEAD, result: after, config, checkRunId: 8001, appId: APP_ID });

  const kept = published.items.filter((i) => published.state.ticks[i.id]).map((i) => i.text);
  // Only the orders lock item is about an unchanged migration; process items cover every migration.
  expect(kept).toEqual(['ACCESS EXCLUSIVE on `orders` (blocks reads and writes) accepted (`db/001_orders.sql` line 2)']);
  expect(published.verdict.conclusion).toBe('action_required');
  // The audit trail travels with the pull request.
  expect(published.state.log).toHaveLength(oldState.log.length);
  // The same comment, updated in place, now for the new head; Details already pointed at it.
  expect(gh.comments.size).toBe(1);
  expect(gh.comment(comment.id).body).toContain(`<!-- migration-review:head ${HEAD} -->`);
  expect(gh.writes.map((w) => `${w.method} ${w.path}`)).toEqual([
    'PATCH /repos/Codertocat/Hello-World/check-runs/8001',
    `PATCH /repos/Codertocat/Hello-World/issues/comments/${comment.id}`,
  ]);
  expect(gh.writes[0]!.body.details_url).toBe(comment.html_url);
});

it('a tick on the old comment while publishing is carried over', async () => {
  const result = await analysis(ORDERS, USERS);
  const items = await buildChecklist({ result, processItems: config.checklist.items });
  const oldSnapshot = snapshotOf(items, { head: OLD_HEAD });
  gh.addRun({ id: 7001, head_sha: OLD_HEAD, text: renderCheckText(oldSnapshot, { version: 1, ticks: {}, log: [] }) });
  gh.addComment(renderComment(oldSnapshot, { version: 1, ticks: {}, log: [] }));
  gh.addRun({ id: 8001, text: null });
  // Right after the new run is written, a reviewer's tick lands on the old run (the comment still showed it).
  gh.afterWrite = (w) => {
    if (!w.path.endsWith('/8001')) return;
    gh.afterWrite = undefined;
    gh.run(7001).output.text = renderCheckText(oldSnapshot, allTicked([items[0]!.id], 'mark', '2026-11-28T12:00:05Z'));
  };
  const published = await publishChecklist({ octokit, repo, pr: PR, headSha: HEAD, result, config, checkRunId: 8001, appId: APP_ID });
  expect(published.state.ticks[items[0]!.id]).toEqual({ by: 'mark', at: '2026-11-28T12:00:05Z' });
  expect(readCheckText(gh.run(8001).output.text).state.ticks[items[0]!.id]?.by).toBe('mark');
  expect(gh.comment().body).toContain('ticked by @mark');
});

it("a blocking verdict of the analysis (an incomplete review) is kept even when every item is ticked", async () => {
  const result = await analysis(ORDERS, USERS);
  const items = await buildChecklist({ result, processItems: config.checklist.items });
  const oldSnapshot = snapshotOf(items, { head: OLD_HEAD });
  const state = allTicked(items.map((i) => i.id));
  gh.addRun({ id: 7001, head_sha: OLD_HEAD, text: renderCheckText(oldSnapshot, state) });
  gh.addComment(renderComment(oldSnapshot, state));
  gh.addRun({ id: 8001, text: null });
  const base = { conclusion: 'failure' as const, title: 'Not fully reviewed: more than 3,000 files' };
  const published = await publishChecklist({ octokit, repo, pr: PR, headSha: HEAD, result, config, checkRunId: 8001, appId: APP_ID, baseVerdict: base });
  expect(published.gate.conclusion).toBe('success');
  expect(published.verdict).toEqual(base);
  expect(gh.run(8001).conclusion).toBe('failure');
});

it('publishing the same commit again writes nothing', async () => {
  gh.addRun({ id: 8001, text: null });
  const result = await analysis(ORDERS, USERS);
  await publishChecklist({ octokit, repo, pr: PR, headSha: HEAD, result, config, checkRunId: 8001, appId: APP_ID });
  const writes = gh.writes.length;
  await publishChecklist({ octokit, repo, pr: PR, headSha: HEAD, result, config, checkRunId: 8001, appId: APP_ID });
  expect(gh.writes).toHaveLength(writes);
  expect(gh.comments.size).toBe(1);
});

it('reads the app id from its credentials when not given', async () => {
  gh.addRun({ id: 8001, text: null });
  const result = await analysis(ORDERS, USERS);
  // A user-authored comment with our marker is not ours: a new one is created.
  gh.addComment('<!-- migration-review:checklist -->\n- [x] fake', { user: { login: 'otto', id: 5003, type: 'User' }, performed_via_github_app: null });
  await publishChecklist({ octokit, repo, pr: PR, headSha: HEAD, result, config, checkRunId: 8001 });
  expect(gh.comments.size).toBe(2);
  expect(nock.isDone()).toBe(false);
});
