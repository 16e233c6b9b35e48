/**
 * UPDATE and DELETE: how many rows they touch, counted with the statement's own WHERE.
 *
 * The count runs `SELECT count(*) FROM <target> [, <FROM/USING list>] WHERE <same where>`.
 * With a FROM/USING list a target row can match several joined rows, so rows are counted by
 * (tableoid, ctid), which is unique across partitions. A WITH clause is kept only when
 * every CTE is a plain SELECT without FOR UPDATE/SHARE: a data-modifying CTE would run its
 * change even inside a SELECT, and a locking one would take row locks.
 */
import { after, before, type Query } from './queries.js';
import { names, quoteIdent, type Rec, type RelationRef, relationName, relationSql } from './sql.js';
import type { StatementSource } from './source.js';

interface DmlParts {
  readonly target: string;
  readonly alias: string;
  readonly extra?: string;
  readonly where?: string;
  readonly withClause?: string;
}

export function deleteQueries(stmt: Rec, source: StatementSource | undefined): Query[] {
  const table = stmt.relation as RelationRef | undefined;
  const parts = table?.relname ? dmlParts(stmt, table, source, 'USING', stmt.usingClause) : undefined;
  if (!table || !parts) return [];
  const sql = countSql(parts);
  const out: Query[] = [before(table, `Rows this DELETE removes from \`${relationName(table)}\` (compare with what you expect; ON DELETE CASCADE removes more elsewhere)`, sql)];
  out.push(after(`Rows still matching the DELETE's condition (expect 0)`, sql));
  return out;
}

export function updateQueries(stmt: Rec, source: StatementSource | undefined): Query[] {
  const table = stmt.relation as RelationRef | undefined;
  const parts = table?.relname ? dmlParts(stmt, table, source, 'FROM', stmt.fromClause) : undefined;
  if (!table || !parts) return [];
  const out: Query[] = [before(table, `Rows this UPDATE touches in \`${relationName(table)}\` (each is locked and rewritten)`, countSql(parts))];
  // A backfill: every row (no WHERE), or the rows where the column is still NULL.
  const nullTested = nullTestedColumns(stmt.whereClause);
  for (const target of (stmt.targetList ?? []) as Rec[]) {
    const column = target.ResTarget?.name as string | undefined;
    const value = target.ResTarget?.val as Rec | undefined;
    if (!column || value?.A_Const?.isnull) continue;
    if (stmt.whereClause && !nullTested.has(column)) continue;
    out.push(
      after(
        `Rows where \`${column}\` is still NULL after the backfill (expect 0 once every batch has run)`,
        `SELECT count(*) AS null_rows FROM ${relationSql(table)} WHERE ${quoteIdent(column)} IS NULL`,
      ),
    );
  }
  return out;
}

function countSql(parts: DmlParts): string {
  const counted = parts.extra ? `count(DISTINCT (${parts.alias}.tableoid, ${parts.alias}.ctid))` : 'count(*)';
  return (
    (parts.withClause ? `${parts.withClause} ` : '') +
    `SELECT ${counted} AS affected_rows FROM ${parts.target}` +
    (parts.extra ? `, ${parts.extra}` : '') +
    (parts.where ? ` WHERE ${parts.where}` : '')
  );
}

function dmlParts(stmt: Rec, table: RelationRef & Rec, source: StatementSource | undefined, listKeyword: 'USING' | 'FROM', list: unknown): DmlParts | undefined {
  const hasList = Array.isArray(list) && list.length > 0;
  const needsText = hasList || stmt.whereClause || stmt.withClause;
  if (needsText && !source) return undefined;
  const aliasName = table.alias?.aliasname as string | undefined;
  // `inh` is omitted (false) for ONLY: the AST leaves out false booleans.
  const target = `${table.inh ? '' : 'ONLY '}${relationSql(table)}${aliasName ? ` AS ${quoteIdent(aliasName)}` : ''}`;
  const alias = aliasName ? quoteIdent(aliasName) : relationSql(table);
  if (!source) return { target, alias };
  const stops = ['WHERE', 'RETURNING'];
  let extra: string | undefined;
  if (hasList) {
    // UPDATE: the FROM after SET; DELETE: USING. Both at depth 0, after the target.
    const set = listKeyword === 'FROM' ? source.findKeyword('SET') : 0;
    const at = source.findKeyword(listKeyword, Math.max(set, 0) + 1);
    if (at < 0) return undefined;
    extra = source.sliceUntil(at + 1, stops);
  }
  let where: string | undefined;
  if (stmt.whereClause) {
    if (stmt.whereClause.CurrentOfExpr) return undefined; // WHERE CURRENT OF names a cursor
    const at = source.findKeyword('WHERE');
    if (at < 0) return undefined;
    where = source.sliceUntil(at + 1, ['RETURNING']);
  }
  let withClause: string | undefined;
  if (stmt.withClause) {
    if (!plainCtes(stmt.withClause as Rec)) return undefined;
    const verb = source.findKeyword(listKeyword === 'FROM' ? 'UPDATE' : 'DELETE', 1);
    if (verb < 1) return undefined;
    withClause = source.sliceTokens(0, verb - 1);
  }
  return { target, alias, ...(extra ? { extra } : {}), ...(where ? { where } : {}), ...(withClause ? { withClause } : {}) };
}

function plainCtes(withClause: Rec): boolean {
  return ((withClause.ctes ?? []) as Rec[]).every((cte) => {
    const query = cte.CommonTableExpr?.ctequery as Rec | undefined;
    return query?.SelectStmt && !JSON.stringify(query).includes('"lockingClause"');
  });
}

/** Columns tested with `IS NULL` anywhere in the WHERE. */
function nullTestedColumns(node: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(node)) node.forEach((n) => nullTestedColumns(n, out));
  else if (node && typeof node === 'object') {
    const rec = node as Rec;
    if (rec.NullTest?.nulltesttype === 'IS_NULL' && rec.NullTest.arg?.ColumnRef) {
      const fields = names(rec.NullTest.arg.ColumnRef.fields);
      const last = fields[fields.length - 1];
      if (last) out.add(last);
    }
    Object.values(rec).forEach((v) => nullTestedColumns(v, out));
  }
  return out;
}
