import type { Node } from '@pgsql/types';
import { relationName } from '../locks/index.js';
import { defineRule, lockOn } from './types.js';

const CONSTANT = new Set(['A_Const', 'ParamRef', 'TypeCast']);

function kindOf(node: Node | undefined): string {
  return node ? (Object.keys(node)[0] ?? '') : '';
}

/** `col = const`, `col IN (consts)`, or an AND holding one: a point change to a few rows, not a backfill. */
function isPointLookup(where: Node): boolean {
  if ('BoolExpr' in where) return where.BoolExpr.boolop === 'AND_EXPR' && (where.BoolExpr.args ?? []).some(isPointLookup);
  if (!('A_Expr' in where)) return false;
  const { kind, name, lexpr, rexpr } = where.A_Expr;
  const op = name?.[0] && 'String' in name[0] ? name[0].String.sval : '';
  if (kind === 'AEXPR_OP' && op === '=') {
    return (kindOf(lexpr) === 'ColumnRef' && CONSTANT.has(kindOf(rexpr))) || (kindOf(rexpr) === 'ColumnRef' && CONSTANT.has(kindOf(lexpr)));
  }
  if (kind === 'AEXPR_IN' && op === '=' && rexpr && 'List' in rexpr) return (rexpr.List.items ?? []).every((i) => CONSTANT.has(kindOf(i)));
  return false;
}

/** A bounded batch: `id BETWEEN a AND b`, `id >= a AND id < b`, or a subquery with LIMIT (`id IN (SELECT ... LIMIT n)`). */
function isBatched(where: Node): boolean {
  let limited = false;
  const bounds = new Map<string, Set<'low' | 'high'>>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (!value || typeof value !== 'object') return;
    const node = value as Record<string, any>;
    if (node.SelectStmt?.limitCount) limited = true;
    const expr = node.A_Expr;
    if (expr?.kind === 'AEXPR_BETWEEN') limited = true;
    if (expr?.kind === 'AEXPR_OP' && expr.lexpr?.ColumnRef) {
      const op = expr.name?.[0]?.String?.sval as string | undefined;
      const column = JSON.stringify(expr.lexpr.ColumnRef.fields);
      const side = op === '>' || op === '>=' ? 'low' : op === '<' || op === '<=' ? 'high' : undefined;
      if (side) bounds.set(column, (bounds.get(column) ?? new Set()).add(side));
    }
    Object.values(node).forEach(visit);
  };
  visit(where);
  return limited || [...bounds.values()].some((sides) => sides.size === 2);
}

/**
 * One UPDATE or DELETE over a whole table is one transaction: every row it touches stays locked
 * until it commits (concurrent writes to those rows wait), dead tuples pile up that VACUUM cannot
 * remove until it ends, and the WAL burst can lag replicas. Batches by primary-key range, each
 * committed, keep every lock short. Size-aware: a known small table drops to info.
 */
export default defineRule({
  id: 'prefer-batched-backfill',
  meta: {
    summary: 'UPDATE/DELETE over a whole existing table in one transaction instead of in batches',
    severity: 'warning',
    sizeAware: true,
    messages: {
      noWhere:
        'This {{verb}} without WHERE touches every row of `{{table}}` in one transaction: each row stays locked until it commits (concurrent writes to them wait), and VACUUM cannot clean up behind it. Backfill in batches by primary-key range, committing each.',
      unbatched:
        'This {{verb}} changes every matching row of `{{table}}` in one transaction: each row stays locked until it commits (concurrent writes to them wait), and VACUUM cannot clean up behind it. Backfill in batches by primary-key range, committing each.',
    },
    recipe: [
      'Run batches outside the migration transaction (or from a job), each committed on its own:',
      '```sql',
      "UPDATE <table> SET <column> = <value> WHERE id >= 1 AND id < 10001 AND <column> IS NULL;",
      "UPDATE <table> SET <column> = <value> WHERE id >= 10001 AND id < 20001 AND <column> IS NULL;",
      '-- ... up to max(id); or, in a loop until it reports 0 rows:',
      'DELETE FROM <table> WHERE id IN (SELECT id FROM <table> WHERE <condition> ORDER BY id LIMIT 10000);',
      '```',
    ].join('\n'),
  },
  check(stmt, ctx) {
    const body = 'UpdateStmt' in stmt.ast ? stmt.ast.UpdateStmt : 'DeleteStmt' in stmt.ast ? stmt.ast.DeleteStmt : undefined;
    if (!body?.relation) return [];
    const table = relationName(body.relation);
    // A table created in this migration is empty.
    if (ctx.isNew(table)) return [];
    const verb = 'UpdateStmt' in stmt.ast ? 'UPDATE' : 'DELETE';
    const where = body.whereClause;
    if (where && (isPointLookup(where) || isBatched(where))) return [];
    const lock = lockOn(stmt, table);
    return [ctx.report(where ? 'unbatched' : 'noWhere', { verb, table }, { table, ...(lock ? { lock } : {}) })];
  },
});
