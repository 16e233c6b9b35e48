import { columnSites, columnTypeSpan } from './lib/located.js';
import { defineRule } from './types.js';

/**
 * timestamp (without time zone) stores a wall-clock reading with no zone: the same instant
 * reads differently depending on the writer's TimeZone, and arithmetic across DST is wrong.
 * timestamptz stores an instant (UTC) and costs the same 8 bytes
 * (https://wiki.postgresql.org/wiki/Don't_Do_This#Don.27t_use_timestamp_.28without_time_zone.29).
 */
export default defineRule({
  id: 'prefer-timestamptz',
  meta: {
    summary: 'timestamp without time zone stores wall-clock readings, not instants',
    severity: 'warning',
    messages: {
      timestampWithoutTimeZone:
        '`{{column}}` is timestamp without time zone: it stores a wall-clock reading, so the same instant is stored differently depending on the session TimeZone, and differences across DST changes are off by an hour. Use timestamptz (same 8 bytes).',
    },
    recipe: ['```sql', 'ALTER TABLE <table> ADD COLUMN created_at timestamptz NOT NULL DEFAULT now();', '```'].join('\n'),
  },
  check(stmt, ctx) {
    return columnSites(stmt)
      .filter((site) => site.type.name === 'timestamp')
      .map((site) => {
        const span = columnTypeSpan(stmt, site);
        return ctx.report('timestampWithoutTimeZone', { table: site.table, column: site.column }, span ? { span } : {});
      });
  },
});
