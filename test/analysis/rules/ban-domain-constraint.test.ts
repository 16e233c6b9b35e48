import rule from '../../../src/analysis/rules/ban-domain-constraint.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester.run(rule, {
  valid: [
    // NOT VALID takes no table lock (truth 206).
    'ALTER DOMAIN positive_int ADD CONSTRAINT positive_int_max CHECK (VALUE < 1000) NOT VALID;',
    // The recipe's second step; it takes the same SHARE lock (truth 207) but is where the scan belongs.
    'ALTER DOMAIN positive_int VALIDATE CONSTRAINT positive_int_max;',
    // A new domain: no table uses it yet (truth 204).
    "CREATE DOMAIN email_address AS text CHECK (VALUE ~ '@');",
    // Catalog-only changes (truth 210, 211).
    'ALTER DOMAIN positive_int DROP CONSTRAINT positive_int_check;',
    "ALTER DOMAIN short_text SET DEFAULT 'n/a';",
  ],
  invalid: [
    {
      name: 'ADD CONSTRAINT scans every table using the domain (truth 205)',
      sql: 'ALTER DOMAIN positive_int ADD CONSTRAINT positive_int_max CHECK (VALUE < 1000);',
      errors: [{ messageId: 'scansEveryTable', data: { domain: 'positive_int', name: ' `positive_int_max`' }, line: 1, column: 1 }],
    },
    {
      name: 'unnamed, schema-qualified',
      sql: 'ALTER DOMAIN app.positive_int ADD CHECK (VALUE > 0);',
      errors: [{ messageId: 'scansEveryTable', data: { domain: 'app.positive_int', name: '' } }],
    },
    {
      name: 'SET NOT NULL scans too (truth 209)',
      sql: 'ALTER DOMAIN positive_int SET NOT NULL;',
      errors: [{ messageId: 'setNotNullScans', data: { domain: 'positive_int' } }],
    },
  ],
});
