/** Transaction-control statements (BEGIN, COMMIT, ...) as the transaction rules compare them. */
import type { StatementInfo } from '../types.js';

export type TransactionKind = 'begin' | 'end' | 'savepoint' | 'other';

/** What a TransactionStmt does to the session's transaction block; undefined for other statements. */
export function transactionKind(stmt: StatementInfo): TransactionKind | undefined {
  if (!('TransactionStmt' in stmt.ast)) return undefined;
  const { kind, chain } = stmt.ast.TransactionStmt;
  switch (kind) {
    case 'TRANS_STMT_BEGIN':
    case 'TRANS_STMT_START':
      return 'begin';
    // COMMIT/ROLLBACK AND CHAIN start a new transaction at once: the block stays open.
    case 'TRANS_STMT_COMMIT':
    case 'TRANS_STMT_ROLLBACK':
      return chain ? 'other' : 'end';
    // PREPARE TRANSACTION ends the session's transaction block (it lives on as a prepared one).
    case 'TRANS_STMT_PREPARE':
      return 'end';
    case 'TRANS_STMT_SAVEPOINT':
    case 'TRANS_STMT_RELEASE':
    case 'TRANS_STMT_ROLLBACK_TO':
      return 'savepoint';
    default:
      return 'other';
  }
}

/** The statement's leading keyword as written (`COMMIT`, `END`, `ROLLBACK`), for messages. */
export function leadingKeyword(stmt: StatementInfo): string {
  return (/^[A-Za-z]+/.exec(stmt.text)?.[0] ?? 'COMMIT').toUpperCase();
}

/**
 * Whether an explicit BEGIN is open after `previous`. Computed here rather than read from the
 * engine state because COMMIT/ROLLBACK AND CHAIN keep the block open.
 */
export function explicitBlockOpen(previous: readonly StatementInfo[]): boolean {
  let open = false;
  for (const stmt of previous) {
    const kind = transactionKind(stmt);
    if (kind === 'begin') open = true;
    else if (kind === 'end') open = false;
  }
  return open;
}
