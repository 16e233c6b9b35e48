/**
 * The table-level lock modes: strength order, the conflict matrix, what each mode makes
 * ordinary traffic wait for, and plain-words descriptions.
 * Source: https://www.postgresql.org/docs/current/explicit-locking.html#LOCKING-TABLES
 * (Table 13.2 "Conflicting Lock Modes").
 */
import { LOCK_MODES, type BlockedActivity, type LockMode } from './types.js';

const RANK: Readonly<Record<LockMode, number>> = Object.fromEntries(LOCK_MODES.map((m, i) => [m, i])) as Record<LockMode, number>;

/** True when `a` is at least as strong as `b` in the order of LOCK_MODES (weakest to strongest). */
export function isStrongerOrEqual(a: LockMode, b: LockMode): boolean {
  return RANK[a] >= RANK[b];
}

/** The stronger of two modes. */
export function stronger(a: LockMode, b: LockMode): LockMode {
  return isStrongerOrEqual(a, b) ? a : b;
}

/**
 * Table 13.2, row by row: the modes each requested mode conflicts with. The matrix is
 * symmetric; a unit test checks that, so a typo in one row cannot hide.
 */
const CONFLICTS: Readonly<Record<LockMode, readonly LockMode[]>> = {
  AccessShareLock: ['AccessExclusiveLock'],
  RowShareLock: ['ExclusiveLock', 'AccessExclusiveLock'],
  RowExclusiveLock: ['ShareLock', 'ShareRowExclusiveLock', 'ExclusiveLock', 'AccessExclusiveLock'],
  ShareUpdateExclusiveLock: [
    'ShareUpdateExclusiveLock',
    'ShareLock',
    'ShareRowExclusiveLock',
    'ExclusiveLock',
    'AccessExclusiveLock',
  ],
  ShareLock: ['RowExclusiveLock', 'ShareUpdateExclusiveLock', 'ShareRowExclusiveLock', 'ExclusiveLock', 'AccessExclusiveLock'],
  ShareRowExclusiveLock: [
    'RowExclusiveLock',
    'ShareUpdateExclusiveLock',
    'ShareLock',
    'ShareRowExclusiveLock',
    'ExclusiveLock',
    'AccessExclusiveLock',
  ],
  ExclusiveLock: [
    'RowShareLock',
    'RowExclusiveLock',
    'ShareUpdateExclusiveLock',
    'ShareLock',
    'ShareRowExclusiveLock',
    'ExclusiveLock',
    'AccessExclusiveLock',
  ],
  AccessExclusiveLock: LOCK_MODES,
};

/** Whether two transactions can hold these modes on the same table at once (false) or not (true). */
export function conflicts(a: LockMode, b: LockMode): boolean {
  return CONFLICTS[a].includes(b);
}

/**
 * What ordinary traffic waits for while `mode` is held, derived from the conflict matrix with
 * one representative lock per kind of traffic:
 *
 * - `reads`: a plain SELECT takes AccessShareLock. Only AccessExclusiveLock conflicts.
 *   (SELECT ... FOR UPDATE/SHARE takes RowShareLock, which ExclusiveLock also blocks; we count
 *   that as a write, since it is how applications lock rows they are about to change.)
 * - `writes`: INSERT/UPDATE/DELETE/MERGE take RowExclusiveLock: blocked by Share,
 *   ShareRowExclusive, Exclusive and AccessExclusive.
 * - `ddl`: concurrent schema maintenance, represented by ShareUpdateExclusiveLock, the
 *   weakest mode such work takes (VACUUM and autovacuum, ANALYZE, CREATE INDEX CONCURRENTLY,
 *   VALIDATE CONSTRAINT, COMMENT ON, ALTER TABLE SET STATISTICS). Blocked by
 *   ShareUpdateExclusive and everything stronger.
 *
 * AccessShare, RowShare and RowExclusive therefore block nothing (`[]`): they conflict only
 * with the strong modes that DDL itself requests, so they delay that DDL (and, through the
 * lock queue, whatever waits behind it) but that hazard belongs to the DDL statement, which
 * is where a review reports it.
 */
export function blockedBy(mode: LockMode): readonly BlockedActivity[] {
  return BLOCKED[mode];
}

const BLOCKED: Readonly<Record<LockMode, readonly BlockedActivity[]>> = Object.fromEntries(
  LOCK_MODES.map((mode) => {
    const out: BlockedActivity[] = [];
    if (conflicts(mode, 'AccessShareLock')) out.push('reads');
    if (conflicts(mode, 'RowExclusiveLock')) out.push('writes');
    if (conflicts(mode, 'ShareUpdateExclusiveLock')) out.push('ddl');
    return [mode, Object.freeze(out)];
  }),
) as Record<LockMode, readonly BlockedActivity[]>;

const SQL_NAMES: Readonly<Record<LockMode, string>> = {
  AccessShareLock: 'ACCESS SHARE',
  RowShareLock: 'ROW SHARE',
  RowExclusiveLock: 'ROW EXCLUSIVE',
  ShareUpdateExclusiveLock: 'SHARE UPDATE EXCLUSIVE',
  ShareLock: 'SHARE',
  ShareRowExclusiveLock: 'SHARE ROW EXCLUSIVE',
  ExclusiveLock: 'EXCLUSIVE',
  AccessExclusiveLock: 'ACCESS EXCLUSIVE',
};

/** The mode as LOCK TABLE spells it, e.g. "SHARE ROW EXCLUSIVE". */
export function sqlLockName(mode: LockMode): string {
  return SQL_NAMES[mode];
}

/** e.g. "ACCESS EXCLUSIVE (blocks reads and writes)", "SHARE (blocks writes)". */
export function describeLock(mode: LockMode): string {
  const blocks = blockedBy(mode);
  const traffic = blocks.filter((b) => b !== 'ddl');
  let what: string;
  if (traffic.length === 2) what = 'blocks reads and writes';
  else if (traffic.length === 1) what = `blocks ${traffic[0] as string}`;
  else if (blocks.includes('ddl')) what = 'blocks other schema changes and VACUUM, not reads or writes';
  else what = 'blocks neither reads nor writes';
  return `${SQL_NAMES[mode]} (${what})`;
}

/** LOCK TABLE's `mode` field in the parse tree: 1 = AccessShareLock ... 8 = AccessExclusiveLock (lockdefs.h). */
export function lockModeFromNumber(n: number | undefined): LockMode {
  return LOCK_MODES[(n ?? 8) - 1] ?? 'AccessExclusiveLock';
}
