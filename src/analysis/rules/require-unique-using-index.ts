import { nameParts } from '../locks/relation.js';
import { alterTableOf, constraintOf, defineRule, lockOn } from './types.js';

/**
 * ADD CONSTRAINT ... UNIQUE / PRIMARY KEY builds its index while holding ACCESS EXCLUSIVE on the
 * table (truth 115, 117, 122): no reads or writes for the whole build. Building the unique index
 * first with CREATE UNIQUE INDEX CONCURRENTLY (SHARE UPDATE EXCLUSIVE, 136) and attaching it with
 * USING INDEX takes the strong lock only for a catalog update (116, 118). A PRIMARY KEY still
 * scans for NULLs unless the columns are already NOT NULL (120).
 */
export default defineRule({
  id: 'require-unique-using-index',
  meta: {
    summary: 'ADD CONSTRAINT UNIQUE / PRIMARY KEY without USING INDEX builds the index under ACCESS EXCLUSIVE',
    severity: 'error',
    lock: 'AccessExclusiveLock',
    sizeAware: true,
    messages: {
      uniqueBuildsIndex:
        'Adding UNIQUE constraint {{constraint}} builds its index on `{{table}}` ({{columns}}) under an ACCESS EXCLUSIVE lock: every read and write on `{{table}}` waits until the build ends. Build the index with CREATE UNIQUE INDEX CONCURRENTLY, then ADD CONSTRAINT ... UNIQUE USING INDEX.',
      primaryKeyBuildsIndex:
        'Adding PRIMARY KEY {{constraint}} builds its index on `{{table}}` ({{columns}}) under an ACCESS EXCLUSIVE lock: every read and write on `{{table}}` waits until the build ends. Build the index with CREATE UNIQUE INDEX CONCURRENTLY, make the columns NOT NULL through a validated CHECK, then ADD CONSTRAINT ... PRIMARY KEY USING INDEX.',
    },
    recipe: [
      '```sql',
      '-- outside any transaction block: builds without blocking writes',
      'CREATE UNIQUE INDEX CONCURRENTLY <table>_<column>_key ON <table> (<column>);',
      '-- instant: attaches the index (renamed to the constraint name)',
      'ALTER TABLE <table> ADD CONSTRAINT <table>_<column>_key UNIQUE USING INDEX <table>_<column>_key;',
      '```',
      'For a PRIMARY KEY, first make the columns NOT NULL without a long lock (CHECK ... NOT VALID, VALIDATE, SET NOT NULL: see ban-set-not-null), else `PRIMARY KEY USING INDEX` scans for NULLs under ACCESS EXCLUSIVE.',
      'Check for duplicates before building: `SELECT <column>, count(*) FROM <table> GROUP BY 1 HAVING count(*) > 1;` (a failed concurrent build leaves an INVALID index to drop).',
    ].join('\n'),
  },
  check(stmt, ctx) {
    const alter = alterTableOf(stmt);
    if (!alter || ctx.isNew(alter.table)) return [];
    const reports = [];
    for (const cmd of alter.cmds) {
      const c = cmd.subtype === 'AT_AddConstraint' ? constraintOf(cmd) : undefined;
      if (!c || (c.contype !== 'CONSTR_UNIQUE' && c.contype !== 'CONSTR_PRIMARY') || c.indexname) continue;
      const data = {
        table: alter.table,
        constraint: c.conname ? `\`${c.conname}\`` : '(unnamed)',
        columns: nameParts(c.keys).join(', '),
      };
      const lock = lockOn(stmt, alter.table);
      const options = { table: alter.table, ...(lock ? { lock } : {}) };
      reports.push(ctx.report(c.contype === 'CONSTR_PRIMARY' ? 'primaryKeyBuildsIndex' : 'uniqueBuildsIndex', data, options));
    }
    return reports;
  },
});
