import rule from '../../../src/analysis/rules/ban-long-identifier.js';
import { ruleTester } from '../../helpers/rule-tester.js';

const name63 = 'a'.repeat(63);
const name64 = 'b'.repeat(64);
// 32 characters, 64 bytes: too long although it looks short.
const umlauts = 'ü'.repeat(32);

ruleTester.run(rule, {
  valid: [
    `CREATE TABLE ${name63} (id bigint);`,
    // Strings are not identifiers.
    `COMMENT ON TABLE t IS '${name64}';`,
    `CREATE INDEX "${'é'.repeat(31)}x" ON t (a);`,
  ],
  invalid: [
    {
      sql: `CREATE TABLE t (${name64} int);\n`,
      errors: [{ messageId: 'longIdentifier', data: { identifier: name64, bytes: 64, truncated: 'b'.repeat(63) }, line: 1, column: 17, severity: 'warning' }],
    },
    {
      name: 'bytes, not characters; cut at a character boundary; reported once per statement',
      sql: `ALTER TABLE t ADD CONSTRAINT "${umlauts}" CHECK (a > 0), VALIDATE CONSTRAINT "${umlauts}";`,
      errors: [{ messageId: 'longIdentifier', data: { identifier: umlauts, bytes: 64, truncated: 'ü'.repeat(31) }, line: 1, column: 30 }],
    },
    {
      name: 'unquoted names fold to lower case',
      sql: `CREATE INDEX ${'Idx_'.repeat(16)} ON t (a);`,
      errors: [{ messageId: 'longIdentifier', data: { identifier: 'idx_'.repeat(16), bytes: 64 } }],
    },
  ],
});
