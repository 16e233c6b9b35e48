import { listParts } from '../locks/relation.js';
import { defineRule, howToLeaveTransaction } from './types.js';

/**
 * DROP INDEX takes ACCESS EXCLUSIVE on the index's table (truth 152): every read and write of
 * the table waits, and while the DROP itself waits for running queries, everything queued behind
 * it waits too. DROP INDEX CONCURRENTLY holds only SHARE UPDATE EXCLUSIVE on the table (153), but
 * cannot run in a transaction block, drops one index at a time and refuses CASCADE
 * (https://www.postgresql.org/docs/current/sql-dropindex.html).
 */
export default defineRule({
  id: 'require-concurrent-index-drop',
  meta: {
    summary: 'DROP INDEX without CONCURRENTLY blocks reads and writes on the table',
    severity: 'error',
    lock: 'AccessExclusiveLock',
    sizeAware: true,
    messages: {
      blocksReadsAndWrites:
        'Dropping `{{index}}` takes an ACCESS EXCLUSIVE lock on its table: every SELECT, INSERT, UPDATE and DELETE on it waits until the drop ends, and while the drop waits for running queries everything queued behind it waits too. Use DROP INDEX CONCURRENTLY.',
      blocksReadsAndWritesInTransaction:
        'Dropping `{{index}}` takes an ACCESS EXCLUSIVE lock on its table: every SELECT, INSERT, UPDATE and DELETE on it waits until the drop ends. Use DROP INDEX CONCURRENTLY, which cannot run in a transaction: {{howToLeaveTransaction}}',
      severalIndexes:
        'Dropping {{index}} in one statement takes an ACCESS EXCLUSIVE lock on their tables: every read and write waits until the drop ends. DROP INDEX CONCURRENTLY takes one index per statement: drop each in its own DROP INDEX CONCURRENTLY, outside any transaction.',
      dropWithCascade:
        'Dropping `{{index}}` with CASCADE takes an ACCESS EXCLUSIVE lock on its table: every read and write waits until the drop ends. DROP INDEX CONCURRENTLY refuses CASCADE: drop the objects that depend on the index first, then the index with DROP INDEX CONCURRENTLY, outside any transaction.',
    },
    recipe: [
      '```sql',
      '-- Outside any transaction block, one index per statement:',
      'DROP INDEX CONCURRENTLY IF EXISTS <index>;',
      '```',
      'Objects that depend on the index (a constraint using it) must be dropped first: CONCURRENTLY refuses CASCADE.',
    ].join('\n'),
  },
  check(stmt, ctx) {
    if (!('DropStmt' in stmt.ast)) return [];
    const drop = stmt.ast.DropStmt;
    if (drop.removeType !== 'OBJECT_INDEX' || drop.concurrent) return [];
    const names = (drop.objects ?? []).map((o) => listParts(o).join('.'));
    // An index built earlier in this migration is on a table nobody reads through it yet.
    const existing = names.filter((n) => n && !ctx.isNew(n));
    if (existing.length === 0) return [];
    const index = existing.join('`, `');
    const lock = stmt.locks.locks.find((l) => l.table === existing[0]) ?? stmt.locks.locks[0];
    const options = { table: existing[0] as string, ...(lock ? { lock } : {}) };
    if (names.length > 1) return [ctx.report('severalIndexes', { index: `\`${index}\`` }, options)];
    if (drop.behavior === 'DROP_CASCADE') return [ctx.report('dropWithCascade', { index }, options)];
    if (ctx.state.inTransaction) {
      return [ctx.report('blocksReadsAndWritesInTransaction', { index, howToLeaveTransaction: howToLeaveTransaction(ctx, stmt) }, options)];
    }
    const edit = ctx.insertAfterKeyword(stmt, 'INDEX', ' CONCURRENTLY');
    return [ctx.report('blocksReadsAndWrites', { index }, { ...options, ...(edit ? { fix: { title: 'Drop the index CONCURRENTLY', edits: [edit] } } : {}) })];
  },
});
