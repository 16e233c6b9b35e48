/**
 * The query shapes shared by several statement kinds. Each takes already-quoted SQL
 * fragments and returns one VerificationQuery; the `table` it names lets the caller drop
 * before-queries on a table the migration itself creates (it has no production data).
 */
import type { VerificationQuery } from '../finding.js';
import { quoteIdent, quoteLiteral, regclass, type RelationRef, relationName, relationSql } from './sql.js';

export interface Query extends VerificationQuery {
  /** The table whose data the query reads, unquoted as the statement named it. */
  readonly table?: string;
}

/** Cap on listed rows: enough to see the pattern, small enough for a PR comment. */
export const SAMPLE_LIMIT = 20;

export function before(table: RelationRef | undefined, title: string, sql: string): Query {
  return { when: 'before', title, sql, ...(table ? { table: relationName(table) } : {}) };
}

export function after(title: string, sql: string): Query {
  return { when: 'after', title, sql };
}

/**
 * Key values that occur more than once. Under the default NULLS DISTINCT a row with a NULL
 * in any key column never conflicts, so those rows are left out; with NULLS NOT DISTINCT
 * (PG 15+) or a primary key (NULLs fail on their own) GROUP BY's NULL grouping is right.
 */
export function duplicates(
  table: RelationRef,
  keys: readonly string[],
  options: { nullsDistinct: boolean; where?: string; what: string },
): Query {
  const conditions = [
    ...(options.nullsDistinct ? keys.map((k) => `${k} IS NOT NULL`) : []),
    ...(options.where ? [`(${options.where})`] : []),
  ];
  const ordinals = keys.map((_, i) => String(i + 1)).join(', ');
  const sql =
    `SELECT ${keys.join(', ')}, count(*) AS duplicate_rows FROM ${relationSql(table)}` +
    (conditions.length ? ` WHERE ${conditions.join(' AND ')}` : '') +
    ` GROUP BY ${ordinals} HAVING count(*) > 1 ORDER BY count(*) DESC LIMIT ${SAMPLE_LIMIT}`;
  return before(table, `Duplicate keys that would make ${options.what} fail (expect no rows)`, sql);
}

export function nullRows(table: RelationRef, columns: readonly string[], why: string): Query {
  const sql = `SELECT count(*) AS null_rows FROM ${relationSql(table)} WHERE ${columns.map((c) => `${quoteIdent(c)} IS NULL`).join(' OR ')}`;
  return before(table, `Rows with NULL in ${columns.map((c) => `\`${c}\``).join(', ')}: ${why} (expect 0)`, sql);
}

export function rowCount(table: RelationRef, when: 'before' | 'after', what: string): Query {
  const sql = `SELECT count(*) AS row_count FROM ${relationSql(table)}`;
  return when === 'before'
    ? before(table, `Row count of \`${relationName(table)}\` before ${what} (compare with the count after)`, sql)
    : after(`Row count of \`${relationName(table)}\` after ${what} (must equal the count before)`, sql);
}

/** Both halves of "row counts unchanged across a rewrite". */
export function rowCountPair(table: RelationRef, what: string): Query[] {
  return [rowCount(table, 'before', what), rowCount(table, 'after', what)];
}

export function columnType(table: RelationRef, column: string, expected: string): Query {
  return after(
    `\`${relationName(table)}.${column}\` has the type ${expected}`,
    `SELECT format_type(atttypid, atttypmod) AS type, attnotnull FROM pg_attribute WHERE attrelid = ${regclass(table)} AND attname = ${quoteLiteral(column)} AND NOT attisdropped`,
  );
}

export function notNullSet(table: RelationRef, column: string): Query {
  return after(
    `\`${relationName(table)}.${column}\` is NOT NULL (attnotnull = true)`,
    `SELECT attname, attnotnull FROM pg_attribute WHERE attrelid = ${regclass(table)} AND attname = ${quoteLiteral(column)} AND NOT attisdropped`,
  );
}

const CONTYPE: Readonly<Record<string, string>> = {
  CONSTR_PRIMARY: 'p',
  CONSTR_UNIQUE: 'u',
  CONSTR_FOREIGN: 'f',
  CONSTR_CHECK: 'c',
  CONSTR_EXCLUSION: 'x',
  CONSTR_NOTNULL: 'n',
};

/** The constraint exists and whether it is validated (`pg_constraint.convalidated`). */
export function constraintState(table: RelationRef, constraint: { name?: string; contype?: string; notValid: boolean }): Query | undefined {
  const letter = constraint.contype ? CONTYPE[constraint.contype] : undefined;
  const filter = constraint.name ? `conname = ${quoteLiteral(constraint.name)}` : letter ? `contype = ${quoteLiteral(letter)}` : undefined;
  if (!filter) return undefined;
  const label = constraint.name ? `\`${constraint.name}\`` : `the new ${letter === 'p' ? 'primary key' : 'constraint'}`;
  const title = constraint.notValid
    ? `${label} exists; NOT VALID, so convalidated stays false until VALIDATE CONSTRAINT`
    : `${label} exists and is validated (convalidated = true)`;
  return after(
    title,
    `SELECT conname, contype, convalidated FROM pg_constraint WHERE conrelid = ${regclass(table)} AND ${filter}`,
  );
}

/** Indexes of a table that are not valid or not ready: a failed CONCURRENTLY build leaves one. */
export function invalidIndexesOn(table: RelationRef): Query {
  return after(
    `No invalid index left on \`${relationName(table)}\` (a failed concurrent build leaves one behind: drop it and retry; expect no rows)`,
    `SELECT indexrelid::regclass AS index_name, indisvalid, indisready FROM pg_index WHERE indrelid = ${regclass(table)} AND NOT (indisvalid AND indisready)`,
  );
}

export function indexValid(index: RelationRef): Query {
  return after(
    `\`${relationName(index)}\` is valid and ready (indisvalid and indisready; a failed CONCURRENTLY build leaves it invalid)`,
    `SELECT indexrelid::regclass AS index_name, indisvalid, indisready FROM pg_index WHERE indexrelid = ${regclass(index)}`,
  );
}
