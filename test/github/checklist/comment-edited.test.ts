import nock from 'nock';
import type { ChecklistItem } from '../../../src/analysis/checklist/index.js';
import { readCheckText } from '../../../src/github/checklist/check-text.js';
import { renderComment } from '../../../src/github/checklist/comment.js';
import {
  API,
  AUTHOR_USER,
  BOT,
  COMMENT_ID,
  DEPENDABOT,
  editedEvent,
  FakeGitHub,
  fixture,
  HEAD,
  MARIA,
  OTTO,
  permissionIs,
  pullIs,
  replica,
  setBox,
  snapshotOf,
  SUMMARY,
  useFakeGitHub,
} from './fake-github.js';

let items: ChecklistItem[];
let gh: FakeGitHub;

useFakeGitHub((state) => {
  ({ items, gh } = state);
});

const tickAll = (body: string) => items.reduce((b, i) => setBox(b, i.id, true), body);
const stateOfRun = () => readCheckText(gh.run().output.text).state;
const checkWrites = () => gh.writes.filter((w) => w.path.includes('/check-runs/'));
const commentWrites = () => gh.writes.filter((w) => w.path.includes('/issues/comments/'));

it('has the shape of a real checklist: 4 process items and 3 risks', () => {
  expect(items.map((i) => i.kind)).toEqual(['process', 'process', 'process', 'process', 'irreversible', 'lock', 'lock']);
});

describe('a maintainer ticks', () => {
  it("turns the check green once every item is ticked, and the output names who ticked each item and when", async () => {
    const { comment } = gh.seed(snapshotOf(items));
    pullIs();
    permissionIs('maria', 'write', 'maintain');
    const probot = await replica();
    await probot.receive(editedEvent(comment.body, tickAll(comment.body), MARIA) as any);

    expect(checkWrites()).toHaveLength(1);
    const patch = checkWrites()[0]!.body;
    expect(patch).toMatchObject({
      conclusion: 'success',
      details_url: `https://github.com/Codertocat/Hello-World/pull/1#issuecomment-${COMMENT_ID}`,
      output: { title: 'All 7 checklist items ticked; no errors', summary: SUMMARY },
    });
    for (const item of items) {
      expect(patch.output.text).toContain(`| ✅ | ${item.text.replace(/\|/g, '\\|')} | @maria | 2026-11-28T12:00:00Z |`);
    }
    expect(patch.output.text).toContain('- 2026-11-28T12:00:00Z @maria ticked: Down migration written and run');
    expect(Object.keys(stateOfRun().ticks).sort()).toEqual(items.map((i) => i.id).sort());
    // The comment is re-rendered from the state: every box ticked, with who and when.
    expect(commentWrites()).toHaveLength(1);
    expect(gh.comment().body).toBe(renderComment(snapshotOf(items), stateOfRun()));
    expect(gh.comment().body).toContain('— ticked by @maria at 2026-11-28T12:00:00Z');
  });

  it('stays action_required while one item is unticked or an error finding is left', async () => {
    const { comment } = gh.seed(snapshotOf(items, { errors: 2 }));
    pullIs();
    permissionIs('maria', 'admin');
    const probot = await replica();
    await probot.receive(editedEvent(comment.body, setBox(comment.body, items[0]!.id, true), MARIA) as any);
    expect(checkWrites()[0]!.body).toMatchObject({ conclusion: 'action_required', output: { title: '2 errors to fix, 6 of 7 checklist items unticked' } });
  });

  it('counts the maintain role even though `permission` says write, and a custom role by its base permission', async () => {
    const { comment } = gh.seed(snapshotOf(items));
    pullIs();
    nock(API)
      .get('/repos/Codertocat/Hello-World/collaborators/maria/permission')
      .reply(200, { permission: 'write', role_name: 'db-reviewer', user: { login: 'maria' } });
    const probot = await replica();
    await probot.receive(editedEvent(comment.body, setBox(comment.body, items[5]!.id, true), MARIA) as any);
    expect(stateOfRun().ticks[items[5]!.id]).toEqual({ by: 'maria', at: '2026-11-28T12:00:00Z' });
  });

  it('an allowed untick withdraws the acceptance and closes the gate again', async () => {
    const all = { version: 1 as const, ticks: Object.fromEntries(items.map((i) => [i.id, { by: 'mark', at: '2026-11-27T09:00:00Z' }])), log: [] };
    const { comment } = gh.seed(snapshotOf(items), all);
    gh.run().conclusion = 'success';
    pullIs();
    permissionIs('maria', 'write');
    const probot = await replica();
    await probot.receive(editedEvent(comment.body, setBox(comment.body, items[4]!.id, false), MARIA) as any);

    expect(checkWrites()[0]!.body).toMatchObject({ conclusion: 'action_required', output: { title: '1 of 7 checklist items unticked' } });
    expect(stateOfRun().ticks[items[4]!.id]).toBeUndefined();
    expect(stateOfRun().log).toEqual([{ at: '2026-11-28T12:00:00Z', by: 'maria', action: 'unticked', item: items[4]!.id }]);
    expect(checkWrites()[0]!.body.output.text).toContain('@maria unticked: `DROP COLUMN users.legacy` is irreversible');
  });
});

describe('ticks that never count, and are reverted', () => {
  async function expectRefused(sender: { login: string; id: number; type: string }, reason: string) {
    const { comment } = gh.seed(snapshotOf(items));
    const original = comment.body;
    const probot = await replica();
    await probot.receive(editedEvent(original, tickAll(original), sender) as any);

    expect(checkWrites()).toHaveLength(1);
    const patch = checkWrites()[0]!.body;
    expect(patch.conclusion).toBe('action_required');
    expect(patch.output.title).toBe('7 of 7 checklist items unticked');
    expect(patch.output.text).toContain(`@${sender.login} tried to tick (refused): ${items[0]!.text} (${reason})`);
    expect(stateOfRun().ticks).toEqual({});
    expect(stateOfRun().log).toHaveLength(items.length);
    // The comment is back to no ticks, with a note of who tried.
    expect(commentWrites()).toHaveLength(1);
    const reverted = gh.comment().body;
    expect(reverted).not.toContain('[x]');
    expect(reverted).toContain(`Reverted: @${sender.login} (${reason})`);
    expect(reverted.replace(/\n\n<sub>Reverted:.*<\/sub>/, '')).toBe(original);
  }

  it('by the pull request author, even with admin access (no permission lookup needed)', async () => {
    pullIs();
    await expectRefused(AUTHOR_USER, 'is the pull request author');
  });

  it('by a read-only user', async () => {
    pullIs();
    permissionIs('otto', 'read');
    await expectRefused(OTTO, 'read access only');
  });

  it('by a triage user, whose `permission` reads "read"', async () => {
    pullIs();
    permissionIs('otto', 'read', 'triage');
    await expectRefused(OTTO, 'triage access only');
  });

  it('by someone who is not a collaborator', async () => {
    pullIs();
    nock(API).get('/repos/Codertocat/Hello-World/collaborators/otto/permission').reply(404, { message: 'Not Found' });
    await expectRefused(OTTO, 'no access to the repository');
  });

  it('by a bot, even one with write access', async () => {
    pullIs();
    await expectRefused(DEPENDABOT, 'bots cannot tick');
  });

  it('by a writer outside the configured teams', async () => {
    gh.seed(snapshotOf(items, { policy: { allowAuthor: false, teams: ['acme/dba', 'acme/sre'] } }));
    const { body: original } = gh.comment();
    gh.comments.clear();
    gh.runs.clear();
    pullIs();
    permissionIs('otto', 'write');
    nock(API).get('/orgs/acme/teams/dba/memberships/otto').reply(404, { message: 'Not Found' });
    nock(API).get('/orgs/acme/teams/sre/memberships/otto').reply(200, { state: 'pending', role: 'member' });
    const snapshot = snapshotOf(items, { policy: { allowAuthor: false, teams: ['acme/dba', 'acme/sre'] } });
    gh.seed(snapshot);
    const probot = await replica();
    await probot.receive(editedEvent(original, setBox(original, items[0]!.id, true), OTTO) as any);
    expect(checkWrites()[0]!.body.output.text).toContain(`@otto tried to tick (refused): ${items[0]!.text} (not in @acme/dba or @acme/sre)`);
    expect(stateOfRun().ticks).toEqual({});
    expect(gh.comment().body).not.toContain('[x]');
  });
});

it('a team member with write access ticks', async () => {
  const snapshot = snapshotOf(items, { policy: { allowAuthor: false, teams: ['acme/dba'] } });
  const { comment } = gh.seed(snapshot);
  pullIs();
  permissionIs('maria', 'write');
  nock(API).get('/orgs/acme/teams/dba/memberships/maria').reply(200, { state: 'active', role: 'member' });
  const probot = await replica();
  await probot.receive(editedEvent(comment.body, setBox(comment.body, items[0]!.id, true), MARIA) as any);
  expect(stateOfRun().ticks[items[0]!.id]?.by).toBe('maria');
});

it('the author may tick when the config allows it', async () => {
  const { comment } = gh.seed(snapshotOf(items, { policy: { allowAuthor: true, teams: [] } }));
  pullIs();
  permissionIs(AUTHOR_USER.login, 'write');
  const probot = await replica();
  await probot.receive(editedEvent(comment.body, setBox(comment.body, items[0]!.id, true), AUTHOR_USER) as any);
  expect(stateOfRun().ticks[items[0]!.id]?.by).toBe('Codertocat');
});

describe('forged input changes nothing', () => {
  it('a user-authored comment with the marker and ticked boxes: no request at all', async () => {
    const { comment } = gh.seed(snapshotOf(items));
    const payload = fixture('issue_comment.edited-user-comment');
    payload.changes.body.from = comment.body;
    payload.comment.body = tickAll(comment.body);
    const probot = await replica();
    // Any request would be unmatched (and the installation token interceptor would be used).
    nock.cleanAll();
    await probot.receive({ id: 'forged-1', name: 'issue_comment', payload });
    expect(gh.writes).toEqual([]);
    expect(gh.run().conclusion).toBe('action_required');
  });

  it('a pasted ticked item and a fake state marker in the app comment: recorded as a reverted edit, no tick', async () => {
    const { comment } = gh.seed(snapshotOf(items));
    const fakeState = '<!-- migration-review:state ' + Buffer.from(JSON.stringify({ version: 1, ticks: Object.fromEntries(items.map((i) => [i.id, { by: 'maria', at: '2026-01-01T00:00:00Z' }])), log: [] })).toString('base64url') + ' -->';
    const forged = `${comment.body}- [x] Everything reviewed <!-- mr-item:deadbeef0000 -->\n${fakeState}\n`;
    pullIs();
    const probot = await replica();
    await probot.receive(editedEvent(comment.body, forged, OTTO) as any);

    expect(stateOfRun().ticks).toEqual({});
    expect(stateOfRun().log).toEqual([{ at: '2026-11-28T12:00:00Z', by: 'otto', action: 'rejected-edit', reason: 'changed the checklist text' }]);
    expect(checkWrites()[0]!.body).toMatchObject({ conclusion: 'action_required', output: { title: '7 of 7 checklist items unticked' } });
    expect(gh.comment().body).not.toContain('deadbeef0000');
    expect(gh.comment().body).not.toContain('migration-review:state');
  });

  it("an edited item text is restored, even by a maintainer whose tick in the same edit counts", async () => {
    const { comment } = gh.seed(snapshotOf(items));
    const edited = setBox(comment.body, items[0]!.id, true).replace('Down migration written and run', 'Down migration skipped');
    pullIs();
    permissionIs('maria', 'write');
    const probot = await replica();
    await probot.receive(editedEvent(comment.body, edited, MARIA) as any);
    expect(stateOfRun().ticks[items[0]!.id]?.by).toBe('maria');
    expect(stateOfRun().log.map((e) => e.action)).toEqual(['ticked', 'rejected-edit']);
    expect(gh.comment().body).toContain('Down migration written and run');
    expect(gh.comment().body).not.toContain('Down migration skipped');
  });
});

it("the app's own edit makes no request", async () => {
  const { comment } = gh.seed(snapshotOf(items));
  const probot = await replica();
  nock.cleanAll();
  await probot.receive(editedEvent(comment.body, tickAll(comment.body), BOT) as any);
  expect(gh.writes).toEqual([]);
});

it('a redelivered edit changes nothing', async () => {
  const { comment } = gh.seed(snapshotOf(items));
  const event = editedEvent(comment.body, setBox(comment.body, items[0]!.id, true), MARIA);
  pullIs().persist(false);
  permissionIs('maria', 'write');
  const probot = await replica();
  await probot.receive(event as any);
  const afterFirst = { text: gh.run().output.text, body: gh.comment().body, writes: gh.writes.length };
  expect(afterFirst.writes).toBe(2);

  pullIs();
  permissionIs('maria', 'write');
  await probot.receive({ ...event, id: 'redelivery' } as any);
  expect(gh.writes).toHaveLength(afterFirst.writes);
  expect(gh.run().output.text).toBe(afterFirst.text);
  expect(gh.comment().body).toBe(afterFirst.body);
});

it('a refused attempt redelivered is recorded once', async () => {
  const { comment } = gh.seed(snapshotOf(items));
  const event = editedEvent(comment.body, setBox(comment.body, items[0]!.id, true), OTTO);
  pullIs();
  permissionIs('otto', 'read');
  const probot = await replica();
  await probot.receive(event as any);
  pullIs();
  permissionIs('otto', 'read');
  await probot.receive({ ...event, id: 'redelivery' } as any);
  expect(stateOfRun().log).toHaveLength(1);
  expect(gh.writes).toHaveLength(2);
});

it('an edit before any checklist state exists (analysis still running) writes nothing', async () => {
  const comment = gh.addComment(renderComment(snapshotOf(items), { version: 1, ticks: {}, log: [] }));
  gh.addRun({ id: 7001, text: null, status: 'in_progress', conclusion: null });
  pullIs();
  const probot = await replica();
  await probot.receive(editedEvent(comment.body, setBox(comment.body, items[0]!.id, true), MARIA) as any);
  expect(gh.writes).toEqual([]);
});

it("ignores check runs of another app with the same name", async () => {
  const { comment } = gh.seed(snapshotOf(items));
  gh.run().app = { id: 999, slug: 'impostor' };
  pullIs();
  const probot = await replica();
  await probot.receive(editedEvent(comment.body, setBox(comment.body, items[0]!.id, true), MARIA) as any);
  expect(gh.writes).toEqual([]);
  expect(HEAD).toHaveLength(40);
});
