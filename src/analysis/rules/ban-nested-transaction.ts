import { explicitBlockOpen, leadingKeyword, transactionKind } from './lib/transactions.js';
import { defineRule } from './types.js';

/**
 * PostgreSQL has no nested transactions. A BEGIN inside an open block only warns ("there is
 * already a transaction in progress") and the first COMMIT ends the whole block, so what follows
 * runs in autocommit and a later failure leaves the migration half-applied. A COMMIT or ROLLBACK
 * with no block open only warns, unless the runner opened one for the file: then it ends the
 * runner's transaction (ROLLBACK throws the migration away while the runner records it as done).
 * SAVEPOINT outside a block is an error (SQLSTATE 25P01).
 */
export default defineRule({
  id: 'ban-nested-transaction',
  meta: {
    summary: 'BEGIN inside a transaction, COMMIT/ROLLBACK without one, or transaction control in a file the runner already wraps',
    severity: 'error',
    messages: {
      nestedBegin:
        'A transaction is already open here (an earlier BEGIN): PostgreSQL ignores this {{keyword}} with a warning, and the first COMMIT ends the whole block, so the statements after it run outside any transaction. Remove this {{keyword}}.',
      beginInRunnerTransaction:
        '{{format}} already runs this file in one transaction: this {{keyword}} only draws a warning, and the COMMIT that follows ends {{format}}\'s transaction early, so what comes after runs without one and a failure leaves the migration half-applied. Remove BEGIN and COMMIT and let {{format}} wrap the file{{manageYourself}}',
      endsRunnerTransaction:
        'This {{keyword}} ends the transaction {{format}} runs this file in: {{consequence}} Remove it and let {{format}} commit at the end{{manageYourself}}',
      endWithoutBegin:
        'No transaction is open here: PostgreSQL ignores this {{keyword}} with a warning. A BEGIN is missing before it, or an earlier COMMIT already ended the block.',
      savepointOutsideTransaction:
        '{{keyword}} outside a transaction block fails (SQLSTATE 25P01): savepoints exist only inside BEGIN ... COMMIT.',
    },
  },
  sections: ['up', 'down'],
  check(stmt, ctx) {
    const kind = transactionKind(stmt);
    if (!kind || kind === 'other') return [];
    const keyword = leadingKeyword(stmt);
    const runnerWraps = stmt.section.transaction === 'per-file';
    const format = ctx.format.name;
    const open = explicitBlockOpen(ctx.previous);
    const manageYourself = ctx.format.noTransactionHint ? ` (or, to manage the transaction yourself, ${ctx.format.noTransactionHint}).` : '.';
    if (kind === 'savepoint') return open || runnerWraps ? [] : [ctx.report('savepointOutsideTransaction', { keyword })];
    if (kind === 'begin') {
      if (open) return [ctx.report('nestedBegin', { keyword })];
      return runnerWraps ? [ctx.report('beginInRunnerTransaction', { keyword, format, manageYourself })] : [];
    }
    // kind === 'end'. After an explicit BEGIN the pair was reported at the BEGIN (per-file) or is fine.
    if (open) return [];
    if (runnerWraps) {
      const consequence =
        keyword === 'ROLLBACK' || keyword === 'ABORT'
          ? 'everything before it is thrown away, yet the migration is recorded as applied.'
          : 'the statements after it run outside any transaction, and a failure among them leaves the migration half-applied.';
      return [ctx.report('endsRunnerTransaction', { keyword, format, consequence, manageYourself })];
    }
    return [ctx.report('endWithoutBegin', { keyword }, { severity: 'warning' })];
  },
});
