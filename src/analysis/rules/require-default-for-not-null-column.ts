import { isNullConstant } from '../locks/expressions.js';
import { alterTableOf, columnConstraints, columnDefOf, defineRule, lockOn } from './types.js';

/**
 * ADD COLUMN ... NOT NULL without a default gives every existing row a NULL in a NOT NULL column:
 * PostgreSQL scans the table under ACCESS EXCLUSIVE and fails with SQLSTATE 23502 as soon as one
 * row exists (truth 002 fails, 003 on an empty table passes). `DEFAULT NULL` is no default at all.
 * A PRIMARY KEY implies NOT NULL. serial/identity/generated columns compute a value, so they are
 * another rule's concern (rewrites), not this one's.
 */
const COMPUTED_TYPES = new Set(['serial', 'bigserial', 'smallserial', 'serial2', 'serial4', 'serial8']);

export default defineRule({
  id: 'require-default-for-not-null-column',
  meta: {
    summary: 'ADD COLUMN ... NOT NULL without a DEFAULT fails on a table that has rows',
    severity: 'error',
    lock: 'AccessExclusiveLock',
    messages: {
      notNullWithoutDefault:
        'Adding `{{column}}` as NOT NULL without a DEFAULT fails as soon as `{{table}}` has one row: existing rows would hold NULL (SQLSTATE 23502). Give it a DEFAULT, or add it nullable, backfill, then enforce NOT NULL.',
      notNullWithNullDefault:
        'Adding `{{column}}` as NOT NULL with DEFAULT NULL fails as soon as `{{table}}` has one row: DEFAULT NULL is no default, existing rows would hold NULL (SQLSTATE 23502). Give it a real DEFAULT, or add it nullable, backfill, then enforce NOT NULL.',
    },
    recipe: [
      'On PostgreSQL 11+ a constant (or STABLE) default is stored once, without rewriting the table:',
      '```sql',
      "ALTER TABLE <table> ADD COLUMN <column> text NOT NULL DEFAULT 'pending';",
      '```',
      'When no default makes sense, add the column nullable, backfill it in batches, then enforce NOT NULL through a validated CHECK (see ban-set-not-null):',
      '```sql',
      'ALTER TABLE <table> ADD COLUMN <column> text;',
      '-- backfill in batches of a few thousand rows, each in its own transaction',
      'ALTER TABLE <table> ADD CONSTRAINT <column>_not_null CHECK (<column> IS NOT NULL) NOT VALID;',
      'ALTER TABLE <table> VALIDATE CONSTRAINT <column>_not_null;',
      'ALTER TABLE <table> ALTER COLUMN <column> SET NOT NULL;',
      'ALTER TABLE <table> DROP CONSTRAINT <column>_not_null;',
      '```',
    ].join('\n'),
  },
  check(stmt, ctx) {
    const alter = alterTableOf(stmt);
    // A table created in this migration has no rows yet.
    if (!alter || ctx.isNew(alter.table)) return [];
    const reports = [];
    for (const cmd of alter.cmds) {
      const def = cmd.subtype === 'AT_AddColumn' ? columnDefOf(cmd) : undefined;
      if (!def?.colname) continue;
      const constraints = columnConstraints(def);
      const notNull = constraints.some((c) => c.contype === 'CONSTR_NOTNULL' || c.contype === 'CONSTR_PRIMARY');
      if (!notNull) continue;
      const typeName = (def.typeName?.names ?? []).flatMap((n) => ('String' in n ? [n.String.sval ?? ''] : [])).pop() ?? '';
      const computed =
        COMPUTED_TYPES.has(typeName) || constraints.some((c) => c.contype === 'CONSTR_IDENTITY' || c.contype === 'CONSTR_GENERATED');
      if (computed) continue;
      const defaults = constraints.filter((c) => c.contype === 'CONSTR_DEFAULT');
      const last = defaults[defaults.length - 1];
      const data = { table: alter.table, column: def.colname };
      const lock = lockOn(stmt, alter.table);
      const options = { table: alter.table, ...(lock ? { lock } : {}) };
      if (!last) reports.push(ctx.report('notNullWithoutDefault', data, options));
      else if (isNullConstant(last.raw_expr)) reports.push(ctx.report('notNullWithNullDefault', data, options));
    }
    return reports;
  },
});
