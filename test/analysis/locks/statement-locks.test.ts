import { initParser, parseSql } from '../../../src/analysis/parse.js';
import { relationName, statementLocks, type LockModelOptions, type StatementLocks } from '../../../src/analysis/locks/index.js';

beforeAll(() => initParser());

function locks(sql: string, options: Partial<LockModelOptions> = {}): StatementLocks {
  const stmt = parseSql(sql).statements[0];
  if (!stmt) throw new Error(`does not parse: ${sql}`);
  return statementLocks(stmt.ast, { postgresVersion: 18, ...options });
}

function modeOn(result: StatementLocks, table: string): string | undefined {
  return result.locks.find((l) => l.table === table)?.mode;
}

describe('relationName', () => {
  test('schema-qualified when written so, names as the parser folded them', () => {
    expect(relationName({ relname: 'users' })).toBe('users');
    expect(relationName({ schemaname: 'public', relname: 'users' })).toBe('public.users');
    expect(locks('ALTER TABLE "Users" ADD COLUMN x int').locks[0]?.table).toBe('Users');
    expect(locks('ALTER TABLE Public.USERS ADD COLUMN x int').locks[0]?.table).toBe('public.users');
  });
});

describe('version-dependent behaviour', () => {
  test('ADD COLUMN with a constant default rewrites before PG 11 only', () => {
    const sql = "ALTER TABLE users ADD COLUMN status text NOT NULL DEFAULT 'active'";
    expect(locks(sql, { postgresVersion: 11 }).locks[0]?.rewrite).toBe(false);
    expect(locks(sql, { postgresVersion: 10 }).locks[0]?.rewrite).toBe(true);
  });
  test('volatile defaults rewrite on every version', () => {
    for (const d of ['random()', 'clock_timestamp()', 'gen_random_uuid()', "nextval('s')", 'my_func()']) {
      expect(locks(`ALTER TABLE t ADD COLUMN c int DEFAULT ${d}`).locks[0]?.rewrite).toBe(true);
    }
    expect(locks('ALTER TABLE t ADD COLUMN c timestamptz DEFAULT now()').locks[0]?.rewrite).toBe(false);
  });
  test('REINDEX CONCURRENTLY needs PG 12 and no transaction block', () => {
    const r = locks('REINDEX INDEX CONCURRENTLY orders_user_id_idx', { postgresVersion: 11 });
    expect(r.requiresVersion).toBe(12);
    expect(r.allowedInTransaction).toBe(false);
    expect(locks('REINDEX INDEX CONCURRENTLY orders_user_id_idx').requiresVersion).toBeUndefined();
    expect(locks('REINDEX INDEX orders_user_id_idx').locks[0]).toMatchObject({
      table: 'orders_user_id_idx', mode: 'AccessExclusiveLock', indexTableMode: 'ShareLock', rewrite: true,
    });
  });
  test('DETACH PARTITION CONCURRENTLY needs PG 14', () => {
    const sql = 'ALTER TABLE measurements DETACH PARTITION measurements_2024 CONCURRENTLY';
    expect(locks(sql, { postgresVersion: 13 }).requiresVersion).toBe(14);
    const r = locks(sql, { postgresVersion: 14 });
    expect(r.allowedInTransaction).toBe(false);
    expect(modeOn(r, 'measurements')).toBe('ShareUpdateExclusiveLock');
    expect(modeOn(r, 'measurements_2024')).toBe('AccessExclusiveLock');
    expect(modeOn(locks('ALTER TABLE measurements DETACH PARTITION measurements_2024'), 'measurements')).toBe('AccessExclusiveLock');
  });
  test('ALTER TYPE ... ADD VALUE inside a transaction block from PG 12', () => {
    expect(locks("ALTER TYPE s ADD VALUE 'x'", { postgresVersion: 11 }).allowedInTransaction).toBe(false);
    expect(locks("ALTER TYPE s ADD VALUE 'x'", { postgresVersion: 12 }).allowedInTransaction).toBe(true);
    expect(locks("ALTER TYPE s RENAME VALUE 'a' TO 'b'", { postgresVersion: 11 }).allowedInTransaction).toBe(true);
  });
  test('GRANT takes AccessShareLock on PG 18, none on PG 15', () => {
    expect(modeOn(locks('GRANT SELECT ON orders TO r', { postgresVersion: 18 }), 'orders')).toBe('AccessShareLock');
    expect(locks('GRANT SELECT ON orders TO r', { postgresVersion: 15 }).locks).toEqual([]);
  });
  test('ATTACH PARTITION: parent AccessExclusiveLock on PG 11, ShareUpdateExclusiveLock from 12', () => {
    const sql = "ALTER TABLE m ATTACH PARTITION m1 FOR VALUES FROM ('2026-01-01') TO ('2027-01-01')";
    expect(modeOn(locks(sql, { postgresVersion: 11 }), 'm')).toBe('AccessExclusiveLock');
    expect(modeOn(locks(sql, { postgresVersion: 12 }), 'm')).toBe('ShareUpdateExclusiveLock');
    expect(locks(sql).locks.find((l) => l.table === 'm1')).toMatchObject({ mode: 'AccessExclusiveLock', scan: true });
  });
  test('ALTER INDEX RENAME: ShareUpdateExclusiveLock from PG 12', () => {
    expect(modeOn(locks('ALTER INDEX i RENAME TO j', { postgresVersion: 11 }), 'i')).toBe('AccessExclusiveLock');
    expect(modeOn(locks('ALTER INDEX i RENAME TO j', { postgresVersion: 12 }), 'i')).toBe('ShareUpdateExclusiveLock');
  });
  test('PG 17/18 syntax is flagged on older targets', () => {
    expect(locks('ALTER TABLE t ALTER COLUMN c SET EXPRESSION AS (a + 1)', { postgresVersion: 16 }).requiresVersion).toBe(17);
    expect(locks('ALTER TABLE t ADD COLUMN c text GENERATED ALWAYS AS (lower(a))', { postgresVersion: 17 }).requiresVersion).toBe(18);
    expect(locks('ALTER TABLE t ADD CONSTRAINT c CHECK (a > 0) NOT ENFORCED', { postgresVersion: 15 }).requiresVersion).toBe(18);
  });
});

describe('statement kinds', () => {
  test('CREATE INDEX / CONCURRENTLY', () => {
    expect(locks('CREATE INDEX i ON orders (status)')).toMatchObject({
      allowedInTransaction: true,
      locks: [{ table: 'orders', mode: 'ShareLock', blocks: ['writes', 'ddl'], rewrite: false, scan: true }],
    });
    expect(locks('CREATE INDEX CONCURRENTLY i ON orders (status)')).toMatchObject({
      allowedInTransaction: false,
      locks: [{ table: 'orders', mode: 'ShareUpdateExclusiveLock', blocks: ['ddl'] }],
    });
  });
  test('DROP INDEX reports the index, with the mode its (unnamed) table gets', () => {
    expect(locks('DROP INDEX public.i').locks[0]).toMatchObject({
      table: 'public.i', mode: 'AccessExclusiveLock', indexTableMode: 'AccessExclusiveLock',
    });
    const c = locks('DROP INDEX CONCURRENTLY i');
    expect(c.allowedInTransaction).toBe(false);
    expect(c.locks[0]).toMatchObject({ indexTableMode: 'ShareUpdateExclusiveLock' });
  });
  test('FOREIGN KEY: ShareRowExclusiveLock on both tables; NOT VALID skips the scan', () => {
    const r = locks('ALTER TABLE orders ADD CONSTRAINT f FOREIGN KEY (a) REFERENCES accounts (id)');
    expect(r.locks.map((l) => [l.table, l.mode, l.scan])).toEqual([
      ['orders', 'ShareRowExclusiveLock', true],
      ['accounts', 'ShareRowExclusiveLock', true],
    ]);
    const nv = locks('ALTER TABLE orders ADD CONSTRAINT f FOREIGN KEY (a) REFERENCES accounts (id) NOT VALID');
    expect(nv.locks.every((l) => !l.scan)).toBe(true);
    expect(modeOn(locks('ALTER TABLE orders VALIDATE CONSTRAINT f'), 'orders')).toBe('ShareUpdateExclusiveLock');
  });
  test('the strongest subcommand wins', () => {
    const r = locks('ALTER TABLE t SET (fillfactor = 70), ALTER COLUMN c SET STATISTICS 100');
    expect(r.locks).toHaveLength(1);
    expect(r.locks[0]?.mode).toBe('ShareUpdateExclusiveLock');
    expect(locks('ALTER TABLE t SET (fillfactor = 70), ADD COLUMN c int').locks[0]?.mode).toBe('AccessExclusiveLock');
    expect(locks('ALTER TABLE t SET (user_catalog_table = true)').locks[0]?.mode).toBe('AccessExclusiveLock');
  });
  test('ALTER COLUMN TYPE: judged from the target type alone, or from the schema when given', () => {
    expect(locks('ALTER TABLE t ALTER COLUMN c TYPE text').locks[0]?.rewrite).toBe(false);
    expect(locks('ALTER TABLE t ALTER COLUMN c TYPE text USING lower(c)').locks[0]?.rewrite).toBe(true);
    expect(locks('ALTER TABLE t ALTER COLUMN c TYPE bigint').locks[0]?.rewrite).toBe(true);
    const sql = 'ALTER TABLE t ALTER COLUMN c TYPE varchar(100)';
    expect(locks(sql).locks[0]?.rewrite).toBe(true); // unknown old type: assume the rewrite
    const schema = (name: string, typmods: number[]) => ({ columnType: () => ({ name, typmods }) });
    expect(locks(sql, { schema: schema('varchar', [50]) }).locks[0]?.rewrite).toBe(false);
    expect(locks(sql, { schema: schema('varchar', [200]) }).locks[0]?.rewrite).toBe(true);
    expect(locks(sql, { schema: schema('text', []) }).locks[0]?.rewrite).toBe(true);
    const num = 'ALTER TABLE t ALTER COLUMN c TYPE numeric(12,2)';
    expect(locks(num, { schema: schema('numeric', [10, 2]) }).locks[0]?.rewrite).toBe(false);
    expect(locks(num, { schema: schema('numeric', [10, 4]) }).locks[0]?.rewrite).toBe(true);
    expect(locks('ALTER TABLE t ALTER COLUMN c TYPE inet', { schema: schema('cidr', []) }).locks[0]?.rewrite).toBe(false);
  });
  test('created relations are listed apart, not as locks', () => {
    const r = locks('CREATE TABLE n (id int REFERENCES users (id))');
    expect(r.created).toEqual(['n']);
    expect(r.locks).toMatchObject([{ table: 'users', mode: 'ShareRowExclusiveLock' }]);
  });
  test('DML and queries', () => {
    expect(locks('DELETE FROM t').locks[0]).toMatchObject({ mode: 'RowExclusiveLock', scan: true });
    expect(locks('DELETE FROM t WHERE id = 1').locks[0]).toMatchObject({ mode: 'RowExclusiveLock', scan: false });
    expect(locks('UPDATE t SET a = 1').locks[0]?.scan).toBe(true);
    expect(locks('SELECT * FROM t').locks).toMatchObject([{ table: 't', mode: 'AccessShareLock', blocks: [] }]);
    const cte = locks('WITH b AS (SELECT id FROM o LIMIT 10 FOR UPDATE) UPDATE o SET n = 1 FROM b WHERE o.id = b.id');
    expect(cte.locks.map((l) => l.table)).toEqual(['o']);
  });
  test('LOCK TABLE takes the mode it names', () => {
    expect(modeOn(locks('LOCK TABLE t IN SHARE ROW EXCLUSIVE MODE'), 't')).toBe('ShareRowExclusiveLock');
    expect(modeOn(locks('LOCK TABLE t'), 't')).toBe('AccessExclusiveLock');
    expect(modeOn(locks('LOCK TABLE t IN ROW SHARE MODE'), 't')).toBe('RowShareLock');
  });
  test('VACUUM FULL and CLUSTER rewrite; VACUUM refuses a transaction block, ANALYZE does not', () => {
    expect(locks('VACUUM FULL t')).toMatchObject({ allowedInTransaction: false, locks: [{ mode: 'AccessExclusiveLock', rewrite: true }] });
    expect(locks('VACUUM t')).toMatchObject({ allowedInTransaction: false, locks: [{ mode: 'ShareUpdateExclusiveLock', rewrite: false }] });
    expect(locks('ANALYZE t').allowedInTransaction).toBe(true);
    expect(locks('CLUSTER t USING i').locks[0]).toMatchObject({ mode: 'AccessExclusiveLock', rewrite: true });
  });
  test('statements that touch no relation', () => {
    for (const sql of ['CREATE EXTENSION pg_trgm', 'CREATE SCHEMA s', "CREATE TYPE e AS ENUM ('a')", 'SET lock_timeout = 1000']) {
      expect(locks(sql)).toEqual({ locks: [], allowedInTransaction: true });
    }
    expect(locks('CREATE DATABASE d').allowedInTransaction).toBe(false);
  });
});
