import rule from '../../../src/analysis/rules/require-if-not-exists.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester.run(rule, {
  valid: [
    // Guarded already.
    'CREATE TABLE IF NOT EXISTS t (id bigint);\nCREATE INDEX CONCURRENTLY IF NOT EXISTS t_id_idx ON t (id);',
    'DROP INDEX CONCURRENTLY IF EXISTS old_idx;\nALTER TABLE t ADD COLUMN IF NOT EXISTS a int;\nALTER TABLE t DROP COLUMN IF EXISTS b;',
    // In a transaction a failure rolls everything back: a re-run starts clean.
    { sql: 'CREATE TABLE t (id bigint);\nCREATE INDEX t_id_idx ON t (id);', txMode: 'per-file', format: 'goose' },
    'BEGIN;\nCREATE TABLE t (id bigint);\nDROP TABLE old;\nCOMMIT;',
    // Alone in autocommit: it either ran or it did not.
    'CREATE TABLE t (id bigint);',
    'DROP TABLE old;',
    // Only session settings follow: they cannot fail halfway.
    "CREATE TABLE t (id bigint);\nRESET statement_timeout;",
    // No IF NOT EXISTS exists for constraints; nothing to ask for.
    'ALTER TABLE t ADD CONSTRAINT c CHECK (a > 0);\nSELECT 1;',
  ],
  invalid: [
    {
      sql: 'CREATE TABLE t (id bigint);\nCREATE INDEX CONCURRENTLY t_id_idx ON t (id);',
      errors: [
        { messageId: 'createWithoutIfNotExists', data: { what: 'CREATE TABLE' }, line: 1, column: 1, severity: 'warning' },
        { messageId: 'createWithoutIfNotExists', data: { what: 'CREATE INDEX' }, line: 2, column: 1 },
      ],
      output: 'CREATE TABLE IF NOT EXISTS t (id bigint);\nCREATE INDEX CONCURRENTLY t_id_idx ON t (id);',
    },
    {
      name: 'a failed concurrent build leaves an INVALID index under its name, even alone',
      sql: 'CREATE UNIQUE INDEX CONCURRENTLY users_email_key ON users (email);',
      errors: [{ messageId: 'createWithoutIfNotExists', data: { what: 'CREATE INDEX' }, line: 1, column: 1 }],
      output: 'CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS users_email_key ON users (email);',
    },
    {
      name: 'an unnamed index cannot take IF NOT EXISTS',
      sql: 'CREATE INDEX CONCURRENTLY ON users (email);',
      errors: [{ messageId: 'unnamedIndex', data: { what: 'CREATE INDEX' } }],
      output: null,
    },
    {
      sql: 'DROP INDEX CONCURRENTLY users_old_idx;\nCREATE INDEX CONCURRENTLY IF NOT EXISTS users_new_idx ON users (a);',
      errors: [{ messageId: 'dropWithoutIfExists', data: { what: 'DROP INDEX' }, line: 1 }],
      output: 'DROP INDEX CONCURRENTLY IF EXISTS users_old_idx;\nCREATE INDEX CONCURRENTLY IF NOT EXISTS users_new_idx ON users (a);',
    },
    {
      sql: 'DROP MATERIALIZED VIEW daily;\nSELECT 1;',
      errors: [{ messageId: 'dropWithoutIfExists', data: { what: 'DROP MATERIALIZED VIEW' } }],
      output: 'DROP MATERIALIZED VIEW IF EXISTS daily;\nSELECT 1;',
    },
    {
      sql: 'ALTER TABLE users ADD note text;\nSELECT 1;',
      errors: [{ messageId: 'createWithoutIfNotExists', data: { what: 'ADD COLUMN' } }],
      output: 'ALTER TABLE users ADD IF NOT EXISTS note text;\nSELECT 1;',
    },
    {
      sql: 'ALTER TABLE users DROP COLUMN note;\nSELECT 1;',
      errors: [{ messageId: 'dropWithoutIfExists', data: { what: 'DROP COLUMN' } }],
      output: 'ALTER TABLE users DROP COLUMN IF EXISTS note;\nSELECT 1;',
    },
    {
      name: 'several subcommands: reported, no mechanical fix',
      sql: 'ALTER TABLE users ADD COLUMN a int, ADD COLUMN b int;\nSELECT 1;',
      errors: [{ messageId: 'createWithoutIfNotExists' }, { messageId: 'createWithoutIfNotExists' }],
      output: null,
    },
    {
      name: 'statements after an explicit COMMIT run in autocommit again',
      sql: 'BEGIN;\nSELECT 1;\nCOMMIT;\nCREATE EXTENSION pg_trgm;\nCREATE SCHEMA app;',
      errors: [{ messageId: 'createWithoutIfNotExists', data: { what: 'CREATE EXTENSION' }, line: 4 }],
      output: 'BEGIN;\nSELECT 1;\nCOMMIT;\nCREATE EXTENSION IF NOT EXISTS pg_trgm;\nCREATE SCHEMA app;',
    },
  ],
});
