/**
 * `stats` against the real server at 127.0.0.1:5432 (CI starts it): a scratch schema with
 * known tables, ANALYZE, collect, compare; the schema is dropped afterwards.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { collectStats, connectReadOnly, type StatsSnapshot } from '../../src/shadow/stats.js';
import { runStatsCommand } from '../../src/cli/stats.js';
import { parseStatsSnapshot } from '../../src/config/schema.js';

const URL = process.env.MIGRATION_REVIEW_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const SCHEMA = `mr_stats_${process.pid}`;

let admin: pg.Client;
let snapshot: StatsSnapshot;

beforeAll(async () => {
  admin = new pg.Client({ connectionString: URL, connectionTimeoutMillis: 5_000 });
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(
      `PostgreSQL is not reachable at ${URL} (${(error as Error).message}). These tests need the local server: ` +
        'start it with `pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start`.',
    );
  }
  await admin.query(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`);
  await admin.query(`CREATE SCHEMA ${SCHEMA}`);
  await admin.query(`SET search_path = ${SCHEMA}`);
  await admin.query(`CREATE TABLE big (id int PRIMARY KEY, payload text)`);
  await admin.query(`INSERT INTO big SELECT g, repeat('x', 100) FROM generate_series(1, 20000) g`);
  await admin.query(`CREATE TABLE empty_t (id int)`);
  await admin.query(`CREATE TABLE "Mixed Case" (id int)`);
  await admin.query(`INSERT INTO "Mixed Case" SELECT generate_series(1, 500)`);
  await admin.query(`CREATE TABLE never_analyzed (id int, v int)`);
  await admin.query(`INSERT INTO never_analyzed SELECT g, g FROM generate_series(1, 3000) g`);
  await admin.query(`CREATE TABLE events (id int, at date NOT NULL) PARTITION BY RANGE (at)`);
  await admin.query(`CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')`);
  await admin.query(`CREATE TABLE events_2025 PARTITION OF events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')`);
  await admin.query(`INSERT INTO events SELECT g, date '2024-01-01' + (g % 300) FROM generate_series(1, 1000) g`);
  await admin.query(`INSERT INTO events SELECT g, date '2025-01-01' + (g % 300) FROM generate_series(1, 2000) g`);
  for (const t of ['big', 'empty_t', '"Mixed Case"', 'events_2024', 'events_2025']) await admin.query(`ANALYZE ${t}`);

  const client = await connectReadOnly(URL, { statementTimeoutMs: 10_000 });
  try {
    snapshot = await collectStats(client, { now: new Date('2026-01-02T03:04:05Z') });
  } finally {
    await client.end();
  }
}, 60_000);

afterAll(async () => {
  if (!admin) return;
  await admin.query(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`).catch(() => undefined);
  await admin.end().catch(() => undefined);
});

const t = (name: string) => snapshot.tables[`${SCHEMA}.${name}`];

describe('collectStats', () => {
  it('reads reltuples, relpages and the total size of analyzed tables', () => {
    expect(snapshot.generatedAt).toBe('2026-01-02T03:04:05.000Z');
    expect(snapshot.postgresVersion).toBeGreaterThanOrEqual(12);
    const big = t('big');
    expect(big?.rows).toBe(20000);
    expect(big?.pages).toBeGreaterThan(100);
    // heap + primary key index: more than the heap pages alone
    expect(big?.totalBytes).toBeGreaterThan((big?.pages ?? 0) * 8192);
    expect(t('empty_t')).toEqual({ rows: 0, pages: 0, totalBytes: 0 });
    expect(t('Mixed Case')?.rows).toBe(500);
  });

  it('estimates a never-analyzed table with the planner instead of reporting -1', () => {
    const never = t('never_analyzed');
    expect(never?.rows).toBeGreaterThan(1000);
    expect(never?.rows).toBeLessThan(30000);
    expect(never?.totalBytes).toBeGreaterThan(0);
  });

  it('sums a partitioned table over its partitions and lists the partitions too', () => {
    expect(t('events_2024')?.rows).toBe(1000);
    expect(t('events_2025')?.rows).toBe(2000);
    expect(t('events')?.rows).toBe(3000);
    expect(t('events')?.totalBytes).toBe((t('events_2024')?.totalBytes ?? 0) + (t('events_2025')?.totalBytes ?? 0));
  });

  it('leaves out system schemas', () => {
    expect(Object.keys(snapshot.tables).some((k) => /^(pg_|information_schema\.)/.test(k))).toBe(false);
  });
});

describe('connectReadOnly', () => {
  it('refuses writes (SQLSTATE 25006)', async () => {
    const client = await connectReadOnly(URL);
    try {
      await expect(client.query(`CREATE TABLE ${SCHEMA}.nope (id int)`)).rejects.toMatchObject({ code: '25006' });
      const timeout = await client.query('SHOW statement_timeout');
      expect(timeout.rows[0]?.statement_timeout).toBe('30s');
    } finally {
      await client.end();
    }
  });
});

describe('runStatsCommand', () => {
  it('writes a snapshot the config loader accepts', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'mr-stats-'));
    try {
      const file = path.join(dir, 'nested', 'stats.json');
      const out: string[] = [];
      const code = await runStatsCommand(['--database-url', URL, '--output', file], { stdout: (s) => out.push(s), stderr: (s) => out.push(s) });
      expect(code).toBe(0);
      expect(out.join('')).toMatch(/^Wrote statistics of \d+ tables \(PostgreSQL \d+\) to /);
      const parsed = parseStatsSnapshot(JSON.parse(await readFile(file, 'utf8')), file);
      expect(parsed.tables[`${SCHEMA}.big`]?.rows).toBe(20000);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('usage errors exit 2, connection errors exit 1 without echoing the URL', async () => {
    const err: string[] = [];
    const io = { stdout: () => undefined, stderr: (s: string) => err.push(s) };
    expect(await runStatsCommand([], io)).toBe(2);
    expect(err.join('')).toContain('--database-url is required');
    err.length = 0;
    expect(await runStatsCommand(['--database-url=postgres://u:secret@127.0.0.1:1/x'], io)).toBe(1);
    expect(err.join('')).not.toContain('secret');
  });
});
