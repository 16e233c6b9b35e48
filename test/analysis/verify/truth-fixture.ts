/**
 * Statements from ../shared/truth (read by path, never copied) and a PGlite loaded with its
 * fixture, as the truth runner (`run_pglite.mjs`) loads it: contrib extensions registered up
 * front, fixture executed, VACUUM ANALYZE, tablespace `gt_space` created by hand.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { citext } from '@electric-sql/pglite/contrib/citext';
import { hstore } from '@electric-sql/pglite/contrib/hstore';
import { pgcrypto } from '@electric-sql/pglite/contrib/pgcrypto';
import { uuid_ossp } from '@electric-sql/pglite/contrib/uuid_ossp';

const here = path.dirname(fileURLToPath(import.meta.url));
export const TRUTH_DIR = path.resolve(here, '../../../../shared/truth');

export interface TruthStatement {
  readonly id: string;
  readonly sql: string;
  readonly setup: readonly string[];
  readonly session: readonly string[];
}

/** Parses the `-- key: value` header the same way the truth runner's lib.mjs does. */
export function loadTruthStatements(): TruthStatement[] {
  const dir = path.join(TRUTH_DIR, 'statements');
  return fs
    .readdirSync(dir)
    .filter((f) => /^\d+\.sql$/.test(f))
    .sort()
    .map((f) => {
      const lines = fs.readFileSync(path.join(dir, f), 'utf8').split('\n');
      const setup: string[] = [];
      const session: string[] = [];
      let i = 0;
      for (; i < lines.length; i++) {
        const m = /^-- (\w+): (.*)$/.exec(lines[i] as string);
        if (!m) break;
        if (m[1] === 'setup') setup.push(m[2] as string);
        if (m[1] === 'session') session.push(m[2] as string);
      }
      return { id: f.replace('.sql', ''), sql: lines.slice(i).join('\n').trim(), setup, session };
    });
}

const extensions = { btree_gist, pg_trgm, citext, hstore, pgcrypto, uuid_ossp };

export async function fixtureDump(): Promise<File | Blob> {
  const db = new PGlite({ extensions });
  await db.exec(fs.readFileSync(path.join(TRUTH_DIR, 'fixture.sql'), 'utf8'));
  await db.exec('VACUUM ANALYZE');
  const dump = await db.dumpDataDir('none');
  await db.close();
  return dump;
}

export async function freshFixture(dump: File | Blob): Promise<PGlite> {
  const db = new PGlite({ loadDataDir: dump, extensions });
  await db.waitReady;
  const fsApi = (db as unknown as { Module: { FS: { mkdir(p: string): void } } }).Module.FS;
  fsApi.mkdir('/pglite/gt_space');
  await db.exec("CREATE TABLESPACE gt_space LOCATION '/pglite/gt_space'");
  return db;
}
