import {
  basename,
  dirname,
  join,
  missingDown,
  splitVersion,
  textsOf,
  wholeFile,
  type Built,
  type FileMap,
  type FormatModule,
} from './shared.js';
import type { SourceFile, TransactionMode } from './types.js';

/** golang-migrate's own file regex: `^([0-9]+)_(.*)\.(down|up)\.(.*)$`, restricted to SQL. */
const FILE = /^(\d+)_(.*)\.(up|down)\.sql$/;

export function isUpDownFile(path: string): boolean {
  return FILE.test(basename(path));
}

/** `x.up.sql` <-> `x.down.sql`. */
export function partnerPath(path: string): string | undefined {
  const m = FILE.exec(basename(path));
  if (!m) return undefined;
  const other = m[3] === 'up' ? 'down' : 'up';
  return join(dirname(path), `${m[1]}_${m[2]}.${other}.sql`);
}

/**
 * Pairs `<version>_<title>.up.sql` with its `.down.sql`. Shared with mattermost-morph, which
 * names files the same way. A down without an up is no migration: nothing runs it going up.
 */
export function buildUpDown(
  owned: readonly SourceFile[],
  files: FileMap,
  format: 'golang-migrate' | 'mattermost-morph',
  transactionOf: (file: SourceFile) => TransactionMode,
): Built[] {
  const built: Built[] = [];
  for (const up of owned) {
    const m = FILE.exec(basename(up.path));
    if (m && m[3] === 'down') continue;
    const { version, name } = m ? { version: m[1] as string, name: m[2] as string } : splitVersion(basename(up.path).replace(/\.sql$/, ''));
    const downPath = m ? partnerPath(up.path) : undefined;
    const downText = downPath === undefined ? undefined : files.get(downPath);
    const down = downPath !== undefined && downText !== undefined ? { path: downPath, text: downText } : undefined;
    built.push({
      root: dirname(up.path),
      migration: {
        path: up.path,
        format,
        version,
        name,
        up: wholeFile('up', up, transactionOf(up)),
        down: down ? { state: 'present', section: wholeFile('down', down, transactionOf(down)) } : missingDown(downPath),
        texts: textsOf(up, down),
        problems: [],
      },
    });
  }
  return built;
}

export const golangMigrate: FormatModule = {
  info: {
    id: 'golang-migrate',
    name: 'golang-migrate',
    supportsDown: true,
    docsUrl: 'https://github.com/golang-migrate/migrate/blob/master/database/postgres/TUTORIAL.md',
    noTransactionHint:
      'golang-migrate sends a file as one multi-statement query, which PostgreSQL runs as one implicit transaction: put the statement alone in its own migration file (a file with a single statement runs outside any transaction block)',
    implicitTransaction: true,
  },
  claims: (file) => isUpDownFile(file.path),
  // The postgres driver sends the whole file as one simple query; PostgreSQL runs a
  // multi-statement simple query as one implicit transaction (protocol-flow.html#PROTOCOL-FLOW-MULTI-STATEMENT).
  build: (owned, files) => buildUpDown(owned, files, 'golang-migrate', () => 'per-file'),
  companionPaths: (path) => {
    const partner = partnerPath(path);
    return partner === undefined ? [] : [partner];
  },
};
