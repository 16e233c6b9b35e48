import { defineRule, howToLeaveTransaction, type StatementInfo } from './types.js';

/**
 * Some commands refuse to run inside a transaction block: CREATE/DROP INDEX CONCURRENTLY, REINDEX
 * CONCURRENTLY, DETACH PARTITION CONCURRENTLY, VACUUM, CREATE/DROP DATABASE, ALTER SYSTEM, ...
 * PostgreSQL raises SQLSTATE 25001 ("cannot run inside a transaction block") and the migration
 * fails (truth: 15 statements, on PG 15 and 18). The lock model says which
 * (`locks.allowedInTransaction`); the engine knows whether a transaction is open, the runner's
 * or an explicit BEGIN.
 */
export default defineRule({
  id: 'ban-concurrently-in-transaction',
  meta: {
    summary: 'A command that cannot run in a transaction block (CONCURRENTLY, VACUUM, ...) is inside one',
    severity: 'error',
    messages: {
      failsInRunnerTransaction:
        '{{command}} cannot run inside a transaction block, and the migration runner wraps this file in one: PostgreSQL rejects it (SQLSTATE 25001) and the migration fails. To run it outside: {{howToLeaveTransaction}}',
      failsInExplicitTransaction:
        '{{command}} cannot run inside a transaction block, and this one is inside BEGIN ... COMMIT: PostgreSQL rejects it (SQLSTATE 25001) and the migration fails. To run it outside: {{howToLeaveTransaction}}',
    },
    recipe: [
      'Run the statement on its own, outside any transaction block:',
      '```sql',
      '-- not inside BEGIN ... COMMIT, and in a migration the runner does not wrap in a transaction',
      'CREATE INDEX CONCURRENTLY IF NOT EXISTS <name> ON <table> (<columns>);',
      '```',
      'Keep such a migration to this one statement: if it fails halfway there is no rollback, and `IF NOT EXISTS` / `IF EXISTS` make a retry safe.',
    ].join('\n'),
  },
  check(stmt, ctx) {
    if (stmt.locks.allowedInTransaction || !ctx.state.inTransaction) return [];
    const data = { command: commandName(stmt), howToLeaveTransaction: howToLeaveTransaction(ctx, stmt) };
    return [ctx.report(ctx.state.explicitTransaction ? 'failsInExplicitTransaction' : 'failsInRunnerTransaction', data)];
  },
});

/** The command as a reader recognizes it: "CREATE INDEX CONCURRENTLY", "VACUUM", ... */
function commandName(stmt: StatementInfo): string {
  const ast = stmt.ast;
  if ('IndexStmt' in ast) return ast.IndexStmt.unique ? 'CREATE UNIQUE INDEX CONCURRENTLY' : 'CREATE INDEX CONCURRENTLY';
  if ('DropStmt' in ast && ast.DropStmt.concurrent) return 'DROP INDEX CONCURRENTLY';
  if ('ReindexStmt' in ast) return 'REINDEX CONCURRENTLY';
  if ('AlterTableStmt' in ast) return 'DETACH PARTITION CONCURRENTLY';
  // Otherwise the statement's leading key words, e.g. "VACUUM", "CREATE DATABASE", "ALTER SYSTEM".
  const words = stmt.text.trim().split(/\s+/).slice(0, 2).map((w) => w.toUpperCase());
  const keyword = /^[A-Z]+$/;
  return words[1] && keyword.test(words[1]) && ['CREATE', 'DROP', 'ALTER'].includes(words[0] ?? '') ? words.join(' ') : (words[0] ?? stmt.type);
}
