import { relationName } from '../locks/index.js';
import { defineRule } from './types.js';

/**
 * TRUNCATE ... CASCADE also truncates every table with a foreign key to the named ones, and
 * the tables referencing those, recursively (https://www.postgresql.org/docs/current/sql-truncate.html):
 * tables the statement never names lose all their rows, under ACCESS EXCLUSIVE.
 */
export default defineRule({
  id: 'ban-truncate-cascade',
  meta: {
    summary: 'TRUNCATE ... CASCADE empties tables the statement does not name',
    severity: 'error',
    messages: {
      truncateCascade:
        'TRUNCATE ... CASCADE also empties every table with a foreign key to {{tables}}, and every table referencing those, recursively: tables this statement does not name lose all their rows. Name every table to truncate and drop CASCADE, so PostgreSQL refuses when you missed one.',
    },
    recipe: [
      'List every table explicitly; without CASCADE PostgreSQL refuses if a referencing table is missing from the list:',
      '```sql',
      'TRUNCATE <table>, <referencing_table>;',
      '```',
    ].join('\n'),
  },
  check(stmt, ctx) {
    if (!('TruncateStmt' in stmt.ast) || stmt.ast.TruncateStmt.behavior !== 'DROP_CASCADE') return [];
    const tables = (stmt.ast.TruncateStmt.relations ?? []).flatMap((r) => ('RangeVar' in r ? [relationName(r.RangeVar)] : []));
    // Only tables created in this migration: nothing existing can reference them yet.
    if (tables.length > 0 && tables.every((t) => ctx.isNew(t))) return [];
    return [ctx.report('truncateCascade', { tables: tables.map((t) => `\`${t}\``).join(', ') })];
  },
});
