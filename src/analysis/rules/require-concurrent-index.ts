import { relationName } from '../locks/index.js';
import { defineRule, howToLeaveTransaction, lockOn } from './types.js';

/**
 * CREATE INDEX holds a SHARE lock on the table for the whole build: reads go on, every
 * INSERT/UPDATE/DELETE waits (truth rows 040-047). CONCURRENTLY builds under SHARE UPDATE
 * EXCLUSIVE, which lets writes through, but cannot run in a transaction block (SQLSTATE 25001).
 */
export default defineRule({
  id: 'require-concurrent-index',
  meta: {
    summary: 'CREATE INDEX without CONCURRENTLY blocks writes to the table while the index builds',
    severity: 'error',
    lock: 'ShareLock',
    sizeAware: true,
    messages: {
      blocksWrites:
        'Building this index holds a SHARE lock on `{{table}}` until it finishes: every INSERT, UPDATE and DELETE waits. Use CREATE INDEX CONCURRENTLY.',
      blocksWritesInTransaction:
        'Building this index holds a SHARE lock on `{{table}}` until it finishes: every INSERT, UPDATE and DELETE waits. Use CREATE INDEX CONCURRENTLY, which cannot run in a transaction: {{howToLeaveTransaction}}',
    },
    recipe: [
      '```sql',
      '-- Outside any transaction block:',
      'CREATE INDEX CONCURRENTLY IF NOT EXISTS <name> ON <table> (<columns>);',
      '-- A failed concurrent build leaves an INVALID index behind: check, drop and retry.',
      "SELECT indexrelid::regclass FROM pg_index WHERE NOT indisvalid;",
      '```',
    ].join('\n'),
  },
  check(stmt, ctx) {
    if (!('IndexStmt' in stmt.ast)) return [];
    const index = stmt.ast.IndexStmt;
    if (index.concurrent || !index.relation?.relname) return [];
    const table = relationName(index.relation);
    const lock = lockOn(stmt, table);
    // CONCURRENTLY fails inside a transaction block (SQLSTATE 25001): only offer it where there is none.
    const fixable = !ctx.state.inTransaction;
    const edit = fixable ? ctx.insertAfterKeyword(stmt, 'INDEX', ' CONCURRENTLY') : undefined;
    const options = {
      table,
      ...(lock ? { lock } : {}),
      ...(edit ? { fix: { title: 'Build the index CONCURRENTLY', edits: [edit] } } : {}),
    };
    if (fixable) return [ctx.report('blocksWrites', { table }, options)];
    return [ctx.report('blocksWritesInTransaction', { table, howToLeaveTransaction: howToLeaveTransaction(ctx, stmt) }, options)];
  },
});
