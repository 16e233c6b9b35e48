import type { Span } from '../source.js';

/**
 * How the migration runner executes a section:
 * - `per-file`: the runner wraps the whole section in one transaction;
 * - `none`: statements run in autocommit, one after another (psql -f, goose NO TRANSACTION, ...).
 */
export type TransactionMode = 'per-file' | 'none';

export type SectionKind = 'up' | 'down' | 'verify';

/** A contiguous piece of one file's text that a runner executes as a unit. */
export interface Section {
  readonly kind: SectionKind;
  /** Repository-relative POSIX path of the file that holds the text. */
  readonly file: string;
  /** Byte range of the section inside that file. */
  readonly span: Span;
  /** The section's SQL: exactly the file's text over `span`. */
  readonly text: string;
  readonly transaction: TransactionMode;
}

export type DownMigration =
  | { readonly state: 'present'; readonly section: Section }
  /** The format supports downs but this migration has none; `expectedPath` says where it would live. */
  | { readonly state: 'missing'; readonly expectedPath?: string }
  /** The format has no down migrations at all (Prisma, Flyway community edition, ...). */
  | { readonly state: 'unsupported'; readonly reason: string };

/** One migration as a runner sees it: its up, its down and how it is run. */
export interface MigrationFile {
  /** The file that holds the up migration (the one findings on the up point at). */
  readonly path: string;
  readonly format: FormatId;
  /** Sort key the runner applies migrations by (a version, timestamp or plan position). */
  readonly version: string;
  readonly name: string;
  readonly up: Section;
  readonly down: DownMigration;
  /** sqitch's verify script, when present. */
  readonly verify?: Section;
  /** Full text of every file a section points into, by path, so positions map to real lines. */
  readonly texts: Readonly<Record<string, string>>;
  /** Problems met while reading the migration's structure (e.g. goose StatementBegin never ended). */
  readonly problems: readonly FormatProblem[];
}

export interface FormatProblem {
  readonly file: string;
  readonly span: Span;
  readonly message: string;
}

export const FORMAT_IDS = [
  'golang-migrate',
  'goose',
  'dbmate',
  'flyway',
  'sqitch',
  'prisma',
  'drizzle',
  'diesel',
  'hasura',
  'mattermost-morph',
  'plain',
] as const;
export type FormatId = (typeof FORMAT_IDS)[number];

/** A file handed to format detection: path relative to the repository root, POSIX separators. */
export interface SourceFile {
  readonly path: string;
  readonly text: string;
}
