import type { Span } from '../source.js';
import { identifierSpan, locatedAst, tokenSpanAt } from './lib/located.js';
import { defineRule, type StatementInfo } from './types.js';

interface RangeVarLike {
  readonly relname?: string;
  readonly schemaname?: string;
  readonly relpersistence?: string;
  readonly location?: number;
}

const DROPPED_RELATIONS = new Set(['OBJECT_TABLE', 'OBJECT_VIEW', 'OBJECT_MATVIEW', 'OBJECT_SEQUENCE', 'OBJECT_FOREIGN_TABLE']);

/** Unqualified relation names in the statement: RangeVars (minus CTE names and temp tables) and DROPped relations. */
function unqualified(stmt: StatementInfo): { name: string; span?: Span }[] {
  const ast = locatedAst(stmt);
  const ctes = new Set<string>();
  const found: { name: string; location?: number }[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (!value || typeof value !== 'object') return;
    const node = value as Record<string, unknown> & RangeVarLike & { ctename?: string };
    if (typeof node.ctename === 'string') ctes.add(node.ctename);
    // A RangeVar: it alone has relname together with relpersistence.
    if (typeof node.relname === 'string' && typeof node.relpersistence === 'string') {
      if (!node.schemaname && node.relpersistence !== 't') found.push({ name: node.relname, location: node.location });
    }
    Object.values(node).forEach(visit);
  };
  visit(ast);
  if ('DropStmt' in ast && DROPPED_RELATIONS.has(ast.DropStmt.removeType ?? '')) {
    for (const object of ast.DropStmt.objects ?? []) {
      const items = 'List' in object ? (object.List.items ?? []) : [];
      const only = items.length === 1 && items[0] && 'String' in items[0] ? items[0].String.sval : undefined;
      if (only) found.push({ name: only });
    }
  }
  const seen = new Set<string>();
  return found
    .filter((f) => !ctes.has(f.name) && !seen.has(f.name) && seen.add(f.name))
    .map((f) => {
      const span = tokenSpanAt(stmt, f.location) ?? identifierSpan(stmt, f.name);
      return span ? { name: f.name, span } : { name: f.name };
    });
}

/**
 * An unqualified name resolves through search_path, which differs between the migration runner,
 * psql sessions, poolers and roles: the same migration can create or alter a table in another
 * schema. Opt-in (squawk's require-schema-qualified... family is opt-in too): most apps live in
 * `public` on purpose. A file that sets search_path itself is deterministic and not reported.
 */
export default defineRule({
  id: 'require-qualified-table-name',
  meta: {
    summary: 'Table names without a schema depend on search_path (opt-in)',
    severity: 'warning',
    optIn: true,
    messages: {
      unqualifiedTable:
        '`{{table}}` has no schema: it resolves through search_path, which can differ between the migration runner, roles and sessions, so this may act on a table in another schema. Write `<schema>.{{table}}`.',
    },
  },
  check(stmt, ctx) {
    const setsSearchPath = ctx.previous.some((p) => 'VariableSetStmt' in p.ast && p.ast.VariableSetStmt.name === 'search_path');
    if (setsSearchPath) return [];
    return unqualified(stmt).map((u) => ctx.report('unqualifiedTable', { table: u.name }, u.span ? { span: u.span } : {}));
  },
});
