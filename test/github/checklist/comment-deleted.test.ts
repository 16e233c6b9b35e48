import nock from 'nock';
import type { ChecklistItem } from '../../../src/analysis/checklist/index.js';
import { readCheckText } from '../../../src/github/checklist/check-text.js';
import { FakeGitHub, fixture, HEAD, MARIA, pullIs, replica, snapshotOf, useFakeGitHub } from './fake-github.js';

let items: ChecklistItem[];
let gh: FakeGitHub;

useFakeGitHub((state) => {
  ({ items, gh } = state);
});

function deletedEvent(body: string, state = 'open') {
  const payload = fixture('issue_comment.deleted');
  payload.comment.body = body;
  payload.issue.state = state;
  payload.sender = { ...payload.sender, ...MARIA };
  return { id: 'delivery-deleted', name: 'issue_comment' as const, payload };
}

it('a deleted checklist comment comes back from the state, and the audit trail names who deleted it', async () => {
  const ticked = { version: 1 as const, ticks: { [items[0]!.id]: { by: 'mark', at: '2026-11-27T10:00:00Z' } }, log: [] };
  const { comment } = gh.seed(snapshotOf(items), ticked);
  gh.comments.delete(comment.id);
  pullIs();
  const probot = await replica();
  await probot.receive(deletedEvent(comment.body) as any);

  const { state } = readCheckText(gh.run().output.text);
  expect(state.ticks).toEqual(ticked.ticks);
  expect(state.log).toEqual([expect.objectContaining({ by: 'maria', action: 'rejected-edit', reason: 'deleted the checklist comment' })]);
  expect(gh.comments.size).toBe(1);
  const recreated = [...gh.comments.values()][0]!;
  expect(recreated.body).toContain('ticked by @mark');
  expect(recreated.body).toContain(`<!-- migration-review:head ${HEAD} -->`);
  expect(gh.writes.map((w) => `${w.method} ${w.path}`)).toEqual([
    'PATCH /repos/Codertocat/Hello-World/check-runs/7001',
    'POST /repos/Codertocat/Hello-World/issues/1/comments',
    'PATCH /repos/Codertocat/Hello-World/check-runs/7001',
  ]);
  expect(gh.writes[2]!.body).toEqual({ details_url: recreated.html_url });

  // Redelivered: our comment is back, nothing to do.
  await probot.receive({ ...deletedEvent(comment.body), id: 'redelivery' } as any);
  expect(gh.writes).toHaveLength(3);
});

it('on a closed pull request the deletion is recorded but the comment is not re-posted', async () => {
  const { comment } = gh.seed(snapshotOf(items));
  gh.comments.delete(comment.id);
  pullIs();
  const probot = await replica();
  await probot.receive(deletedEvent(comment.body, 'closed') as any);
  expect(gh.comments.size).toBe(0);
  expect(gh.writes.map((w) => w.method)).toEqual(['PATCH']);
});

it('deleting a comment that is not ours does nothing', async () => {
  const { comment } = gh.seed(snapshotOf(items));
  const probot = await replica();
  nock.cleanAll();
  const event = deletedEvent(comment.body);
  event.payload.comment.performed_via_github_app = null;
  event.payload.comment.user = { login: 'otto', id: 5003, type: 'User' };
  await probot.receive(event as any);
  expect(gh.writes).toEqual([]);
});
