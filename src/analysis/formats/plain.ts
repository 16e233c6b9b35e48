import { basename, dirname, splitVersion, wholeFile, type FormatModule } from './shared.js';

/** Any other `.sql` file: a script someone runs with `psql -f`, statement by statement. */
export const plain: FormatModule = {
  info: {
    id: 'plain',
    name: 'plain SQL',
    supportsDown: false,
    docsUrl: 'https://www.postgresql.org/docs/current/app-psql.html',
    noTransactionHint: 'psql -f runs each statement in autocommit: keep the statement outside any BEGIN/COMMIT in the script',
  },
  claims: (file) => file.path.endsWith('.sql'),
  build: (owned) =>
    owned.map((file) => ({
      root: dirname(file.path),
      migration: {
        path: file.path,
        format: 'plain',
        ...splitVersion(basename(file.path).replace(/\.sql$/, '')),
        // psql -f without --single-transaction: each statement commits on its own.
        up: wholeFile('up', file, 'none'),
        // Decision: `unsupported`, not `missing`: nothing pairs a plain script with an undo, so
        // there is no file to go missing. The reason tells the author what would make one.
        down: {
          state: 'unsupported',
          reason: 'a plain SQL script has no down; use a migration tool with downs (or name files `<version>_<name>.up.sql` / `.down.sql`)',
        },
        texts: { [file.path]: file.text },
        problems: [],
      },
    })),
  companionPaths: () => [],
};
