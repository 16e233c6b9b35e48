import type { Edit } from '../finding.js';
import { columnSites, columnTypeSpan, spelledType, type ColumnSite } from './lib/located.js';
import { defineRule } from './types.js';

/** 4- and 2-byte integer types, and what to write instead when the type is one token. */
const WIDER: Readonly<Record<string, string>> = {
  int4: 'bigint', int2: 'bigint', serial: 'bigserial', serial4: 'bigserial', smallserial: 'bigserial', serial2: 'bigserial',
};
const ONE_TOKEN = new Set(['int', 'integer', 'int4', 'int2', 'smallint', 'serial', 'serial4', 'smallserial', 'serial2']);

function keyKind(site: ColumnSite): string | undefined {
  if (site.constraints.some((c) => c.contype === 'CONSTR_PRIMARY')) return 'primary key';
  if (site.constraints.some((c) => c.contype === 'CONSTR_FOREIGN')) return 'foreign key';
  return undefined;
}

/**
 * integer keys run out at 2,147,483,647 (smallint at 32,767), and widening a key later rewrites
 * the table, its indexes and every referencing table under ACCESS EXCLUSIVE. bigint costs
 * 4 bytes more per row. Keys are found from PRIMARY KEY / REFERENCES in the column, or table
 * constraints in the same CREATE TABLE.
 */
export default defineRule({
  id: 'prefer-bigint-keys',
  meta: {
    summary: 'integer/smallint primary or foreign keys run out; widening later rewrites tables',
    severity: 'warning',
    messages: {
      smallKey:
        '`{{column}}` is a {{keyKind}} of type {{type}}: it runs out at {{limit}}, and widening a key later rewrites `{{table}}` (and every table referencing it) under an ACCESS EXCLUSIVE lock. Use bigint.',
    },
    recipe: ['```sql', 'CREATE TABLE <table> (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, user_id bigint REFERENCES users);', '```'].join('\n'),
  },
  check(stmt, ctx) {
    return columnSites(stmt).flatMap((site) => {
      const wider = WIDER[site.type.name];
      const kind = site.kind === 'alter-type' ? undefined : keyKind(site);
      if (!wider || !kind || site.type.typmods.length) return [];
      const spelled = spelledType(stmt, site);
      const span = columnTypeSpan(stmt, site);
      const limit = site.type.name.endsWith('2') || site.type.name === 'smallserial' ? '32,767' : '2,147,483,647';
      // Exactly one token to swap: `int` -> `bigint`, `serial` -> `bigserial`.
      const edit: Edit | undefined = span && ONE_TOKEN.has(spelled) ? { span, text: wider } : undefined;
      const fix = edit ? { fix: { title: `Use ${wider}`, edits: [edit] } } : {};
      return [ctx.report('smallKey', { table: site.table, column: site.column, keyKind: kind, type: ONE_TOKEN.has(spelled) ? spelled : site.type.name, limit }, { ...(span ? { span } : {}), ...fix })];
    });
  },
});
