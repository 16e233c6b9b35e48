import { describe, expect, it } from '@jest/globals';
import {
  ConfigError,
  DEFAULT_CONFIG,
  configJsonSchema,
  parseConfig,
  parseConfigText,
  parseStatsSnapshot,
  toAnalysisOptions,
} from '../../src/config/schema.js';
import { rules } from '../../src/analysis/rules/index.js';
import { DEFAULT_ANALYSIS_OPTIONS } from '../../src/analysis/result.js';

function configError(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

describe('parseConfig', () => {
  it('gives the defaults for an empty file', () => {
    expect(parseConfig(undefined, 'x')).toEqual(DEFAULT_CONFIG);
    expect(parseConfig(null, 'x')).toEqual(DEFAULT_CONFIG);
    expect(parseConfigText('', 'x')).toEqual(DEFAULT_CONFIG);
    expect(parseConfigText('# only a comment\n', 'x')).toEqual(DEFAULT_CONFIG);
    expect(DEFAULT_CONFIG.postgresVersion).toBe(16);
    expect(DEFAULT_CONFIG.checklist.items).toHaveLength(4);
  });

  it('returns a config the caller may change without touching the defaults', () => {
    const config = parseConfig(undefined, 'x');
    config.migrations.paths.push('db/**');
    expect(DEFAULT_CONFIG.migrations.paths).toEqual([]);
  });

  it('reads every option', () => {
    const config = parseConfigText(
      [
        'postgresVersion: 14',
        'migrations:',
        '  paths: ["db/migrations/**"]',
        '  exclude: ["db/migrations/legacy/**"]',
        '  formats:',
        '    - { glob: "db/migrations/*.sql", format: golang-migrate }',
        'rules:',
        '  require-concurrent-index: warning',
        'tables:',
        '  orders: 48000000',
        '  public.users: { rows: 1200, bytes: 65536 }',
        'largeTableRows: 500000',
        'smallTableRows: 1000',
        'requireLockTimeout: false',
        'statsFile: db/stats.json',
        'checklist:',
        '  items: ["Backup taken"]',
        '  allowAuthor: true',
        '  teams: ["acme/dba"]',
      ].join('\n'),
      'cfg.yml',
    );
    expect(config).toEqual({
      postgresVersion: 14,
      migrations: {
        paths: ['db/migrations/**'],
        exclude: ['db/migrations/legacy/**'],
        formats: [{ glob: 'db/migrations/*.sql', format: 'golang-migrate' }],
      },
      rules: { 'require-concurrent-index': 'warning' },
      tables: { orders: { rows: 48_000_000 }, 'public.users': { rows: 1200, totalBytes: 65536 } },
      largeTableRows: 500_000,
      smallTableRows: 1000,
      requireLockTimeout: false,
      statsFile: 'db/stats.json',
      checklist: { items: ['Backup taken'], allowAuthor: true, teams: ['acme/dba'] },
    });
  });

  it('accepts CRLF line endings', () => {
    expect(parseConfigText('postgresVersion: 13\r\nrequireLockTimeout: false\r\n', 'x')).toMatchObject({ postgresVersion: 13, requireLockTimeout: false });
  });

  it.each([
    ['rules:\n  require-concurent-index: error\n', 'rules.require-concurent-index', /unknown rule \(did you mean require-concurrent-index[ ?]/],
    ['postgresVersoin: 15\n', 'postgresVersoin', /unknown key \(did you mean postgresVersion\?\)/],
    ['postgresVersion: 10\n', 'postgresVersion', /must be between 11 and 18/],
    ['postgresVersion: "16"\n', 'postgresVersion', /must be an integer/],
    ['rules:\n  require-concurrent-index: fatal\n', 'rules.require-concurrent-index', /must be one of "error", "warning", "info", "off"/],
    ['migrations:\n  paths: db/migrations\n', 'migrations.paths', /must be a list/],
    ['migrations:\n  paths: ["a", 3]\n', 'migrations.paths[1]', /must be a string/],
    ['migrations:\n  formats:\n    - { glob: "*.sql", format: liquibase }\n', 'migrations.formats[0].format', /must be one of/],
    ['migrations:\n  formats:\n    - { format: goose }\n', 'migrations.formats[0].glob', /is required/],
    ['tables:\n  orders: lots\n', 'tables.orders', /row count/],
    ['tables:\n  orders: { rows: 5, size: 3 }\n', 'tables.orders.size', /unknown key/],
    ['tables:\n  orders: -5\n', 'tables.orders', /row count/],
    ['checklist:\n  teams: ["dba"]\n', 'checklist.teams[0]', /org\/team-slug/],
    ['checklist:\n  allowAuthor: yes\n', 'checklist.allowAuthor', /must be a boolean/],
    ['requireLockTimeout: 1\n', 'requireLockTimeout', /must be a boolean/],
    ['- a\n- b\n', '', /must be a mapping/],
    ['smallTableRows: 5000000\n', 'smallTableRows', /above largeTableRows/],
  ])('rejects %j naming %s', (text, key, message) => {
    const error = configError(() => parseConfigText(text, '.github/migration-review.yml'));
    expect(error.key).toBe(key);
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.source).toBe('.github/migration-review.yml');
    expect(error.message).toMatch(message);
    if (key) expect(error.message.startsWith(`${key}: `)).toBe(true);
  });

  it('reports a YAML syntax error with its line', () => {
    const error = configError(() => parseConfigText('postgresVersion: 16\nrules:\n  a: [unclosed\n', 'cfg.yml'));
    expect(error.line).toBeGreaterThanOrEqual(3);
    expect(error.message).toMatch(/^line \d+, column \d+: invalid YAML/);
  });

  it('rejects a duplicate key', () => {
    expect(configError(() => parseConfigText('postgresVersion: 15\npostgresVersion: 16\n', 'x')).line).toBe(2);
  });

  it('builds the rules enum from the registry', () => {
    const schema = configJsonSchema() as { properties: { rules: { properties: Record<string, unknown> } } };
    expect(Object.keys(schema.properties.rules.properties).sort()).toEqual(Object.keys(rules).sort());
    for (const id of Object.keys(rules)) expect(parseConfig({ rules: { [id]: 'off' } }, 'x').rules).toEqual({ [id]: 'off' });
  });
});

describe('parseStatsSnapshot', () => {
  const snapshot = { generatedAt: '2026-08-01T10:00:00Z', postgresVersion: 16, tables: { 'public.orders': { rows: 48e6, totalBytes: 22548578304, pages: 2752512 } } };

  it('accepts a snapshot', () => {
    expect(parseStatsSnapshot(snapshot, 's.json')).toEqual(snapshot);
  });

  it.each([
    [{ tables: {} }, 'generatedAt', /is required/],
    [{ generatedAt: 'yesterday', tables: {} }, 'generatedAt', /date-time/],
    [{ ...snapshot, tables: { orders: { rows: 1, extra: 1 } } }, 'tables.orders.extra', /unknown key/],
    [{ ...snapshot, tables: { orders: { rows: -2 } } }, 'tables.orders.rows', />= -1/],
  ])('rejects %j naming %s', (value, key, message) => {
    const error = configError(() => parseStatsSnapshot(value, 's.json'));
    expect(error.key).toBe(key);
    expect(error.message).toMatch(message);
  });
});

describe('toAnalysisOptions', () => {
  it('maps the defaults to the analysis defaults', () => {
    expect(toAnalysisOptions(parseConfig(undefined, 'x'))).toEqual(DEFAULT_ANALYSIS_OPTIONS);
  });

  it('merges stats under the config tables, config winning, and skips never-analyzed tables', () => {
    const config = parseConfig({ tables: { orders: 10 }, postgresVersion: 12, rules: { 'require-concurrent-index': 'off' } }, 'x');
    const options = toAnalysisOptions(config, {
      generatedAt: '2026-08-01T10:00:00Z',
      tables: { orders: { rows: 5e6, totalBytes: 1 }, users: { rows: 2500.4, totalBytes: 8192 }, fresh: { rows: -1 } },
    });
    expect(options.tables).toEqual({ orders: { rows: 10 }, users: { rows: 2500, totalBytes: 8192 } });
    expect(options.postgresVersion).toBe(12);
    expect(options.rules).toEqual({ 'require-concurrent-index': 'off' });
  });
});
