import rule from '../../../src/analysis/rules/require-irreversible-annotation.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester.run(rule, {
  valid: [
    // Annotated, on the statement or for the whole file.
    '-- migration-review: irreversible legacy_id was copied to legacy_ids in 20260501\nALTER TABLE users DROP COLUMN legacy_id;',
    '-- migration-review: irreversible-file the audit data is archived to S3\nDROP TABLE audit_2019;\nDELETE FROM sessions;',
    // Nothing is destroyed.
    'ALTER TABLE users ADD COLUMN nickname text;',
    'DROP INDEX CONCURRENTLY orders_status_idx;',
    'DROP VIEW active_users;',
    'ALTER TABLE users DROP CONSTRAINT users_age_check;',
    // Widening or same-family changes lose nothing.
    'ALTER TABLE users ALTER COLUMN age TYPE bigint;',
    'ALTER TABLE orders ALTER COLUMN ref_code TYPE text;',
    'ALTER TABLE orders ALTER COLUMN note TYPE text USING note;',
    // Objects created earlier in this migration hold no data yet.
    'CREATE TABLE tmp_ids (id bigint);\nDROP TABLE tmp_ids;',
    'CREATE TABLE t (id bigint, v text);\nALTER TABLE t DROP COLUMN v;\nTRUNCATE t;\nDELETE FROM t;',
    'ALTER TABLE users ADD COLUMN code text;\nALTER TABLE users ALTER COLUMN code TYPE varchar(10);',
  ],
  invalid: [
    {
      sql: 'ALTER TABLE users DROP COLUMN legacy_id;',
      errors: [{ messageId: 'irreversibleWithoutAnnotation', data: { operation: 'DROP COLUMN `users.legacy_id`' }, line: 1, column: 1, severity: 'error' }],
    },
    {
      name: 'with a down: it can only recreate the column, empty',
      sql: 'ALTER TABLE users DROP COLUMN legacy_id;',
      down: 'ALTER TABLE users ADD COLUMN legacy_id bigint;',
      errors: [{ messageId: 'downCannotRestoreData', data: { operation: 'DROP COLUMN `users.legacy_id`', down: '`migrations/001_case.down.sql`' } }],
    },
    {
      name: 'the annotation covers only the next statement',
      sql: '-- migration-review: irreversible archived\nDROP TABLE audit_2019;\n\nDROP TABLE audit_2020;',
      errors: [{ messageId: 'irreversibleWithoutAnnotation', data: { operation: 'DROP TABLE `audit_2020`' }, line: 4, column: 1 }],
    },
    {
      sql: 'DROP TABLE IF EXISTS a, public.b CASCADE;',
      errors: [{ messageId: 'irreversibleWithoutAnnotation', data: { operation: 'DROP TABLE `a`, `public.b` CASCADE' } }],
    },
    {
      sql: 'DROP TYPE order_status;',
      errors: [{ messageId: 'irreversibleWithoutAnnotation', data: { operation: 'DROP TYPE `order_status`' } }],
    },
    {
      sql: 'DROP SCHEMA archive CASCADE;',
      errors: [{ messageId: 'irreversibleWithoutAnnotation', data: { operation: 'DROP SCHEMA `archive` CASCADE' } }],
    },
    {
      name: 'CASCADE can drop dependent data-bearing objects',
      sql: 'DROP VIEW active_users CASCADE;',
      errors: [{ messageId: 'irreversibleWithoutAnnotation', data: { operation: 'DROP VIEW `active_users` CASCADE' } }],
    },
    {
      sql: 'TRUNCATE sessions, audit_log;',
      errors: [{ messageId: 'irreversibleWithoutAnnotation', data: { operation: 'TRUNCATE `sessions`, `audit_log`' } }],
    },
    {
      sql: "DELETE FROM sessions WHERE started_at < '2024-02-01';",
      errors: [{ messageId: 'irreversibleWithoutAnnotation', data: { operation: 'DELETE FROM `sessions`' } }],
    },
    {
      name: 'a narrowing type change',
      sql: 'ALTER TABLE users ALTER COLUMN bio TYPE varchar(10);',
      errors: [{ messageId: 'irreversibleWithoutAnnotation', data: { operation: 'Changing `users.bio` to varchar(10), which may cut off or round existing values' } }],
    },
    {
      sql: 'ALTER TABLE users ALTER COLUMN id TYPE integer;',
      errors: [{ messageId: 'irreversibleWithoutAnnotation', data: { operation: 'Changing `users.id` to int4, which may cut off or round existing values' } }],
    },
    {
      name: 'a USING expression that changes values',
      sql: 'ALTER TABLE users ALTER COLUMN email TYPE text USING lower(email);',
      errors: [{ messageId: 'irreversibleWithoutAnnotation', data: { operation: 'Changing `users.email` to text with a USING expression that rewrites its values' } }],
    },
    {
      name: 'several destructive subcommands in one statement: one finding',
      sql: 'ALTER TABLE users DROP COLUMN a, DROP COLUMN b CASCADE;',
      errors: [{ messageId: 'irreversibleWithoutAnnotation', data: { operation: 'DROP COLUMN `users.a`; DROP COLUMN `users.b` CASCADE' } }],
    },
    {
      name: 'an ignore comment silences it like any rule',
      sql: '-- migration-review:ignore require-irreversible-annotation -- reviewed with the data team\nDELETE FROM sessions;\nDELETE FROM audit_log;',
      errors: [{ messageId: 'irreversibleWithoutAnnotation', data: { operation: 'DELETE FROM `audit_log`' }, line: 3 }],
    },
  ],
});

describe('require-irreversible-annotation with the down in the same file (goose)', () => {
  it('names the down section rather than the file again', async () => {
    const { analyze } = await import('../../../src/analysis/index.js');
    const result = await analyze([
      { path: 'db/migrations/20260101000000_drop_legacy.sql', text: '-- +goose Up\nALTER TABLE users DROP COLUMN legacy;\n\n-- +goose Down\nALTER TABLE users ADD COLUMN legacy text;\n' },
    ]);
    const finding = result.findings.find((f) => f.ruleId === rule.id);
    expect(finding && finding.kind === 'rule' ? finding.data : undefined).toEqual({
      operation: 'DROP COLUMN `users.legacy`',
      down: 'the down section of this file',
    });
    expect(finding?.range.start).toEqual({ line: 2, column: 1 });
  });
});
