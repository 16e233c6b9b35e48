import { columnSites, columnTypeSpan } from './lib/located.js';
import { defineRule } from './types.js';

/**
 * json keeps the input text and re-parses it on every access; it has no equality operator (so no
 * DISTINCT, GROUP BY or UNIQUE on it) and no GIN indexing. jsonb stores the parsed form
 * (https://www.postgresql.org/docs/current/datatype-json.html).
 */
export default defineRule({
  id: 'prefer-jsonb',
  meta: {
    summary: 'json is re-parsed on every access and cannot be indexed or compared',
    severity: 'warning',
    messages: {
      jsonColumn:
        '`{{column}}` is json: it keeps the raw text and re-parses it on every access, has no equality operator (no DISTINCT, GROUP BY or UNIQUE) and cannot take a GIN index. Use jsonb unless you must keep key order, duplicate keys or whitespace.',
    },
    recipe: ['```sql', "ALTER TABLE <table> ADD COLUMN payload jsonb NOT NULL DEFAULT '{}';", '```'].join('\n'),
  },
  check(stmt, ctx) {
    return columnSites(stmt)
      .filter((site) => site.type.name === 'json')
      .map((site) => {
        const span = columnTypeSpan(stmt, site);
        return ctx.report('jsonColumn', { table: site.table, column: site.column }, span ? { span } : {});
      });
  },
});
