import { alterTableOf, defineRule } from './types.js';

/**
 * During a deploy the old app version keeps running until every instance is replaced, and it
 * still names the column: its SELECTs, INSERTs and UPDATEs fail ("column does not exist") the
 * moment the DROP commits. ORMs that cache the column list (Rails, Hibernate) fail even on
 * queries that never name it. Irreversibility is require-irreversible-annotation's concern;
 * this rule is about the running code and the deploy order.
 */
export default defineRule({
  id: 'ban-drop-column',
  meta: {
    summary: 'DROP COLUMN breaks the app version still running during the deploy',
    severity: 'error',
    messages: {
      dropColumn:
        'Dropping `{{table}}.{{column}}` breaks the code still running during the deploy: every query of the old version that names it (or an ORM that cached the column list) fails with "column does not exist". Stop reading and writing it in code first, deploy, then drop it in a later migration.',
    },
    recipe: [
      '1. Make the code ignore the column (Rails: `self.ignored_columns += ["<column>"]`; stop selecting and writing it everywhere else) and deploy that.',
      '2. In a later migration, once no running code uses it:',
      '```sql',
      "SET lock_timeout = '5s';",
      'ALTER TABLE <table> DROP COLUMN <column>;',
      '```',
    ].join('\n'),
  },
  check(stmt, ctx) {
    const alter = alterTableOf(stmt);
    // A table created in this migration has no code using it yet.
    if (!alter || ctx.isNew(alter.table)) return [];
    return alter.cmds
      .filter((cmd) => cmd.subtype === 'AT_DropColumn' && cmd.name)
      .map((cmd) => ctx.report('dropColumn', { table: alter.table, column: cmd.name ?? '' }, { table: alter.table }));
  },
});
