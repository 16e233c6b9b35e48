import { basename, dirname, join, splitVersion, wholeFile, type FormatModule } from './shared.js';

/**
 * drizzle-kit writes `<out>/<prefix>_<words>.sql` and `<out>/meta/_journal.json`. The default
 * prefix is a 4-digit index; only that one is specific enough to ask for the journal by path
 * (other prefix modes are timestamps, which goose and dbmate files share).
 */
const FILE = /^\d+_[^.]+\.sql$/;
const INDEX_FILE = /^\d{4}_[^.]+\.sql$/;
const BREAKPOINT = /^[ \t]*--> statement-breakpoint/m;

function journalPath(path: string): string {
  return join(dirname(path), 'meta/_journal.json');
}

export const drizzle: FormatModule = {
  info: {
    id: 'drizzle',
    name: 'Drizzle Kit',
    supportsDown: false,
    docsUrl: 'https://orm.drizzle.team/docs/kit-overview',
  },
  claims: (file, files) => (FILE.test(basename(file.path)) && files.has(journalPath(file.path))) || BREAKPOINT.test(file.text),
  build: (owned) =>
    owned.map((file) => ({
      root: dirname(file.path),
      migration: {
        path: file.path,
        format: 'drizzle',
        ...splitVersion(basename(file.path).replace(/\.sql$/, '')),
        // `--> statement-breakpoint` is a SQL comment, so the whole file is the section and
        // parses as is. drizzle-kit migrate applies every pending file in one transaction.
        up: wholeFile('up', file, 'per-file'),
        down: { state: 'unsupported', reason: 'drizzle-kit generates no down migrations' },
        texts: { [file.path]: file.text },
        problems: [],
      },
    })),
  companionPaths: (path) => (INDEX_FILE.test(basename(path)) ? [journalPath(path)] : []),
  isSideFile: (path) => basename(path) === '_journal.json' && basename(dirname(path)) === 'meta',
};
