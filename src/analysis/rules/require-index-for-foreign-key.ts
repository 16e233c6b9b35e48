import type { Constraint, Node } from '@pgsql/types';
import { relationName, relationKey } from '../locks/index.js';
import { defineRule, type StatementInfo } from './types.js';

function strings(nodes: readonly Node[] | undefined): string[] {
  return (nodes ?? []).flatMap((n) => ('String' in n ? [n.String.sval ?? ''] : []));
}

interface Keyed {
  readonly table: string;
  readonly columns: readonly string[];
  readonly parent?: string;
}

/**
 * PostgreSQL indexes the referenced side of a foreign key (it must be unique), never the
 * referencing side. Without an index whose leading columns are the FK columns, every DELETE on the
 * parent, and every update of its key, scans the child for referencing rows, under the row locks
 * of that transaction. Without the live schema the rule looks for such an index (CREATE INDEX,
 * PRIMARY KEY, UNIQUE) anywhere in the same migration.
 */
export default defineRule({
  id: 'require-index-for-foreign-key',
  meta: {
    summary: 'A foreign key whose referencing columns have no index',
    severity: 'warning',
    messages: {
      missingIndex:
        'No index on `{{table}} ({{columns}})` is created in this migration: every DELETE on `{{parent}}`, and every change of its key, has to scan `{{table}}` for referencing rows. Create one (CONCURRENTLY on an existing table), unless it already exists.',
    },
    recipe: ['```sql', 'CREATE INDEX CONCURRENTLY IF NOT EXISTS <table>_<column>_idx ON <table> (<column>);', '```'].join('\n'),
  },
  check(stmt, ctx) {
    const fks = foreignKeys(stmt);
    if (fks.length === 0) return [];
    const indexes = [...ctx.previous, stmt, ...ctx.following].flatMap(indexedColumns);
    return fks
      .filter((fk) => !indexes.some((ix) => relationKey(ix.table) === relationKey(fk.table) && covers(ix.columns, fk.columns)))
      .map((fk) => ctx.report('missingIndex', { table: fk.table, columns: fk.columns.join(', '), parent: fk.parent ?? '' }));
  },
});

/** The FK columns, in any order, are the index's leading columns: the lookup `WHERE a = $1 AND b = $2` can use it. */
function covers(index: readonly string[], fk: readonly string[]): boolean {
  const lead = new Set(index.slice(0, fk.length));
  return index.length >= fk.length && fk.every((c) => lead.has(c));
}

function constraintsIn(nodes: readonly Node[] | undefined): Constraint[] {
  return (nodes ?? []).flatMap((n) => ('Constraint' in n ? [n.Constraint] : []));
}

/** Column lists of a table: its columns' inline constraints (as one-column lists) and table constraints. */
function tableConstraints(stmt: StatementInfo): { table: string; constraint: Constraint; columns: string[] }[] {
  const out: { table: string; constraint: Constraint; columns: string[] }[] = [];
  const fromColumn = (table: string, def: { colname?: string; constraints?: Node[] }) => {
    for (const c of constraintsIn(def.constraints)) out.push({ table, constraint: c, columns: [def.colname ?? ''] });
  };
  const fromConstraint = (table: string, c: Constraint) =>
    out.push({ table, constraint: c, columns: strings(c.contype === 'CONSTR_FOREIGN' ? c.fk_attrs : c.keys) });
  if ('CreateStmt' in stmt.ast && stmt.ast.CreateStmt.relation) {
    const table = relationName(stmt.ast.CreateStmt.relation);
    for (const elt of stmt.ast.CreateStmt.tableElts ?? []) {
      if ('ColumnDef' in elt) fromColumn(table, elt.ColumnDef);
      if ('Constraint' in elt) fromConstraint(table, elt.Constraint);
    }
  }
  if ('AlterTableStmt' in stmt.ast && stmt.ast.AlterTableStmt.relation && (stmt.ast.AlterTableStmt.objtype ?? 'OBJECT_TABLE') === 'OBJECT_TABLE') {
    const table = relationName(stmt.ast.AlterTableStmt.relation);
    for (const node of stmt.ast.AlterTableStmt.cmds ?? []) {
      const cmd = 'AlterTableCmd' in node ? node.AlterTableCmd : undefined;
      if (cmd?.subtype === 'AT_AddColumn' && cmd.def && 'ColumnDef' in cmd.def) fromColumn(table, cmd.def.ColumnDef);
      if (cmd?.subtype === 'AT_AddConstraint' && cmd.def && 'Constraint' in cmd.def) fromConstraint(table, cmd.def.Constraint);
    }
  }
  return out;
}

function foreignKeys(stmt: StatementInfo): Keyed[] {
  return tableConstraints(stmt)
    .filter((t) => t.constraint.contype === 'CONSTR_FOREIGN' && t.constraint.pktable && t.columns.length > 0)
    .map((t) => ({ table: t.table, columns: t.columns, parent: relationName(t.constraint.pktable as NonNullable<Constraint['pktable']>) }));
}

function indexedColumns(stmt: StatementInfo): Keyed[] {
  if ('IndexStmt' in stmt.ast) {
    const index = stmt.ast.IndexStmt;
    // A partial index serves only the rows its WHERE covers; an expression ends the usable prefix.
    if (!index.relation || index.whereClause) return [];
    const columns: string[] = [];
    for (const p of index.indexParams ?? []) {
      if (!('IndexElem' in p) || !p.IndexElem.name) break;
      columns.push(p.IndexElem.name);
    }
    return [{ table: relationName(index.relation), columns }];
  }
  return tableConstraints(stmt)
    .filter((t) => (t.constraint.contype === 'CONSTR_PRIMARY' || t.constraint.contype === 'CONSTR_UNIQUE') && !t.constraint.indexname)
    .map((t) => ({ table: t.table, columns: t.columns }));
}
