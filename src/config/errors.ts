/**
 * A configuration the user must fix. `key` is the path of the offending key as written in
 * the YAML (`rules.require-concurent-index`, `migrations.paths[0]`), '' for the file as a
 * whole; `source` is where the config came from (a path, or `owner/repo:.github/...`).
 * The message starts with the key path so it reads well on its own in a check run or on stderr.
 */
export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';
  readonly key: string;
  readonly source: string;
  /** 1-based line in the source text, when known (YAML syntax errors). */
  readonly line: number | undefined;

  constructor(message: string, details: { key: string; source: string; line?: number; cause?: unknown }) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'ConfigError';
    this.key = details.key;
    this.source = details.source;
    this.line = details.line;
  }
}
