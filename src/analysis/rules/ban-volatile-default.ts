import { calledFunctions, isNullConstant, isVolatile } from '../locks/expressions.js';
import { alterTableOf, columnConstraints, columnDefOf, defineRule, lockOn } from './types.js';

/**
 * ADD COLUMN with a default: since PostgreSQL 11 a non-volatile default is evaluated once and
 * stored in the catalog, so existing rows are not touched (truth 004-007, now() and CURRENT_DATE
 * are STABLE). A VOLATILE default (random(), clock_timestamp(), gen_random_uuid(), nextval(), any
 * user function) must be computed per row: the table is rewritten under ACCESS EXCLUSIVE (008-011).
 * Before 11 every non-NULL default rewrites. Volatility is the lock model's judgement
 * (`isVolatile`), so the two cannot disagree. serial and identity columns (a nextval() per row)
 * are ban-serial-column-on-existing-table's.
 */

export default defineRule({
  id: 'ban-volatile-default',
  meta: {
    summary: 'ADD COLUMN with a volatile default (or any default before PostgreSQL 11) rewrites the table',
    severity: 'error',
    lock: 'AccessExclusiveLock',
    sizeAware: true,
    messages: {
      volatileDefault:
        'Adding `{{column}}` with a default that calls {{functions}} rewrites `{{table}}`: the value is computed for every existing row under an ACCESS EXCLUSIVE lock, so every read and write on `{{table}}` waits until the rewrite ends. Add the column without a default, set the default, then backfill in batches.',
      defaultBeforePg11:
        'Adding `{{column}}` with a DEFAULT rewrites `{{table}}` on PostgreSQL {{postgresVersion}} (only 11+ stores a constant default without touching rows): every read and write on `{{table}}` waits until the rewrite ends. Add the column without a default, set the default, then backfill in batches.',
    },
    recipe: [
      '```sql',
      'ALTER TABLE <table> ADD COLUMN <column> uuid;                         -- no rewrite',
      'ALTER TABLE <table> ALTER COLUMN <column> SET DEFAULT gen_random_uuid(); -- new rows only',
      '-- backfill the existing rows in batches, each batch its own transaction:',
      'UPDATE <table> SET <column> = gen_random_uuid() WHERE id BETWEEN <from> AND <to> AND <column> IS NULL;',
      '-- then, if it must be NOT NULL, the CHECK ... NOT VALID / VALIDATE / SET NOT NULL recipe (ban-set-not-null)',
      '```',
    ].join('\n'),
  },
  check(stmt, ctx) {
    const alter = alterTableOf(stmt);
    if (!alter) return [];
    const lock = lockOn(stmt, alter.table);
    const options = { table: alter.table, rewrite: true, ...(lock ? { lock } : {}) };
    const reports = [];
    for (const cmd of alter.cmds) {
      const def = cmd.subtype === 'AT_AddColumn' ? columnDefOf(cmd) : undefined;
      if (!def?.colname) continue;
      const base = { table: alter.table, column: def.colname };
      const constraints = columnConstraints(def);
      const expr = constraints.filter((c) => c.contype === 'CONSTR_DEFAULT').pop()?.raw_expr;
      if (!expr || isNullConstant(expr)) continue;
      if (isVolatile(expr)) {
        // Name only the calls that make it volatile: `lower(random()::text)` -> random().
        const volatile = [...new Set(calledFunctions(expr))].filter((f) => isVolatile({ FuncCall: { funcname: [{ String: { sval: f } }] } }));
        const functions = volatile.map((f) => `${f}()`).join(', ');
        reports.push(ctx.report('volatileDefault', { ...base, functions }, options));
      } else if (ctx.postgresVersion < 11) {
        reports.push(ctx.report('defaultBeforePg11', { ...base, postgresVersion: ctx.postgresVersion }, options));
      }
    }
    return reports;
  },
});
