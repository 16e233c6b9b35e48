/**
 * From command-line paths to the SourceFiles the analysis takes. Folders are walked (never
 * into node_modules or .git); a named file brings the files its format pairs it with (its
 * down, sqitch.plan, ...). Paths become relative to the repository root with `/`, as config
 * globs, GitHub and SARIF expect. A file that cannot be reviewed (too large, binary, not
 * UTF-8) becomes a finding naming it, not a crash and not a silent skip.
 */
import { createHash } from 'node:crypto';
// Synchronous on purpose: files are read one after another anyway, and an await per stat and
// read cost the CLI ~0.7 s of idle event-loop turns on the 1,714-file corpus.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { MigrationFinding } from '../analysis/finding.js';
import { companionPaths, isMigrationCandidate } from '../analysis/formats/index.js';
import { matchesGlob } from '../analysis/formats/glob.js';
import type { SourceFile } from '../analysis/formats/types.js';
import { UsageError } from './args.js';

/** Larger files are not read: no hand-written migration is this big, and a dump would stall the parser. */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;
/** Bytes looked at for a NUL, the sign of a binary file (as git does). */
const BINARY_SNIFF_BYTES = 8000;
const SKIPPED_DIRS = new Set(['node_modules', '.git']);

export interface CollectOptions {
  readonly cwd: string;
  /** Paths in the output are relative to this directory. */
  readonly root: string;
  /** Config `migrations.paths`: when non-empty, walked `.sql` files must match one. */
  readonly include: readonly string[];
  /** Config `migrations.exclude`: walked files matching one are skipped. */
  readonly exclude: readonly string[];
}

export interface Collected {
  readonly files: SourceFile[];
  /** Files that could not be read as text, as findings. */
  readonly problems: MigrationFinding[];
}

export async function collectFiles(args: readonly string[], options: CollectOptions): Promise<Collected> {
  const wanted = new Map<string, { absolute: string; explicit: boolean }>();
  const add = (absolute: string, explicit: boolean) => {
    const rel = relativePath(options.root, absolute);
    const known = wanted.get(rel);
    wanted.set(rel, { absolute, explicit: explicit || (known?.explicit ?? false) });
  };
  for (const arg of args) {
    const absolute = path.resolve(options.cwd, arg);
    const info = statOrUndefined(absolute);
    if (!info) throw new UsageError(`no such file or folder: ${arg}`);
    if (info.isDirectory()) {
      for (const file of walk(absolute)) {
        const rel = relativePath(options.root, file);
        if (!isMigrationCandidate(rel)) continue;
        if (options.exclude.some((glob) => matchesGlob(rel, glob))) continue;
        if (rel.endsWith('.sql') && options.include.length && !options.include.some((glob) => matchesGlob(rel, glob))) continue;
        add(file, false);
      }
    } else {
      add(absolute, true);
      for (const companion of companionPaths(relativePath(options.root, absolute))) {
        const companionAbsolute = path.resolve(options.root, companion);
        if (statOrUndefined(companionAbsolute)?.isFile()) add(companionAbsolute, false);
      }
    }
  }
  const files: SourceFile[] = [];
  const problems: MigrationFinding[] = [];
  for (const [rel, { absolute }] of [...wanted].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const read = readText(absolute);
    if ('text' in read) files.push({ path: rel, text: read.text });
    else problems.push(unreadable(rel, read.problem));
  }
  return { files, problems };
}

function statOrUndefined(file: string) {
  return statSync(file, { throwIfNoEntry: false });
}

function walk(dir: string): string[] {
  const out: string[] = [];
  const entries = readdirSync(dir, { withFileTypes: true });
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    // Symlinked folders are not followed: they can loop, and the real folder is walked anyway.
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name)) out.push(...walk(full));
    } else if (entry.isFile() || (entry.isSymbolicLink() && statOrUndefined(full)?.isFile())) {
      out.push(full);
    }
  }
  return out;
}

/** Repository-relative POSIX path; a file outside the root keeps a `../` path from it. */
export function relativePath(root: string, absolute: string): string {
  return path.relative(root, absolute).split(path.sep).join('/');
}

function readText(file: string): { text: string } | { problem: string } {
  const info = statSync(file);
  if (info.size > MAX_FILE_BYTES) {
    return { problem: `is ${(info.size / 1024 / 1024).toFixed(1)} MB, over the ${MAX_FILE_BYTES / 1024 / 1024} MB limit: it was not reviewed` };
  }
  const bytes = readFileSync(file);
  if (bytes.subarray(0, BINARY_SNIFF_BYTES).includes(0)) return { problem: 'looks binary (it contains NUL bytes): it was not reviewed' };
  try {
    // A BOM is not part of the SQL; TextDecoder drops it by default.
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return { problem: 'is not valid UTF-8: it was not reviewed (PostgreSQL migrations are read as UTF-8; re-save the file as UTF-8)' };
  }
}

function unreadable(file: string, problem: string): MigrationFinding {
  const message = `\`${file}\` ${problem}.`;
  return {
    kind: 'migration',
    ruleId: 'unreadable-file',
    severity: 'error',
    file,
    span: { start: 0, end: 0 },
    range: { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } },
    message,
    fingerprint: createHash('sha256').update(`unreadable-file\0${file}`).digest('hex').slice(0, 16),
  };
}
