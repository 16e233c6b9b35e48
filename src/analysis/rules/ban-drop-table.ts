import { listParts } from '../locks/relation.js';
import { defineRule } from './types.js';

/**
 * The old app version keeps running during a deploy: every query it sends to a dropped table
 * fails ("relation does not exist") from the moment the DROP commits. A table created earlier
 * in the same migration has no code using it. Irreversibility (data loss) is
 * require-irreversible-annotation's concern.
 */
export default defineRule({
  id: 'ban-drop-table',
  meta: {
    summary: 'DROP TABLE breaks the app version still running during the deploy',
    severity: 'error',
    messages: {
      dropTable:
        'Dropping `{{table}}` breaks the code still running during the deploy: every query of the old version on it fails with "relation does not exist". Remove every use of the table from the code and deploy that first; drop it in a later migration.',
    },
    recipe: [
      '1. Remove every read and write of the table from the code (models, raw SQL, background jobs, reports) and deploy that.',
      '2. In a later migration:',
      '```sql',
      "SET lock_timeout = '5s';",
      'DROP TABLE <table>;',
      '```',
    ].join('\n'),
  },
  check(stmt, ctx) {
    if (!('DropStmt' in stmt.ast) || stmt.ast.DropStmt.removeType !== 'OBJECT_TABLE') return [];
    return (stmt.ast.DropStmt.objects ?? [])
      .map((object) => listParts(object).join('.'))
      .filter((table) => table && !ctx.isNew(table))
      .map((table) => ctx.report('dropTable', { table }, { table }));
  },
});
