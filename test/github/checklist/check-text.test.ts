import type { ChecklistItem, ChecklistState } from '../../../src/analysis/checklist/index.js';
import { combineVerdict, MAX_TEXT_CHARS, readCheckText, renderCheckText } from '../../../src/github/checklist/check-text.js';
import { describeWhoMayTick } from '../../../src/github/checklist/policy.js';
import { snapshotOf } from './fake-github.js';

const item = (n: number, queries = false): ChecklistItem => ({
  id: n.toString(16).padStart(12, '0'),
  kind: 'lock',
  text: `ACCESS EXCLUSIVE on \`table_${n}\` (blocks reads and writes) accepted (\`db/${n}.sql\` line 1)`,
  ...(queries ? { queries: [{ when: 'before', title: 'Rows', sql: `SELECT count(*) FROM table_${n} WHERE ${'x'.repeat(800)} IS NULL;` }] as any } : {}),
});

it('round-trips the snapshot and the state through the text', () => {
  const snapshot = snapshotOf([item(1, true), item(2)], { errors: 1, base: { conclusion: 'success', title: '2 warnings' } });
  const state: ChecklistState = { version: 1, ticks: { [item(1).id]: { by: 'maria', at: '2026-11-28T12:00:00.123Z' } }, log: [] };
  const text = renderCheckText(snapshot, state);
  expect(readCheckText(text)).toEqual({ snapshot, state });
  expect(text).toContain('| ✅ | ACCESS EXCLUSIVE on `table_1` (blocks reads and writes) accepted (`db/1.sql` line 1) | @maria | 2026-11-28T12:00:00Z |');
  expect(text).toContain('| ⬜ | ACCESS EXCLUSIVE on `table_2`');
});

it('stays within 65,535 characters: queries go first, then old audit entries; ticks and items never', () => {
  const items = Array.from({ length: 150 }, (_, n) => item(n, true));
  const at = (n: number) => `2026-11-28T12:${String(Math.floor(n / 60) % 60).padStart(2, '0')}:${String(n % 60).padStart(2, '0')}Z`;
  const state: ChecklistState = {
    version: 1,
    ticks: Object.fromEntries(items.map((i, n) => [i.id, { by: `reviewer-${n}`, at: at(n) }])),
    log: Array.from({ length: 400 }, (_, n) => ({ at: at(n), by: `someone-with-a-long-name-${n}`, action: 'rejected-tick' as const, item: items[n % 150]!.id, reason: 'read access only' })),
  };
  const text = renderCheckText(snapshotOf(items), state);
  expect(text.length).toBeLessThanOrEqual(MAX_TEXT_CHARS);
  const back = readCheckText(text);
  expect(back.snapshot?.items.map((i) => i.id)).toEqual(items.map((i) => i.id));
  expect(back.snapshot?.items.some((i) => i.queries)).toBe(false);
  expect(back.state.ticks).toEqual(state.ticks);
  // The newest entries are kept.
  expect(back.state.log.at(-1)).toEqual(state.log.at(-1));
});

it('text without a checklist reads as no snapshot and the empty state', () => {
  expect(readCheckText(null)).toEqual({ snapshot: undefined, state: { version: 1, ticks: {}, log: [] } });
  expect(readCheckText('<!-- migration-review:checklist-snapshot not-base64 -->').snapshot).toBeUndefined();
});

describe('combineVerdict', () => {
  const items = [item(1)];
  const ticked: ChecklistState = { version: 1, ticks: { [item(1).id]: { by: 'm', at: 'x' } }, log: [] };
  const empty: ChecklistState = { version: 1, ticks: {}, log: [] };

  it('success only with every item ticked and no error', () => {
    expect(combineVerdict(snapshotOf(items), ticked).run).toEqual({ conclusion: 'success', title: 'All 1 checklist items ticked; no errors' });
    expect(combineVerdict(snapshotOf(items), empty).run.conclusion).toBe('action_required');
    expect(combineVerdict(snapshotOf(items, { errors: 1 }), ticked).run).toEqual({ conclusion: 'action_required', title: '1 error to fix' });
  });

  it("keeps the analysis' title on success and its verdict when it blocks", () => {
    expect(combineVerdict(snapshotOf(items, { base: { conclusion: 'success', title: '2 warnings in 1 migration' } }), ticked).run).toEqual({
      conclusion: 'success',
      title: '2 warnings in 1 migration; all 1 checklist items ticked',
    });
    const failure = { conclusion: 'failure' as const, title: 'Not fully reviewed' };
    expect(combineVerdict(snapshotOf(items, { base: failure }), ticked).run).toEqual(failure);
    // neutral would let a required check pass: the gate decides instead.
    expect(combineVerdict(snapshotOf(items, { base: { conclusion: 'neutral', title: 'n' } }), empty).run.conclusion).toBe('action_required');
  });
});

it('says who may tick', () => {
  expect(describeWhoMayTick({ allowAuthor: false, teams: [] })).toBe('people with write, maintain or admin access (not the pull request author, not bots)');
  expect(describeWhoMayTick({ allowAuthor: true, teams: ['acme/dba'] })).toBe('people with write, maintain or admin access who are in @acme/dba (not bots)');
});
