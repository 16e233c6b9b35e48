import { relationName } from '../locks/index.js';
import { defineRule } from './types.js';

const KINDS: Readonly<Record<string, string>> = {
  OBJECT_TABLE: 'table',
  OBJECT_VIEW: 'view',
  OBJECT_MATVIEW: 'materialized view',
  OBJECT_FOREIGN_TABLE: 'foreign table',
};

/**
 * The old app version queries the old name until the deploy completes: from the moment the
 * RENAME commits its queries fail ("relation does not exist"). A view under the old name,
 * created in the same transaction, keeps it working (a simple view is updatable since 9.3).
 */
export default defineRule({
  id: 'ban-rename-table',
  meta: {
    summary: 'RENAME of a table or view breaks the app version that uses the old name',
    severity: 'error',
    messages: {
      renameTable:
        'Renaming the {{kind}} `{{table}}` to `{{newName}}` breaks running code: the version deployed now queries `{{table}}` and fails with "relation does not exist" as soon as this commits. Keep the old name alive with a view until no code uses it.',
    },
    recipe: [
      'Rename and leave a view under the old name in the same transaction; a simple view accepts INSERT, UPDATE and DELETE too:',
      '```sql',
      'BEGIN;',
      'ALTER TABLE <old_name> RENAME TO <new_name>;',
      'CREATE VIEW <old_name> AS SELECT * FROM <new_name>;',
      'COMMIT;',
      '-- deploy code that uses <new_name>; then, in a later migration:',
      'DROP VIEW <old_name>;',
      '```',
    ].join('\n'),
  },
  check(stmt, ctx) {
    if (!('RenameStmt' in stmt.ast)) return [];
    const rename = stmt.ast.RenameStmt;
    const kind = KINDS[rename.renameType ?? ''];
    if (!kind || !rename.relation) return [];
    const table = relationName(rename.relation);
    if (ctx.isNew(table)) return [];
    return [ctx.report('renameTable', { kind, table, newName: rename.newname ?? '' }, { table })];
  },
});
