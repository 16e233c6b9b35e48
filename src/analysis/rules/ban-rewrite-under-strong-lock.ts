import { describeLock, relationKey } from '../locks/index.js';
import { defineRule } from './types.js';

/**
 * A rewrite takes time in proportion to its table. When the transaction already holds a strong
 * lock (SHARE or stronger) on another existing table, that table stays locked for the whole
 * rewrite too: two tables are out of service instead of one (eugene's "rewrite under a
 * dangerous lock"). Held locks come from the engine's state (`heldLocks`); the rewrite from
 * the lock model.
 */
export default defineRule({
  id: 'ban-rewrite-under-strong-lock',
  meta: {
    summary: 'A table is rewritten while the transaction holds a strong lock on another table',
    severity: 'warning',
    sizeAware: true,
    messages: {
      otherTableHeld:
        'This statement rewrites `{{table}}` while the transaction still holds {{heldLock}} on `{{held}}` from an earlier statement: `{{held}}` stays blocked for the whole rewrite. Run the two in separate transactions.',
    },
    recipe: [
      'Commit between the statement that locks one table and the long work on another:',
      '```sql',
      'BEGIN; ALTER TABLE <first> ...; COMMIT;',
      'BEGIN; ALTER TABLE <second> ...;  -- the rewrite',
      'COMMIT;',
      '```',
    ].join('\n'),
  },
  check(stmt, ctx) {
    if (!ctx.state.inTransaction) return [];
    // Rewrites only: a scan (SET NOT NULL, a valid FOREIGN KEY, an index build) already has
    // its own rule, and flagging it here too was 546 of this rule's 676 findings on
    // ../shared/corpus, each one a second finding on the same statement.
    const long = stmt.locks.locks.find((l) => l.rewrite && !ctx.isNew(l.table));
    if (!long) return [];
    const other = ctx.state.heldLocks.find((h) => relationKey(h.table) !== relationKey(long.table));
    if (!other) return [];
    const data = {
      table: long.table,
      heldLock: describeLock(other.mode),
      held: other.table,
    };
    return [ctx.report('otherTableHeld', data, { table: long.table, lock: long, rewrite: long.rewrite })];
  },
});
