import type { TypeName } from '@pgsql/types';
import { alterColumnTypeRewrites, typeRef } from '../locks/column-types.js';
import { relationKey } from '../locks/index.js';
import { alterTableOf, columnDefOf, defineRule } from './types.js';

/**
 * ALTER COLUMN ... TYPE holds ACCESS EXCLUSIVE, and unless the old type is binary-coercible to the
 * new one (varchar -> text, varchar(n) -> varchar(m >= n), numeric(p,s) -> numeric(p2 >= p,s))
 * it rewrites the table and rebuilds every index (truth 049, 053, 065, 068, 072, 318, 321).
 * Whether it rewrites is the lock model's call (`TableLock.rewrite`); this rule names the
 * column and type.
 */
export default defineRule({
  id: 'ban-rewriting-type-change',
  meta: {
    summary: 'ALTER COLUMN ... TYPE that rewrites the table blocks reads and writes for the whole rewrite',
    severity: 'error',
    lock: 'AccessExclusiveLock',
    sizeAware: true,
    messages: {
      rewritesTable:
        'Changing `{{table}}`.`{{column}}` to {{type}} rewrites the whole table and rebuilds its indexes under an ACCESS EXCLUSIVE lock: every read and write on `{{table}}` waits until the rewrite ends. Add a new column, backfill it in batches and switch over instead.',
    },
    recipe: [
      '```sql',
      'ALTER TABLE <table> ADD COLUMN <column>_new <new type>;',
      '-- keep it in sync for new writes (trigger or application), then backfill in batches:',
      'UPDATE <table> SET <column>_new = <column>::<new type> WHERE id BETWEEN <from> AND <to>;',
      '-- then, in one short transaction with lock_timeout set:',
      'ALTER TABLE <table> RENAME COLUMN <column> TO <column>_old;',
      'ALTER TABLE <table> RENAME COLUMN <column>_new TO <column>;',
      '```',
      'Changes that need no rewrite: varchar(n) to text or to a longer varchar, numeric(p,s) to a larger precision with the same scale, dropping a length limit.',
    ].join('\n'),
  },
  check(stmt, ctx) {
    const alter = alterTableOf(stmt);
    if (!alter) return [];
    const lock = stmt.locks.locks.find((l) => relationKey(l.table) === relationKey(alter.table));
    if (!lock?.rewrite) return [];
    // The rewrite may come from another subcommand (a volatile default, SET TABLESPACE): only
    // the type changes the lock model itself judges rewriting are ours.
    const changes = alter.cmds.filter((c) => {
      const def = columnDefOf(c);
      return c.subtype === 'AT_AlterColumnType' && c.name && alterColumnTypeRewrites(alter.table, c.name, def?.typeName, def?.raw_default, undefined).rewrite;
    });
    if (changes.length === 0) return [];
    const column = changes.map((c) => c.name).join('`, `');
    const type = changes.map((c) => typeText(columnDefOf(c)?.typeName)).join(', ');
    return [ctx.report('rewritesTable', { table: alter.table, column, type }, { table: alter.table, lock, rewrite: true })];
  },
});

const DISPLAY: Readonly<Record<string, string>> = {
  int2: 'smallint', int4: 'integer', int8: 'bigint', float4: 'real', float8: 'double precision', bool: 'boolean',
  bpchar: 'char', varchar: 'varchar',
};

/** The target type as a reader writes it: `bigint`, `varchar(50)`, `numeric(10,2)`. */
function typeText(typeName: TypeName | undefined): string {
  const ref = typeRef(typeName);
  const name = DISPLAY[ref.name] ?? ref.name;
  return `${name}${ref.typmods.length ? `(${ref.typmods.join(',')})` : ''}${ref.array ? '[]' : ''}`;
}
