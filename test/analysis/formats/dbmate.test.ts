import { discoverMigrations } from '../../../src/analysis/formats/index.js';
import type { MigrationFile } from '../../../src/analysis/formats/types.js';
import { spanViolations } from './helpers.js';

function one(text: string): MigrationFile {
  const [migration] = discoverMigrations([{ path: 'db/migrations/20240101000000_x.sql', text }]);
  expect(migration?.format).toBe('dbmate');
  expect(spanViolations(migration as MigrationFile)).toEqual([]);
  return migration as MigrationFile;
}

test('up and down are slices of one file with exact byte spans (CRLF, non-ASCII)', () => {
  const text = "-- migrate:up\r\nCOMMENT ON TABLE t IS 'naïve ☃';\r\n\r\n-- migrate:down\r\nCOMMENT ON TABLE t IS NULL;\r\n";
  const m = one(text);
  expect(m.up.text).toBe("COMMENT ON TABLE t IS 'naïve ☃';\r\n\r\n");
  expect(m.up.span.start).toBe(15);
  // 'ï' is 2 bytes and '☃' 3: the span is 3 bytes longer than the string.
  expect(m.up.span.end - m.up.span.start).toBe(m.up.text.length + 3);
  expect(m.down.state === 'present' && m.down.section.text).toBe('COMMENT ON TABLE t IS NULL;\r\n');
});

test('transaction:false applies to the section whose marker carries it', () => {
  const m = one('-- migrate:up\nSELECT 1;\n-- migrate:down transaction:false\nDROP INDEX CONCURRENTLY i;\n');
  expect(m.up.transaction).toBe('per-file');
  expect(m.down.state === 'present' && m.down.section.transaction).toBe('none');
});

test('an empty down is present (the marker exists); no marker is missing', () => {
  const empty = one('-- migrate:up\nSELECT 1;\n-- migrate:down\n');
  expect(empty.down.state === 'present' && empty.down.section.text).toBe('');
  expect(one('-- migrate:up\nSELECT 1;\n').down).toEqual({ state: 'missing', expectedPath: 'db/migrations/20240101000000_x.sql' });
});

test('down before up is a problem; the sections still split', () => {
  const m = one('-- migrate:down\nDROP TABLE t;\n-- migrate:up\nCREATE TABLE t ();\n');
  expect(m.problems.map((p) => p.message)).toEqual(['-- migrate:down comes before -- migrate:up: dbmate refuses this file']);
  expect(m.up.text).toBe('CREATE TABLE t ();\n');
  expect(m.down.state === 'present' && m.down.section.text).toBe('DROP TABLE t;\n');
});
