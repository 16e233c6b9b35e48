import { columnSites, columnTypeSpan, spelledType, typeLabel } from './lib/located.js';
import { defineRule } from './types.js';

/**
 * varchar(n) stores exactly like text. Widening n later is a catalog-only change (no rewrite
 * since 9.2; truth: varchar(n) -> varchar(m>n) does not rewrite), but narrowing it, or moving
 * from text to varchar(n), rewrites the table under ACCESS EXCLUSIVE. A CHECK on char_length
 * can be replaced with NOT VALID + VALIDATE, which never rewrites and blocks no writes. Hence
 * info, not warning: varchar(n) is not wrong, only harder to change. Unbounded varchar is text.
 */
export default defineRule({
  id: 'prefer-text-over-varchar',
  meta: {
    summary: 'varchar(n): a length limit that is cheaper to keep as a CHECK on text',
    severity: 'info',
    messages: {
      boundedVarchar:
        '`{{column}}` is {{type}}. It stores exactly like text; the limit is the only difference, and lowering it later rewrites the table under an ACCESS EXCLUSIVE lock. text with a CHECK (char_length(...) <= n) can change its limit with NOT VALID + VALIDATE, without a rewrite or blocking writes.',
    },
    recipe: [
      '```sql',
      'ALTER TABLE <table> ADD COLUMN name text;',
      'ALTER TABLE <table> ADD CONSTRAINT <table>_name_length CHECK (char_length(name) <= 200) NOT VALID;',
      'ALTER TABLE <table> VALIDATE CONSTRAINT <table>_name_length;',
      '```',
    ].join('\n'),
  },
  check(stmt, ctx) {
    return columnSites(stmt)
      .filter((site) => site.type.name === 'varchar' && site.type.typmods.length > 0)
      .map((site) => {
        const span = columnTypeSpan(stmt, site);
        const type = typeLabel(site.type, spelledType(stmt, site));
        return ctx.report('boundedVarchar', { table: site.table, column: site.column, type }, span ? { span } : {});
      });
  },
});
