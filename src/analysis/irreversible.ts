/**
 * Statements whose effect a down migration cannot undo: the data is gone. A down can
 * recreate a dropped column or table, but empty. Used by the checklist (each one is a risk
 * a reviewer accepts) and by rules that demand an `irreversible` annotation.
 */
import type { Node } from '@pgsql/types';

export interface IrreversibleOperation {
  /** In SQL words: "DROP COLUMN users.legacy", "TRUNCATE orders". */
  readonly description: string;
  readonly table?: string;
}

const DROPPED_OBJECTS: Record<string, string> = {
  OBJECT_TABLE: 'TABLE',
  OBJECT_MATVIEW: 'MATERIALIZED VIEW',
  OBJECT_TYPE: 'TYPE',
  OBJECT_SCHEMA: 'SCHEMA',
  OBJECT_SEQUENCE: 'SEQUENCE',
  OBJECT_DOMAIN: 'DOMAIN',
  OBJECT_EXTENSION: 'EXTENSION',
};

function qualified(rv: { schemaname?: string; relname?: string } | undefined): string | undefined {
  if (!rv?.relname) return undefined;
  return rv.schemaname ? `${rv.schemaname}.${rv.relname}` : rv.relname;
}

function objectName(object: any): string {
  const items = object?.List?.items ?? (Array.isArray(object) ? object : [object]);
  return items.map((i: any) => i?.String?.sval ?? i?.TypeName?.names?.map((n: any) => n?.String?.sval).join('.') ?? '?').join('.');
}

export function irreversibleOperations(ast: Node): IrreversibleOperation[] {
  const [type, body] = Object.entries(ast)[0] as [string, Record<string, any>];
  switch (type) {
    case 'DropStmt': {
      const kind = DROPPED_OBJECTS[String(body.removeType)];
      if (!kind) return [];
      return (body.objects ?? []).map((o: any) => {
        const name = objectName(o);
        return { description: `DROP ${kind} ${name}${body.behavior === 'DROP_CASCADE' ? ' CASCADE' : ''}`, ...(kind === 'TABLE' ? { table: name } : {}) };
      });
    }
    case 'TruncateStmt':
      return (body.relations ?? []).map((r: any) => {
        const table = qualified(r.RangeVar) ?? '?';
        return { description: `TRUNCATE ${table}`, table };
      });
    case 'DeleteStmt': {
      const table = qualified(body.relation) ?? '?';
      return [{ description: `DELETE FROM ${table}${body.whereClause ? ' WHERE …' : ''}`, table }];
    }
    case 'AlterTableStmt': {
      const table = qualified(body.relation) ?? '?';
      const out: IrreversibleOperation[] = [];
      for (const cmd of body.cmds ?? []) {
        const c = cmd.AlterTableCmd;
        if (c?.subtype === 'AT_DropColumn') out.push({ description: `DROP COLUMN ${table}.${c.name}`, table });
      }
      return out;
    }
    default:
      return [];
  }
}
