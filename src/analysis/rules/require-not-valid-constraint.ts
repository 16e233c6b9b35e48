import { relationName } from '../locks/index.js';
import { alterTableOf, constraintOf, defineRule, lockOn, quoteIdent, quoteRelation } from './types.js';

/**
 * ADD CONSTRAINT ... CHECK validates every row while holding ACCESS EXCLUSIVE (truth 095); FOREIGN
 * KEY holds SHARE ROW EXCLUSIVE on both tables (writes to either wait) while it reads both (104,
 * 110). With NOT VALID the constraint is added instantly and enforced for new rows (096, 105);
 * VALIDATE CONSTRAINT later checks the old rows under SHARE UPDATE EXCLUSIVE, which lets reads and
 * writes through (097, 106). NOT ENFORCED (PG 18) skips validation too.
 */
export default defineRule({
  id: 'require-not-valid-constraint',
  meta: {
    summary: 'ADD CONSTRAINT CHECK / FOREIGN KEY without NOT VALID validates every row under a strong lock',
    severity: 'error',
    sizeAware: true,
    messages: {
      checkBlocksReadsAndWrites:
        'Adding CHECK constraint {{constraint}} checks every row of `{{table}}` under an ACCESS EXCLUSIVE lock: every read and write on `{{table}}` waits until the scan ends. Add it NOT VALID, then VALIDATE CONSTRAINT in a separate transaction.',
      foreignKeyBlocksWrites:
        'Adding foreign key {{constraint}} checks every row of `{{table}}` against `{{referencedTable}}` under SHARE ROW EXCLUSIVE locks on both: every INSERT, UPDATE and DELETE on either table waits until the check ends. Add it NOT VALID, then VALIDATE CONSTRAINT in a separate transaction.',
    },
    recipe: [
      '```sql',
      '-- instant: enforced for new and updated rows from now on',
      'ALTER TABLE <table> ADD CONSTRAINT <name> FOREIGN KEY (<column>) REFERENCES <other> (id) NOT VALID;',
      '-- in a separate transaction (autocommit, or the next migration): checks the old rows',
      '-- under SHARE UPDATE EXCLUSIVE, so reads and writes go on',
      'ALTER TABLE <table> VALIDATE CONSTRAINT <name>;',
      '```',
      'Find violating rows before the VALIDATE, or it fails: `SELECT count(*) FROM <table> t WHERE NOT (<check>)`; for a foreign key, the rows with no match in the referenced table.',
    ].join('\n'),
  },
  check(stmt, ctx) {
    const alter = alterTableOf(stmt);
    if (!alter || ctx.isNew(alter.table)) return [];
    const reports = [];
    for (const cmd of alter.cmds) {
      const c = cmd.subtype === 'AT_AddConstraint' ? constraintOf(cmd) : undefined;
      if (!c || (c.contype !== 'CONSTR_CHECK' && c.contype !== 'CONSTR_FOREIGN')) continue;
      if (c.skip_validation || c.is_enforced === false) continue;
      const constraint = c.conname ? `\`${c.conname}\`` : '(unnamed)';
      // The mechanical fix: NOT VALID, then VALIDATE in its own statement. Only exact when each
      // statement commits on its own (otherwise VALIDATE runs under the ADD's lock) and when the
      // statement has this one subcommand and names the constraint (VALIDATE needs the name).
      const fixable = !ctx.state.inTransaction && alter.cmds.length === 1 && !!c.conname;
      const fix = fixable
        ? {
            title: 'Add the constraint NOT VALID, then validate it without blocking writes',
            edits: [{ span: { start: stmt.span.end, end: stmt.span.end }, text: ` NOT VALID;\nALTER TABLE ${quoteRelation(alter.table)} VALIDATE CONSTRAINT ${quoteIdent(c.conname as string)}` }],
          }
        : undefined;
      const lock = lockOn(stmt, alter.table);
      const options = { table: alter.table, ...(lock ? { lock } : {}), ...(fix ? { fix } : {}) };
      if (c.contype === 'CONSTR_CHECK') {
        reports.push(ctx.report('checkBlocksReadsAndWrites', { table: alter.table, constraint }, options));
      } else {
        const referencedTable = c.pktable ? relationName(c.pktable) : '?';
        reports.push(ctx.report('foreignKeyBlocksWrites', { table: alter.table, constraint, referencedTable }, options));
      }
    }
    return reports;
  },
});
