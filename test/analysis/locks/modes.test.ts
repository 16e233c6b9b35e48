import { blockedBy, conflicts, describeLock, isStrongerOrEqual, LOCK_MODES, type LockMode } from '../../../src/analysis/locks/index.js';

// Table 13.2 "Conflicting Lock Modes", https://www.postgresql.org/docs/current/explicit-locking.html
// Rows: requested mode; columns in LOCK_MODES order (AccessShare ... AccessExclusive); X = conflict.
const MATRIX: Readonly<Record<LockMode, string>> = {
  AccessShareLock: '.......X',
  RowShareLock: '......XX',
  RowExclusiveLock: '....XXXX',
  ShareUpdateExclusiveLock: '...XXXXX',
  ShareLock: '..XX.XXX',
  ShareRowExclusiveLock: '..XXXXXX',
  ExclusiveLock: '.XXXXXXX',
  AccessExclusiveLock: 'XXXXXXXX',
};

describe('conflicts', () => {
  for (const a of LOCK_MODES) {
    for (const [j, b] of LOCK_MODES.entries()) {
      const expected = MATRIX[a][j] === 'X';
      test(`${a} ${expected ? 'conflicts' : 'does not conflict'} with ${b}`, () => {
        expect(conflicts(a, b)).toBe(expected);
        expect(conflicts(b, a)).toBe(expected); // symmetric
      });
    }
  }
});

describe('isStrongerOrEqual', () => {
  test('follows LOCK_MODES order', () => {
    expect(isStrongerOrEqual('AccessExclusiveLock', 'ShareLock')).toBe(true);
    expect(isStrongerOrEqual('ShareLock', 'ShareLock')).toBe(true);
    expect(isStrongerOrEqual('ShareUpdateExclusiveLock', 'ShareLock')).toBe(false);
    expect(isStrongerOrEqual('RowShareLock', 'AccessShareLock')).toBe(true);
  });
});

describe('blockedBy', () => {
  test.each<[LockMode, string[]]>([
    ['AccessExclusiveLock', ['reads', 'writes', 'ddl']],
    ['ExclusiveLock', ['writes', 'ddl']],
    ['ShareRowExclusiveLock', ['writes', 'ddl']],
    ['ShareLock', ['writes', 'ddl']],
    ['ShareUpdateExclusiveLock', ['ddl']],
    ['RowExclusiveLock', []],
    ['RowShareLock', []],
    ['AccessShareLock', []],
  ])('%s blocks %j', (mode, blocks) => {
    expect(blockedBy(mode)).toEqual(blocks);
  });
});

describe('describeLock', () => {
  test('plain words', () => {
    expect(describeLock('AccessExclusiveLock')).toBe('ACCESS EXCLUSIVE (blocks reads and writes)');
    expect(describeLock('ShareLock')).toBe('SHARE (blocks writes)');
    expect(describeLock('ShareUpdateExclusiveLock')).toBe(
      'SHARE UPDATE EXCLUSIVE (blocks other schema changes and VACUUM, not reads or writes)',
    );
    expect(describeLock('AccessShareLock')).toBe('ACCESS SHARE (blocks neither reads nor writes)');
  });
});
