/**
 * Finding and reading the config from disk (the CLI's way; the App gets the parsed YAML
 * from `context.config()` and calls parseConfig). The stats snapshot named by `statsFile`
 * is read when it exists; a missing one is normal, an invalid one is a ConfigError.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError } from './errors.js';
import { parseConfigText, parseStatsSnapshot, DEFAULT_CONFIG, type Config, type StatsSnapshot } from './schema.js';

/** Where the config lives, relative to the repository root; `.yaml` is accepted too. */
export const CONFIG_PATHS = ['.github/migration-review.yml', '.github/migration-review.yaml'] as const;

export interface LoadedConfig {
  readonly config: Config;
  /** Absolute path of the config file read; undefined when none was found (defaults). */
  readonly configPath: string | undefined;
  readonly stats: StatsSnapshot | undefined;
  readonly statsPath: string | undefined;
  /** The repository root (the git root, else the config's repository, else `cwd`): paths are relative to it. */
  readonly root: string;
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}

/** The nearest directory at or above `startDir` holding `.git` (a directory, or a file in worktrees). */
export async function findGitRoot(startDir: string): Promise<string | undefined> {
  let dir = path.resolve(startDir);
  for (;;) {
    if (await exists(path.join(dir, '.git'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/**
 * The config file for `startDir`: the nearest `.github/migration-review.yml` walking up,
 * stopping at the git root (a config above the repository belongs to something else).
 */
export async function findConfig(startDir: string): Promise<string | undefined> {
  let dir = path.resolve(startDir);
  for (;;) {
    for (const candidate of CONFIG_PATHS) {
      const file = path.join(dir, candidate);
      if (await exists(file)) return file;
    }
    if (await exists(path.join(dir, '.git'))) return undefined;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/**
 * Reads the config (`path` when given, else the one findConfig finds; defaults when none) and
 * the stats snapshot next to it. Throws ConfigError for a missing explicit path, invalid YAML,
 * an invalid config or an invalid stats file.
 */
export async function loadConfig(options: { path?: string; cwd: string }): Promise<LoadedConfig> {
  const cwd = path.resolve(options.cwd);
  const configPath = options.path !== undefined ? path.resolve(cwd, options.path) : await findConfig(cwd);
  let config: Config = structuredClone(DEFAULT_CONFIG) as Config;
  if (configPath !== undefined) {
    let text: string;
    try {
      text = await readFile(configPath, 'utf8');
    } catch (cause) {
      throw new ConfigError(`cannot read config file ${configPath}: ${(cause as Error).message}`, { key: '', source: configPath, cause });
    }
    config = parseConfigText(text, configPath);
  }
  // The config sits in <root>/.github/; an explicit --config elsewhere is relative to the git root or cwd.
  const configRoot = configPath !== undefined && path.basename(path.dirname(configPath)) === '.github' ? path.dirname(path.dirname(configPath)) : undefined;
  const root = (await findGitRoot(configRoot ?? cwd)) ?? configRoot ?? cwd;
  const statsPath = path.resolve(root, config.statsFile);
  let stats: StatsSnapshot | undefined;
  if (await exists(statsPath)) {
    let value: unknown;
    try {
      value = JSON.parse(await readFile(statsPath, 'utf8'));
    } catch (cause) {
      throw new ConfigError(`statsFile: ${statsPath} is not valid JSON: ${(cause as Error).message}`, { key: 'statsFile', source: statsPath, cause });
    }
    stats = parseStatsSnapshot(value, statsPath);
  }
  return { config, configPath, stats, statsPath: stats ? statsPath : undefined, root };
}
