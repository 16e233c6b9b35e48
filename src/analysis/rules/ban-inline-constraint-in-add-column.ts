import { describeLock, relationName } from '../locks/index.js';
import { isNullConstant } from '../locks/expressions.js';
import { alterTableOf, columnConstraints, columnDefOf, defineRule, lockOn } from './types.js';

/**
 * Constraints written inline in ADD COLUMN are built or checked inside the ALTER TABLE, under its
 * ACCESS EXCLUSIVE lock, with no NOT VALID / CONCURRENTLY escape:
 * - CHECK: every row is checked, a full scan, even for a new nullable column (truth 019, 020);
 * - UNIQUE / PRIMARY KEY: the index is built by reading the whole table (021);
 * - REFERENCES with a non-NULL default: every row is checked against the other table, which is
 *   held in SHARE ROW EXCLUSIVE meanwhile (023). Without a default the new column is all NULL,
 *   nothing is checked (022), so that form is not reported.
 */
export default defineRule({
  id: 'ban-inline-constraint-in-add-column',
  meta: {
    summary: 'CHECK, UNIQUE, PRIMARY KEY or a defaulted REFERENCES inline in ADD COLUMN scans the table under ACCESS EXCLUSIVE',
    severity: 'error',
    lock: 'AccessExclusiveLock',
    sizeAware: true,
    messages: {
      inlineCheck:
        'The inline CHECK on `{{column}}` is verified against every row of `{{table}}` while it holds {{lock}}. Add the column first, then the CHECK as NOT VALID and VALIDATE it in a later transaction.',
      inlineIndex:
        'The inline {{kind}} on `{{column}}` builds its index by reading all of `{{table}}` while it holds {{lock}}. Add the column first, build a unique index CONCURRENTLY, then add the constraint USING INDEX.',
      inlineForeignKey:
        'The default of `{{column}}` is checked against `{{parent}}` for every row of `{{table}}`, with `{{table}}` held in {{lock}} and `{{parent}}` in SHARE ROW EXCLUSIVE (writes wait). Add the column, then the FOREIGN KEY as NOT VALID, and VALIDATE it in a later transaction.',
    },
    recipe: [
      '```sql',
      'ALTER TABLE <table> ADD COLUMN <column> <type>;  -- instant',
      '-- CHECK / REFERENCES: add without checking existing rows, validate later under a weaker lock',
      'ALTER TABLE <table> ADD CONSTRAINT <name> CHECK (<condition>) NOT VALID;',
      'ALTER TABLE <table> ADD CONSTRAINT <name> FOREIGN KEY (<column>) REFERENCES <parent> (id) NOT VALID;',
      'ALTER TABLE <table> VALIDATE CONSTRAINT <name>;  -- in its own transaction',
      '-- UNIQUE / PRIMARY KEY: build the index without blocking writes, then attach it',
      'CREATE UNIQUE INDEX CONCURRENTLY <index> ON <table> (<column>);',
      'ALTER TABLE <table> ADD CONSTRAINT <name> UNIQUE USING INDEX <index>;',
      '```',
    ].join('\n'),
  },
  check(stmt, ctx) {
    const alter = alterTableOf(stmt);
    if (!alter) return [];
    const lock = lockOn(stmt, alter.table);
    const options = { table: alter.table, ...(lock ? { lock } : {}) };
    const base = { table: alter.table, lock: describeLock(lock?.mode ?? 'AccessExclusiveLock') };
    return alter.cmds.flatMap((cmd) => {
      const def = cmd.subtype === 'AT_AddColumn' ? columnDefOf(cmd) : undefined;
      if (!def) return [];
      const constraints = columnConstraints(def);
      const column = def.colname ?? '';
      const defaultExpr = constraints.find((c) => c.contype === 'CONSTR_DEFAULT')?.raw_expr;
      const hasDefault = !!defaultExpr && !isNullConstant(defaultExpr);
      return constraints.flatMap((c, i) => {
        // `CHECK (...) NOT ENFORCED` (PostgreSQL 18) arrives as a separate attribute node after the CHECK.
        const enforced = c.is_enforced !== false && constraints[i + 1]?.contype !== 'CONSTR_ATTR_NOT_ENFORCED';
        if (c.contype === 'CONSTR_CHECK' && enforced) return [ctx.report('inlineCheck', { ...base, column }, options)];
        if (c.contype === 'CONSTR_UNIQUE' || c.contype === 'CONSTR_PRIMARY') {
          const kind = c.contype === 'CONSTR_UNIQUE' ? 'UNIQUE' : 'PRIMARY KEY';
          return [ctx.report('inlineIndex', { ...base, column, kind }, options)];
        }
        if (c.contype === 'CONSTR_FOREIGN' && c.pktable && hasDefault && enforced) {
          return [ctx.report('inlineForeignKey', { ...base, column, parent: relationName(c.pktable) }, options)];
        }
        return [];
      });
    });
  },
});
