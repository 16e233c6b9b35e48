import { basename, dirname, splitVersion, wholeFile, type FormatModule } from './shared.js';
import type { SourceFile } from './types.js';

/** `prisma migrate dev` writes `migrations/<yyyymmddhhmmss>_<name>/migration.sql`. */
const DIR = /^\d+_./;

function isInLayout(file: SourceFile): boolean {
  return basename(file.path) === 'migration.sql' && DIR.test(basename(dirname(file.path)));
}

export const prisma: FormatModule = {
  info: {
    id: 'prisma',
    name: 'Prisma Migrate',
    supportsDown: false,
    docsUrl: 'https://www.prisma.io/docs/orm/prisma-migrate/understanding-prisma-migrate/migration-histories',
    noTransactionHint:
      'Prisma sends migration.sql as one multi-statement query, which PostgreSQL runs as one implicit transaction: put the statement alone in its own migration (a file with a single statement runs outside any transaction block)',
    implicitTransaction: true,
  },
  claims: isInLayout,
  build: (owned) =>
    owned.map((file) => {
      // A file forced on prisma by config outside the layout is named after itself.
      const inLayout = isInLayout(file);
      return {
        root: inLayout ? dirname(dirname(file.path)) : dirname(file.path),
        migration: {
          path: file.path,
          format: 'prisma',
          ...splitVersion(inLayout ? basename(dirname(file.path)) : basename(file.path).replace(/\.sql$/, '')),
          // The schema engine sends the script as one multi-statement query: one implicit transaction.
          up: wholeFile('up', file, 'per-file'),
          down: { state: 'unsupported', reason: 'Prisma Migrate has no down migrations' },
          texts: { [file.path]: file.text },
          problems: [],
        },
      };
    }),
  companionPaths: () => [],
};
