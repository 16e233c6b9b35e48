/**
 * Format detection against every real project in ../shared/corpus (read in place). Each project
 * must come out as the framework SOURCES.tsv names, with every section's span exact.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { discoverMigrations } from '../../../src/analysis/formats/index.js';
import type { FormatId, MigrationFile, SourceFile } from '../../../src/analysis/formats/types.js';
import { LineIndex } from '../../../src/analysis/source.js';
import { CORPUS_DIR, lineRange, readTree, spanViolations } from './helpers.js';

/** SOURCES.tsv framework -> the format we must detect; `null`: a JS/TS framework, no SQL files. */
const EXPECTED_FORMAT: Record<string, FormatId | null> = {
  diesel: 'diesel',
  sqitch: 'sqitch',
  prisma: 'prisma',
  'golang-migrate': 'golang-migrate',
  goose: 'goose',
  flyway: 'flyway',
  dbmate: 'dbmate',
  'mattermost-morph': 'mattermost-morph',
  // Decision: knex, TypeORM and node-pg-migrate migrations are JavaScript/TypeScript code that
  // builds SQL at run time; there is no SQL text to split, so they yield no migrations.
  knex: null,
  typeorm: null,
  'node-pg-migrate': null,
};

const sources = readFileSync(join(CORPUS_DIR, 'SOURCES.tsv'), 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => line.split('\t'))
  .map(([dir, , , framework]) => ({ dir: dir as string, framework: framework as string }));
const projects = readdirSync(CORPUS_DIR, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

const cache = new Map<string, { files: SourceFile[]; migrations: MigrationFile[] }>();
function load(project: string): { files: SourceFile[]; migrations: MigrationFile[] } {
  let loaded = cache.get(project);
  if (!loaded) {
    const files = readTree(join(CORPUS_DIR, project));
    loaded = { files, migrations: discoverMigrations(files) };
    cache.set(project, loaded);
  }
  return loaded;
}

/** ORDER.txt lists files in the order the framework applies them (comments start with #). */
function order(project: string, extension = '.sql'): string[] {
  return readFileSync(join(CORPUS_DIR, project, 'ORDER.txt'), 'utf8')
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('#') && line.endsWith(extension));
}

function byPath(project: string, path: string): MigrationFile {
  const migration = load(project).migrations.find((m) => m.path === path);
  if (!migration) throw new Error(`no migration at ${path}`);
  return migration;
}

test('every corpus directory is listed in SOURCES.tsv with a framework we know', () => {
  expect(projects.length).toBeGreaterThan(0);
  for (const project of projects) {
    const source = sources.find((s) => s.dir === project);
    expect(source).toBeDefined();
    expect(Object.keys(EXPECTED_FORMAT)).toContain(source?.framework);
  }
});

describe.each(projects)('%s', (project) => {
  const framework = sources.find((s) => s.dir === project)?.framework ?? '';

  test('is detected as its framework', () => {
    const { files, migrations } = load(project);
    const expected = EXPECTED_FORMAT[framework];
    if (expected === null || expected === undefined) {
      expect(files.filter((f) => f.path.endsWith('.sql'))).toEqual([]);
      expect(migrations).toEqual([]);
    } else {
      expect(migrations.length).toBeGreaterThan(0);
      expect(new Set(migrations.map((m) => m.format))).toEqual(new Set([expected]));
    }
  });

  test('every section is exactly its file over its byte span', () => {
    expect(load(project).migrations.flatMap(spanViolations)).toEqual([]);
  });

  test('survives a JSON round trip and any input order', () => {
    const { files, migrations } = load(project);
    expect(JSON.parse(JSON.stringify(migrations))).toEqual(migrations);
    expect(discoverMigrations([...files].reverse())).toEqual(migrations);
  });
});

test('prints a one-line summary per project', () => {
  const lines = projects.map((project) => {
    const { files, migrations } = load(project);
    const count = (state: string) => migrations.filter((m) => m.down.state === state).length;
    const formats = [...new Set(migrations.map((m) => m.format))].join(',') || '-';
    return `${project}: ${files.length} files, ${migrations.length} migrations (${formats}), down present ${count('present')} / missing ${count('missing')} / unsupported ${count('unsupported')}, problems ${migrations.flatMap((m) => m.problems).length}`;
  });
  console.log(lines.join('\n'));
  expect(lines).toHaveLength(projects.length);
});

describe('lemmy (diesel)', () => {
  const project = 'LemmyNet__lemmy';
  test('every migration directory has its up and down paired, in ORDER.txt order', () => {
    const { files, migrations } = load(project);
    const dirs = new Set(files.filter((f) => f.path.endsWith('/up.sql')).map((f) => f.path));
    expect(migrations.map((m) => m.path)).toEqual(order(project));
    expect(migrations).toHaveLength(dirs.size);
    for (const m of migrations) {
      expect(m.down.state).toBe('present');
      if (m.down.state === 'present') expect(m.down.section.file).toBe(m.path.replace(/up\.sql$/, 'down.sql'));
      expect(m.up.transaction).toBe('per-file');
    }
    expect(byPath(project, 'migrations/2019-02-26-002946_create_user/up.sql')).toMatchObject({ version: '2019-02-26-002946', name: 'create_user' });
    expect(byPath(project, 'migrations/2025-09-19-132648-0000_theme-instance-default/up.sql')).toMatchObject({ version: '2025-09-19-132648-0000' });
  });

  test('non-ASCII text keeps byte spans (language-tags has multi-byte names)', () => {
    const m = byPath(project, 'migrations/2022-06-21-123144_language-tags/up.sql');
    const text = m.texts[m.path] as string;
    expect(Buffer.byteLength(text)).toBeGreaterThan(text.length);
    expect(m.up.span).toEqual({ start: 0, end: Buffer.byteLength(text) });
  });
});

test('documenso (prisma): every migration reports down unsupported, in ORDER.txt order', () => {
  const { migrations } = load('documenso__documenso');
  expect(migrations.map((m) => m.path)).toEqual(order('documenso__documenso'));
  for (const m of migrations) {
    expect(m.down).toEqual({ state: 'unsupported', reason: 'Prisma Migrate has no down migrations' });
    expect(m.up.transaction).toBe('per-file');
  }
});

describe('hatchet (goose)', () => {
  const project = 'hatchet-dev__hatchet';
  const dir = 'cmd/hatchet-migrate/migrate/migrations';

  test('SQL migrations follow ORDER.txt; the Go migrations are ignored', () => {
    const { migrations } = load(project);
    expect(migrations.map((m) => m.path)).toEqual(order(project));
    expect(migrations.some((m) => m.path.endsWith('.go'))).toBe(false);
  });

  test('v1_0_40 splits at the annotation lines: up 2-10, down 12-17', () => {
    const m = byPath(project, `${dir}/20250824131856_v1_0_40.sql`);
    const index = new LineIndex(m.texts[m.path] as string);
    // Line 1 is `-- +goose Up`, line 11 `-- +goose Down`: the markers belong to no section.
    expect(m.up.span).toEqual({ start: index.lineStart(2), end: index.lineStart(11) });
    expect(lineRange(m, m.up)).toEqual([2, 10]);
    expect(m.up.text.startsWith('-- +goose StatementBegin\n')).toBe(true);
    expect(m.down.state).toBe('present');
    if (m.down.state !== 'present') return;
    expect(m.down.section.span).toEqual({ start: index.lineStart(12), end: index.totalBytes });
    expect(lineRange(m, m.down.section)).toEqual([12, 17]);
    expect(m.up.transaction).toBe('per-file');
    expect(m.problems).toEqual([]);
    expect(m).toMatchObject({ version: '20250824131856', name: 'v1_0_40' });
  });

  test('v1_0_42 splits at lines 1, 106; up 2-105, down 107-150', () => {
    const m = byPath(project, `${dir}/20250912162812_v1_0_42.sql`);
    expect(lineRange(m, m.up)).toEqual([2, 105]);
    expect(m.down.state === 'present' && lineRange(m, m.down.section)).toEqual([107, 150]);
  });

  test('v0_35_1 has NO TRANSACTION and no Down: transaction none, down missing', () => {
    const m = byPath(project, `${dir}/20240703194656_v0_35_1.sql`);
    expect(m.up.transaction).toBe('none');
    expect(lineRange(m, m.up)).toEqual([2, 27]);
    expect(m.down).toEqual({ state: 'missing', expectedPath: m.path });
  });

  test('lower-case `-- +goose no transaction` counts too', () => {
    const { migrations } = load(project);
    const lower = migrations.filter((m) => /^-- \+goose no transaction$/m.test(m.texts[m.path] as string));
    expect(lower).toHaveLength(2);
    for (const m of lower) expect(m.up.transaction).toBe('none');
  });
});

describe('chef (sqitch)', () => {
  const project = 'chef__chef-server';

  test('three projects, deploy/revert/verify paired through each sqitch.plan', () => {
    const { migrations } = load(project);
    const roots = ['src/oc_bifrost/schema', 'src/oc_erchef/schema', 'src/oc_erchef/schema/baseline'];
    for (const root of roots) {
      const plan = readFileSync(join(CORPUS_DIR, project, root, 'sqitch.plan'), 'utf8');
      const planned = plan.split('\n').filter((l) => /^[a-z]/.test(l)).length;
      const mine = migrations.filter((m) => m.path.startsWith(`${root}/deploy/`) && /^\d+$/.test(m.version));
      expect(mine).toHaveLength(planned);
    }
    const base = byPath(project, 'src/oc_bifrost/schema/deploy/base.sql');
    expect(base).toMatchObject({ version: '0001', name: 'base' });
    expect(base.down.state === 'present' && base.down.section.file).toBe('src/oc_bifrost/schema/revert/base.sql');
    expect(base.verify?.file).toBe('src/oc_bifrost/schema/verify/base.sql');
    expect(base.up.transaction).toBe('none');
  });

  test('reworked changes use their tagged scripts, in plan order', () => {
    const bifrost = load(project).migrations.filter((m) => m.path.startsWith('src/oc_bifrost/'));
    expect(bifrost.filter((m) => m.name.startsWith('update_acl')).map((m) => [m.version, m.name])).toEqual([
      ['0008', 'update_acl@1.2.0'],
      ['0012', 'update_acl@1.3.0'],
      ['0013', 'update_acl'],
    ]);
    expect(byPath(project, 'src/oc_erchef/schema/deploy/keys_update_trigger@users_email_functional_index.sql').version).toBe('0026');
  });

  test('the nested baseline plan governs its own directory', () => {
    const m = byPath(project, 'src/oc_erchef/schema/baseline/deploy/purge_sequel.sql');
    expect(m.version).toBe('0018');
    expect(m.problems).toEqual([]);
  });

  test('a deploy script missing from its plan is flagged, and its missing revert reported', () => {
    const m = byPath(project, 'src/oc_erchef/schema/deploy/purge_sequel.sql');
    expect(m.problems.map((p) => p.message)).toEqual(['change "purge_sequel" is not in src/oc_erchef/schema/sqitch.plan: sqitch will not deploy it']);
    expect(m.down).toEqual({ state: 'missing', expectedPath: 'src/oc_erchef/schema/revert/purge_sequel.sql' });
  });

  test('without the plans, the deploy/revert/verify layout is still sqitch', () => {
    const files = load(project).files.filter((f) => !f.path.endsWith('sqitch.plan'));
    const migrations = discoverMigrations(files);
    expect(new Set(migrations.map((m) => m.format))).toEqual(new Set(['sqitch']));
    expect(migrations.find((m) => m.name === 'base')?.version).toBe('base');
  });
});

test('harbor (golang-migrate): up files only, each down missing at its .down.sql', () => {
  const { migrations } = load('goharbor__harbor');
  expect(migrations).toHaveLength(39);
  const first = migrations[0] as MigrationFile;
  expect(first).toMatchObject({ path: 'make/migrations/postgresql/0001_initial_schema.up.sql', version: '0001', name: 'initial_schema' });
  for (const m of migrations) {
    expect(m.down).toEqual({ state: 'missing', expectedPath: m.path.replace(/\.up\.sql$/, '.down.sql') });
    expect(m.up.transaction).toBe('per-file');
  }
});

test('kestra (flyway): versions in Flyway order (1.2 before 1.10), no undo', () => {
  const { migrations } = load('kestra-io__kestra');
  expect(migrations.map((m) => m.version).slice(0, 4)).toEqual(['1.1', '1.2', '1.3', '1.4']);
  expect(migrations.map((m) => m.version).at(-1)).toBe('1.27');
  for (const m of migrations) expect(m.down).toEqual({ state: 'unsupported', reason: 'Flyway undo migrations (U files) are a Teams feature; none found' });
});

test('supabase (dbmate): up and down are slices of one file, markers excluded', () => {
  const { migrations } = load('supabase__postgres');
  for (const m of migrations) {
    expect(m.down.state).toBe('present');
    if (m.down.state !== 'present') continue;
    expect(m.up.file).toBe(m.down.section.file);
    expect(m.up.text).not.toMatch(/migrate:(up|down)/);
    expect(m.down.section.text).not.toMatch(/migrate:(up|down)/);
    expect(m.up.span.end).toBeLessThanOrEqual(m.down.section.span.start);
  }
  const m = byPath('supabase__postgres', 'migrations/db/migrations/20220404205710_pg_graphql-on-by-default.sql');
  expect(lineRange(m, m.up)[0]).toBe(2);
  expect(m).toMatchObject({ version: '20220404205710', name: 'pg_graphql-on-by-default' });
});

test('mattermost (morph): every up paired with its down, in migrations.list order', () => {
  const project = 'mattermost__mattermost';
  const { migrations } = load(project);
  const list = readFileSync(join(CORPUS_DIR, project, 'server/channels/db/migrations/migrations.list'), 'utf8')
    .split('\n')
    .filter((line) => line.endsWith('.up.sql'))
    .map((line) => `server/${line}`);
  expect(migrations.map((m) => m.path)).toEqual(list);
  for (const m of migrations) {
    expect(m.down.state === 'present' && m.down.section.file).toBe(m.path.replace(/\.up\.sql$/, '.down.sql'));
    // The upload lost its comment lines, morph's marker among them (NOTES.md), so all are transactional here.
    expect(m.up.transaction).toBe('per-file');
  }
});
