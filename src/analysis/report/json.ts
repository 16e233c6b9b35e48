/**
 * The JSON report: what the App and other tools consume, so its shape is a contract,
 * documented in docs/json-output.md and versioned by `version`. Fields are mapped one by one
 * (never a spread of internal objects), so an internal rename cannot leak into the output.
 * Adding an optional field keeps the version; removing or changing one bumps it.
 */
import type { Finding, Severity } from '../finding.js';
import { assertNever } from '../finding.js';
import type { AnalysisResult, MigrationReport } from '../result.js';
import type { Position } from '../source.js';
import { countBySeverity, TOOL_NAME } from './shared.js';

export const JSON_REPORT_VERSION = 1;

export interface JsonPosition {
  /** 1-based. */
  line: number;
  /** 1-based, in Unicode code points. */
  column: number;
}

export interface JsonFinding {
  kind: 'rule' | 'parse-error' | 'migration';
  ruleId: string;
  severity: Severity;
  file: string;
  /** First character. */
  start: JsonPosition;
  /** Last character (inclusive); equal to `start` for an empty range. */
  end: JsonPosition;
  /** UTF-8 byte offsets into the file, half-open [start, end). */
  byteOffsets: { start: number; end: number };
  message: string;
  docsUrl: string | null;
  fingerprint: string;
  /** `up`, `down` or `verify` for statement findings; null for migration-level ones. */
  section: 'up' | 'down' | 'verify' | null;
  messageId: string | null;
  data: Record<string, string | number>;
  statement: string | null;
  lock: { table: string; mode: string; blocks: string[] } | null;
  rewrite: boolean | null;
  recipe: string | null;
  fix: {
    title: string;
    edits: { byteOffsets: { start: number; end: number }; text: string }[];
    lines: { startLine: number; endLine: number; text: string };
  } | null;
  verification: { when: 'before' | 'after'; title: string; sql: string }[];
}

export interface JsonStatement {
  file: string;
  section: 'up' | 'down' | 'verify';
  type: string;
  start: JsonPosition;
  end: JsonPosition;
  text: string;
  inTransaction: boolean;
  locks: { table: string; mode: string; blocks: string[]; rewrite: boolean; scan: boolean }[];
  /** Tables among `locks` created earlier in the same migration: new and empty, so their locks block nobody. */
  newRelations: string[];
}

export interface JsonMigration {
  path: string;
  format: string;
  version: string;
  name: string;
  transaction: 'per-file' | 'none';
  down: 'present' | 'missing' | 'unsupported';
  downPath: string | null;
  /** Changes exactly when the migration's up, down or verify text does. */
  contentHash: string;
  statements: JsonStatement[];
}

export interface JsonReport {
  version: typeof JSON_REPORT_VERSION;
  tool: { name: string; version: string };
  postgresVersion: number;
  summary: { errors: number; warnings: number; infos: number; migrations: number; filesWithFindings: number };
  migrations: JsonMigration[];
  findings: JsonFinding[];
}

export interface JsonReportOptions {
  readonly toolVersion?: string;
}

export function toJsonReport(result: AnalysisResult, options: JsonReportOptions = {}): JsonReport {
  const counts = countBySeverity(result.findings);
  return {
    version: JSON_REPORT_VERSION,
    tool: { name: TOOL_NAME, version: options.toolVersion ?? '0.0.0' },
    postgresVersion: result.postgresVersion,
    summary: {
      errors: counts.error,
      warnings: counts.warning,
      infos: counts.info,
      migrations: result.migrations.length,
      filesWithFindings: new Set(result.findings.map((f) => f.file)).size,
    },
    migrations: result.migrations.map(jsonMigration),
    findings: result.findings.map(jsonFinding),
  };
}

/**
 * One line plus a final newline, as ESLint's JSON formatter: indentation made the report on
 * ../shared/corpus 28 MB instead of 22 MB, and it is read by programs (pipe it through `jq`).
 */
export function renderJson(result: AnalysisResult, options: JsonReportOptions = {}): string {
  return `${JSON.stringify(toJsonReport(result, options))}\n`;
}

function position(p: Position): JsonPosition {
  return { line: p.line, column: p.column };
}

function jsonMigration(m: MigrationReport): JsonMigration {
  return {
    path: m.path,
    format: m.format,
    version: m.version,
    name: m.name,
    transaction: m.transaction,
    down: m.down,
    downPath: m.downPath ?? null,
    contentHash: m.contentHash,
    statements: m.statements.map((s) => ({
      file: s.file,
      section: s.section,
      type: s.type,
      start: position(s.range.start),
      end: position(s.range.end),
      text: s.text,
      inTransaction: s.inTransaction,
      locks: s.locks.map((l) => ({ table: l.table, mode: l.mode, blocks: [...l.blocks], rewrite: l.rewrite, scan: l.scan })),
      newRelations: [...(s.newRelations ?? [])],
    })),
  };
}

function jsonFinding(f: Finding): JsonFinding {
  const base = {
    kind: f.kind,
    ruleId: f.ruleId,
    severity: f.severity,
    file: f.file,
    start: position(f.range.start),
    end: position(f.range.end),
    byteOffsets: { start: f.span.start, end: f.span.end },
    message: f.message,
    docsUrl: f.docsUrl ?? null,
    fingerprint: f.fingerprint,
  };
  const none = { section: null, messageId: null, data: {}, statement: null, lock: null, rewrite: null, recipe: null, fix: null, verification: [] };
  switch (f.kind) {
    case 'rule':
      return {
        ...base,
        section: f.section,
        messageId: f.messageId,
        data: { ...f.data },
        statement: f.statement,
        lock: f.lock ? { table: f.lock.table, mode: f.lock.mode, blocks: [...f.lock.blocks] } : null,
        rewrite: f.rewrite ?? null,
        recipe: f.recipe ?? null,
        fix: f.fix
          ? {
              title: f.fix.title,
              edits: f.fix.edits.map((e) => ({ byteOffsets: { start: e.span.start, end: e.span.end }, text: e.text })),
              lines: { startLine: f.fix.lines.startLine, endLine: f.fix.lines.endLine, text: f.fix.lines.text },
            }
          : null,
        verification: (f.verification ?? []).map((v) => ({ when: v.when, title: v.title, sql: v.sql })),
      };
    case 'parse-error':
      return { ...base, ...none, section: f.section };
    case 'migration':
      return { ...base, ...none };
    default:
      return assertNever(f);
  }
}
