/**
 * ADD CONSTRAINT: what makes it fail on existing rows, and its state afterwards.
 * UNIQUE / PRIMARY KEY: duplicate keys (and NULLs for a primary key); FOREIGN KEY: orphans;
 * CHECK: rows where the expression is false (NULL passes a CHECK, as `WHERE NOT (NULL)` skips
 * it); NOT NULL (PG 18 table constraint): NULLs; EXCLUDE: conflicting pairs.
 */
import {
  before,
  constraintState,
  duplicates,
  nullRows,
  type Query,
  SAMPLE_LIMIT,
} from './queries.js';
import { columnRefs, names, quoteIdent, quoteLiteral, type Rec, type RelationRef, regclass, relationName, relationSql } from './sql.js';
import type { StatementSource } from './source.js';

export interface ConstraintContext {
  readonly table: RelationRef;
  readonly source: StatementSource | undefined;
  readonly postgresVersion: number;
  /** Columns added earlier in the same statement: they do not exist before it runs. */
  readonly addedColumns: ReadonlySet<string>;
}

export function addConstraintQueries(c: Rec, ctx: ConstraintContext): Query[] {
  const { table } = ctx;
  const out: Query[] = [];
  const notValid = Boolean(c.skip_validation);
  // NOT ENFORCED (PG 18) never checks existing rows. The AST omits false booleans, so an
  // enforced CHECK / FOREIGN KEY carries `is_enforced: true` and a NOT ENFORCED one nothing.
  const enforced = c.contype !== 'CONSTR_CHECK' && c.contype !== 'CONSTR_FOREIGN' ? true : c.is_enforced === true;
  const keys = names(c.keys);
  const label = c.conname ? `\`${c.conname}\`` : 'the constraint';
  const touchesNew = (cols: Iterable<string>) => [...cols].some((col) => ctx.addedColumns.has(col));

  switch (c.contype) {
    case 'CONSTR_PRIMARY':
    case 'CONSTR_UNIQUE': {
      if (c.indexname || keys.length === 0 || touchesNew(keys)) break;
      if (c.contype === 'CONSTR_PRIMARY') out.push(nullRows(table, keys, 'a primary key column cannot hold NULL'));
      if (c.without_overlaps) {
        const overlap = overlapPairs(ctx, keys.map((k, i) => [k, i === keys.length - 1 ? '&&' : '=']), label);
        if (overlap) out.push(overlap);
      } else {
        out.push(
          duplicates(table, keys.map(quoteIdent), {
            nullsDistinct: c.contype === 'CONSTR_UNIQUE' && !c.nulls_not_distinct,
            what: c.contype === 'CONSTR_PRIMARY' ? 'the primary key' : label,
          }),
        );
      }
      break;
    }
    case 'CONSTR_FOREIGN': {
      const orphans = enforced ? orphanRows(c, ctx) : undefined;
      if (orphans) out.push(orphans);
      break;
    }
    case 'CONSTR_CHECK': {
      const expr = enforced ? checkExpression(c, ctx.source) : undefined;
      if (expr && !touchesNew(columnRefs(c.raw_expr))) {
        out.push(
          before(
            table,
            `Rows that violate ${label} (${notValid ? 'VALIDATE CONSTRAINT will fail' : 'the ALTER fails'} unless 0)`,
            `SELECT count(*) AS violating_rows FROM ${relationSql(table)} WHERE NOT (${expr})`,
          ),
        );
      }
      break;
    }
    case 'CONSTR_NOTNULL':
      if (keys.length && !touchesNew(keys)) out.push(nullRows(table, keys, notValid ? 'VALIDATE CONSTRAINT will fail unless 0' : 'the ALTER fails unless 0'));
      break;
    case 'CONSTR_EXCLUSION': {
      if (c.where_clause) break; // a partial exclusion would need the predicate on both sides
      const pairs: Array<[string, string]> = [];
      for (const item of (c.exclusions ?? []) as Rec[]) {
        const [elem, ops] = (item.List?.items ?? []) as Rec[];
        const column = elem?.IndexElem?.name as string | undefined;
        const op = names(ops?.List?.items);
        if (!column || op.length === 0) return [];
        pairs.push([column, op.length === 1 ? (op[0] as string) : `OPERATOR(${op.map((p, i) => (i < op.length - 1 ? quoteIdent(p) : p)).join('.')})`]);
      }
      const overlap = pairs.length ? overlapPairs(ctx, pairs, label) : undefined;
      if (overlap) out.push(overlap);
      break;
    }
    default:
      break;
  }
  const state = c.contype === 'CONSTR_NOTNULL' && ctx.postgresVersion < 18 ? undefined : constraintState(table, { name: c.conname, contype: c.contype, notValid });
  if (state) out.push(state);
  return out;
}

/** The text inside `CHECK ( ... )`, found from the constraint's own location. */
function checkExpression(c: Rec, source: StatementSource | undefined): string | undefined {
  if (!source || typeof c.location !== 'number' || c.location < 0) return undefined;
  const start = source.tokenAt(c.location);
  if (start < 0) return undefined;
  const depth = source.tokens[start]?.depth ?? 0;
  const check = source.findKeyword('CHECK', start, depth);
  if (check < 0 || source.tokens[check + 1]?.text !== '(') return undefined;
  return source.groupText(check + 1);
}

/**
 * Referencing rows with no referenced row. MATCH SIMPLE (the default) skips a row with any
 * NULL key column; MATCH FULL also rejects a row whose keys are partly NULL.
 * Without an explicit referenced column list the key is the parent's primary key, which
 * the text does not name: no query then (the reviewer can add NOT VALID + VALIDATE).
 */
function orphanRows(c: Rec, ctx: ConstraintContext): Query | undefined {
  const child = names(c.fk_attrs);
  const parentCols = names(c.pk_attrs);
  const parent = c.pktable as RelationRef | undefined;
  if (!parent?.relname || child.length === 0 || child.length !== parentCols.length) return undefined;
  if (child.some((col) => ctx.addedColumns.has(col))) return undefined;
  const ch = child.map((col) => `c.${quoteIdent(col)}`);
  const join = parentCols.map((col, i) => `p.${quoteIdent(col)} = ${ch[i]}`).join(' AND ');
  const allSet = ch.map((col) => `${col} IS NOT NULL`).join(' AND ');
  const missing = `p.${quoteIdent(parentCols[0] as string)} IS NULL`;
  const where =
    c.fk_matchtype === 'f' && ch.length > 1
      ? `(${allSet} AND ${missing}) OR num_nulls(${ch.join(', ')}) NOT IN (0, ${ch.length})`
      : `${missing} AND ${allSet}`;
  const sql =
    `SELECT ${ch.join(', ')}, count(*) AS orphan_rows FROM ${relationSql(ctx.table)} AS c LEFT JOIN ${relationSql(parent)} AS p ON ${join}` +
    ` WHERE ${where} GROUP BY ${ch.map((_, i) => i + 1).join(', ')} ORDER BY count(*) DESC LIMIT ${SAMPLE_LIMIT}`;
  const label = c.conname ? `\`${c.conname}\`` : 'the foreign key';
  return before(
    ctx.table,
    `Orphans: \`${relationName(ctx.table)}\` rows with no matching \`${relationName(parent)}\` row (${c.skip_validation ? 'VALIDATE CONSTRAINT' : 'adding'} ${label} fails unless there are none)`,
    sql,
  );
}

/**
 * Pairs of rows that conflict under an exclusion (or WITHOUT OVERLAPS) constraint: a
 * self-join, so run it on a copy for big tables. `tid < tid` exists from PG 14; before
 * that `<>` lists each pair twice.
 */
function overlapPairs(ctx: ConstraintContext, pairs: ReadonlyArray<readonly [string, string]>, label: string): Query | undefined {
  if (pairs.some(([col]) => ctx.addedColumns.has(col))) return undefined;
  const order = ctx.postgresVersion >= 14 ? '<' : '<>';
  const on = [`a.ctid ${order} b.ctid`, ...pairs.map(([col, op]) => `a.${quoteIdent(col)} ${op} b.${quoteIdent(col)}`)].join(' AND ');
  const sql = `SELECT a.ctid AS row_a, b.ctid AS row_b FROM ${relationSql(ctx.table)} AS a JOIN ${relationSql(ctx.table)} AS b ON ${on} LIMIT ${SAMPLE_LIMIT}`;
  return before(ctx.table, `Row pairs that conflict under ${label} (a self-join: run it on a copy of a big table; expect no rows)`, sql);
}

/** VALIDATE CONSTRAINT: its definition before (what will be checked), convalidated after. */
export function validateConstraintQueries(table: RelationRef, name: string): Query[] {
  const where = `conrelid = ${regclass(table)} AND conname = ${quoteLiteral(name)}`;
  return [
    before(
      table,
      `Definition of \`${name}\`: the rows that violate it make VALIDATE CONSTRAINT fail`,
      `SELECT conname, pg_get_constraintdef(oid) AS definition, convalidated FROM pg_constraint WHERE ${where}`,
    ),
    {
      when: 'after',
      title: `\`${name}\` is validated (convalidated = true)`,
      sql: `SELECT conname, convalidated FROM pg_constraint WHERE ${where}`,
    },
  ];
}
