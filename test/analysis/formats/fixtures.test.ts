/**
 * Every `<format>/fixtures/<case>/` directory is an input tree plus `expected.json`, the digest
 * of what discoverMigrations must return for it (spans as UTF-8 byte offsets, lines 1-based).
 * `UPDATE_FIXTURES=1 npm test -- test/analysis/formats/fixtures` rewrites the digests; review the diff.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { discoverMigrations } from '../../../src/analysis/formats/index.js';
import { digest, FIXTURES_DIR, readTree, spanViolations } from './helpers.js';

const cases = readdirSync(FIXTURES_DIR, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(join(FIXTURES_DIR, entry.name, 'fixtures')))
  .flatMap((format) =>
    readdirSync(join(FIXTURES_DIR, format.name, 'fixtures')).map((name) => [`${format.name}/${name}`, join(FIXTURES_DIR, format.name, 'fixtures', name)] as const),
  );

test('fixture cases exist for every format directory', () => {
  expect(cases.length).toBeGreaterThanOrEqual(11);
});

test.each(cases)('%s', (_name, dir) => {
  const migrations = discoverMigrations(readTree(dir, ['expected.json']));
  expect(migrations.flatMap(spanViolations)).toEqual([]);
  const actual = migrations.map(digest);
  const expectedPath = join(dir, 'expected.json');
  if (process.env.UPDATE_FIXTURES === '1') writeFileSync(expectedPath, `${JSON.stringify(actual, null, 2)}\n`);
  expect(actual).toEqual(JSON.parse(readFileSync(expectedPath, 'utf8')));
});
