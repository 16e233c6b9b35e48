import { describeLock } from '../locks/index.js';
import { defineRule, type StatementInfo } from './types.js';

/** Statements that end the transaction or only change session settings: they run in no time. */
const INSTANT = new Set(['TransactionStmt', 'VariableSetStmt', 'VariableShowStmt']);

/**
 * A lock is held until the transaction ends. Once a statement has taken ACCESS EXCLUSIVE on an
 * existing table, every later statement of the same transaction runs while all reads and writes
 * of that table wait: the outage lasts as long as the whole rest of the transaction, not one
 * statement. Reported once per transaction, at the first statement that runs under the lock
 * (held locks come from the engine's state, `heldLocks`, which skips tables created in it).
 */
export default defineRule({
  id: 'ban-statements-after-access-exclusive',
  meta: {
    summary: 'More statements run in a transaction that already holds ACCESS EXCLUSIVE on a table',
    severity: 'warning',
    lock: 'AccessExclusiveLock',
    sizeAware: true,
    messages: {
      lockHeldForRest:
        '`{{table}}` is held in {{lock}} since `{{locker}}` and stays locked until the transaction ends: this statement and every later one run while reads and writes of `{{table}}` wait. Put the locking statement last in its transaction, or in a transaction of its own.',
    },
    recipe: [
      'Keep the ACCESS EXCLUSIVE statement at the end of its transaction, or alone in it:',
      '```sql',
      'CREATE INDEX CONCURRENTLY ...;     -- slow work first, outside the locking transaction',
      'BEGIN;',
      "SET LOCAL lock_timeout = '5s';",
      'ALTER TABLE <table> ADD COLUMN <column> <type>;  -- takes ACCESS EXCLUSIVE',
      'COMMIT;                              -- released at once',
      '```',
    ].join('\n'),
  },
  check(stmt, ctx) {
    if (!ctx.state.inTransaction || INSTANT.has(stmt.type)) return [];
    const held = ctx.state.heldLocks.filter((l) => l.mode === 'AccessExclusiveLock');
    if (held.length === 0) return [];
    // slice(-0) would be everything: no statement yet means none in this transaction.
    const inTransaction = ctx.state.statementsInTransaction > 0 ? ctx.previous.slice(-ctx.state.statementsInTransaction) : [];
    const firstLocker = inTransaction.findIndex((s) => takesHeld(s, held.map((l) => l.table)));
    if (firstLocker < 0) return [];
    // Report only at the first non-instant statement after the first one that took the lock.
    if (inTransaction.slice(firstLocker + 1).some((s) => !INSTANT.has(s.type))) return [];
    const locker = inTransaction[firstLocker] as StatementInfo;
    const lock = locker.locks.locks.find((l) => l.mode === 'AccessExclusiveLock' && held.some((h) => h.table === l.table)) ?? held[0];
    if (!lock) return [];
    const data = { table: lock.table, lock: describeLock(lock.mode), locker: snippet(locker.text) };
    return [ctx.report('lockHeldForRest', data, { table: lock.table, lock })];
  },
});

function takesHeld(stmt: StatementInfo, tables: readonly string[]): boolean {
  return stmt.locks.locks.some((l) => l.mode === 'AccessExclusiveLock' && tables.includes(l.table));
}

function snippet(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 60 ? `${flat.slice(0, 57)}...` : flat;
}
