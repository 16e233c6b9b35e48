/**
 * `migration-review stats`: table sizes from the catalog of a real database, written as a
 * JSON snapshot the repository commits (`.github/migration-review-stats.json`) so findings
 * can say "`orders`, ~48M rows, 21 GB" and follow size with severity.
 *
 * Only catalog statistics are read, never row data: `pg_class.reltuples` / `relpages` (kept
 * by VACUUM, ANALYZE and CREATE INDEX) and `pg_total_relation_size` (heap + indexes + TOAST,
 * from the file sizes). The session is read-only (`default_transaction_read_only`, also set
 * at connection start) with a statement and a lock timeout, so pointing it at production is
 * safe: it cannot write, cannot run long, and gives up instead of queueing behind a lock.
 *
 * Never-analyzed tables: `reltuples` is -1 from PostgreSQL 14 (0 before, indistinguishable
 * from empty). For such a table with a non-empty heap the row count is the planner's own
 * estimate, from `EXPLAIN SELECT 1 FROM ONLY t`: it scales the current file size by a
 * tuple density derived from the column widths, reads no rows, and is what PostgreSQL
 * itself would assume. An empty heap is 0 rows, exactly.
 *
 * Partitioned tables have no storage of their own: their rows, pages and bytes are the sums
 * over the leaf partitions (`pg_partition_tree`, PostgreSQL 12+). Partitions are listed too,
 * under their own names, since a migration can lock one directly.
 */
import { writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';

export interface TableStats {
  /** Estimated live rows (reltuples, or the planner's estimate when never analyzed). */
  readonly rows: number;
  /** Heap + indexes + TOAST, in bytes. */
  readonly totalBytes: number;
  /** Heap pages as of the last VACUUM / ANALYZE (relpages). */
  readonly pages: number;
}

export interface StatsSnapshot {
  /** ISO 8601 time the statistics were read. */
  readonly generatedAt: string;
  /** Major server version, e.g. 16. */
  readonly postgresVersion: number;
  /** By `schema.table` (unquoted, as the catalog spells it). */
  readonly tables: Readonly<Record<string, TableStats>>;
}

/** The part of a `pg` client this module uses; tests and callers may pass a pool or a client. */
export interface Queryable {
  query(sql: string, params?: unknown[]): Promise<{ rows: Array<Record<string, unknown>> }>;
}

export const DEFAULT_STATS_PATH = '.github/migration-review-stats.json';
export const DEFAULT_STATEMENT_TIMEOUT_MS = 30_000;
export const DEFAULT_LOCK_TIMEOUT_MS = 5_000;

/** Ordinary ('r') and partitioned ('p') tables outside the system schemas. */
const TABLES_SQL = `
SELECT n.nspname AS schema_name, c.relname AS table_name, c.relkind::text AS relkind, c.oid::int8 AS oid,
       c.reltuples::float8 AS reltuples, c.relpages::int8 AS relpages,
       pg_total_relation_size(c.oid)::int8 AS total_bytes, pg_relation_size(c.oid)::int8 AS heap_bytes
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p')
  AND n.nspname <> 'information_schema'
  AND n.nspname !~ '^pg_'
ORDER BY 1, 2`;

/** Leaf partitions of every partitioned table (PostgreSQL 12+). */
const LEAVES_SQL = `
SELECT p.oid::int8 AS parent, t.relid::oid::int8 AS leaf
FROM pg_class p, LATERAL pg_partition_tree(p.oid) t
WHERE p.relkind = 'p' AND t.isleaf`;

interface Row {
  readonly schema: string;
  readonly table: string;
  readonly relkind: string;
  readonly oid: string;
  readonly reltuples: number;
  readonly relpages: number;
  readonly totalBytes: number;
  readonly heapBytes: number;
}

/** Reads the catalog statistics. The client should be read-only (see `connectReadOnly`). */
export async function collectStats(client: Queryable, options: { now?: Date } = {}): Promise<StatsSnapshot> {
  const versionNum = Number((await client.query('SHOW server_version_num')).rows[0]?.server_version_num);
  const postgresVersion = Math.floor(versionNum / 10_000);
  const rows: Row[] = (await client.query(TABLES_SQL)).rows.map((r) => ({
    schema: String(r.schema_name),
    table: String(r.table_name),
    relkind: String(r.relkind),
    oid: String(r.oid),
    reltuples: Number(r.reltuples),
    relpages: Number(r.relpages),
    totalBytes: Number(r.total_bytes),
    heapBytes: Number(r.heap_bytes),
  }));

  const own = new Map<string, TableStats>();
  for (const row of rows) {
    if (row.relkind !== 'r') continue;
    own.set(row.oid, { rows: await rowEstimate(client, row), totalBytes: row.totalBytes, pages: row.relpages });
  }

  const leavesOf = new Map<string, string[]>();
  if (postgresVersion >= 12 && rows.some((r) => r.relkind === 'p')) {
    for (const r of (await client.query(LEAVES_SQL)).rows) {
      const list = leavesOf.get(String(r.parent)) ?? [];
      list.push(String(r.leaf));
      leavesOf.set(String(r.parent), list);
    }
  }

  const tables: Record<string, TableStats> = {};
  for (const row of rows) {
    const key = `${row.schema}.${row.table}`;
    if (row.relkind === 'r') {
      tables[key] = own.get(row.oid) as TableStats;
      continue;
    }
    // Partitioned: the sum over its leaves (a leaf in an excluded schema is not in `own`: skipped).
    const leaves = (leavesOf.get(row.oid) ?? []).map((oid) => own.get(oid)).filter((s): s is TableStats => s !== undefined);
    tables[key] = {
      rows: leaves.reduce((n, s) => n + s.rows, 0),
      totalBytes: leaves.reduce((n, s) => n + s.totalBytes, 0) + row.totalBytes,
      pages: leaves.reduce((n, s) => n + s.pages, 0),
    };
  }
  return { generatedAt: (options.now ?? new Date()).toISOString(), postgresVersion, tables };
}

/**
 * reltuples when the table has been analyzed or vacuumed; the planner's estimate when it
 * never was (-1 from PG 14; 0 with a non-empty heap before); 0 for an empty heap.
 */
async function rowEstimate(client: Queryable, row: Row): Promise<number> {
  if (row.reltuples > 0 || (row.reltuples === 0 && row.heapBytes === 0)) return Math.round(row.reltuples);
  if (row.heapBytes === 0) return 0;
  const name = `${quoteIdent(row.schema)}.${quoteIdent(row.table)}`;
  const plan = (await client.query(`EXPLAIN (FORMAT JSON) SELECT 1 FROM ONLY ${name}`)).rows[0]?.['QUERY PLAN'];
  const parsed = typeof plan === 'string' ? JSON.parse(plan) : plan;
  const estimate = Number((parsed as Array<{ Plan?: { 'Plan Rows'?: number } }>)?.[0]?.Plan?.['Plan Rows']);
  return Number.isFinite(estimate) ? Math.round(estimate) : 0;
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * A client whose session cannot write: read-only by default for every transaction, set both
 * as a startup option and with SET (a pooler may drop startup options), then checked.
 */
export async function connectReadOnly(
  connectionString: string,
  options: { statementTimeoutMs?: number; lockTimeoutMs?: number } = {},
): Promise<pg.Client> {
  const statementTimeoutMs = options.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS;
  const lockTimeoutMs = options.lockTimeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS;
  const client = new pg.Client({
    connectionString,
    options: `-c default_transaction_read_only=on -c statement_timeout=${statementTimeoutMs} -c lock_timeout=${lockTimeoutMs}`,
    application_name: 'migration-review stats',
    connectionTimeoutMillis: 10_000,
  });
  await client.connect();
  try {
    await client.query('SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY');
    await client.query(`SET statement_timeout = ${Math.trunc(statementTimeoutMs)}`);
    await client.query(`SET lock_timeout = ${Math.trunc(lockTimeoutMs)}`);
    const readOnly = (await client.query('SHOW default_transaction_read_only')).rows[0]?.default_transaction_read_only;
    if (readOnly !== 'on') throw new Error('could not make the session read-only');
  } catch (error) {
    await client.end().catch(() => undefined);
    throw error;
  }
  return client;
}

/** Writes the snapshot as pretty JSON with a trailing newline (diff-friendly when committed). */
export async function writeStatsFile(file: string, snapshot: StatsSnapshot): Promise<void> {
  await mkdir(path.dirname(path.resolve(file)), { recursive: true });
  const sorted = Object.fromEntries(Object.entries(snapshot.tables).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  await writeFile(file, `${JSON.stringify({ ...snapshot, tables: sorted }, null, 2)}\n`, 'utf8');
}
