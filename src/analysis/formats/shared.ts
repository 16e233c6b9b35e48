import { byteLength } from '../source.js';
import type {
  DownMigration,
  FormatId,
  FormatProblem,
  MigrationFile,
  Section,
  SectionKind,
  SourceFile,
  TransactionMode,
} from './types.js';

/** Per-format metadata, used by rules to phrase advice in the format's own words. */
export interface FormatInfo {
  id: FormatId;
  name: string;
  supportsDown: boolean;
  docsUrl: string;
  /** How to make ONE migration run outside a transaction in this format; undefined if impossible. */
  noTransactionHint?: string;
  /**
   * The runner sends a file as one multi-statement query string, and PostgreSQL wraps such a
   * string in an implicit transaction block only when it holds more than one statement: a
   * file with a single statement runs outside any transaction block.
   * https://www.postgresql.org/docs/current/protocol-flow.html#PROTOCOL-FLOW-MULTI-STATEMENT
   */
  implicitTransaction?: boolean;
}

/** Every file handed to discovery, by path: formats read their side files (plans, journals, configs) here. */
export type FileMap = ReadonlyMap<string, string>;

/** A migration plus the directory its runner reads, which is what migrations are ordered within. */
export interface Built {
  readonly root: string;
  readonly migration: MigrationFile;
}

export interface FormatModule {
  readonly info: FormatInfo;
  /** By path and content: does this format own the file? Asked in detection order; the first yes wins. */
  claims(file: SourceFile, files: FileMap): boolean;
  /**
   * Groups the files this format owns into migrations. Files forced on the format by a config
   * override may not follow its naming, so builders fall back to the file name rather than drop them.
   */
  build(owned: readonly SourceFile[], files: FileMap): Built[];
  /** Path-only: the other files this format needs next to `path` (they may not exist). */
  companionPaths(path: string): string[];
  /** Path-only: non-.sql files this format reads (plans, journals, configs). */
  isSideFile?(path: string): boolean;
}

export function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** Parent directory, '' for a top-level file. */
export function dirname(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

export function join(dir: string, name: string): string {
  return dir === '' ? name : `${dir}/${name}`;
}

/** A section over the whole file. */
export function wholeFile(kind: SectionKind, file: SourceFile, transaction: TransactionMode): Section {
  return { kind, file: file.path, span: { start: 0, end: byteLength(file.text) }, text: file.text, transaction };
}

/** A section over the UTF-16 range [from, to) of a file, with its span in UTF-8 bytes. */
export function sliceOf(
  kind: SectionKind,
  file: SourceFile,
  from: number,
  to: number,
  transaction: TransactionMode,
): Section {
  const start = byteLength(file.text.slice(0, from));
  const text = file.text.slice(from, to);
  return { kind, file: file.path, span: { start, end: start + byteLength(text) }, text, transaction };
}

export interface Line {
  /** The line without its terminator. */
  readonly text: string;
  /** UTF-16 index of the line's first character. */
  readonly start: number;
  /** UTF-16 index just past the line's terminator (where the next line starts). */
  readonly next: number;
}

/** Lines end at "\n", "\r\n" or a lone "\r", as LineIndex counts them. */
export function lines(text: string): Line[] {
  const result: Line[] = [];
  const breaks = /\r\n|\n|\r/g;
  let start = 0;
  for (let m = breaks.exec(text); m !== null; m = breaks.exec(text)) {
    result.push({ text: text.slice(start, m.index), start, next: m.index + m[0].length });
    start = m.index + m[0].length;
  }
  if (start < text.length) result.push({ text: text.slice(start), start, next: text.length });
  return result;
}

/** A problem located on one line (without its terminator). */
export function lineProblem(file: SourceFile, line: Line, message: string): FormatProblem {
  const start = byteLength(file.text.slice(0, line.start));
  return { file: file.path, span: { start, end: start + byteLength(line.text) }, message };
}

export function missingDown(expectedPath?: string): DownMigration {
  return expectedPath === undefined ? { state: 'missing' } : { state: 'missing', expectedPath };
}

export function textsOf(...files: (SourceFile | undefined)[]): Record<string, string> {
  const texts: Record<string, string> = {};
  for (const file of files) if (file) texts[file.path] = file.text;
  return texts;
}

/** `<version>_<name>` (version = leading digits), or the whole stem as both when there is no version. */
export function splitVersion(stem: string): { version: string; name: string } {
  const m = /^(\d+)_(.*)$/.exec(stem);
  return m ? { version: m[1] as string, name: m[2] as string } : { version: stem, name: stem };
}

/**
 * Orders versions as runners do: digit runs compare as numbers ("1.2" < "1.10", golang-migrate
 * parses versions as integers), other text compares as text and sorts after digits (Flyway runs
 * repeatable `R__` scripts after every versioned one).
 */
export function compareVersions(a: string, b: string): number {
  const chunksA = a.match(/\d+|\D+/g) ?? [];
  const chunksB = b.match(/\d+|\D+/g) ?? [];
  for (let i = 0; i < Math.min(chunksA.length, chunksB.length); i++) {
    const x = chunksA[i] as string;
    const y = chunksB[i] as string;
    const xDigits = /^\d/.test(x);
    const yDigits = /^\d/.test(y);
    if (xDigits && yDigits) {
      const byNumber = compareDigitRuns(x, y);
      if (byNumber !== 0) return byNumber;
    } else if (xDigits !== yDigits) {
      return xDigits ? -1 : 1;
    } else if (x !== y) {
      return x < y ? -1 : 1;
    }
  }
  return chunksA.length - chunksB.length;
}

/** Numeric order without Number(): timestamps overflow 2^53 once zero-padded versions get long. */
function compareDigitRuns(x: string, y: string): number {
  const a = x.replace(/^0+(?=\d)/, '');
  const b = y.replace(/^0+(?=\d)/, '');
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}
