import { initParser, parseSql } from '../../../src/analysis/parse.js';
import { verificationQueries, type VerifyOptions } from '../../../src/analysis/verify/index.js';
import { quoteIdent, quoteLiteral } from '../../../src/analysis/verify/sql.js';

beforeAll(async () => {
  await initParser();
});

function queries(sql: string, options: Partial<VerifyOptions> = {}) {
  const stmt = parseSql(sql).statements[0];
  if (!stmt) throw new Error(`no statement in ${sql}`);
  return verificationQueries({ ast: stmt.ast, text: stmt.text }, { postgresVersion: 18, ...options });
}

const sqlOf = (sql: string, when: 'before' | 'after', options: Partial<VerifyOptions> = {}) =>
  queries(sql, options).filter((q) => q.when === when).map((q) => q.sql);

describe('quoteIdent (quote_ident semantics)', () => {
  it.each([
    ['users', 'users'],
    ['_x$1', '_x$1'],
    ['name', 'name'], // unreserved keyword
    ['user', '"user"'], // reserved
    ['order', '"order"'],
    ['between', '"between"'], // column-name keyword
    ['Users', '"Users"'],
    ['1a', '"1a"'],
    ['a b', '"a b"'],
    ['a"b', '"a""b"'],
    ['ü', '"ü"'],
  ])('%s -> %s', (name, quoted) => {
    expect(quoteIdent(name)).toBe(quoted);
  });

  it('doubles single quotes in literals', () => {
    expect(quoteLiteral("o'neil")).toBe("'o''neil'");
  });
});

describe('before-queries', () => {
  it('duplicates before a unique index respect NULLS DISTINCT and the partial WHERE', () => {
    expect(sqlOf(`CREATE UNIQUE INDEX CONCURRENTLY i ON public."Users" (lower(email), org_id) WHERE deleted_at IS NULL`, 'before')).toEqual([
      `SELECT (lower(email)), org_id, count(*) AS duplicate_rows FROM public."Users" WHERE (lower(email)) IS NOT NULL AND org_id IS NOT NULL AND (deleted_at IS NULL) GROUP BY 1, 2 HAVING count(*) > 1 ORDER BY count(*) DESC LIMIT 20`,
    ]);
  });

  it('NULLS NOT DISTINCT groups NULLs together', () => {
    expect(sqlOf(`ALTER TABLE t ADD CONSTRAINT k UNIQUE NULLS NOT DISTINCT (a)`, 'before')).toEqual([
      `SELECT a, count(*) AS duplicate_rows FROM t GROUP BY 1 HAVING count(*) > 1 ORDER BY count(*) DESC LIMIT 20`,
    ]);
  });

  it('a primary key checks NULLs and duplicates', () => {
    expect(sqlOf(`ALTER TABLE t ADD PRIMARY KEY (a, "B")`, 'before')).toEqual([
      `SELECT count(*) AS null_rows FROM t WHERE a IS NULL OR "B" IS NULL`,
      `SELECT a, "B", count(*) AS duplicate_rows FROM t GROUP BY 1, 2 HAVING count(*) > 1 ORDER BY count(*) DESC LIMIT 20`,
    ]);
  });

  it('orphans before a foreign key (MATCH SIMPLE skips NULL keys)', () => {
    expect(sqlOf(`ALTER TABLE orders ADD CONSTRAINT f FOREIGN KEY (user_id) REFERENCES "user" (id) NOT VALID`, 'before')).toEqual([
      `SELECT c.user_id, count(*) AS orphan_rows FROM orders AS c LEFT JOIN "user" AS p ON p.id = c.user_id WHERE p.id IS NULL AND c.user_id IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC LIMIT 20`,
    ]);
  });

  it('no orphan query when the referenced columns are implicit (the parent primary key is unknown)', () => {
    expect(sqlOf(`ALTER TABLE orders ADD FOREIGN KEY (user_id) REFERENCES users`, 'before')).toEqual([]);
  });

  it('a CHECK reuses the expression text, byte-exact with non-ASCII', () => {
    expect(sqlOf(`ALTER TABLE t ADD CONSTRAINT "ç" CHECK (name <> 'ä' AND price > 0)`, 'before')).toEqual([
      `SELECT count(*) AS violating_rows FROM t WHERE NOT (name <> 'ä' AND price > 0)`,
    ]);
  });

  it('NOT ENFORCED constraints check nothing', () => {
    expect(sqlOf(`ALTER TABLE t ADD CONSTRAINT c CHECK (a > 0) NOT ENFORCED`, 'before')).toEqual([]);
  });

  it('skips checks on a column the same statement adds', () => {
    expect(sqlOf(`ALTER TABLE t ADD COLUMN x int, ADD CONSTRAINT c CHECK (x > 0), ALTER COLUMN x SET NOT NULL`, 'before')).toEqual([]);
  });

  it('type narrowing: length, precision, integer range, dry run', () => {
    expect(sqlOf(`ALTER TABLE t ALTER COLUMN a TYPE varchar(10), ALTER b TYPE numeric(5,2), ALTER c TYPE integer, ALTER d TYPE uuid USING d::uuid`, 'before')).toEqual([
      `SELECT count(*) AS too_long FROM t WHERE length(a::text) > 10`,
      `SELECT count(*) AS row_count FROM t`,
      `SELECT count(*) AS out_of_range FROM t WHERE abs(round(b::numeric, 2)) >= 1000`,
      `SELECT count(*) AS out_of_range FROM t WHERE c::numeric NOT BETWEEN -2147483648 AND 2147483647`,
      `SELECT count(CAST((d::uuid) AS uuid)) AS converted FROM t`,
    ]);
  });

  it('DELETE and UPDATE count with their own WHERE and join list', () => {
    expect(sqlOf(`DELETE FROM sessions s USING users u WHERE s.user_id = u.id RETURNING s.id`, 'before')).toEqual([
      `SELECT count(DISTINCT (s.tableoid, s.ctid)) AS affected_rows FROM sessions AS s, users u WHERE s.user_id = u.id`,
    ]);
    expect(sqlOf(`UPDATE ONLY orders SET note = 'x' WHERE note IS NULL AND id < 1000`, 'before')).toEqual([
      `SELECT count(*) AS affected_rows FROM ONLY orders WHERE note IS NULL AND id < 1000`,
    ]);
    expect(sqlOf(`UPDATE ONLY orders SET note = 'x' WHERE note IS NULL AND id < 1000`, 'after')).toEqual([
      `SELECT count(*) AS null_rows FROM orders WHERE note IS NULL`,
    ]);
  });

  it('leaves out a data-modifying or locking CTE', () => {
    expect(queries(`WITH b AS (SELECT id FROM t LIMIT 10 FOR UPDATE SKIP LOCKED) UPDATE t SET x = 1 FROM b WHERE t.id = b.id`)).toEqual([]);
    expect(queries(`WITH d AS (DELETE FROM a RETURNING id) DELETE FROM t WHERE id IN (SELECT id FROM d)`)).toEqual([]);
  });

  it('drops before-queries on a table created in the same migration', () => {
    expect(sqlOf(`ALTER TABLE fresh ALTER COLUMN a SET NOT NULL`, 'before', { isNew: (t) => t === 'fresh' })).toEqual([]);
    expect(sqlOf(`ALTER TABLE fresh ALTER COLUMN a SET NOT NULL`, 'after', { isNew: (t) => t === 'fresh' })).toHaveLength(1);
  });
});

describe('after-queries', () => {
  it('index validity by name, in the table schema', () => {
    expect(sqlOf(`CREATE INDEX CONCURRENTLY "Idx" ON app.orders (user_id)`, 'after')).toEqual([
      `SELECT indexrelid::regclass AS index_name, indisvalid, indisready FROM pg_index WHERE indexrelid = 'app."Idx"'::regclass`,
    ]);
  });

  it('constraint validated', () => {
    expect(sqlOf(`ALTER TABLE orders VALIDATE CONSTRAINT "o'k"`, 'after')).toEqual([
      `SELECT conname, convalidated FROM pg_constraint WHERE conrelid = 'orders'::regclass AND conname = 'o''k'`,
    ]);
  });

  it('exclusion pairs use tid < from PG 14, <> before', () => {
    const sql = `ALTER TABLE b ADD CONSTRAINT x EXCLUDE USING gist (during WITH &&)`;
    expect(sqlOf(sql, 'before', { postgresVersion: 14 })[0]).toContain('a.ctid < b.ctid');
    expect(sqlOf(sql, 'before', { postgresVersion: 13 })[0]).toContain('a.ctid <> b.ctid');
  });
});
