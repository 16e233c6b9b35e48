import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { companionPaths, discoverMigrations, formats, isMigrationCandidate } from '../../../src/analysis/formats/index.js';
import { FORMAT_IDS, type SourceFile } from '../../../src/analysis/formats/types.js';
import { spanViolations } from './helpers.js';

describe('formats registry', () => {
  test('every format id has its info, under its own id', () => {
    expect(Object.keys(formats).sort()).toEqual([...FORMAT_IDS].sort());
    for (const [id, info] of Object.entries(formats)) {
      expect(info.id).toBe(id);
      expect(info.docsUrl).toMatch(/^https:\/\//);
    }
  });

  test('every format id has its module file', () => {
    const dir = fileURLToPath(new URL('../../../src/analysis/formats/', import.meta.url));
    const files = readdirSync(dir);
    for (const id of FORMAT_IDS) expect(files).toContain(`${id}.ts`);
  });

  test('formats without downs say so', () => {
    expect(formats.prisma.supportsDown).toBe(false);
    expect(formats.drizzle.supportsDown).toBe(false);
    expect(formats.goose.noTransactionHint).toBe('add `-- +goose NO TRANSACTION` at the top of the file');
    expect(formats.dbmate.noTransactionHint).toBe('add `transaction:false` to the `-- migrate:up` line');
    // drizzle-kit migrate runs every pending file in one transaction: there is no way out.
    expect(formats.drizzle.noTransactionHint).toBeUndefined();
  });
});

describe('discoverMigrations', () => {
  const repo: SourceFile[] = [
    { path: 'services/billing/db/migrations/000002_b.up.sql', text: 'SELECT 2;\n' },
    { path: 'services/billing/db/migrations/000001_a.up.sql', text: 'SELECT 1;\n' },
    { path: 'services/billing/db/migrations/000001_a.down.sql', text: 'SELECT -1;\n' },
    { path: 'services/auth/migrations/20240101000000_init.sql', text: '-- +goose Up\nSELECT 1;\n' },
    { path: 'services/auth/README.md', text: '# auth\n' },
    { path: 'web/src/index.ts', text: 'export {};\n' },
  ];

  test('finds each format wherever it is nested, sorted by directory then version', () => {
    const migrations = discoverMigrations(repo);
    expect(migrations.map((m) => [m.format, m.path])).toEqual([
      ['goose', 'services/auth/migrations/20240101000000_init.sql'],
      ['golang-migrate', 'services/billing/db/migrations/000001_a.up.sql'],
      ['golang-migrate', 'services/billing/db/migrations/000002_b.up.sql'],
    ]);
    expect(migrations.flatMap(spanViolations)).toEqual([]);
  });

  test('numeric versions sort as numbers within a directory', () => {
    const migrations = discoverMigrations([
      { path: 'm/10_c.up.sql', text: '' },
      { path: 'm/9_b.up.sql', text: '' },
      { path: 'm/1_a.up.sql', text: '' },
    ]);
    expect(migrations.map((m) => m.version)).toEqual(['1', '9', '10']);
  });

  test('an override forces a format on the paths its glob matches (the last match wins)', () => {
    const files = [{ path: 'db/schema/001_init.sql', text: 'CREATE TABLE t ();\n' }];
    expect(discoverMigrations(files)[0]?.format).toBe('plain');
    const forced = discoverMigrations(files, { overrides: [{ glob: 'db/**', format: 'plain' }, { glob: 'db/schema/*.sql', format: 'prisma' }] });
    expect(forced[0]).toMatchObject({ format: 'prisma', version: '001', down: { state: 'unsupported' } });
  });

  test('a forced format reviews a file that does not follow its naming instead of dropping it', () => {
    for (const format of FORMAT_IDS) {
      const migrations = discoverMigrations([{ path: 'sql/odd name.sql', text: 'SELECT 1;\n' }], { overrides: [{ glob: 'sql/*', format }] });
      expect([format, migrations.map((m) => m.format)]).toEqual([format, [format]]);
      expect(migrations.flatMap(spanViolations)).toEqual([]);
    }
  });

  test('morph is recognised by its marker even without migrations.list', () => {
    const [m] = discoverMigrations([{ path: 'x/postgres/000001_i.up.sql', text: '-- morph:nontransactional\nCREATE INDEX CONCURRENTLY i ON t (a);\n' }]);
    expect(m).toMatchObject({ format: 'mattermost-morph', up: { transaction: 'none' } });
  });

  test('a reworked sqitch change falls back to the tag its rework names when the old script is absent', () => {
    const plan = '%project=p\n\nf 2024-01-01T00:00:00Z A <a@b> # f\n@v1 2024-01-02T00:00:00Z A <a@b> # t\n@v2 2024-01-02T00:00:00Z A <a@b> # t\nf [f@v2] 2024-01-03T00:00:00Z A <a@b> # rework\n';
    const migrations = discoverMigrations([
      { path: 'sqitch.plan', text: plan },
      { path: 'deploy/f.sql', text: 'SELECT 2;\n' },
      { path: 'revert/f.sql', text: 'SELECT 1;\n' },
    ]);
    expect(migrations.map((m) => [m.version, m.name])).toEqual([['0002', 'f']]);
  });
});

describe('isMigrationCandidate', () => {
  test.each([
    ['db/migrations/1_a.up.sql', true],
    ['anything/at/all.sql', true],
    ['schema/sqitch.plan', true],
    ['schema/sqitch.conf', true],
    ['drizzle/meta/_journal.json', true],
    ['drizzle/meta/0000_snapshot.json', false],
    ['migrations/2019-02-26-002946_create_user/metadata.toml', true],
    ['Cargo.toml', false],
    ['db/migration/V2__x.sql.conf', true],
    ['server/channels/db/migrations/migrations.list', true],
    ['hasura/migrations/default/1612345678901_x/down.yaml', true],
    ['.github/workflows/ci.yml', false],
    ['migrations/20240101_backfill.go', false],
  ])('%s -> %s', (path, expected) => {
    expect(isMigrationCandidate(path)).toBe(expected);
  });
});

describe('companionPaths', () => {
  test.each([
    ['db/1_a.up.sql', ['db/1_a.down.sql']],
    ['db/1_a.down.sql', ['db/1_a.up.sql']],
    ['server/db/migrations/postgres/000001_a.up.sql', ['server/db/migrations/postgres/000001_a.down.sql', 'server/db/migrations/migrations.list']],
    ['schema/deploy/users.sql', ['schema/sqitch.plan', 'schema/revert/users.sql', 'schema/verify/users.sql']],
    ['schema/revert/users.sql', ['schema/sqitch.plan', 'schema/deploy/users.sql', 'schema/verify/users.sql']],
    ['migrations/2019-02-26-002946_create_user/up.sql', ['migrations/2019-02-26-002946_create_user/down.sql', 'migrations/2019-02-26-002946_create_user/metadata.toml']],
    ['migrations/2019-02-26-002946_create_user/metadata.toml', ['migrations/2019-02-26-002946_create_user/up.sql', 'migrations/2019-02-26-002946_create_user/down.sql']],
    ['hasura/migrations/1612345678901_x/up.sql', ['hasura/migrations/1612345678901_x/down.sql', 'hasura/migrations/1612345678901_x/down.yaml']],
    ['db/migration/V2__add.sql', ['db/migration/V2__add.sql.conf', 'db/migration/U2__add.sql']],
    ['db/migration/V2__add.sql.conf', ['db/migration/V2__add.sql']],
    ['drizzle/0003_small_thing.sql', ['drizzle/meta/_journal.json']],
    ['prisma/migrations/20230101000000_init/migration.sql', []],
    ['db/migrations/20240101000000_goose.sql', []],
  ])('%s', (path, expected) => {
    expect(companionPaths(path)).toEqual(expected);
  });
});
