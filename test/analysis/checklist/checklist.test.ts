import { analyzeMigrations } from '../../../src/analysis/index.js';
import {
  applyChanges,
  buildChecklist,
  carryOver,
  changedBoxes,
  decodeState,
  editedBeyondBoxes,
  EMPTY_STATE,
  encodeState,
  gate,
  parseChecklist,
  renderChecklist,
  type ChecklistItem,
} from '../../../src/analysis/checklist/index.js';
import { migrationOf } from '../../helpers/rule-tester.js';

const NOW = '2026-11-28T12:00:00.000Z';
const MAINTAINER = { login: 'maria', allowed: true };
const OUTSIDER = { login: 'otto', allowed: false, reason: 'read access only' };
const render = (items: readonly ChecklistItem[], state = EMPTY_STATE) => renderChecklist(items, state, { whoMayTick: 'maintainers' });

async function itemsFor(sql: string) {
  const result = await analyzeMigrations([migrationOf(sql)], {}, []);
  return buildChecklist({ result });
}

describe('checklist items', () => {
  it('has the four process items, one lock item per table and one per irreversible operation', async () => {
    const items = await itemsFor(
      'ALTER TABLE orders ADD COLUMN note text;\nALTER TABLE orders ALTER COLUMN note SET NOT NULL;\nALTER TABLE users DROP COLUMN legacy;\nCREATE TABLE t (id int);\nCREATE INDEX ON t (id);',
    );
    expect(items.filter((i) => i.kind === 'process')).toHaveLength(4);
    expect(items.filter((i) => i.kind !== 'process').map((i) => i.text)).toEqual([
      '`DROP COLUMN users.legacy` is irreversible: data loss accepted (`migrations/001_case.sql` line 3)',
      'ACCESS EXCLUSIVE on `orders` (blocks reads and writes) accepted (`migrations/001_case.sql` line 1)',
      'ACCESS EXCLUSIVE on `users` (blocks reads and writes) accepted (`migrations/001_case.sql` line 3)',
    ]);
  });

  it('ties ids to the migration content: same content, same ids; changed content, new ids', async () => {
    const a = await itemsFor('ALTER TABLE orders ADD COLUMN note text;');
    const again = await itemsFor('ALTER TABLE orders ADD COLUMN note text;');
    const changed = await itemsFor('ALTER TABLE orders ADD COLUMN note2 text;');
    expect(again.map((i) => i.id)).toEqual(a.map((i) => i.id));
    expect(changed.map((i) => i.id).filter((id) => a.some((i) => i.id === id))).toEqual([]);
  });
});

describe('rendering and parsing the comment', () => {
  it('round-trips: every rendered item parses back unticked, then ticked', async () => {
    const items = await itemsFor('ALTER TABLE orders ADD COLUMN note text;');
    const body = render(items);
    expect([...parseChecklist(body).values()]).toEqual(items.map(() => false));
    const ticked = applyChanges(EMPTY_STATE, items, [{ id: items[0]!.id, checked: true }], MAINTAINER, NOW).state;
    expect(parseChecklist(render(items, ticked)).get(items[0]!.id)).toBe(true);
    expect(render(items, ticked)).toContain('ticked by @maria');
  });

  it('sees exactly which boxes an edit changed', async () => {
    const items = await itemsFor('ALTER TABLE orders ADD COLUMN note text;');
    const before = render(items);
    const after = before.replace('- [ ]', '- [x]');
    expect(changedBoxes(before, after)).toEqual([{ id: items[0]!.id, checked: true }]);
    expect(editedBeyondBoxes(before, after)).toBe(false);
    expect(editedBeyondBoxes(before, after.replace('Down migration', 'No down migration'))).toBe(true);
  });

  it('ignores a forged item: a pasted line with a made-up marker changes no state', async () => {
    const items = await itemsFor('SELECT 1;');
    const before = render(items);
    const after = `${before}- [x] all good <!-- mr-item:deadbeefdead -->\n`;
    const changes = changedBoxes(before, after);
    expect(changes).toEqual([]);
    const forged = applyChanges(EMPTY_STATE, items, [{ id: 'deadbeefdead', checked: true }], MAINTAINER, NOW);
    expect(forged.state.ticks).toEqual({});
  });

  it('puts verification queries in a collapsed block with a fence longer than any backticks inside', async () => {
    const items: ChecklistItem[] = [
      { id: 'abcdef123456', kind: 'lock', text: 'x', queries: [{ when: 'before', title: 'dupes', sql: 'SELECT "```" FROM t' }] },
    ];
    const body = render(items);
    expect(body).toContain('<details>');
    expect(body).toContain('````sql');
  });
});

describe('state', () => {
  it('survives encoding into the check run text, and garbage decodes to empty', () => {
    const state = applyChanges(EMPTY_STATE, [{ id: 'abc123', kind: 'process', text: 't' }], [{ id: 'abc123', checked: true }], MAINTAINER, NOW).state;
    expect(decodeState(`summary\n${encodeState(state)}\n`)).toEqual(state);
    expect(decodeState('<!-- migration-review:state !!notbase64 -->')).toEqual(EMPTY_STATE);
    expect(decodeState(undefined)).toEqual(EMPTY_STATE);
  });

  it('records but rejects ticks by people who may not tick', () => {
    const items: ChecklistItem[] = [{ id: 'abc123', kind: 'process', text: 't' }];
    const result = applyChanges(EMPTY_STATE, items, [{ id: 'abc123', checked: true }], OUTSIDER, NOW);
    expect(result.state.ticks).toEqual({});
    expect(result.rejected).toHaveLength(1);
    expect(result.state.log).toEqual([{ at: NOW, by: 'otto', action: 'rejected-tick', item: 'abc123', reason: 'read access only' }]);
  });

  it('lets an allowed person withdraw a tick, and a redelivered tick changes nothing', () => {
    const items: ChecklistItem[] = [{ id: 'abc123', kind: 'process', text: 't' }];
    const ticked = applyChanges(EMPTY_STATE, items, [{ id: 'abc123', checked: true }], MAINTAINER, NOW).state;
    const again = applyChanges(ticked, items, [{ id: 'abc123', checked: true }], MAINTAINER, NOW);
    expect(again.accepted).toEqual([]);
    expect(again.state.log).toHaveLength(1);
    const withdrawn = applyChanges(ticked, items, [{ id: 'abc123', checked: false }], MAINTAINER, NOW).state;
    expect(withdrawn.ticks).toEqual({});
  });

  it('keeps ticks of unchanged items across a push and drops the rest', () => {
    const state = { version: 1 as const, ticks: { keep: { by: 'm', at: NOW }, gone: { by: 'm', at: NOW } }, log: [] };
    expect(Object.keys(carryOver(state, [{ id: 'keep', kind: 'process', text: 't' }]).ticks)).toEqual(['keep']);
  });
});

describe('gate', () => {
  const items: ChecklistItem[] = [
    { id: 'a1', kind: 'process', text: 'a' },
    { id: 'b2', kind: 'lock', text: 'b' },
  ];
  it('is action_required until every item is ticked, then success', () => {
    expect(gate([], items, EMPTY_STATE)).toMatchObject({ conclusion: 'action_required', title: '2 of 2 checklist items unticked' });
    const all = { version: 1 as const, ticks: { a1: { by: 'm', at: NOW }, b2: { by: 'm', at: NOW } }, log: [] };
    expect(gate([], items, all).conclusion).toBe('success');
  });
});
