/** ALTER TABLE: one command at a time, remembering columns the statement itself adds. */
import { addConstraintQueries, validateConstraintQueries } from './constraints.js';
import { alterColumnTypeQueries } from './column-type.js';
import { before, columnType, notNullSet, nullRows, type Query, rowCountPair } from './queries.js';
import { quoteIdent, type Rec, type RelationRef, relationSql } from './sql.js';
import type { StatementSource } from './source.js';

/** Commands that rewrite the whole table: their row counts must match before and after. */
const REWRITES: Readonly<Record<string, string>> = {
  AT_SetLogged: 'SET LOGGED rewrites it',
  AT_SetUnLogged: 'SET UNLOGGED rewrites it',
  AT_SetTableSpace: 'SET TABLESPACE copies it',
  AT_SetAccessMethod: 'SET ACCESS METHOD rewrites it',
};

export function alterTableQueries(stmt: Rec, source: StatementSource | undefined, postgresVersion: number): Query[] {
  if (stmt.objtype !== 'OBJECT_TABLE') return [];
  const table = stmt.relation as RelationRef | undefined;
  if (!table?.relname) return [];
  const out: Query[] = [];
  const addedColumns = new Set<string>();
  for (const item of (stmt.cmds ?? []) as Rec[]) {
    const cmd = item.AlterTableCmd as Rec | undefined;
    if (!cmd) continue;
    const column = cmd.name as string | undefined;
    switch (cmd.subtype) {
      case 'AT_AddConstraint':
        if (cmd.def?.Constraint) out.push(...addConstraintQueries(cmd.def.Constraint as Rec, { table, source, postgresVersion, addedColumns }));
        break;
      case 'AT_ValidateConstraint':
        if (column) out.push(...validateConstraintQueries(table, column));
        break;
      case 'AT_SetNotNull':
        if (column && !addedColumns.has(column)) {
          out.push(nullRows(table, [column], 'SET NOT NULL fails unless 0'), notNullSet(table, column));
        }
        break;
      case 'AT_AlterColumnType':
        if (column && cmd.def?.ColumnDef && !addedColumns.has(column)) {
          out.push(...alterColumnTypeQueries(table, column, cmd.def.ColumnDef as Rec, source));
        }
        break;
      case 'AT_AddColumn': {
        const def = cmd.def?.ColumnDef as Rec | undefined;
        if (!def?.colname) break;
        out.push(...addColumnQueries(table, def));
        addedColumns.add(def.colname as string);
        break;
      }
      case 'AT_DropColumn':
        // IF EXISTS: the column may be gone already, and the query would fail on it.
        if (column && !cmd.missing_ok && !addedColumns.has(column)) {
          out.push(
            before(
              table,
              `Values in \`${column}\` that the drop destroys (the down migration cannot bring them back)`,
              `SELECT count(*) AS rows_with_data FROM ${relationSql(table)} WHERE ${quoteIdent(column)} IS NOT NULL`,
            ),
          );
        }
        break;
      default: {
        const what = REWRITES[cmd.subtype as string];
        if (what) out.push(...rowCountPair(table, what));
      }
    }
  }
  return out;
}

/**
 * ADD COLUMN ... NOT NULL (or PRIMARY KEY) without a DEFAULT fails as soon as the table has a
 * row (there is no value to put in it); identity and generated columns compute one.
 */
function addColumnQueries(table: RelationRef, def: Rec): Query[] {
  const constraints = ((def.constraints ?? []) as Rec[]).map((c) => c.Constraint as Rec).filter(Boolean);
  const types = new Set(constraints.map((c) => c.contype as string));
  const out: Query[] = [];
  const required = types.has('CONSTR_NOTNULL') || types.has('CONSTR_PRIMARY');
  const filled = types.has('CONSTR_DEFAULT') || types.has('CONSTR_IDENTITY') || types.has('CONSTR_GENERATED');
  if (required && !filled) {
    out.push(
      before(
        table,
        `Existing rows: ADD COLUMN \`${def.colname}\` NOT NULL without a DEFAULT fails unless the table is empty (expect 0)`,
        `SELECT count(*) AS existing_rows FROM ${relationSql(table)}`,
      ),
    );
  }
  out.push(columnType(table, def.colname as string, required ? 'its declared type and NOT NULL' : 'its declared type'));
  return out;
}
