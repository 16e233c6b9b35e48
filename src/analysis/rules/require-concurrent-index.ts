import { defineRule } from './types.js';

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
    if (stmt.type !== 'IndexStmt') return [];
    const index = (stmt.ast as { IndexStmt: { concurrent?: boolean; relation?: { relname?: string; schemaname?: string } } }).IndexStmt;
    if (index.concurrent || !index.relation?.relname) return [];
    const table = index.relation.schemaname ? `${index.relation.schemaname}.${index.relation.relname}` : index.relation.relname;
    const lock = stmt.locks.locks.find((l) => l.table === table) ?? stmt.locks.locks[0];
    const fixable = !ctx.state.inTransaction;
    const edit = fixable ? ctx.insertAfterKeyword(stmt, 'INDEX', ' CONCURRENTLY') : undefined;
    const options = {
      table,
      ...(lock ? { lock } : {}),
      ...(edit ? { fix: { title: 'Build the index CONCURRENTLY', edits: [edit] } } : {}),
    };
    if (fixable) return [ctx.report('blocksWrites', { table }, options)];
    const howToLeaveTransaction = ctx.state.explicitTransaction
      ? 'move it out of the BEGIN ... COMMIT block.'
      : (ctx.format.noTransactionHint ?? 'run it outside the migration runner, in its own step.');
    return [ctx.report('blocksWritesInTransaction', { table, howToLeaveTransaction }, options)];
  },
});
