import { basename, dirname, join, missingDown, textsOf, wholeFile, type Built, type FormatModule } from './shared.js';
import type { DownMigration, SourceFile, TransactionMode } from './types.js';

/** Flyway's default prefixes and separator: V (versioned), U (undo), R (repeatable), `__`. */
const VERSIONED = /^([VU])(\d+(?:[._]\d+)*)__(.+)\.sql$/;
const REPEATABLE = /^R__(.+)\.sql$/;

/** Flyway reads `_` in a version as `.`: V1_10 is version 1.10. */
function normalize(version: string): string {
  return version.replace(/_/g, '.');
}

/** A per-script config file (`V1__x.sql.conf`) can turn the transaction off for that script. */
function transactionOf(path: string, files: ReadonlyMap<string, string>): TransactionMode {
  const conf = files.get(`${path}.conf`);
  return conf !== undefined && /^[ \t]*executeInTransaction[ \t]*=[ \t]*false[ \t]*$/im.test(conf) ? 'none' : 'per-file';
}

/**
 * Decision: without a U file the down is `unsupported`, not `missing`. Undo migrations are a
 * paid Flyway feature (Teams/Enterprise); most projects run the community edition, where no
 * migration can have a down, so calling each one "missing" would be noise. A location that
 * holds at least one U file uses undo, so there a versioned script without one is `missing`.
 */
const NO_UNDO: DownMigration = {
  state: 'unsupported',
  reason: 'Flyway undo migrations (U files) are a Teams feature; none found',
};

export const flyway: FormatModule = {
  info: {
    id: 'flyway',
    name: 'Flyway',
    supportsDown: true,
    docsUrl: 'https://documentation.red-gate.com/fd/migrations-184127470.html',
    noTransactionHint: 'add a `<script>.sql.conf` file next to the migration containing `executeInTransaction=false`',
  },
  claims: (file) => VERSIONED.test(basename(file.path)) || REPEATABLE.test(basename(file.path)),
  build: (owned, files) => {
    // Flyway pairs an undo with its versioned script by version alone, within one location.
    const undos = new Map<string, SourceFile>();
    const dirsWithUndo = new Set<string>();
    for (const file of owned) {
      const m = VERSIONED.exec(basename(file.path));
      if (m?.[1] !== 'U') continue;
      undos.set(`${dirname(file.path)}\0${normalize(m[2] as string)}`, file);
      dirsWithUndo.add(dirname(file.path));
    }
    const built: Built[] = [];
    for (const file of owned) {
      const name = basename(file.path);
      const m = VERSIONED.exec(name);
      if (m?.[1] === 'U') continue;
      const repeatable = REPEATABLE.exec(name);
      const version = m ? normalize(m[2] as string) : repeatable ? `R__${repeatable[1] as string}` : name.replace(/\.sql$/, '');
      const undo = m ? undos.get(`${dirname(file.path)}\0${version}`) : undefined;
      const down: DownMigration = undo
        ? { state: 'present', section: wholeFile('down', undo, transactionOf(undo.path, files)) }
        : repeatable
          ? { state: 'unsupported', reason: 'Flyway repeatable migrations (R__) have no undo: they are re-applied when their checksum changes' }
          : m && dirsWithUndo.has(dirname(file.path))
            ? missingDown(join(dirname(file.path), `U${m[2] as string}__${m[3] as string}.sql`))
            : NO_UNDO;
      built.push({
        root: dirname(file.path),
        migration: {
          path: file.path,
          format: 'flyway',
          version,
          name: m ? (m[3] as string) : repeatable ? (repeatable[1] as string) : version,
          up: wholeFile('up', file, transactionOf(file.path, files)),
          down,
          texts: textsOf(file, undo),
          problems: [],
        },
      });
    }
    return built;
  },
  companionPaths: (path) => {
    const name = basename(path);
    if (name.endsWith('.sql.conf')) return [path.slice(0, -'.conf'.length)];
    const m = VERSIONED.exec(name);
    if (m) {
      // By convention the undo repeats the description; Flyway itself only needs the version to match.
      const other = m[1] === 'V' ? 'U' : 'V';
      return [`${path}.conf`, join(dirname(path), `${other}${m[2] as string}__${m[3] as string}.sql`)];
    }
    return REPEATABLE.test(name) ? [`${path}.conf`] : [];
  },
  isSideFile: (path) => path.endsWith('.sql.conf'),
};
