import { buildPairs, isPairFile, pairCompanions } from './dir-pair.js';
import { basename, dirname, join, type FormatModule } from './shared.js';

/** Hasura CLI names migration directories `<unix-ms-timestamp>_<name>`: 13 digits. */
const DIR = /^\d{13}_./;

export const hasura: FormatModule = {
  info: {
    id: 'hasura',
    name: 'Hasura migrations',
    supportsDown: true,
    docsUrl: 'https://hasura.io/docs/2.0/migrations-metadata-seeds/manage-migrations/',
  },
  claims: (file) => isPairFile(file.path, DIR),
  // `hasura migrate apply` sends each up.sql through run_sql, which runs it in one transaction.
  build: (owned, files) =>
    buildPairs(
      owned,
      files,
      'hasura',
      () => 'per-file',
      // Older projects write the down as metadata API calls in down.yaml: it exists, but it is
      // not SQL this tool can read, so say so instead of calling it missing.
      (dir) =>
        files.has(join(dir, 'down.yaml'))
          ? { state: 'unsupported', reason: 'the down is written as Hasura metadata actions (down.yaml), not SQL' }
          : { state: 'missing', expectedPath: join(dir, 'down.sql') },
    ),
  companionPaths: (path) => pairCompanions(path, DIR, ['down.yaml']),
  isSideFile: (path) => basename(path) === 'down.yaml' && DIR.test(basename(dirname(path))),
};
