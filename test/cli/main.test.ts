import { afterEach, describe, expect, it } from '@jest/globals';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { rules } from '../../src/analysis/rules/index.js';
import { MAX_FILE_BYTES } from '../../src/cli/files.js';
import { run, tempRepo } from './helpers.js';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const UNSAFE = 'CREATE INDEX users_email_idx ON users (email);\n';
const SAFE = 'CREATE TABLE things (id bigint PRIMARY KEY);\n';
const SAFE_DOWN = "SET lock_timeout = '2s';\nDROP TABLE things;\n";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((c) => c()));
});
async function repo(files: Record<string, string | Buffer>): Promise<string> {
  const { dir, cleanup } = await tempRepo(files);
  cleanups.push(cleanup);
  return dir;
}

describe('lint', () => {
  it('reviews the shipped examples and exits 1 on their errors', async () => {
    const { code, stdout, stderr } = await run(['lint', 'examples/'], REPO_ROOT);
    expect(stderr).toBe('');
    expect(code).toBe(1);
    expect(stdout).toContain('examples/db/migrations/0002_index_orders_created_at.up.sql');
    expect(stdout).toContain('require-concurrent-index');
    expect(stdout).toContain('SHARE on `orders`: blocks writes, not reads');
    expect(stdout).toMatch(/8 migrations checked/);
  });

  it('exits 0 with no errors', async () => {
    const dir = await repo({ 'db/migrations/0001_things.up.sql': SAFE, 'db/migrations/0001_things.down.sql': SAFE_DOWN });
    const { code, stdout } = await run(['lint', 'db'], dir);
    expect(code).toBe(0);
    expect(stdout).toBe('✔ no problems: 1 migration checked (PostgreSQL 16)\n');
  });

  it('lints the current folder by default, skipping node_modules and .git', async () => {
    const dir = await repo({
      'db/migrations/0001_x.up.sql': UNSAFE,
      'node_modules/pkg/migrations/0001_x.up.sql': UNSAFE,
      '.git/hooks/0001_x.up.sql': UNSAFE,
    });
    const { stdout } = await run(['lint', '--format', 'json'], dir);
    expect(JSON.parse(stdout).migrations.map((m: { path: string }) => m.path)).toEqual(['db/migrations/0001_x.up.sql']);
  });

  it('paths are relative to the repository root, even from a subfolder', async () => {
    const dir = await repo({ 'db/migrations/0001_x.up.sql': UNSAFE });
    const { stdout } = await run(['lint', '.', '-f', 'json'], path.join(dir, 'db/migrations'));
    expect(JSON.parse(stdout).findings[0].file).toBe('db/migrations/0001_x.up.sql');
  });

  it('a named file brings its down', async () => {
    const dir = await repo({ 'm/0001_x.up.sql': SAFE, 'm/0001_x.down.sql': SAFE_DOWN });
    const { stdout } = await run(['lint', 'm/0001_x.up.sql', '--format=json'], dir);
    expect(JSON.parse(stdout).migrations[0]).toMatchObject({ down: 'present', downPath: 'm/0001_x.down.sql' });
  });

  it.each([
    ['json', (out: string) => expect(JSON.parse(out)).toMatchObject({ version: 1, tool: { name: 'migration-review', version: expect.any(String) } })],
    ['sarif', (out: string) => expect(JSON.parse(out)).toMatchObject({ version: '2.1.0', runs: [{ results: expect.arrayContaining([expect.objectContaining({ ruleId: 'require-concurrent-index' })]) }] })],
    ['github', (out: string) => expect(out).toMatch(/^::error file=db\/0001_x\.up\.sql,line=1,/m)],
  ])('writes --format %s', async (format, check) => {
    const dir = await repo({ 'db/0001_x.up.sql': UNSAFE });
    const { code, stdout } = await run(['lint', '--format', format], dir);
    expect(code).toBe(1);
    check(stdout);
  });

  it('colors for a terminal unless NO_COLOR or --no-color', async () => {
    const dir = await repo({ 'db/0001_x.up.sql': UNSAFE });
    expect((await run(['lint'], dir, { isTTY: true })).stdout).toContain('\u001b[');
    expect((await run(['lint'], dir, { isTTY: true, env: { NO_COLOR: '1' } })).stdout).not.toContain('\u001b[');
    expect((await run(['lint', '--no-color'], dir, { isTTY: true })).stdout).not.toContain('\u001b[');
    expect((await run(['lint', '--color'], dir)).stdout).toContain('\u001b[');
  });

  it('reads the config: severities, exclusions, postgres version; --pg-version overrides it', async () => {
    const id = 'require-concurrent-index';
    const dir = await repo({
      '.github/migration-review.yml': `postgresVersion: 13\nrequireLockTimeout: false\nrules:\n  ${id}: warning\nmigrations:\n  exclude: ["legacy/**"]\n`,
      'db/0001_x.up.sql': UNSAFE,
      'db/0001_x.down.sql': 'DROP INDEX users_email_idx;\n',
      'legacy/0001_old.up.sql': UNSAFE,
    });
    const fromConfig = await run(['lint', '-f', 'json'], dir);
    const report = JSON.parse(fromConfig.stdout);
    expect(fromConfig.code).toBe(0);
    expect(report.postgresVersion).toBe(13);
    expect(report.migrations).toHaveLength(1);
    expect(report.findings.find((f: { ruleId: string }) => f.ruleId === id).severity).toBe('warning');
    expect(JSON.parse((await run(['lint', '-f', 'json', '--pg-version', '17'], dir)).stdout).postgresVersion).toBe(17);
    expect((await run(['lint', '--max-warnings', '0'], dir)).code).toBe(1);
  });

  it('config `paths` limits where migrations are looked for', async () => {
    const dir = await repo({ '.github/migration-review.yml': 'migrations:\n  paths: ["db/migrations/**"]\n', 'db/migrations/0001_x.up.sql': SAFE, 'db/migrations/0001_x.down.sql': SAFE_DOWN, 'scripts/0001_y.up.sql': UNSAFE });
    const { code, stdout } = await run(['lint', '-f', 'json'], dir);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).migrations.map((m: { path: string }) => m.path)).toEqual(['db/migrations/0001_x.up.sql']);
  });

  it('an invalid config exits 2 naming the key', async () => {
    const dir = await repo({ '.github/migration-review.yml': 'rules:\n  require-concurent-index: error\n', 'db/0001_x.up.sql': SAFE });
    const { code, stdout, stderr } = await run(['lint'], dir);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('rules.require-concurent-index: unknown rule (did you mean require-concurrent-index');
    expect(stderr).toContain(path.join(dir, '.github/migration-review.yml'));
  });

  it('an explicit --config that does not exist exits 2', async () => {
    const dir = await repo({ 'db/0001_x.up.sql': SAFE });
    const { code, stderr } = await run(['lint', '--config', 'nope.yml'], dir);
    expect(code).toBe(2);
    expect(stderr).toContain('nope.yml');
  });

  it('reports a file it cannot read as a finding naming it', async () => {
    const dir = await repo({
      'db/0001_big.up.sql': Buffer.alloc(MAX_FILE_BYTES + 1, 0x20),
      'db/0002_bin.up.sql': Buffer.from([0x53, 0x00, 0x01, 0x02]),
      'db/0003_latin1.up.sql': Buffer.from('-- caf\xe9\nSELECT 1;\n', 'latin1'),
      'db/0004_ok.up.sql': SAFE,
    });
    const { code, stdout } = await run(['lint', 'db', '-f', 'json'], dir);
    expect(code).toBe(1);
    const unreadable = JSON.parse(stdout).findings.filter((f: { ruleId: string }) => f.ruleId === 'unreadable-file');
    expect(unreadable.map((f: { file: string; message: string }) => [f.file, f.message.split(' ').slice(1, 3).join(' ')])).toEqual([
      ['db/0001_big.up.sql', 'is 5.0'],
      ['db/0002_bin.up.sql', 'looks binary'],
      ['db/0003_latin1.up.sql', 'is not'],
    ]);
    expect(JSON.parse(stdout).migrations.map((m: { path: string }) => m.path)).toEqual(['db/0004_ok.up.sql']);
  });

  it('handles CRLF and non-ASCII files', async () => {
    const dir = await repo({ 'db/0001_x.up.sql': '-- Café ☕\r\n/* 🚀 */ CREATE INDEX i ON users (email);\r\n' });
    const { stdout } = await run(['lint', '-f', 'json'], dir);
    expect(JSON.parse(stdout).findings.find((f: { ruleId: string }) => f.ruleId === 'require-concurrent-index').start).toEqual({ line: 2, column: 9 });
  });

  it('says when it found no migrations', async () => {
    const dir = await repo({ 'README.md': '# nothing\n' });
    await mkdir(path.join(dir, 'empty'));
    const { code, stderr } = await run(['lint', 'empty'], dir);
    expect(code).toBe(0);
    expect(stderr).toContain('no migrations found in empty');
  });

  it('says so when the config narrowed where migrations are searched', async () => {
    const dir = await repo({
      '.github/migration-review.yml': 'migrations:\n  paths: ["db/migrations/**"]\n',
      'other/0001_x.up.sql': 'CREATE INDEX i ON users (email);\n',
    });
    const { code, stderr } = await run(['lint', 'other'], dir);
    expect(code).toBe(0);
    expect(stderr).toMatch(/no migrations found in other \(folders are searched only where .*migration-review\.yml says migrations live: migrations\.paths = db\/migrations\/\*\*\)/);
  });
});

describe('usage errors exit 2 with a message', () => {
  it.each([
    [['lint', 'missing-folder'], /no such file or folder: missing-folder/],
    [['lint', '--format', 'xml'], /--format must be one of text, json, sarif, github/],
    [['lint', '--pg-version', '10'], /--pg-version must be an integer from 11 to 18/],
    [['lint', '--frmat', 'json'], /Unknown option '--frmat'/],
    [['frobnicate'], /unknown command `frobnicate`/],
    [[], /missing command/],
    [['rules', '--format', 'json'], /--format only applies to lint/],
    [['explain'], /explain takes one rule id/],
  ])('%j', async (argv, message) => {
    const { code, stderr } = await run(argv, REPO_ROOT);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr).toContain('migration-review --help');
  });
});

describe('rules, explain, help, version', () => {
  it('lists the rules with their default severity and summary', async () => {
    const { code, stdout } = await run(['rules'], REPO_ROOT);
    expect(code).toBe(0);
    for (const [id, rule] of Object.entries(rules)) expect(stdout).toMatch(new RegExp(`^${id} +${rule.meta.severity} +${escape(rule.meta.summary)}$`, 'm'));
    expect(stdout).toMatch(/^syntax-error +error/m);
  });

  it('explains a rule from its docs page', async () => {
    const { code, stdout } = await run(['explain', 'require-concurrent-index'], REPO_ROOT);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^# /);
    expect(stdout).toContain('require-concurrent-index');
  });

  it('suggests a rule for a misspelt one', async () => {
    const { code, stderr } = await run(['explain', 'require-concurent-index'], REPO_ROOT);
    expect(code).toBe(2);
    expect(stderr).toContain('unknown rule `require-concurent-index`. Did you mean require-concurrent-index');
  });

  it('prints help and version', async () => {
    expect(await run(['--help'], REPO_ROOT)).toMatchObject({ code: 0, stdout: expect.stringContaining('Usage: migration-review <command>') });
    expect(await run(['lint', '-h'], REPO_ROOT)).toMatchObject({ code: 0 });
    expect((await run(['--version'], REPO_ROOT)).stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
