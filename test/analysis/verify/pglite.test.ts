/**
 * Every generated query parses with libpg-query and runs without error on the truth fixture
 * in PGlite: before-queries before the statement, after-queries once it has run.
 *
 * Each statement runs in a transaction that is rolled back (setup lines first, each under a
 * savepoint, as the truth runner applies them); one that cannot run in a transaction block
 * (SQLSTATE 25001: CONCURRENTLY, VACUUM) gets a fresh copy of the fixture in autocommit.
 * A statement that fails on the fixture on purpose (truth rows expected to fail) still has
 * its before-queries checked; its after-queries are not, as nothing ran.
 */
import type { PGlite } from '@electric-sql/pglite';
import { parseSync } from 'libpg-query';
import { initParser, parseSql } from '../../../src/analysis/parse.js';
import { verificationQueries } from '../../../src/analysis/verify/index.js';
import type { VerificationQuery } from '../../../src/analysis/finding.js';
import { fixtureDump, freshFixture, loadTruthStatements, type TruthStatement } from './truth-fixture.js';

/** Our own cases: quoting, expressions, joins, non-ASCII text, multi-command ALTERs. */
const EXTRA: readonly TruthStatement[] = [
  ['x01', `CREATE UNIQUE INDEX users_lower_email_uidx ON users (lower(email) text_pattern_ops DESC, (coalesce(name, '')) ) WHERE NOT is_admin`],
  ['x02', `ALTER TABLE "Order Lines" ADD CONSTRAINT "Fk" FOREIGN KEY ("user") REFERENCES users (id)`, [`CREATE TABLE "Order Lines" ("Id" int, "user" int, note text)`]],
  ['x03', `CREATE UNIQUE INDEX ON "Order Lines" (lower(note), "user") NULLS NOT DISTINCT WHERE "Id" > 0`, [`CREATE TABLE "Order Lines" ("Id" int, "user" int, note text)`]],
  ['x04', `UPDATE orders o SET note = 'x' FROM users u WHERE u.id = o.user_id AND o.note IS NULL RETURNING o.id`],
  ['x05', `DELETE FROM sessions s USING users u WHERE s.user_id = u.id AND u.is_admin`],
  ['x06', `WITH old AS (SELECT id FROM orders WHERE created_at < now() - interval '1 year') DELETE FROM order_items WHERE order_id IN (SELECT id FROM old)`],
  ['x07', `ALTER TABLE users ADD COLUMN x int, ADD CONSTRAINT x_pos CHECK (x > 0)`],
  ['x08', `ALTER TABLE users ALTER COLUMN email TYPE varchar(20), ALTER COLUMN score TYPE numeric(6,2), ALTER COLUMN login_count TYPE smallint`],
  ['x09', `ALTER TABLE orders ADD CONSTRAINT fk2 FOREIGN KEY (user_id, account_id) REFERENCES users (id, account_id) MATCH FULL NOT VALID`],
  ['x10', `ALTER TABLE bookings ADD CONSTRAINT b_ex EXCLUDE USING gist (during WITH OPERATOR(pg_catalog.&&))`],
  ['x11', `ALTER TABLE users ADD COLUMN "Weird ""x""" text NOT NULL`],
  ['x12', `UPDATE users SET nickname = 'ü–名' WHERE bio IS NULL AND name <> 'é'`],
  ['x13', `ALTER TABLE users ADD CONSTRAINT "chk_ü" CHECK (name <> 'ä' OR bio IS NULL) NOT VALID`],
  ['x14', `ALTER TABLE users ALTER COLUMN "user" TYPE bigint`, [`ALTER TABLE users ADD COLUMN "user" integer`]],
  ['x15', `ALTER TABLE public.orders ALTER COLUMN ref_code TYPE numeric(4,0) USING ref_code::numeric`],
  ['x16', `ALTER TABLE sessions ADD CONSTRAINT sessions_pk PRIMARY KEY (id, user_id), ADD CONSTRAINT sessions_token_key UNIQUE (token)`],
  ['x17', `ALTER TABLE users ALTER COLUMN bio SET NOT NULL, ALTER COLUMN name SET NOT NULL`],
  ['x18', `DELETE FROM ONLY measurements_2024 WHERE recorded_at < '2024-06-01' RETURNING id`],
  ['x19', `TRUNCATE public.sessions, audit_log`],
  ['x20', `DROP TABLE sessions, public.bookings`],
].map(([id, sql, setup]) => ({ id: id as string, sql: sql as string, setup: (setup ?? []) as string[], session: [] }));

interface Failure {
  readonly id: string;
  readonly sql: string;
  readonly error: string;
}

async function tryExec(db: PGlite, sql: string): Promise<{ ok: true } | { ok: false; error: string; code?: string }> {
  try {
    await db.exec(sql);
    return { ok: true };
  } catch (e) {
    const err = e as { message?: string; code?: string };
    return { ok: false, error: String(err.message), ...(err.code ? { code: err.code } : {}) };
  }
}

describe('verification queries on the truth fixture (PGlite)', () => {
  let dump: File | Blob;
  let db: PGlite;

  beforeAll(async () => {
    await initParser();
    dump = await fixtureDump();
    db = await freshFixture(dump);
  }, 180_000);

  afterAll(async () => {
    await db?.close();
  });

  it('reports a query that fails (control)', async () => {
    expect(await tryExec(db, 'SELECT no_such_column FROM users')).toMatchObject({ ok: false });
  });

  it('every query parses and runs without error', async () => {
    const statements = [...loadTruthStatements(), ...EXTRA];
    const failures: Failure[] = [];
    let checked = 0;
    let statementsWithQueries = 0;
    const kinds = new Map<string, number>();

    for (const st of statements) {
      const parsed = parseSql(st.sql);
      const stmt = parsed.statements[0];
      if (!stmt || parsed.statements.length !== 1) continue;
      const queries = verificationQueries({ ast: stmt.ast, text: stmt.text }, { postgresVersion: 18 });
      if (queries.length === 0) continue;
      statementsWithQueries++;
      for (const q of queries) {
        try {
          const out = parseSync(q.sql).stmts ?? [];
          if (out.length !== 1 || !('SelectStmt' in (out[0]?.stmt ?? {}))) throw new Error('not exactly one SELECT');
        } catch (e) {
          failures.push({ id: st.id, sql: q.sql, error: `parse: ${(e as Error).message}` });
        }
        const kind = `${q.when}: ${q.title.replace(/`[^`]*`/g, '`…`').replace(/\d+/g, 'N').slice(0, 50)}`;
        kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
      }
      checked += await runStatement(st, queries, failures);
    }

    console.log(
      `verification queries: ${checked} executed in PGlite for ${statementsWithQueries} statements; ${failures.length} failures\n` +
        [...kinds.entries()].sort((a, b) => b[1] - a[1]).map(([k, n]) => `  ${String(n).padStart(3)}  ${k}`).join('\n'),
    );
    expect(failures).toEqual([]);
    expect(checked).toBeGreaterThan(150);
  }, 600_000);

  async function runStatement(st: TruthStatement, queries: readonly VerificationQuery[], failures: Failure[]): Promise<number> {
    const beforeQs = queries.filter((q) => q.when === 'before');
    const afterQs = queries.filter((q) => q.when === 'after');
    let checked = 0;
    const check = async (target: PGlite, q: VerificationQuery, inTxn: boolean) => {
      if (inTxn) await target.exec('SAVEPOINT q');
      const r = await tryExec(target, q.sql);
      if (!r.ok) failures.push({ id: st.id, sql: q.sql, error: r.error });
      if (inTxn) await target.exec(r.ok ? 'RELEASE SAVEPOINT q' : 'ROLLBACK TO SAVEPOINT q');
      checked++;
    };

    await db.exec('BEGIN');
    for (const s of [...st.session, ...st.setup]) {
      await db.exec('SAVEPOINT s');
      const r = await tryExec(db, s);
      await db.exec(r.ok ? 'RELEASE SAVEPOINT s' : 'ROLLBACK TO SAVEPOINT s');
    }
    for (const q of beforeQs) await check(db, q, true);
    await db.exec('SAVEPOINT st');
    const ran = await tryExec(db, st.sql);
    if (ran.ok) {
      for (const q of afterQs) await check(db, q, true);
      await db.exec('ROLLBACK');
      return checked;
    }
    await db.exec('ROLLBACK');
    if (ran.code !== '25001') return checked;

    // Cannot run in a transaction block: a fresh fixture, autocommit.
    const fresh = await freshFixture(dump);
    try {
      for (const s of [...st.session, ...st.setup]) await tryExec(fresh, s);
      const again = await tryExec(fresh, st.sql);
      if (again.ok) for (const q of afterQs) await check(fresh, q, false);
    } finally {
      await fresh.close();
    }
    return checked;
  }
});
