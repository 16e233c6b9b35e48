import { describeLock, relationName } from '../locks/index.js';
import { defineRule } from './types.js';

/**
 * VACUUM FULL copies the table and rebuilds its indexes while holding ACCESS EXCLUSIVE (truth
 * 221, 325): reads and writes wait for the whole copy, and it needs room for a second copy.
 * Plain VACUUM takes SHARE UPDATE EXCLUSIVE and is not reported. Without a table list it
 * rewrites every table of the database.
 */
export default defineRule({
  id: 'ban-vacuum-full',
  meta: {
    summary: 'VACUUM FULL rewrites the table under ACCESS EXCLUSIVE',
    severity: 'error',
    lock: 'AccessExclusiveLock',
    sizeAware: true,
    messages: {
      rewritesTable:
        'VACUUM FULL copies `{{table}}` and rebuilds its indexes while holding {{lock}}, and needs disk for a second copy. Use plain VACUUM, or pg_repack / pg_squeeze to reclaim space online.',
      rewritesDatabase:
        'VACUUM FULL without a table rewrites every table of the database, each under ACCESS EXCLUSIVE (blocks reads and writes). Use plain VACUUM, or pg_repack / pg_squeeze on the tables that need it.',
    },
    recipe: [
      '```sql',
      '-- Marks dead rows reusable; reads and writes go on:',
      'VACUUM (ANALYZE) <table>;',
      '```',
      'To give space back to the operating system without blocking traffic, use pg_repack (`pg_repack --table=<table>`) or pg_squeeze outside the migration.',
    ].join('\n'),
  },
  check(stmt, ctx) {
    if (!('VacuumStmt' in stmt.ast)) return [];
    const vacuum = stmt.ast.VacuumStmt;
    const full = (vacuum.options ?? []).some((o) => 'DefElem' in o && o.DefElem.defname === 'full' && !isFalse(o.DefElem.arg));
    if (!vacuum.is_vacuumcmd || !full) return [];
    const tables = (vacuum.rels ?? []).flatMap((r) => ('VacuumRelation' in r && r.VacuumRelation.relation ? [relationName(r.VacuumRelation.relation)] : []));
    if (tables.length === 0) return [ctx.report('rewritesDatabase')];
    return tables.map((table) => {
      const lock = stmt.locks.locks.find((l) => l.table === table);
      const data = { table, lock: describeLock(lock?.mode ?? 'AccessExclusiveLock') };
      return ctx.report('rewritesTable', data, { table, rewrite: true, ...(lock ? { lock } : {}) });
    });
  },
});

/** `FULL false` / `FULL off` / `FULL 0` switch the option off. */
function isFalse(arg: unknown): boolean {
  const a = arg as { Boolean?: { boolval?: boolean }; String?: { sval?: string }; A_Const?: { ival?: { ival?: number } }; Integer?: { ival?: number } } | undefined;
  if (!a) return false;
  if (a.Boolean) return a.Boolean.boolval !== true;
  if (a.String) return ['false', 'off', 'no', '0'].includes((a.String.sval ?? '').toLowerCase());
  if (a.Integer) return !a.Integer.ival;
  return false;
}
