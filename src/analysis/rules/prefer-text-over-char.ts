import { columnSites, columnTypeSpan, spelledType, typeLabel } from './lib/located.js';
import { defineRule } from './types.js';

/**
 * char(n) pads every value with spaces to n characters, ignores trailing spaces in comparisons,
 * and is no faster than text in PostgreSQL (https://wiki.postgresql.org/wiki/Don't_Do_This).
 * The parser spells char(n) `pg_catalog.bpchar`; the one-byte internal `"char"` is not it.
 */
export default defineRule({
  id: 'prefer-text-over-char',
  meta: {
    summary: 'char(n) pads values with spaces and is no faster than text',
    severity: 'warning',
    messages: {
      charColumn:
        '`{{column}}` is {{type}}: values are padded with spaces to the full length, trailing spaces are ignored in comparisons, and it is no faster than text. Use text, with a CHECK on the length if the limit matters.',
    },
    recipe: ['```sql', 'ALTER TABLE <table> ADD COLUMN code text CHECK (char_length(code) = 3);', '```'].join('\n'),
  },
  check(stmt, ctx) {
    return columnSites(stmt)
      .filter((site) => site.type.name === 'bpchar' && !site.type.internalChar)
      .map((site) => {
        const span = columnTypeSpan(stmt, site);
        const type = typeLabel(site.type, spelledType(stmt, site));
        return ctx.report('charColumn', { table: site.table, column: site.column, type }, span ? { span } : {});
      });
  },
});
