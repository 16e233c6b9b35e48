import type { Finding, Severity } from './finding.js';
import type { DownMigration, FormatId, SectionKind, TransactionMode } from './formats/types.js';
import type { TableLock } from './locks/types.js';
import type { Range, Span } from './source.js';

/** Approximate size of one table, from config `tables:` or a stats snapshot. */
export interface TableSize {
  readonly rows: number;
  readonly totalBytes?: number;
}

export type RuleSetting = Severity | 'off';

/** Everything analysis needs besides the text: already validated, plain data. */
export interface AnalysisOptions {
  /** Major version of the target server, 11..18. */
  readonly postgresVersion: number;
  /** Per-rule severity override or 'off'; rules not named keep their default. */
  readonly rules: Readonly<Record<string, RuleSetting>>;
  /** Known table sizes by name (unqualified or schema-qualified). */
  readonly tables: Readonly<Record<string, TableSize>>;
  /** Rows at or above which a strong lock or rewrite is an error. */
  readonly largeTableRows: number;
  /** Rows below which a known table is small: its lock findings drop to info. */
  readonly smallTableRows: number;
  /**
   * Where "created earlier" is looked for: the same migration only (a directory's history),
   * or every migration analyzed together (the migrations of one pull request).
   */
  readonly newRelationsScope: 'migration' | 'all';
  /** Require `SET lock_timeout` before statements that take strong locks. */
  readonly requireLockTimeout: boolean;
}

export const DEFAULT_ANALYSIS_OPTIONS: AnalysisOptions = {
  postgresVersion: 16,
  rules: {},
  tables: {},
  largeTableRows: 1_000_000,
  smallTableRows: 10_000,
  newRelationsScope: 'migration',
  requireLockTimeout: true,
};

export interface StatementReport {
  readonly file: string;
  readonly section: SectionKind;
  readonly span: Span;
  readonly range: Range;
  readonly text: string;
  /** Statement node type, e.g. `IndexStmt`. */
  readonly type: string;
  readonly locks: readonly TableLock[];
  /** Runs inside a transaction (the runner's or an explicit BEGIN). */
  readonly inTransaction: boolean;
  /** Relations among `locks` that were created earlier in the migration (or pull request). */
  readonly newRelations: readonly string[];
}

export interface MigrationReport {
  readonly path: string;
  readonly format: FormatId;
  readonly version: string;
  readonly name: string;
  readonly transaction: TransactionMode;
  readonly down: DownMigration['state'];
  readonly downPath?: string;
  readonly statements: readonly StatementReport[];
  /** Hash of the migration's up, down and verify text: changes exactly when its content does. */
  readonly contentHash: string;
}

export interface AnalysisResult {
  readonly postgresVersion: number;
  readonly migrations: readonly MigrationReport[];
  /** Every finding, sorted by file and position. */
  readonly findings: readonly Finding[];
}
