import type { Node, TypeName } from '@pgsql/types';
import { relationKey } from '../locks/index.js';
import { typeRef } from '../locks/column-types.js';
import { listParts, nameParts, relationName } from '../locks/relation.js';
import { alterTableOf, columnDefOf, defineRule, type StatementInfo } from './types.js';

/**
 * Operations whose data no down can bring back: DROP TABLE / COLUMN / TYPE / SCHEMA, DROP ...
 * CASCADE, DELETE, TRUNCATE, and type changes that may narrow (a length or precision limit, a
 * smaller integer or float, a USING expression). Each needs `-- migration-review: irreversible
 * <reason>` before it, or `irreversible-file` for the whole file, so the loss is a decision on
 * the record and not an accident (DESIGN.md, process step 1). Objects created earlier in the same
 * migration hold no data yet and are skipped.
 */
export default defineRule({
  id: 'require-irreversible-annotation',
  meta: {
    summary: 'An operation that destroys data has no `irreversible` annotation',
    severity: 'error',
    messages: {
      irreversibleWithoutAnnotation:
        '{{operation}} destroys data that no down migration can bring back. If that is intended, say so on the line before it: `-- migration-review: irreversible <reason>` (or `irreversible-file <reason>` at the top of the file).',
      downCannotRestoreData:
        '{{operation}} destroys data, and the down ({{down}}) cannot restore it: it can only recreate the structure, empty. If that is intended, say so on the line before it: `-- migration-review: irreversible <reason>` (or `irreversible-file <reason>` at the top of the file).',
    },
    recipe: [
      'Keep the data somewhere first, then record the decision next to the statement:',
      '```sql',
      '-- migration-review: irreversible users.legacy_id was copied to legacy_ids in 20260501_copy_legacy_ids',
      'ALTER TABLE users DROP COLUMN legacy_id;',
      '```',
      'Safer still: stop using the column in one release, drop it in a later one, after a backup you have restored once.',
    ].join('\n'),
  },
  checkMigration(ctx) {
    if (ctx.fileIrreversibleReason !== undefined) return [];
    const down = ctx.migration.down;
    // goose, dbmate and morph keep the down in the up's file: name the section, not the file again.
    const downName =
      down.state !== 'present' ? '' : down.section.file === ctx.migration.up.file ? 'the down section of this file' : `\`${down.section.file}\``;
    const reports = [];
    for (const [i, stmt] of ctx.up.entries()) {
      if (ctx.irreversibleReasons.has(i)) continue;
      const operation = destructiveOperation(stmt, ctx.up.slice(0, i), ctx.isNew);
      if (!operation) continue;
      reports.push(
        down.state === 'present'
          ? ctx.report('downCannotRestoreData', { operation, down: downName }, { span: stmt.span })
          : ctx.report('irreversibleWithoutAnnotation', { operation }, { span: stmt.span }),
      );
    }
    return reports;
  },
});

const DROPPED_WITH_DATA: Readonly<Record<string, string>> = {
  OBJECT_TABLE: 'DROP TABLE',
  OBJECT_TYPE: 'DROP TYPE',
  OBJECT_DOMAIN: 'DROP DOMAIN',
  OBJECT_SCHEMA: 'DROP SCHEMA',
};

/** Integer and float targets that are narrower than their neighbours (bigint -> integer loses range). */
const NARROW_TYPES = new Set(['int2', 'int4', 'float4', 'date']);

/** What the statement destroys, in words (`DROP COLUMN \`users.legacy\``), or undefined. */
function destructiveOperation(stmt: StatementInfo, earlier: readonly StatementInfo[], isNew: (relation: string) => boolean): string | undefined {
  const ast = stmt.ast;
  if ('DropStmt' in ast) {
    const drop = ast.DropStmt;
    const names = (drop.objects ?? []).map(objectName).filter(Boolean);
    const kind = DROPPED_WITH_DATA[drop.removeType ?? ''];
    const cascade = drop.behavior === 'DROP_CASCADE';
    if (!kind && !cascade) return undefined;
    const existing = drop.removeType === 'OBJECT_TABLE' ? names.filter((n) => !isNew(n)) : names;
    if (existing.length === 0) return undefined;
    const what = kind ?? `DROP ${(drop.removeType ?? '').replace(/^OBJECT_/, '').replace(/_/g, ' ')}`;
    return `${what} ${existing.map((n) => `\`${n}\``).join(', ')}${cascade ? ' CASCADE' : ''}`;
  }
  if ('TruncateStmt' in ast) {
    const tables = (ast.TruncateStmt.relations ?? []).flatMap((r) => ('RangeVar' in r ? [relationName(r.RangeVar)] : [])).filter((t) => !isNew(t));
    return tables.length ? `TRUNCATE ${tables.map((t) => `\`${t}\``).join(', ')}` : undefined;
  }
  if ('DeleteStmt' in ast && ast.DeleteStmt.relation) {
    const table = relationName(ast.DeleteStmt.relation);
    return isNew(table) ? undefined : `DELETE FROM \`${table}\``;
  }
  const alter = alterTableOf(stmt);
  if (!alter || isNew(alter.table)) return undefined;
  const ops: string[] = [];
  for (const cmd of alter.cmds) {
    if (!cmd.name) continue;
    if (cmd.subtype === 'AT_DropColumn') ops.push(`DROP COLUMN \`${alter.table}.${cmd.name}\`${cmd.behavior === 'DROP_CASCADE' ? ' CASCADE' : ''}`);
    if (cmd.subtype === 'AT_AlterColumnType' && !addedEarlier(earlier, alter.table, cmd.name)) {
      const def = columnDefOf(cmd);
      const narrowing = mayNarrow(def?.typeName, def?.raw_default !== undefined && !isBareColumn(def.raw_default, cmd.name));
      if (narrowing) ops.push(`Changing \`${alter.table}.${cmd.name}\` to ${narrowing}`);
    }
  }
  return ops.length ? ops.join('; ') : undefined;
}

/** A dropped object's name: tables and schemas come as name lists, types as TypeNames. */
function objectName(node: Node): string {
  return ('TypeName' in node ? nameParts(node.TypeName.names) : listParts(node)).join('.');
}

/** A description of the target when the change may lose information, else undefined. */
function mayNarrow(typeName: TypeName | undefined, transformsValues: boolean): string | undefined {
  const ref = typeRef(typeName);
  const spelled = `${ref.name}${ref.typmods.length ? `(${ref.typmods.join(',')})` : ''}`;
  if (transformsValues) return `${spelled} with a USING expression that rewrites its values`;
  if (ref.typmods.length > 0 || NARROW_TYPES.has(ref.name)) return `${spelled}, which may cut off or round existing values`;
  return undefined;
}

function isBareColumn(expr: unknown, column: string): boolean {
  const ref = (expr as { ColumnRef?: { fields?: Array<{ String?: { sval?: string } }> } }).ColumnRef;
  return !!ref && ref.fields?.[ref.fields.length - 1]?.String?.sval === column;
}

/** The column was added earlier in this migration: it holds nothing the down would need back. */
function addedEarlier(earlier: readonly StatementInfo[], table: string, column: string): boolean {
  return earlier.some((s) => {
    const alter = alterTableOf(s);
    return (
      !!alter &&
      relationKey(alter.table) === relationKey(table) &&
      alter.cmds.some((c) => c.subtype === 'AT_AddColumn' && columnDefOf(c)?.colname === column)
    );
  });
}
