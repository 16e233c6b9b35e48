/**
 * The repository's configuration, as `context.config('migration-review.yml')` finds it:
 * `.github/migration-review.yml` on the default branch (a pull request cannot change the
 * rules it is judged by), else the same file in the owner's `.github` repository. The files
 * are read in the same GraphQL query as the migrations (see fetch/contents.ts) instead of
 * through two REST calls, which keeps an event within its request budget. `.yaml` is
 * accepted as the CLI accepts it. Probot's `_extends` is not supported.
 */
import { parseConfigText, parseStatsSnapshot, DEFAULT_CONFIG, type Config, type StatsSnapshot } from '../config/schema.js';
import { ConfigError } from '../errors.js';
import { DEFAULT_BRANCH_REV, expression } from './fetch/contents.js';

export const CONFIG_FILES = ['.github/migration-review.yml', '.github/migration-review.yaml'] as const;

export const CONFIG_EXPRESSIONS = CONFIG_FILES.map((path) => expression(DEFAULT_BRANCH_REV, path));

export interface LoadedRepoConfig {
  readonly config: Config;
  /** `owner/repo:path`, or `defaults`. */
  readonly source: string;
}

export function resolveConfig(
  owner: string,
  repo: string,
  repoTexts: ReadonlyMap<string, string | null>,
  orgTexts: ReadonlyMap<string, string | null>,
): LoadedRepoConfig {
  const candidates: [string, ReadonlyMap<string, string | null>][] = [
    [`${owner}/${repo}`, repoTexts],
    [`${owner}/.github`, orgTexts],
  ];
  for (const [where, texts] of candidates) {
    for (const [i, expr] of CONFIG_EXPRESSIONS.entries()) {
      const text = texts.get(expr);
      if (typeof text === 'string') {
        const source = `${where}:${CONFIG_FILES[i]}`;
        return { config: parseConfigText(text, source), source };
      }
    }
  }
  return { config: structuredClone(DEFAULT_CONFIG) as Config, source: 'defaults' };
}

/** The default stats file path, read speculatively in the first query; others cost one more. */
export const DEFAULT_STATS_EXPRESSION = expression(DEFAULT_BRANCH_REV, DEFAULT_CONFIG.statsFile);

/** A missing stats file is normal (sizes are then unknown); an invalid one is a ConfigError. */
export function parseStatsText(text: string | null | undefined, source: string): StatsSnapshot | undefined {
  if (typeof text !== 'string') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    throw new ConfigError(`statsFile: ${source} is not valid JSON: ${(cause as Error).message}`, { key: 'statsFile', source, cause });
  }
  return parseStatsSnapshot(value, source);
}
