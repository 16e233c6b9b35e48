/** DROP TABLE, TRUNCATE, VACUUM FULL / CLUSTER and domain constraints. */
import { before, type Query, rowCountPair } from './queries.js';
import { names, quoteLiteral, type Rec, type RelationRef, relationFromNames, relationName, relationSql } from './sql.js';

/** Rows a DROP TABLE destroys: the number to acknowledge as data loss. IF EXISTS is skipped (the table may be gone). */
export function dropQueries(stmt: Rec): Query[] {
  if (stmt.removeType !== 'OBJECT_TABLE' || stmt.missing_ok) return [];
  const out: Query[] = [];
  for (const object of (stmt.objects ?? []) as Rec[]) {
    const table = relationFromNames(names(object.List?.items));
    if (table) out.push(lostRows(table, 'DROP TABLE'));
  }
  return out;
}

export function truncateQueries(stmt: Rec): Query[] {
  return ((stmt.relations ?? []) as Rec[])
    .map((r) => r.RangeVar as RelationRef | undefined)
    .filter((rv): rv is RelationRef => Boolean(rv?.relname))
    .map((rv) => lostRows(rv, `TRUNCATE${stmt.behavior === 'DROP_CASCADE' ? ' (CASCADE empties every table referencing it too)' : ''}`));
}

function lostRows(table: RelationRef, what: string): Query {
  return before(table, `Rows in \`${relationName(table)}\` that ${what} deletes`, `SELECT count(*) AS rows_lost FROM ${relationSql(table)}`);
}

/** VACUUM FULL and CLUSTER copy the table: its row count must not change. */
export function vacuumQueries(stmt: Rec): Query[] {
  const full = ((stmt.options ?? []) as Rec[]).some((o) => o.DefElem?.defname === 'full');
  if (!full || !stmt.is_vacuumcmd) return [];
  return relationsOf(stmt.rels).flatMap((rv) => rowCountPair(rv, 'VACUUM FULL rewrites it'));
}

export function clusterQueries(stmt: Rec): Query[] {
  const rv = stmt.relation as RelationRef | undefined;
  return rv?.relname ? rowCountPair(rv, 'CLUSTER rewrites it') : [];
}

function relationsOf(rels: unknown): RelationRef[] {
  if (!Array.isArray(rels)) return [];
  return rels.map((r: Rec) => r.VacuumRelation?.relation as RelationRef | undefined).filter((rv): rv is RelationRef => Boolean(rv?.relname));
}

/**
 * ALTER DOMAIN ... ADD CONSTRAINT / SET NOT NULL checks every column of the domain type in
 * every table; which columns those are is a catalog question, so list them.
 */
export function alterDomainQueries(stmt: Rec): Query[] {
  if (stmt.subtype !== 'C' && stmt.subtype !== 'N') return [];
  if (stmt.subtype === 'C' && stmt.def?.Constraint?.skip_validation) return [];
  const domain = names(stmt.typeName);
  if (domain.length === 0) return [];
  const literal = quoteLiteral(domain.map((p) => (/^[a-z_][a-z0-9_$]*$/.test(p) ? p : `"${p.replace(/"/g, '""')}"`)).join('.'));
  return [
    before(
      undefined,
      `Columns of domain \`${domain.join('.')}\`: each is scanned, and one violating value fails the ALTER DOMAIN`,
      `SELECT a.attrelid::regclass AS relation, a.attname AS column_name FROM pg_attribute a WHERE a.atttypid = ${literal}::regtype AND a.attnum > 0 AND NOT a.attisdropped`,
    ),
  ];
}
