/**
 * DDL inside PL/pgSQL: a `DO` block runs its statements right where it stands, and a
 * function or procedure runs them whenever it is called (often by the next statement of
 * the migration). Both hide ALTER TABLE and CREATE INDEX from a linter that reads only
 * top-level statements (squawk#411), so their static SQL is parsed and checked too.
 * Dynamic `EXECUTE '...'` strings are not: their text is only known at run time.
 */
import type { Node } from '@pgsql/types';
import { parsePlpgsql, parseSql, type ParsedStatement } from '../parse.js';
import { byteLength } from '../source.js';

export type Container = 'DO block' | 'function body';

export interface NestedStatement extends ParsedStatement {
  readonly container: Container;
}

/** The container kind of a statement whose body is PL/pgSQL, or undefined. */
function containerOf(ast: Node): Container | undefined {
  const [type, body] = Object.entries(ast)[0] as [string, Record<string, any>];
  if (type === 'DoStmt') {
    const language = (body.args ?? []).find((a: any) => a?.DefElem?.defname === 'language')?.DefElem?.arg?.String?.sval;
    return !language || language === 'plpgsql' ? 'DO block' : undefined;
  }
  if (type === 'CreateFunctionStmt') {
    const language = (body.options ?? []).find((o: any) => o?.DefElem?.defname === 'language')?.DefElem?.arg?.String?.sval;
    return language === 'plpgsql' ? 'function body' : undefined;
  }
  return undefined;
}

const DDL_KEYWORDS = 'alter|create|drop|truncate|reindex|vacuum|cluster|lock|refresh|comment|grant|revoke';
const DDL_WORD = new RegExp(`\\b(?:${DDL_KEYWORDS})\\b`, 'i');
const FUNCTION_HEAD = /^\s*create\s+(?:or\s+replace\s+)?(?:function|procedure)\b/i;
const DDL_START = new RegExp(`^\\s*(?:${DDL_KEYWORDS})\\b`, 'i');

function collectQueries(node: unknown, out: string[]): void {
  if (Array.isArray(node)) {
    for (const item of node) collectQueries(item, out);
    return;
  }
  if (!node || typeof node !== 'object') return;
  for (const [key, value] of Object.entries(node)) {
    if (key === 'PLpgSQL_stmt_execsql') {
      const query = (value as any)?.sqlstmt?.PLpgSQL_expr?.query;
      if (typeof query === 'string') out.push(query);
      continue;
    }
    collectQueries(value, out);
  }
}

/**
 * The static SQL statements inside a DO block or PL/pgSQL function, with spans in the same
 * coordinates as `outer.span` (bytes of the text `outer` was parsed from).
 */
export function nestedStatements(outer: ParsedStatement): NestedStatement[] {
  const container = containerOf(outer.ast);
  if (!container) return [];
  // Most function bodies hold only queries: skip the PL/pgSQL parse unless DDL may be inside.
  if (container === 'function body' && !DDL_WORD.test(outer.text.replace(FUNCTION_HEAD, ''))) return [];
  const tree = parsePlpgsql(outer.text.endsWith(';') ? outer.text : `${outer.text};`);
  if (!tree) return [];
  const queries: string[] = [];
  collectQueries(tree, queries);
  const found: NestedStatement[] = [];
  let searchFrom = 0;
  for (const query of queries) {
    // PL/pgSQL keeps each statement's text verbatim from the body, so it is found in order.
    // A function body's queries run at call time, with rows we know nothing of: only its
    // schema changes are checked. A DO block runs here and now: all of it is.
    if (container === 'function body' && !DDL_START.test(query)) continue;
    const at = outer.text.indexOf(query, searchFrom);
    if (at < 0) continue;
    searchFrom = at + query.length;
    const parsed = parseSql(query);
    const base = outer.span.start + byteLength(outer.text.slice(0, at));
    for (const stmt of parsed.statements) {
      found.push({
        ast: stmt.ast,
        text: stmt.text,
        span: { start: base + stmt.span.start, end: base + stmt.span.end },
        locationBase: base + stmt.locationBase,
        container,
      });
    }
  }
  return found;
}
