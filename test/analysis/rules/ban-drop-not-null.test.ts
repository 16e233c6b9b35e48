import rule from '../../../src/analysis/rules/ban-drop-not-null.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester.run(rule, {
  valid: [
    // Tightening, not loosening, the contract.
    'ALTER TABLE users ALTER COLUMN email SET NOT NULL;',
    // A table created in the same migration has no readers yet.
    'CREATE TABLE drafts (id bigint, body text NOT NULL);\nALTER TABLE drafts ALTER COLUMN body DROP NOT NULL;',
  ],
  invalid: [
    {
      sql: 'ALTER TABLE users ALTER COLUMN email DROP NOT NULL;',
      errors: [{ messageId: 'dropNotNull', data: { table: 'users', column: 'email' }, line: 1, column: 1, severity: 'info' }],
    },
    {
      name: 'one finding per column',
      sql: 'ALTER TABLE orders ALTER shipped_at DROP NOT NULL, ALTER COLUMN note DROP NOT NULL;',
      errors: [
        { messageId: 'dropNotNull', data: { column: 'shipped_at' } },
        { messageId: 'dropNotNull', data: { column: 'note' } },
      ],
    },
  ],
});
