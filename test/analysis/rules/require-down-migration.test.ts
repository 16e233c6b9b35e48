import rule from '../../../src/analysis/rules/require-down-migration.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester.run(rule, {
  valid: [
    // A down that undoes the up.
    { sql: 'ALTER TABLE users ADD COLUMN nickname text;', down: 'ALTER TABLE users DROP COLUMN nickname;' },
    // The format has no downs at all (plain SQL, Prisma): nothing to write.
    'ALTER TABLE users ADD COLUMN nickname text;',
    // The author says it cannot be undone.
    { sql: '-- migration-review: irreversible-file legacy data archived to S3\nDROP TABLE legacy_events;', down: null },
    { sql: '-- migration-review: irreversible-file data is gone\nDROP TABLE legacy_events;', down: '-- nothing to do' },
    // An up with no statements needs no down.
    { sql: '-- intentionally empty: the version bump only', down: null },
  ],
  invalid: [
    {
      sql: 'ALTER TABLE users ADD COLUMN nickname text;',
      down: null,
      errors: [{ messageId: 'missingDown', data: { expectedPath: 'migrations/001_case.down.sql' }, line: 1, column: 1, severity: 'error' }],
    },
    {
      name: 'a format that keeps the down in the same file (goose, dbmate): no path to name',
      sql: '\nALTER TABLE users ADD COLUMN nickname text;',
      format: 'goose',
      down: null,
      expectedDownPath: null,
      errors: [{ messageId: 'missingDownSection', data: { format: 'goose' }, line: 2, column: 1 }],
    },
    {
      name: 'a down with only comments does nothing',
      sql: 'ALTER TABLE users ADD COLUMN nickname text;',
      down: '-- TODO write the down\n',
      errors: [{ messageId: 'emptyDown', data: { downPath: 'migrations/001_case.down.sql' } }],
    },
    {
      name: 'a statement-level irreversible annotation is not the whole file',
      sql: '-- migration-review: irreversible data archived\nDROP TABLE legacy_events;\nALTER TABLE users ADD COLUMN nickname text;',
      down: null,
      errors: [{ messageId: 'missingDown', line: 2 }],
    },
  ],
});
