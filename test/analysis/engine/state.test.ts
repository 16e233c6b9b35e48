import { analyzeMigrations } from '../../../src/analysis/index.js';
import { defineRule, type MigrationState } from '../../../src/analysis/rules/types.js';
import type { TransactionMode } from '../../../src/analysis/formats/types.js';
import { migrationOf } from '../../helpers/rule-tester.js';

/** A probe rule that records the state every statement sees. */
async function statesOf(sql: string, txMode: TransactionMode = 'none') {
  const seen: { text: string; state: MigrationState; isNewUsers: boolean }[] = [];
  const probe = defineRule({
    id: 'probe',
    meta: { summary: 'records state', severity: 'info', messages: { seen: 'seen' } },
    check(stmt, ctx) {
      seen.push({ text: stmt.text, state: ctx.state, isNewUsers: ctx.isNew('public.users') });
      return [];
    },
  });
  await analyzeMigrations([migrationOf(sql, { txMode })], {}, [probe]);
  return seen;
}

describe('migration state', () => {
  it('tracks explicit transactions and the locks held in them', async () => {
    const seen = await statesOf('BEGIN;\nALTER TABLE a ADD COLUMN x int;\nSELECT 1;\nCOMMIT;\nSELECT 2;');
    expect(seen.map((s) => s.state.explicitTransaction)).toEqual([false, true, true, true, false]);
    expect(seen[2]!.state.heldLocks.map((l) => `${l.table}:${l.mode}`)).toEqual(['a:AccessExclusiveLock']);
    expect(seen[4]!.state.heldLocks).toEqual([]);
  });

  it('COMMIT AND CHAIN ends one transaction and starts the next', async () => {
    const seen = await statesOf('BEGIN;\nALTER TABLE a ADD COLUMN x int;\nCOMMIT AND CHAIN;\nSELECT 1;\nCOMMIT;\nSELECT 2;');
    expect(seen.map((s) => s.state.explicitTransaction)).toEqual([false, true, true, true, true, false]);
    expect(seen[3]!.state.heldLocks).toEqual([]);
  });

  it('a per-file runner transaction holds locks across the whole file', async () => {
    const seen = await statesOf('ALTER TABLE a ADD COLUMN x int;\nSELECT 1;', 'per-file');
    expect(seen[1]!.state.inTransaction).toBe(true);
    expect(seen[1]!.state.heldLocks).toHaveLength(1);
  });

  it('sees lock_timeout set by SET, SET LOCAL in a transaction, and set_config', async () => {
    expect((await statesOf("SET lock_timeout = '5s';\nSELECT 1;"))[1]!.state.lockTimeoutSet).toBe(true);
    expect((await statesOf("SET lock_timeout = 0;\nSELECT 1;"))[1]!.state.lockTimeoutSet).toBe(false);
    expect((await statesOf("SELECT set_config('lock_timeout', '3s', false);\nSELECT 1;"))[1]!.state.lockTimeoutSet).toBe(true);
    // SET LOCAL outside a transaction block does nothing in PostgreSQL.
    expect((await statesOf("SET LOCAL lock_timeout = '5s';\nSELECT 1;"))[1]!.state.lockTimeoutSet).toBe(false);
    const local = await statesOf("BEGIN;\nSET LOCAL lock_timeout = '5s';\nSELECT 1;\nCOMMIT;\nSELECT 2;");
    expect(local.map((s) => s.state.lockTimeoutSet)).toEqual([false, false, true, true, false]);
  });

  it('knows relations created earlier in the migration, qualified or not', async () => {
    const seen = await statesOf('CREATE TABLE users (id int);\nSELECT 1;');
    expect(seen.map((s) => s.isNewUsers)).toEqual([false, true]);
  });
});
