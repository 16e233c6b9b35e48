import { relationName } from '../locks/index.js';
import { defineRule } from './types.js';

/**
 * The old app version keeps using the old name until the deploy completes: its queries fail
 * ("column does not exist") from the moment the RENAME commits, and the new version's fail
 * before it. No deploy order makes a rename safe; expand and contract does.
 */
export default defineRule({
  id: 'ban-rename-column',
  meta: {
    summary: 'RENAME COLUMN breaks the app version that uses the old name',
    severity: 'error',
    messages: {
      renameColumn:
        'Renaming `{{table}}.{{column}}` to `{{newName}}` breaks running code: the version deployed now uses the old name and fails with "column does not exist" as soon as this commits, and the new version fails until it does. Add the new column, write both, backfill, switch reads, then drop the old one.',
    },
    recipe: [
      'Expand and contract, one deploy per step:',
      '```sql',
      '-- 1. add the new column; the code writes both columns from now on',
      'ALTER TABLE <table> ADD COLUMN <new_name> <type>;',
      '-- 2. backfill in batches (see prefer-batched-backfill)',
      'UPDATE <table> SET <new_name> = <old_name> WHERE id >= 1 AND id < 10001 AND <new_name> IS NULL;',
      '-- 3. deploy code that reads <new_name> and stops using <old_name>',
      '-- 4. in a later migration',
      'ALTER TABLE <table> DROP COLUMN <old_name>;',
      '```',
    ].join('\n'),
  },
  check(stmt, ctx) {
    if (!('RenameStmt' in stmt.ast)) return [];
    const rename = stmt.ast.RenameStmt;
    if (rename.renameType !== 'OBJECT_COLUMN' || !rename.relation || !rename.subname) return [];
    const table = relationName(rename.relation);
    // A table created in this migration has no code using it yet.
    if (ctx.isNew(table)) return [];
    return [ctx.report('renameColumn', { table, column: rename.subname, newName: rename.newname ?? '' }, { table })];
  },
});
