/**
 * The PostgreSQL lock model: which locks one statement takes on which relations, whether it
 * rewrites or fully scans them, and whether it may run inside a transaction block, by server
 * version. Tested against ../shared/truth (test/analysis/locks/truth.test.ts).
 */
import type { Node } from '@pgsql/types';
import type { LockModelOptions } from './options.js';
import { LockCollector } from './relation.js';
import { collectStatement } from './statements.js';
import type { StatementLocks } from './types.js';

export type { LockModelOptions } from './options.js';
export type { SchemaLookup, TypeRef } from './column-types.js';
export type { BlockedActivity, LockMode, StatementLocks, TableLock } from './types.js';
export { LOCK_MODES } from './types.js';
export { blockedBy, conflicts, describeLock, isStrongerOrEqual, sqlLockName, stronger } from './modes.js';
export { relationKey, relationName } from './relation.js';

/** Which locks one statement takes on which relations, whether it rewrites or fully scans them, and whether it may run inside a transaction block. */
export function statementLocks(stmt: Node, options: LockModelOptions): StatementLocks {
  const out = new LockCollector();
  collectStatement(stmt, out, options);
  return out.result();
}
