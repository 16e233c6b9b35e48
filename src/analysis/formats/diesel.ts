import { buildPairs, isPairFile, pairCompanions } from './dir-pair.js';
import { basename, dirname, join, type FormatModule } from './shared.js';

/**
 * Diesel's version is the directory name before the first `_`: `2019-02-26-002946`,
 * `2025-09-19-132648-0000`, `00000000000000`. Exactly 13 digits is hasura's millisecond
 * timestamp, tested first.
 */
const DIR = /^(?!\d{13}_)\d[\d-]*_./;

export const diesel: FormatModule = {
  info: {
    id: 'diesel',
    name: 'Diesel',
    supportsDown: true,
    docsUrl: 'https://diesel.rs/guides/configuring-diesel-cli.html',
    noTransactionHint: 'add a `metadata.toml` with `run_in_transaction = false` to the migration directory',
  },
  claims: (file) => isPairFile(file.path, DIR),
  build: (owned, files) =>
    // diesel_migrations wraps each migration in a transaction unless its metadata.toml says
    // `run_in_transaction = false` (diesel 2.0, TomlMetadata).
    buildPairs(owned, files, 'diesel', (dir) =>
      /^[ \t]*run_in_transaction[ \t]*=[ \t]*false\b/m.test(files.get(join(dir, 'metadata.toml')) ?? '') ? 'none' : 'per-file',
    ),
  companionPaths: (path) =>
    basename(path) === 'metadata.toml'
      ? DIR.test(basename(dirname(path)))
        ? [join(dirname(path), 'up.sql'), join(dirname(path), 'down.sql')]
        : []
      : pairCompanions(path, DIR, ['metadata.toml']),
  isSideFile: (path) => basename(path) === 'metadata.toml' && DIR.test(basename(dirname(path))),
};
