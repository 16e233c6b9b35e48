/**
 * What the statements before this one have done: transaction blocks, timeouts, relations
 * created. Rules read it; only the engine moves it forward, one statement at a time.
 */
import type { Node } from '@pgsql/types';
import type { TransactionMode } from '../formats/types.js';
import type { TableLock } from '../locks/types.js';
import type { MigrationState } from '../rules/types.js';
import { relationKey } from '../locks/relation.js';

interface RangeVarLike {
  schemaname?: string;
  relname?: string;
}

function rangeVarName(rv: RangeVarLike | undefined): string | undefined {
  if (!rv?.relname) return undefined;
  return rv.schemaname ? `${rv.schemaname}.${rv.relname}` : rv.relname;
}

/** Strong enough that holding it for the rest of a transaction hurts traffic. */
const STRONG_LOCKS = new Set(['ShareLock', 'ShareRowExclusiveLock', 'ExclusiveLock', 'AccessExclusiveLock']);

export class StateTracker {
  private explicit = false;
  private lockTimeout = false;
  private statementTimeout = false;
  private localLockTimeout = false;
  private localStatementTimeout = false;
  private held: TableLock[] = [];
  private inTxnCount = 0;

  constructor(
    private readonly mode: TransactionMode,
    /** Relations created so far; shared across migrations when the scope is the whole run. */
    readonly created: Set<string>,
  ) {}

  snapshot(): MigrationState {
    return {
      inTransaction: this.mode === 'per-file' || this.explicit,
      explicitTransaction: this.explicit,
      lockTimeoutSet: this.lockTimeout || this.localLockTimeout,
      statementTimeoutSet: this.statementTimeout || this.localStatementTimeout,
      heldLocks: [...this.held],
      statementsInTransaction: this.inTxnCount,
    };
  }

  isNew(relation: string): boolean {
    return this.created.has(relationKey(relation));
  }

  /** Moves the state past one statement that has just run. */
  advance(ast: Node, locks: readonly TableLock[]): void {
    const [type, body] = Object.entries(ast)[0] as [string, Record<string, any>];
    const inTransaction = this.mode === 'per-file' || this.explicit;
    switch (type) {
      case 'TransactionStmt':
        this.transaction(String(body.kind), body.chain === true);
        return;
      case 'VariableSetStmt':
        this.setVariable(body.name, body.kind, body.is_local, firstArg(body.args), inTransaction);
        break;
      case 'SelectStmt':
        this.setConfigCall(body, inTransaction);
        break;
      case 'CreateStmt':
      case 'CreateTableAsStmt':
      case 'CreateSeqStmt':
      case 'ViewStmt': {
        const rv = body.relation ?? body.into?.rel ?? body.sequence ?? body.view;
        const name = rangeVarName(rv);
        if (name) this.created.add(relationKey(name));
        break;
      }
      case 'IndexStmt':
        if (body.idxname) this.created.add(relationKey(body.idxname));
        break;
      case 'RenameStmt': {
        // A new table renamed is still new under its new name.
        const from = rangeVarName(body.relation);
        if (from && this.isNew(from) && body.newname && body.renameType === 'OBJECT_TABLE') this.created.add(relationKey(body.newname));
        break;
      }
    }
    if (inTransaction) {
      this.inTxnCount++;
      for (const lock of locks) if (STRONG_LOCKS.has(lock.mode) && !this.isNew(lock.table)) this.held.push(lock);
    } else {
      // Autocommit: the statement's own transaction ended with it.
      this.endTransaction();
    }
  }

  /** `chain`: COMMIT/ROLLBACK AND CHAIN start the next transaction at once. */
  private transaction(kind: string, chain: boolean): void {
    if (kind === 'TRANS_STMT_BEGIN' || kind === 'TRANS_STMT_START') {
      this.explicit = true;
      this.inTxnCount = 0;
      this.held = [];
    } else if (
      kind === 'TRANS_STMT_COMMIT' ||
      kind === 'TRANS_STMT_ROLLBACK' ||
      kind === 'TRANS_STMT_COMMIT_PREPARED' ||
      kind === 'TRANS_STMT_PREPARE'
    ) {
      this.explicit = chain;
      this.endTransaction();
    }
  }

  private endTransaction(): void {
    this.held = [];
    this.inTxnCount = 0;
    this.localLockTimeout = false;
    this.localStatementTimeout = false;
  }

  private setVariable(name: string | undefined, kind: string | undefined, isLocal: boolean | undefined, value: string | undefined, inTransaction: boolean): void {
    if (name !== 'lock_timeout' && name !== 'statement_timeout') return;
    const active = kind === 'VAR_SET_VALUE' && value !== undefined && !isZero(value);
    // SET LOCAL outside a transaction block only warns and changes nothing.
    if (isLocal && !inTransaction) return;
    if (name === 'lock_timeout') {
      if (isLocal) this.localLockTimeout = active;
      else this.lockTimeout = active;
    } else if (isLocal) this.localStatementTimeout = active;
    else this.statementTimeout = active;
  }

  /** `SELECT set_config('lock_timeout', '5s', is_local)`, as some runners write it. */
  private setConfigCall(select: Record<string, any>, inTransaction: boolean): void {
    for (const target of select.targetList ?? []) {
      const call = target?.ResTarget?.val?.FuncCall;
      const fn = call?.funcname?.map((n: any) => n?.String?.sval).join('.');
      if (fn !== 'set_config' && fn !== 'pg_catalog.set_config') continue;
      const [nameArg, valueArg, localArg] = call.args ?? [];
      const name = nameArg?.A_Const?.sval?.sval;
      const value = valueArg?.A_Const?.sval?.sval;
      const isLocal = localArg?.A_Const?.boolval?.boolval === true;
      this.setVariable(name, 'VAR_SET_VALUE', isLocal, value, inTransaction);
    }
  }
}

function firstArg(args: any[] | undefined): string | undefined {
  const c = args?.[0]?.A_Const;
  if (!c) return undefined;
  if (c.sval) return String(c.sval.sval);
  if (c.ival) return String(c.ival.ival ?? 0);
  if (c.isnull) return undefined;
  // An integer constant 0 is printed by libpg-query as `ival: {}`.
  if ('ival' in c) return '0';
  return undefined;
}

function isZero(value: string): boolean {
  return /^\s*0+\s*(ms|s|min|h|d)?\s*$/i.test(value);
}
