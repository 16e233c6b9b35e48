import { describeLock, isStrongerOrEqual, relationName } from '../locks/index.js';
import { defineRule } from './types.js';

/**
 * LOCK TABLE takes the named mode and holds it until the transaction ends (truth 225-231); on a
 * view it locks the tables under it (230), on a partitioned table every partition (229). From
 * SHARE up the lock blocks writes (and ACCESS EXCLUSIVE reads too) for everything that runs after
 * it in the transaction. Outside a transaction block LOCK TABLE fails (SQLSTATE 25P01) and locks
 * nothing, so the rule looks only at LOCK TABLE inside one.
 */
export default defineRule({
  id: 'ban-lock-table',
  meta: {
    summary: 'An explicit LOCK TABLE in a mode that blocks writes or reads',
    severity: 'warning',
    lock: 'ShareLock',
    sizeAware: true,
    messages: {
      holdsStrongLock:
        'LOCK TABLE takes {{lock}} on `{{table}}` and holds it until the transaction ends, through every later statement. Let each statement take the lock it needs, and set lock_timeout instead.',
    },
    recipe: [
      '```sql',
      "SET lock_timeout = '5s';  -- fail fast instead of queueing traffic behind the DDL",
      '-- Let each ALTER TABLE take its own lock, and keep the transaction short.',
      '```',
      'To lock several tables in a fixed order (to avoid deadlocks), keep the transaction to the statements that need it.',
    ].join('\n'),
  },
  check(stmt, ctx) {
    if (!('LockStmt' in stmt.ast)) return [];
    const tables = (stmt.ast.LockStmt.relations ?? []).flatMap((r) => ('RangeVar' in r ? [relationName(r.RangeVar)] : []));
    if (!ctx.state.inTransaction) return [];
    return tables.flatMap((table) => {
      const lock = stmt.locks.locks.find((l) => l.table === table);
      if (!lock || !isStrongerOrEqual(lock.mode, 'ShareLock')) return [];
      return [ctx.report('holdsStrongLock', { table, lock: describeLock(lock.mode) }, { table, lock })];
    });
  },
});
