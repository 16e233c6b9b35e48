/**
 * The PostgreSQL table-level lock modes, named as `pg_locks.mode` reports them so rows of
 * ../shared/truth compare with no mapping. Ordered weakest to strongest.
 * https://www.postgresql.org/docs/current/explicit-locking.html#LOCKING-TABLES
 */
export const LOCK_MODES = [
  'AccessShareLock',
  'RowShareLock',
  'RowExclusiveLock',
  'ShareUpdateExclusiveLock',
  'ShareLock',
  'ShareRowExclusiveLock',
  'ExclusiveLock',
  'AccessExclusiveLock',
] as const;
export type LockMode = (typeof LOCK_MODES)[number];

/** What ordinary application traffic a lock makes wait. */
export type BlockedActivity = 'reads' | 'writes' | 'ddl';

/** The lock one statement takes on one relation, and what else it does to it. */
export interface TableLock {
  /** Relation name as written, schema-qualified when the statement qualifies it. */
  readonly table: string;
  readonly mode: LockMode;
  readonly blocks: readonly BlockedActivity[];
  /** The relation's heap is rewritten (relfilenode changes): time grows with table size. */
  readonly rewrite: boolean;
  /** The relation is read in full (validation, index build) while the lock is held. */
  readonly scan: boolean;
  /**
   * Set when `table` is an index named without its table (DROP INDEX, REINDEX INDEX, ALTER INDEX
   * ATTACH PARTITION): the mode taken on the table the index belongs to. The statement does not
   * name that table, so the caller resolves it from the schema it knows.
   */
  readonly indexTableMode?: LockMode;
  /** Every index of the relation is rebuilt (REINDEX TABLE): time grows with table size. */
  readonly indexesRebuilt?: boolean;
}

export interface StatementLocks {
  /** Strongest first. Empty when the statement touches no existing relation. */
  readonly locks: readonly TableLock[];
  /** False for statements PostgreSQL refuses inside a transaction block (SQLSTATE 25001). */
  readonly allowedInTransaction: boolean;
  /**
   * Relations the statement creates (CREATE TABLE/VIEW/MATERIALIZED VIEW/SEQUENCE). PostgreSQL
   * holds AccessExclusiveLock on them until commit, but no other session can see them yet, so
   * they block nobody and are not listed in `locks`.
   */
  readonly created?: readonly string[];
  /**
   * The PostgreSQL major version that introduced syntax this statement uses, when it is newer
   * than the target version (the statement fails there with a syntax or feature error).
   */
  readonly requiresVersion?: number;
}
