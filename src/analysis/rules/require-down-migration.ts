import { defineRule } from './types.js';

/**
 * Every migration has a down, or says why it cannot (DESIGN.md, process step 1). A format that
 * supports downs but has none for this migration (`down.state === 'missing'`), or a down with no
 * statement in it, is reported. Formats without downs at all (`unsupported`) are not: there is
 * nothing to write. A file-level `-- migration-review: irreversible-file <reason>` is the explicit
 * "it cannot exist" and silences this rule.
 */
export default defineRule({
  id: 'require-down-migration',
  meta: {
    summary: 'A migration whose format supports downs has no down (or an empty one) and no irreversible annotation',
    severity: 'error',
    messages: {
      missingDown:
        'This migration has no down: `{{expectedPath}}` does not exist. Write the down that undoes it, or, if it cannot be undone, say so with `-- migration-review: irreversible-file <reason>` at the top of the file.',
      missingDownSection:
        'This {{format}} migration has no down section. Write the down that undoes it, or, if it cannot be undone, say so with `-- migration-review: irreversible-file <reason>` at the top of the file.',
      emptyDown:
        'The down `{{downPath}}` has no statements: rolling back would do nothing and leave the schema of this migration in place. Write the statements that undo the up, or, if it cannot be undone, say so with `-- migration-review: irreversible-file <reason>`.',
    },
    recipe: [
      'Write the down next to the up, in the order that undoes it (last change first):',
      '```sql',
      '-- up:   ALTER TABLE users ADD COLUMN nickname text;',
      '-- down:',
      'ALTER TABLE users DROP COLUMN IF EXISTS nickname;',
      '```',
      'When the up cannot be undone (it drops data), annotate the up instead:',
      '```sql',
      '-- migration-review: irreversible-file the legacy table was archived to S3 on 2026-05-01',
      'DROP TABLE legacy_events;',
      '```',
    ].join('\n'),
  },
  checkMigration(ctx) {
    // Nothing to undo, or the author said it cannot be undone.
    if (ctx.up.length === 0 || ctx.fileIrreversibleReason !== undefined) return [];
    const down = ctx.migration.down;
    if (down.state === 'missing') {
      return [
        down.expectedPath
          ? ctx.report('missingDown', { expectedPath: down.expectedPath })
          : ctx.report('missingDownSection', { format: ctx.format.name }),
      ];
    }
    if (down.state === 'present' && (ctx.down ?? []).length === 0) {
      return [ctx.report('emptyDown', { downPath: down.section.file })];
    }
    return [];
  },
});
