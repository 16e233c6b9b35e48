import { relationName } from '../locks/index.js';
import { defineRule, type RuleContext, type StatementInfo } from './types.js';

type Long = { readonly what: string; readonly concurrent: boolean };

/** What makes a statement long: it builds, rewrites, scans or changes a whole existing table. */
function longOperation(stmt: StatementInfo, isNew: (table: string) => boolean): Long | undefined {
  const ast = stmt.ast;
  if ('IndexStmt' in ast && ast.IndexStmt.relation) {
    if (isNew(relationName(ast.IndexStmt.relation))) return undefined;
    return { what: 'index build', concurrent: ast.IndexStmt.concurrent === true };
  }
  if ('ReindexStmt' in ast) {
    const concurrent = (ast.ReindexStmt.params ?? []).some((p) => 'DefElem' in p && p.DefElem.defname === 'concurrently');
    return { what: 'reindex', concurrent };
  }
  if ('UpdateStmt' in ast || 'DeleteStmt' in ast) {
    const relation = 'UpdateStmt' in ast ? ast.UpdateStmt.relation : ast.DeleteStmt.relation;
    if (!relation || isNew(relationName(relation))) return undefined;
    return { what: 'UpdateStmt' in ast ? 'UPDATE' : 'DELETE', concurrent: false };
  }
  if ('RefreshMatViewStmt' in ast) return { what: 'materialized view refresh', concurrent: false };
  const heavy = stmt.locks.locks.find((l) => (l.rewrite || l.scan || l.indexesRebuilt) && !isNew(l.table));
  if (heavy) return { what: heavy.rewrite ? 'table rewrite' : heavy.indexesRebuilt ? 'index rebuild' : 'full-table scan', concurrent: false };
  return undefined;
}

/**
 * statement_timeout caps how long one statement may run: a rewrite or index build that takes ten
 * times longer than rehearsed is cancelled instead of holding its locks until someone notices.
 * Concurrent builds are the exception: cancelled, CREATE INDEX CONCURRENTLY leaves an INVALID
 * index behind (truth: "A failed CREATE UNIQUE INDEX CONCURRENTLY leaves an INVALID index"), so
 * they want statement_timeout = 0, and they take no lock that blocks traffic. We report the first
 * long operation of a section with no timeout (once, as info: servers often set one per role,
 * which a file cannot show), and a concurrent build under a timeout the file itself set.
 */
export default defineRule({
  id: 'require-statement-timeout',
  meta: {
    summary: 'Long operations with no statement_timeout; concurrent builds under one',
    severity: 'info',
    messages: {
      noStatementTimeout:
        'This {{what}} can run for a long time and no statement_timeout is set before it: if it runs far longer than rehearsed, it keeps its locks until someone cancels it by hand. Set one for the migration, sized from a rehearsal.',
      timeoutCancelsConcurrent:
        'The statement_timeout set earlier in this file also applies to this concurrent {{what}}: if it outlasts the timeout, PostgreSQL cancels it and leaves an INVALID index behind. Set statement_timeout = 0 just before it; a concurrent build blocks no reads or writes.',
    },
    recipe: [
      '```sql',
      "SET statement_timeout = '15min';  -- from a rehearsal on a copy of production, with margin",
      "SET lock_timeout = '5s';",
      'ALTER TABLE <table> ALTER COLUMN <column> TYPE bigint;',
      '-- concurrent builds: no timeout, then check the index is valid',
      'SET statement_timeout = 0;',
      'CREATE INDEX CONCURRENTLY IF NOT EXISTS <name> ON <table> (<column>);',
      '```',
    ].join('\n'),
  },
  check(stmt, ctx) {
    const isNew = (table: string) => ctx.isNew(table);
    const long = longOperation(stmt, isNew);
    if (!long) return [];
    if (long.concurrent) return ctx.state.statementTimeoutSet ? [ctx.report('timeoutCancelsConcurrent', { what: long.what }, { severity: 'warning' })] : [];
    if (ctx.state.statementTimeoutSet) return [];
    // Once per section: the first long operation stands for the rest.
    if (ctx.previous.some((p) => isLongLocked(p, ctx))) return [];
    return [ctx.report('noStatementTimeout', { what: long.what })];
  },
});

function isLongLocked(stmt: StatementInfo, ctx: RuleContext<string>): boolean {
  const long = longOperation(stmt, (table) => ctx.isNew(table));
  return long !== undefined && !long.concurrent;
}
