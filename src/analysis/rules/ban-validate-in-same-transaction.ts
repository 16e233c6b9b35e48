import { describeLock, relationKey } from '../locks/index.js';
import { alterTableOf, constraintOf, defineRule, type StatementInfo } from './types.js';

/**
 * The NOT VALID recipe works because ADD CONSTRAINT ... NOT VALID is instant and VALIDATE
 * CONSTRAINT scans under a weaker lock (SHARE UPDATE EXCLUSIVE, truth 097, 106). In one
 * transaction, the strong lock the ADD took (ACCESS EXCLUSIVE for CHECK, SHARE ROW EXCLUSIVE on
 * both tables for a FOREIGN KEY) is still held while VALIDATE scans: no better than adding the
 * constraint validated.
 */
export default defineRule({
  id: 'ban-validate-in-same-transaction',
  meta: {
    summary: 'VALIDATE CONSTRAINT runs in the transaction that added the constraint NOT VALID',
    severity: 'error',
    sizeAware: true,
    messages: {
      validatesUnderAddLock:
        '`{{constraint}}` was added NOT VALID earlier in this transaction, whose {{lock}} on `{{table}}` is still held while VALIDATE reads every row: this blocks as long as adding it validated. Commit between ADD CONSTRAINT ... NOT VALID and VALIDATE CONSTRAINT.',
    },
    recipe: [
      '```sql',
      '-- Migration 1 (or transaction 1):',
      'ALTER TABLE <table> ADD CONSTRAINT <name> FOREIGN KEY (<column>) REFERENCES <parent> (id) NOT VALID;',
      '-- Migration 2 (or after COMMIT): SHARE UPDATE EXCLUSIVE, reads and writes go on',
      'ALTER TABLE <table> VALIDATE CONSTRAINT <name>;',
      '```',
    ].join('\n'),
  },
  check(stmt, ctx) {
    const alter = alterTableOf(stmt);
    if (!alter || !ctx.state.inTransaction || ctx.isNew(alter.table)) return [];
    const validated = alter.cmds.filter((c) => c.subtype === 'AT_ValidateConstraint' && c.name).map((c) => c.name as string);
    // slice(-0) would be everything: no statement yet means none in this transaction.
    const inTransaction = ctx.state.statementsInTransaction > 0 ? ctx.previous.slice(-ctx.state.statementsInTransaction) : [];
    return validated.flatMap((name) => {
      const adder = inTransaction.find((s) => addsNotValid(s, alter.table, name));
      if (!adder) return [];
      const lock = adder.locks.locks.find((l) => relationKey(l.table) === relationKey(alter.table)) ?? adder.locks.locks[0];
      const data = { constraint: name, table: alter.table, lock: describeLock(lock?.mode ?? 'AccessExclusiveLock') };
      return [ctx.report('validatesUnderAddLock', data, { table: alter.table, ...(lock ? { lock } : {}) })];
    });
  },
});

function addsNotValid(stmt: StatementInfo, table: string, name: string): boolean {
  const alter = alterTableOf(stmt);
  if (!alter || relationKey(alter.table) !== relationKey(table)) return false;
  return alter.cmds.some((cmd) => {
    const c = cmd.subtype === 'AT_AddConstraint' ? constraintOf(cmd) : undefined;
    return c?.skip_validation === true && c.conname === name;
  });
}
