/** Walks over parse-tree fragments: default-expression volatility and the relations a query reads. */
import type { Node } from '@pgsql/types';
import { nameParts, relationName } from './relation.js';

/**
 * Functions known not to be VOLATILE (immutable or stable), so a column default using only these
 * is evaluated once by ADD COLUMN (PG 11+ "fast default") instead of rewriting the table.
 * Anything else is treated as volatile: random(), clock_timestamp(), gen_random_uuid(),
 * nextval() and every user-defined function (CREATE FUNCTION defaults to VOLATILE) rewrite
 * (truth rows 008-011). now() and CURRENT_DATE do not (006, 007).
 */
const NON_VOLATILE_FUNCTIONS = new Set([
  'now', 'statement_timestamp', 'transaction_timestamp', 'current_setting', 'current_database', 'current_schema',
  'lower', 'upper', 'btrim', 'ltrim', 'rtrim', 'length', 'char_length', 'substr', 'substring', 'replace', 'concat',
  'concat_ws', 'format', 'split_part', 'left', 'right', 'md5', 'nullif', 'abs', 'round', 'floor', 'ceil', 'trunc',
  'date_trunc', 'date_part', 'extract', 'make_date', 'make_time', 'make_timestamp', 'make_timestamptz', 'make_interval',
  'to_char', 'to_date', 'to_timestamp', 'to_number', 'to_jsonb', 'to_json', 'jsonb_build_object', 'jsonb_build_array',
  'json_build_object', 'json_build_array', 'array_length', 'cardinality', 'timezone', 'int4', 'int8', 'numeric', 'text',
]);

/**
 * Calls `visit` on every keyed node (`{ Kind: {...} }`) below `value`, depth first. This runs
 * over every statement, including INSERTs with thousands of VALUES rows, so it avoids
 * per-key allocations and regular expressions.
 */
export function walk(value: unknown, visit: (kind: string, body: Record<string, unknown>) => void): void {
  if (value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (const v of value) walk(v, visit);
    return;
  }
  const node = value as Record<string, unknown>;
  for (const key in node) {
    if (key === 'location') continue;
    const child = node[key];
    if (child === null || typeof child !== 'object') continue;
    const first = key.charCodeAt(0);
    // Node kinds are the only capitalised keys (A_Const, SelectStmt, ...).
    if (first >= 65 && first <= 90 && !Array.isArray(child)) visit(key, child as Record<string, unknown>);
    walk(child, visit);
  }
}

/** The called function names (unqualified, lower case) in an expression. */
export function calledFunctions(expr: unknown): string[] {
  const out: string[] = [];
  walk(expr, (kind, body) => {
    if (kind === 'FuncCall') {
      const parts = nameParts(body['funcname'] as Node[] | undefined);
      const last = parts[parts.length - 1];
      if (last) out.push(last.toLowerCase());
    }
  });
  return out;
}

/** True when the expression calls a function that is (or may be) VOLATILE. */
export function isVolatile(expr: unknown): boolean {
  return calledFunctions(expr).some((f) => !NON_VOLATILE_FUNCTIONS.has(f));
}

/** A NULL literal default (`DEFAULT NULL`) is no default at all. */
export function isNullConstant(expr: Node | undefined): boolean {
  return !!expr && 'A_Const' in expr && expr.A_Const.isnull === true;
}

/** Sequences named by literal in nextval('s') / setval('s', n) / currval('s'). */
export function sequenceCalls(expr: unknown): Array<{ fn: string; sequence: string }> {
  const out: Array<{ fn: string; sequence: string }> = [];
  walk(expr, (kind, body) => {
    if (kind !== 'FuncCall') return;
    const parts = nameParts(body['funcname'] as Node[] | undefined);
    const fn = (parts[parts.length - 1] ?? '').toLowerCase();
    if (fn !== 'nextval' && fn !== 'setval' && fn !== 'currval') return;
    const first = (body['args'] as Node[] | undefined)?.[0];
    const literal = stringConstant(first);
    if (literal) out.push({ fn, sequence: literal });
  });
  return out;
}

function stringConstant(node: Node | undefined): string | undefined {
  if (!node) return undefined;
  if ('A_Const' in node) return node.A_Const.sval?.sval;
  if ('TypeCast' in node) return stringConstant(node.TypeCast.arg);
  return undefined;
}

/**
 * Relations a query reads, with the row-locking clause that applies (FOR UPDATE/SHARE): the
 * RangeVars below `query`, minus references to its CTEs.
 */
export function readRelations(query: unknown): Array<{ name: string; locked: boolean }> {
  const cteNames = new Set<string>();
  const selects: Record<string, unknown>[] = [];
  walk(query, (kind, body) => {
    if (kind === 'CommonTableExpr' && typeof body['ctename'] === 'string') cteNames.add(body['ctename']);
    else if (kind === 'SelectStmt') selects.push(body);
  });
  const out: Array<{ name: string; locked: boolean }> = [];
  const visitSelect = (select: Record<string, unknown>): void => {
    const locked = Array.isArray(select['lockingClause']) && select['lockingClause'].length > 0;
    walk(select['fromClause'], (kind, body) => {
      if (kind !== 'RangeVar') return;
      const rv = body as { schemaname?: string; relname?: string };
      if (!rv.schemaname && rv.relname && cteNames.has(rv.relname)) return;
      out.push({ name: relationName(rv), locked });
    });
  };
  for (const select of selects) visitSelect(select);
  // De-duplicate, keeping "locked" when any occurrence locks.
  const merged = new Map<string, boolean>();
  for (const r of out) merged.set(r.name, (merged.get(r.name) ?? false) || r.locked);
  return [...merged].map(([name, locked]) => ({ name, locked }));
}
