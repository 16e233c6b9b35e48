import { describeLock, relationKey } from '../locks/index.js';
import { defineRule } from './types.js';

/**
 * A rewrite or full scan takes time in proportion to its table. When the transaction already
 * holds a strong lock (SHARE or stronger) on another existing table, that table stays locked for
 * the whole rewrite too: two tables are out of service instead of one. Held locks come from the
 * engine's state (`heldLocks`); the current statement's rewrite and scan from the lock model.
 */
export default defineRule({
  id: 'ban-rewrite-under-strong-lock',
  meta: {
    summary: 'A table is rewritten or scanned while the transaction holds a strong lock on another table',
    severity: 'warning',
    sizeAware: true,
    messages: {
      otherTableHeld:
        'This statement {{work}} `{{table}}` while the transaction still holds {{heldLock}} on `{{held}}` from an earlier statement: `{{held}}` stays blocked for the whole {{workNoun}}. Run the two in separate transactions.',
    },
    recipe: [
      'Commit between the statement that locks one table and the long work on another:',
      '```sql',
      'BEGIN; ALTER TABLE <first> ...; COMMIT;',
      'BEGIN; ALTER TABLE <second> ...;  -- the rewrite or scan',
      'COMMIT;',
      '```',
    ].join('\n'),
  },
  check(stmt, ctx) {
    if (!ctx.state.inTransaction) return [];
    const long = stmt.locks.locks.find((l) => (l.rewrite || l.scan) && !ctx.isNew(l.table));
    if (!long) return [];
    // A scan (index build, validation) under another table's write lock is routine in one
    // transaction and was most of this rule's noise on ../shared/corpus (9 per 100 statements);
    // it matters when the other table cannot even be read. A rewrite matters under any strong lock.
    const other = ctx.state.heldLocks.find(
      (h) => relationKey(h.table) !== relationKey(long.table) && (long.rewrite || h.mode === 'AccessExclusiveLock'),
    );
    if (!other) return [];
    const data = {
      work: long.rewrite ? 'rewrites' : 'reads all of',
      workNoun: long.rewrite ? 'rewrite' : 'scan',
      table: long.table,
      heldLock: describeLock(other.mode),
      held: other.table,
    };
    return [ctx.report('otherTableHeld', data, { table: long.table, lock: long, rewrite: long.rewrite })];
  },
});
