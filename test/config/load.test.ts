import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { findConfig, loadConfig } from '../../src/config/load.js';
import { ConfigError } from '../../src/errors.js';

let dir: string;

async function put(file: string, text: string): Promise<void> {
  await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
  await writeFile(path.join(dir, file), text);
}

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'mr-config-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('findConfig', () => {
  it('walks up from a subdirectory to the repository config', async () => {
    await mkdir(path.join(dir, 'repo/.git'), { recursive: true });
    await put('repo/.github/migration-review.yml', 'postgresVersion: 15\n');
    await mkdir(path.join(dir, 'repo/db/migrations'), { recursive: true });
    expect(await findConfig(path.join(dir, 'repo/db/migrations'))).toBe(path.join(dir, 'repo/.github/migration-review.yml'));
  });

  it('stops at the git root', async () => {
    await put('.github/migration-review.yml', 'postgresVersion: 15\n');
    await mkdir(path.join(dir, 'repo/.git'), { recursive: true });
    expect(await findConfig(path.join(dir, 'repo'))).toBeUndefined();
  });
});

describe('loadConfig', () => {
  it('gives defaults when there is no config', async () => {
    await mkdir(path.join(dir, '.git'));
    const loaded = await loadConfig({ cwd: dir });
    expect(loaded.configPath).toBeUndefined();
    expect(loaded.config.postgresVersion).toBe(16);
    expect(loaded.stats).toBeUndefined();
    expect(loaded.root).toBe(dir);
  });

  it('reads the config and the stats snapshot it names', async () => {
    await mkdir(path.join(dir, '.git'));
    await put('.github/migration-review.yml', 'statsFile: db/stats.json\ntables:\n  orders: 7\n');
    await put('db/stats.json', JSON.stringify({ generatedAt: '2026-08-01T00:00:00Z', tables: { orders: { rows: 9e6 }, users: { rows: 50 } } }));
    const loaded = await loadConfig({ cwd: path.join(dir) });
    expect(loaded.configPath).toBe(path.join(dir, '.github/migration-review.yml'));
    expect(loaded.stats?.tables.users).toEqual({ rows: 50 });
    expect(loaded.statsPath).toBe(path.join(dir, 'db/stats.json'));
  });

  it('uses the repository of the config as the root without a git directory', async () => {
    await put('.github/migration-review.yml', 'postgresVersion: 12\n');
    const loaded = await loadConfig({ cwd: dir, path: '.github/migration-review.yml' });
    expect(loaded.config.postgresVersion).toBe(12);
    expect(loaded.root).toBe(dir);
  });

  it('fails on a missing explicit config, naming it', async () => {
    await expect(loadConfig({ cwd: dir, path: 'nope.yml' })).rejects.toThrow(ConfigError);
    await expect(loadConfig({ cwd: dir, path: 'nope.yml' })).rejects.toThrow(/nope\.yml/);
  });

  it('fails on an invalid stats file, naming the file', async () => {
    await mkdir(path.join(dir, '.git'));
    await put('.github/migration-review-stats.json', '{ "tables": {} ');
    await expect(loadConfig({ cwd: dir })).rejects.toThrow(/migration-review-stats\.json is not valid JSON/);
    await put('.github/migration-review-stats.json', '{ "tables": {} }');
    await expect(loadConfig({ cwd: dir })).rejects.toMatchObject({ key: 'generatedAt', source: path.join(dir, '.github/migration-review-stats.json') });
  });
});
