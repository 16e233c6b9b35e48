import { describeLock } from '../locks/index.js';
import { alterTableOf, constraintOf, defineRule, lockOn } from './types.js';

/**
 * ADD CONSTRAINT ... EXCLUDE builds its (usually GiST) index while holding ACCESS EXCLUSIVE on the
 * table (truth 131): reads and writes wait for the whole build. Unlike UNIQUE there is no
 * CREATE INDEX CONCURRENTLY + USING INDEX path: ADD CONSTRAINT ... USING INDEX accepts only a
 * unique B-tree index. On a table created in the same migration it is free.
 */
export default defineRule({
  id: 'ban-exclusion-constraint',
  meta: {
    summary: 'Adding an exclusion constraint builds its index under ACCESS EXCLUSIVE, with no concurrent alternative',
    severity: 'error',
    lock: 'AccessExclusiveLock',
    sizeAware: true,
    messages: {
      buildsUnderExclusiveLock:
        'The exclusion constraint{{name}} builds its index by reading all of `{{table}}` while it holds {{lock}}, and there is no CONCURRENTLY form. Run it in a maintenance window with lock_timeout, or create it on a new table and move the data.',
    },
    recipe: [
      'There is no online way to add an exclusion constraint to a table in use. Check for conflicts first, then run it when the table may be locked for the duration of an index build:',
      '```sql',
      '-- Pre-flight: rows that would violate the constraint (here: overlapping ranges per room)',
      'SELECT a.id, b.id FROM <table> a JOIN <table> b ON a.id < b.id AND a.room_id = b.room_id AND a.during && b.during LIMIT 10;',
      "SET lock_timeout = '5s';",
      'ALTER TABLE <table> ADD CONSTRAINT <name> EXCLUDE USING gist (room_id WITH =, during WITH &&);',
      '```',
    ].join('\n'),
  },
  check(stmt, ctx) {
    const alter = alterTableOf(stmt);
    if (!alter) return [];
    const lock = lockOn(stmt, alter.table);
    return alter.cmds.flatMap((cmd) => {
      const constraint = cmd.subtype === 'AT_AddConstraint' ? constraintOf(cmd) : undefined;
      if (constraint?.contype !== 'CONSTR_EXCLUSION') return [];
      const data = {
        name: constraint.conname ? ` \`${constraint.conname}\`` : '',
        table: alter.table,
        lock: describeLock(lock?.mode ?? 'AccessExclusiveLock'),
      };
      return [ctx.report('buildsUnderExclusiveLock', data, { table: alter.table, ...(lock ? { lock } : {}) })];
    });
  },
});
