import { alterTableOf, defineRule } from './types.js';

/**
 * DROP NOT NULL is instant and takes no long lock, but it changes a contract: once a NULL is
 * written, code that assumed the column always has a value (the old version still running, or
 * the version a rollback returns to) meets NULLs it never handled, and putting NOT NULL back
 * means a full-table scan that fails on the first NULL. Neither squawk nor strong_migrations
 * flags it; we report it as info so the reviewer sees the contract change.
 */
export default defineRule({
  id: 'ban-drop-not-null',
  meta: {
    summary: 'DROP NOT NULL lets NULLs into a column that readers expect to be filled',
    severity: 'info',
    messages: {
      dropNotNull:
        '`{{table}}.{{column}}` accepts NULL from now on. Code that reads it (the old version still running during the deploy, or the one a rollback returns to) may not expect NULL, and restoring NOT NULL later scans the whole table and fails once a NULL was written.',
    },
    recipe: [
      'Deploy code that handles NULL in this column everywhere it is read before any code writes NULL; then:',
      '```sql',
      'ALTER TABLE <table> ALTER COLUMN <column> DROP NOT NULL;',
      '-- after the deploy, check who writes NULLs:',
      'SELECT count(*) FROM <table> WHERE <column> IS NULL;',
      '```',
    ].join('\n'),
  },
  check(stmt, ctx) {
    const alter = alterTableOf(stmt);
    if (!alter || ctx.isNew(alter.table)) return [];
    return alter.cmds
      .filter((cmd) => cmd.subtype === 'AT_DropNotNull' && cmd.name)
      .map((cmd) => ctx.report('dropNotNull', { table: alter.table, column: cmd.name ?? '' }, { table: alter.table }));
  },
});
