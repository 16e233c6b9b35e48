import type { Constraint, Node } from '@pgsql/types';
import { relationKey } from '../locks/index.js';
import { alterTableOf, constraintOf, defineRule, lockOn, type StatementInfo } from './types.js';

/**
 * ALTER COLUMN ... SET NOT NULL holds ACCESS EXCLUSIVE while it scans the whole table for NULLs
 * (truth 081): no reads or writes for the length of the scan. Since PostgreSQL 12 the scan is
 * skipped when a validated CHECK (col IS NOT NULL) already proves it (083 on PG 15 and 18; a NOT
 * VALID check does not count, 084). VALIDATE CONSTRAINT scans under SHARE UPDATE EXCLUSIVE, which
 * lets reads and writes through (097), so the CHECK recipe moves the scan out of the strong lock.
 */
export default defineRule({
  id: 'ban-set-not-null',
  meta: {
    summary: 'SET NOT NULL scans the whole table while blocking reads and writes',
    severity: 'error',
    lock: 'AccessExclusiveLock',
    sizeAware: true,
    messages: {
      scansUnderAccessExclusive:
        'SET NOT NULL on `{{table}}`.`{{column}}` scans the whole table for NULLs under an ACCESS EXCLUSIVE lock: every read and write on `{{table}}` waits until the scan ends. Prove it first with a validated CHECK ({{column}} IS NOT NULL), which PostgreSQL 12+ uses to skip the scan (or ignore this finding if an earlier migration already validated one).',
      scanNotSkippedBeforePg12:
        'SET NOT NULL on `{{table}}`.`{{column}}` scans the whole table under an ACCESS EXCLUSIVE lock: before PostgreSQL 12 (target: {{postgresVersion}}) the validated CHECK is not used to skip the scan, so every read and write on `{{table}}` waits until it ends. Keep the validated CHECK instead of SET NOT NULL until the server is upgraded.',
    },
    recipe: [
      '```sql',
      'ALTER TABLE <table> ADD CONSTRAINT <column>_not_null CHECK (<column> IS NOT NULL) NOT VALID; -- instant',
      '-- in a separate transaction: scans, but lets reads and writes through',
      'ALTER TABLE <table> VALIDATE CONSTRAINT <column>_not_null;',
      '-- PostgreSQL 12+: uses the validated CHECK and skips the scan',
      'ALTER TABLE <table> ALTER COLUMN <column> SET NOT NULL;',
      'ALTER TABLE <table> DROP CONSTRAINT <column>_not_null;',
      '```',
      'On PostgreSQL 18, `ADD CONSTRAINT <column>_not_null NOT NULL <column> NOT VALID` then `VALIDATE CONSTRAINT` does the same with a real NOT NULL constraint.',
    ].join('\n'),
  },
  check(stmt, ctx) {
    const alter = alterTableOf(stmt);
    if (!alter) return [];
    const reports = [];
    for (const cmd of alter.cmds) {
      if (cmd.subtype !== 'AT_SetNotNull' || !cmd.name) continue;
      const proven = hasValidatedNotNullCheck(ctx.previous, alter.table, cmd.name);
      if (proven && ctx.postgresVersion >= 12) continue;
      const lock = lockOn(stmt, alter.table);
      const options = { table: alter.table, ...(lock ? { lock } : {}) };
      const data = { table: alter.table, column: cmd.name };
      reports.push(
        proven
          ? ctx.report('scanNotSkippedBeforePg12', { ...data, postgresVersion: ctx.postgresVersion }, options)
          : ctx.report('scansUnderAccessExclusive', data, options),
      );
    }
    return reports;
  },
});

/** True when an earlier statement left a validated constraint proving `column` IS NOT NULL on `table`. */
function hasValidatedNotNullCheck(previous: readonly StatementInfo[], table: string, column: string): boolean {
  const notValid = new Set<string>();
  for (const stmt of previous) {
    const alter = alterTableOf(stmt);
    if (!alter || relationKey(alter.table) !== relationKey(table)) continue;
    for (const cmd of alter.cmds) {
      const c = cmd.subtype === 'AT_AddConstraint' ? constraintOf(cmd) : undefined;
      if (c && provesNotNull(c, column)) {
        if (!c.skip_validation) return true;
        if (c.conname) notValid.add(c.conname);
      }
      if (cmd.subtype === 'AT_ValidateConstraint' && cmd.name && notValid.has(cmd.name)) return true;
    }
  }
  return false;
}

/** CHECK (col IS NOT NULL [AND ...]) or PG 18's NOT NULL col constraint. */
function provesNotNull(c: Constraint, column: string): boolean {
  if (c.contype === 'CONSTR_NOTNULL') return (c.keys ?? []).some((k) => 'String' in k && k.String.sval === column);
  return c.contype === 'CONSTR_CHECK' && c.is_enforced !== false && impliesNotNull(c.raw_expr, column);
}

function impliesNotNull(expr: Node | undefined, column: string): boolean {
  if (!expr) return false;
  if ('NullTest' in expr) {
    const arg = expr.NullTest.arg;
    if (expr.NullTest.nulltesttype !== 'IS_NOT_NULL' || !arg || !('ColumnRef' in arg)) return false;
    const fields = arg.ColumnRef.fields ?? [];
    const last = fields[fields.length - 1];
    return !!last && 'String' in last && last.String.sval === column;
  }
  if ('BoolExpr' in expr && expr.BoolExpr.boolop === 'AND_EXPR') return (expr.BoolExpr.args ?? []).some((a) => impliesNotNull(a, column));
  return false;
}
