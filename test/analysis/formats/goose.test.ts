import { discoverMigrations } from '../../../src/analysis/formats/index.js';
import type { MigrationFile } from '../../../src/analysis/formats/types.js';
import { lineRange, spanViolations } from './helpers.js';

function one(text: string, path = 'db/migrations/20240101120000_test.sql'): MigrationFile {
  const [migration, ...rest] = discoverMigrations([{ path, text }]);
  expect(rest).toEqual([]);
  expect(migration?.format).toBe('goose');
  expect(spanViolations(migration as MigrationFile)).toEqual([]);
  return migration as MigrationFile;
}

test('CRLF: the markers and their "\\r\\n" stay out of the sections', () => {
  const m = one('-- +goose Up\r\nCREATE TABLE t (a int);\r\n-- +goose Down\r\nDROP TABLE t;\r\n');
  expect(m.up.text).toBe('CREATE TABLE t (a int);\r\n');
  expect(m.down.state === 'present' && m.down.section.text).toBe('DROP TABLE t;\r\n');
  expect(m.up.span).toEqual({ start: 14, end: 39 });
});

test('non-ASCII before the split point shifts byte spans, not characters', () => {
  const m = one("-- +goose Up\nINSERT INTO t VALUES ('żółć 🐘');\n-- +goose Down\nDELETE FROM t;\n");
  const bytes = Buffer.from(m.texts[m.path] as string);
  expect(m.down.state).toBe('present');
  if (m.down.state !== 'present') return;
  expect(m.down.section.span.start).toBe(bytes.indexOf('DELETE'));
  expect(m.down.section.span.start).toBeGreaterThan((m.texts[m.path] as string).indexOf('DELETE'));
  expect(lineRange(m, m.down.section)).toEqual([4, 4]);
});

test('annotations are case-insensitive, as in goose', () => {
  const m = one('-- +goose up\n-- +goose no transaction\nSELECT 1;\n-- +GOOSE DOWN\nSELECT 2;\n');
  expect(m.up.transaction).toBe('none');
  expect(m.down.state === 'present' && m.down.section.text).toBe('SELECT 2;\n');
});

test('a StatementBegin never ended is a problem located on its line', () => {
  const text = '-- +goose Up\n-- +goose StatementBegin\nCREATE FUNCTION f() RETURNS int AS $$ SELECT 1 $$ LANGUAGE sql;\n';
  const m = one(text);
  expect(m.problems).toEqual([{ file: m.path, span: { start: 13, end: 37 }, message: '-- +goose StatementBegin never ended' }]);
});

test('StatementEnd without Begin, unknown annotations and a missing Up are problems', () => {
  const m = one('-- +goose StatementEnd\n-- +goose Sideways\nSELECT 1;\n');
  expect(m.problems.map((p) => p.message)).toEqual([
    '-- +goose StatementEnd without a StatementBegin',
    'unknown goose annotation "sideways"',
    'no -- +goose Up annotation: goose refuses this file',
  ]);
  // Still reviewed: the whole file is the up.
  expect(m.up.span).toEqual({ start: 0, end: Buffer.byteLength(m.texts[m.path] as string) });
});

test('no Down section: down missing, pointing at the file where it belongs', () => {
  const m = one('-- +goose Up\nSELECT 1;\n');
  expect(m.down).toEqual({ state: 'missing', expectedPath: m.path });
});

test('goose Go migrations are not SQL and are ignored', () => {
  expect(discoverMigrations([{ path: 'migrations/20240101_backfill.go', text: 'package migrations\n' }])).toEqual([]);
});
