import { basename, dirname, join, missingDown, textsOf, wholeFile, type Built, type FileMap } from './shared.js';
import type { DownMigration, SourceFile, TransactionMode } from './types.js';

/**
 * The layout diesel and hasura share: one directory per migration, `<version>_<name>/up.sql`
 * and `down.sql`. A down.sql without an up.sql is no migration and is dropped.
 */
export function isPairFile(path: string, dirPattern: RegExp): boolean {
  const name = basename(path);
  return (name === 'up.sql' || name === 'down.sql') && dirPattern.test(basename(dirname(path)));
}

export function pairCompanions(path: string, dirPattern: RegExp, extra: readonly string[]): string[] {
  if (!isPairFile(path, dirPattern)) return [];
  const dir = dirname(path);
  const siblings = ['up.sql', 'down.sql', ...extra].filter((name) => name !== basename(path));
  return siblings.map((name) => join(dir, name));
}

export function buildPairs(
  owned: readonly SourceFile[],
  files: FileMap,
  format: 'diesel' | 'hasura',
  transactionOf: (dir: string) => TransactionMode,
  downWhenNoSql: (dir: string) => DownMigration = (dir) => missingDown(join(dir, 'down.sql')),
): Built[] {
  const built: Built[] = [];
  for (const file of owned) {
    if (basename(file.path) === 'down.sql') continue;
    const dir = dirname(file.path);
    const transaction = transactionOf(dir);
    const downPath = join(dir, 'down.sql');
    const downText = files.get(downPath);
    const down = downText === undefined ? undefined : { path: downPath, text: downText };
    built.push({
      root: dirname(dir),
      migration: {
        path: file.path,
        format,
        ...versionOf(basename(dir)),
        up: wholeFile('up', file, transaction),
        down: down ? { state: 'present', section: wholeFile('down', down, transaction) } : downWhenNoSql(dir),
        texts: textsOf(file, down),
        problems: [],
      },
    });
  }
  return built;
}

/** diesel and hasura both read the version as the directory name before its first `_`. */
function versionOf(dir: string): { version: string; name: string } {
  const underscore = dir.indexOf('_');
  return underscore < 0 ? { version: dir, name: dir } : { version: dir.slice(0, underscore), name: dir.slice(underscore + 1) };
}
