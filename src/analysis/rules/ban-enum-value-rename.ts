import { defineRule } from './types.js';

function typeName(nodes: readonly unknown[] | undefined): string {
  return (nodes ?? []).flatMap((n) => (n && typeof n === 'object' && 'String' in n ? [(n as { String: { sval?: string } }).String.sval ?? ''] : [])).join('.');
}

/**
 * ALTER TYPE ... RENAME VALUE (PostgreSQL 10+) is instant, but the running code still sends the
 * old label: every INSERT or UPDATE with it fails ("invalid input value for enum") from the
 * moment the rename commits, and comparisons against it silently match nothing.
 */
export default defineRule({
  id: 'ban-enum-value-rename',
  meta: {
    summary: 'Renaming an enum value breaks code that still uses the old label',
    severity: 'error',
    messages: {
      renameValue:
        "Renaming `{{type}}` value '{{oldValue}}' to '{{newValue}}' breaks running code: the version deployed now still writes '{{oldValue}}' and fails with \"invalid input value for enum\", and its comparisons with '{{oldValue}}' match nothing. Add the new value, migrate rows and code to it, and stop using the old one.",
    },
    recipe: [
      '```sql',
      "ALTER TYPE <type> ADD VALUE IF NOT EXISTS '<new_value>';",
      "-- deploy code that accepts both labels and writes '<new_value>'; then backfill in batches:",
      "UPDATE <table> SET <column> = '<new_value>' WHERE <column> = '<old_value>' AND id >= 1 AND id < 10001;",
      "-- PostgreSQL cannot drop an enum value: leave '<old_value>' unused, or recreate the type later.",
      '```',
    ].join('\n'),
  },
  check(stmt, ctx) {
    if (!('AlterEnumStmt' in stmt.ast)) return [];
    const alter = stmt.ast.AlterEnumStmt;
    if (!alter.oldVal) return [];
    const type = typeName(alter.typeName);
    // A type created earlier in this migration has no code using it yet.
    const createdHere = ctx.previous.some((p) => 'CreateEnumStmt' in p.ast && typeName(p.ast.CreateEnumStmt.typeName) === type);
    if (createdHere) return [];
    return [ctx.report('renameValue', { type, oldValue: alter.oldVal, newValue: alter.newVal ?? '' })];
  },
});
