import { describeLock } from '../locks/index.js';
import { alterTableOf, defineRule, lockOn } from './types.js';

/**
 * SET LOGGED and SET UNLOGGED rewrite the table (and its indexes) while holding ACCESS EXCLUSIVE
 * (truth 214, 215). SET LOGGED also writes the whole table to WAL, which replicas must replay;
 * an UNLOGGED table is emptied after a crash and is not replicated.
 */
export default defineRule({
  id: 'ban-set-logged-unlogged',
  meta: {
    summary: 'SET LOGGED / SET UNLOGGED rewrites the table under ACCESS EXCLUSIVE',
    severity: 'error',
    lock: 'AccessExclusiveLock',
    sizeAware: true,
    messages: {
      setLogged:
        'SET LOGGED rewrites `{{table}}` and writes all of it to WAL (replicas replay it) while holding {{lock}}. Create a new logged table, copy the rows in batches and swap the names, or accept the downtime.',
      setUnlogged:
        'SET UNLOGGED rewrites `{{table}}` while holding {{lock}}, and afterwards the table is emptied on a crash and not replicated. Make sure that is intended; on a big table, do it in a maintenance window.',
    },
    recipe: [
      '```sql',
      'CREATE TABLE <table>_new (LIKE <table> INCLUDING ALL);  -- logged',
      'INSERT INTO <table>_new SELECT * FROM <table> WHERE id BETWEEN <from> AND <to>;  -- per batch',
      '-- then, briefly, in one transaction with lock_timeout: catch up, rename both tables',
      '```',
    ].join('\n'),
  },
  check(stmt, ctx) {
    const alter = alterTableOf(stmt);
    if (!alter) return [];
    const lock = lockOn(stmt, alter.table);
    return alter.cmds.flatMap((cmd) => {
      if (cmd.subtype !== 'AT_SetLogged' && cmd.subtype !== 'AT_SetUnLogged') return [];
      const data = { table: alter.table, lock: describeLock(lock?.mode ?? 'AccessExclusiveLock') };
      const options = { table: alter.table, rewrite: true, ...(lock ? { lock } : {}) };
      return [ctx.report(cmd.subtype === 'AT_SetLogged' ? 'setLogged' : 'setUnlogged', data, options)];
    });
  },
});
