import { defineRule } from './types.js';

/** A migration that drops a database ends every application that uses it: there is no safe form. */
export default defineRule({
  id: 'ban-drop-database',
  meta: {
    summary: 'DROP DATABASE in a migration destroys a whole database',
    severity: 'error',
    messages: {
      dropDatabase:
        'This drops the database `{{database}}`: every table and row in it is gone, and every application connected to it breaks. This belongs in a reviewed operations runbook, not in a migration.',
    },
    recipe: [
      'Take a backup, stop every application that uses the database, and drop it by hand from an operations runbook:',
      '```sql',
      '-- from a session connected to another database',
      'DROP DATABASE <database>;',
      '```',
    ].join('\n'),
  },
  check(stmt, ctx) {
    if (!('DropdbStmt' in stmt.ast)) return [];
    return [ctx.report('dropDatabase', { database: stmt.ast.DropdbStmt.dbname ?? '' })];
  },
});
