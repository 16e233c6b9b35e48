import nock from 'nock';
import type { ChecklistItem } from '../../../src/analysis/checklist/index.js';
import { readCheckText } from '../../../src/github/checklist/check-text.js';
import { editedEvent, FakeGitHub, MARIA, MARK, permissionIs, pullIs, replica, setBox, snapshotOf, useFakeGitHub } from './fake-github.js';

let items: ChecklistItem[];
let gh: FakeGitHub;

useFakeGitHub((state) => {
  ({ items, gh } = state);
});

it('two reviewers ticking at once on two replicas: both ticks land', async () => {
  const { comment } = gh.seed(snapshotOf(items));
  pullIs();
  pullIs();
  permissionIs('maria', 'write');
  permissionIs('mark', 'maintain');
  const [a, b] = await Promise.all([replica(), replica()]);
  // Both read the same state before writing, and both read back before the other's write is
  // seen: the second write overwrites the first, and the first replica's read-back notices.
  gh.pairReads(2);
  await Promise.all([
    a.receive(editedEvent(comment.body, setBox(comment.body, items[0]!.id, true), MARIA, { updatedAt: '2026-11-28T12:00:01Z' }) as any),
    b.receive(editedEvent(comment.body, setBox(comment.body, items[1]!.id, true), MARK, { updatedAt: '2026-11-28T12:00:02Z' }) as any),
  ]);

  const { state } = readCheckText(gh.run().output.text);
  expect(state.ticks).toEqual({
    [items[0]!.id]: { by: 'maria', at: '2026-11-28T12:00:01Z' },
    [items[1]!.id]: { by: 'mark', at: '2026-11-28T12:00:02Z' },
  });
  expect(state.log.map((e) => `${e.by} ${e.action}`).sort()).toEqual(['maria ticked', 'mark ticked']);
  // Two writes on the same base, then one merge that put the lost tick back.
  const checkPatches = gh.writes.filter((w) => w.path.includes('/check-runs/'));
  expect(checkPatches).toHaveLength(3);
  expect(checkPatches[2]!.body.output.title).toBe('5 of 7 checklist items unticked');
  // The comment ends up showing both.
  expect(gh.comment().body).toContain('ticked by @maria');
  expect(gh.comment().body).toContain('ticked by @mark');
  expect(nock.isDone()).toBe(false); // the fake's persisted interceptors stay; the scripted ones are checked above
});

it('two edits of one reviewer on one replica are processed one after the other', async () => {
  const { comment } = gh.seed(snapshotOf(items));
  pullIs();
  pullIs();
  permissionIs('maria', 'write');
  permissionIs('maria', 'write');
  const probot = await replica();
  const first = setBox(comment.body, items[0]!.id, true);
  await Promise.all([
    probot.receive(editedEvent(comment.body, first, MARIA, { updatedAt: '2026-11-28T12:00:01Z' }) as any),
    probot.receive(editedEvent(first, setBox(first, items[2]!.id, true), MARIA, { updatedAt: '2026-11-28T12:00:03Z' }) as any),
  ]);
  const { state } = readCheckText(gh.run().output.text);
  expect(Object.keys(state.ticks).sort()).toEqual([items[0]!.id, items[2]!.id].sort());
  expect(gh.writes.filter((w) => w.path.includes('/check-runs/'))).toHaveLength(2);
});
