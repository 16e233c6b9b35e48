import type { BlockedActivity, LockMode } from './locks/types.js';
import type { SectionKind } from './formats/types.js';
import type { Range, Span } from './source.js';

export type Severity = 'error' | 'warning' | 'info';

/** One edit to a file: replace the bytes of `span` with `text`. */
export interface Edit {
  readonly span: Span;
  readonly text: string;
}

export interface Fix {
  /** What the fix does, in one line ("Build the index CONCURRENTLY"). */
  readonly title: string;
  readonly edits: readonly Edit[];
  /**
   * The same edits as whole-line replacement text for lines startLine..endLine (1-based,
   * inclusive): what a GitHub ```suggestion needs.
   */
  readonly lines: { readonly startLine: number; readonly endLine: number; readonly text: string };
}

export interface FindingLock {
  readonly table: string;
  readonly mode: LockMode;
  readonly blocks: readonly BlockedActivity[];
}

export interface VerificationQuery {
  /** `before`: predicts a failure on production data; `after`: proves the result. */
  readonly when: 'before' | 'after';
  readonly title: string;
  readonly sql: string;
}

interface FindingBase {
  readonly file: string;
  readonly span: Span;
  readonly range: Range;
  readonly severity: Severity;
  readonly ruleId: string;
  /** The message rendered in plain words. */
  readonly message: string;
  readonly docsUrl?: string;
  /** Stable across pushes that do not change the statement: rule, file, normalized statement. */
  readonly fingerprint: string;
}

export interface RuleFinding extends FindingBase {
  readonly kind: 'rule';
  readonly messageId: string;
  readonly data: Readonly<Record<string, string | number>>;
  readonly section: SectionKind;
  /** The statement's SQL text, as written. */
  readonly statement: string;
  readonly lock?: FindingLock;
  readonly rewrite?: boolean;
  /** The safe way to do it, as Markdown (a recipe of statements). */
  readonly recipe?: string;
  readonly fix?: Fix;
  readonly verification?: readonly VerificationQuery[];
}

export interface ParseErrorFinding extends FindingBase {
  readonly kind: 'parse-error';
  readonly ruleId: 'syntax-error';
  readonly section: SectionKind;
}

/** A problem with the migration's structure or its annotations, not with one statement. */
export interface MigrationFinding extends FindingBase {
  readonly kind: 'migration';
}

export type Finding = RuleFinding | ParseErrorFinding | MigrationFinding;

export function assertNever(value: never): never {
  throw new Error(`unexpected value: ${JSON.stringify(value)}`);
}

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Findings in reading order: file, then position, then severity. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
    a.span.start - b.span.start ||
    SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
    (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0)
  );
}
