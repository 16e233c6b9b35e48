/**
 * Verification and pre-flight queries for one statement: the SQL a reviewer runs on a copy
 * of production data (DESIGN.md, "the review process" step 3).
 *
 * - `before` queries predict a failure (duplicates before a UNIQUE index, orphans before a
 *   FOREIGN KEY, NULLs before NOT NULL, rows violating a CHECK, values that will not fit a
 *   narrower type) or size the change (rows a DELETE removes, rows an UPDATE touches);
 * - `after` queries prove the result (index valid, constraint validated, backfill complete,
 *   new column type, row counts unchanged across a rewrite).
 *
 * Pure: AST and text in, SQL out. Every query is read-only, quotes identifiers like
 * `quote_ident`, and reuses the author's own expression text (there is no deparser); a query
 * that would need text it could not find is left out rather than guessed.
 */
import type { Node } from '@pgsql/types';
import type { VerificationQuery } from '../finding.js';
import { alterTableQueries } from './alter-table.js';
import { alterDomainQueries, clusterQueries, dropQueries, truncateQueries, vacuumQueries } from './drop.js';
import { deleteQueries, updateQueries } from './dml.js';
import { createIndexQueries, reindexQueries } from './index-stmt.js';
import type { Query } from './queries.js';
import { StatementSource, type StatementText } from './source.js';
import type { Rec } from './sql.js';

export interface VerifyOptions {
  /** Major server version (11..18): picks operators that exist there. */
  readonly postgresVersion: number;
  /**
   * Relations created earlier in the same migration. Before-queries on them are dropped:
   * the table does not exist on production yet and has no data to predict from.
   */
  readonly isNew?: (relation: string) => boolean;
}

/** Needs the parser loaded (`initParser()`); the analysis engine always has it. */
export function verificationQueries(stmt: StatementText, options: VerifyOptions): VerificationQuery[] {
  const { ast, source } = StatementSource.of(stmt);
  const [type, body] = Object.entries(ast)[0] as [string, Rec];
  let queries: Query[];
  switch (type) {
    case 'IndexStmt':
      queries = createIndexQueries(body, source);
      break;
    case 'ReindexStmt':
      queries = reindexQueries(body);
      break;
    case 'AlterTableStmt':
      queries = alterTableQueries(body, source, options.postgresVersion);
      break;
    case 'DeleteStmt':
      queries = deleteQueries(body, source);
      break;
    case 'UpdateStmt':
      queries = updateQueries(body, source);
      break;
    case 'DropStmt':
      queries = dropQueries(body);
      break;
    case 'TruncateStmt':
      queries = truncateQueries(body);
      break;
    case 'VacuumStmt':
      queries = vacuumQueries(body);
      break;
    case 'ClusterStmt':
      queries = clusterQueries(body);
      break;
    case 'AlterDomainStmt':
      queries = alterDomainQueries(body);
      break;
    default:
      queries = [];
  }
  const seen = new Set<string>();
  const out: VerificationQuery[] = [];
  for (const q of queries) {
    if (q.when === 'before' && q.table !== undefined && options.isNew?.(q.table)) continue;
    const key = `${q.when}\0${q.sql}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ when: q.when, title: q.title, sql: q.sql });
  }
  return out;
}
