import { leadingKeyword, transactionKind } from './lib/transactions.js';
import { defineRule } from './types.js';

/**
 * A BEGIN never closed in the file: psql -f reaches the end of the script, disconnects, and the
 * server rolls the open transaction back, yet psql exits 0 and the runner records the migration
 * as applied. Drivers that return the connection to a pool leave it idle in transaction,
 * holding every lock taken since BEGIN. When the runner wraps the file (per-file) its COMMIT
 * closes the block, and the stray BEGIN is ban-nested-transaction's finding instead.
 */
export default defineRule({
  id: 'ban-begin-without-commit',
  meta: {
    summary: 'BEGIN without a matching COMMIT: the work is rolled back or left holding its locks',
    severity: 'error',
    messages: {
      beginWithoutCommit:
        'This {{keyword}} is never closed by COMMIT in this file. When the script ends the connection closes and PostgreSQL rolls back everything after it, while the runner records the migration as applied; a pooled connection instead stays idle in transaction, holding every lock taken since. End the block with COMMIT.',
    },
    recipe: ['```sql', 'BEGIN;', '-- statements', 'COMMIT;', '```'].join('\n'),
  },
  sections: ['up', 'down'],
  check(stmt, ctx) {
    if (transactionKind(stmt) !== 'begin' || stmt.section.transaction === 'per-file') return [];
    if (ctx.following.some((s) => transactionKind(s) === 'end')) return [];
    return [ctx.report('beginWithoutCommit', { keyword: leadingKeyword(stmt) })];
  },
});
