/**
 * From what rules and the parser report to findings: severity (config, then table size),
 * the lock and recipe defaults, verification queries, and the engine's own finding kinds.
 */
import type { MigrationFinding, ParseErrorFinding, RuleFinding, Severity, VerificationQuery } from '../finding.js';
import type { Section } from '../formats/types.js';
import type { AnalysisOptions } from '../result.js';
import type { Rule, RuleReport, StatementInfo } from '../rules/types.js';
import type { Span } from '../source.js';
import { verificationQueries } from '../verify/index.js';
import { tableSizeOf } from './context.js';
import { buildRuleFinding, describeSize, docsUrl, fingerprint, type FileTexts } from './findings.js';

export function resolveSeverity(rule: Rule, reported: Severity | undefined, options: AnalysisOptions): Severity {
  const configured = options.rules[rule.id];
  if (configured && configured !== 'off') return configured;
  return reported ?? rule.meta.severity;
}

export interface StatementFindingInput {
  readonly rule: Rule;
  readonly report: RuleReport;
  readonly stmt: StatementInfo;
  readonly options: AnalysisOptions;
  readonly isNew: (relation: string) => boolean;
  /** Which repetition of the same statement text in the file this is (for the fingerprint). */
  readonly occurrence: number;
  readonly texts: FileTexts;
}

/** A statement rule's report as a finding; undefined when size-awareness drops it. */
export function statementFinding({ rule, report, stmt, options, isNew, occurrence, texts }: StatementFindingInput): RuleFinding | undefined {
  const lock = report.options.lock ?? stmt.locks.locks[0];
  const table = report.options.table ?? lock?.table;
  let severity = resolveSeverity(rule, report.options.severity, options);
  let sizeNote: string | undefined;
  if (rule.meta.sizeAware && table) {
    // A relation created in this migration is empty and unused: its locks hurt nobody.
    if (isNew(table)) return undefined;
    const size = tableSizeOf(options, table);
    if (size) {
      sizeNote = `(\`${table}\`: ${describeSize(size.rows, size.totalBytes)})`;
      if (options.rules[rule.id] === undefined) {
        if (size.rows >= options.largeTableRows) severity = 'error';
        else if (size.rows < options.smallTableRows) severity = 'info';
      }
    }
  }
  return buildRuleFinding(
    {
      ruleId: rule.id,
      messageId: report.messageId,
      template: rule.meta.messages[report.messageId] ?? report.messageId,
      data: report.data,
      severity,
      file: stmt.file,
      section: stmt.section.kind,
      span: report.options.span ?? stmt.span,
      statementSpan: stmt.span,
      statement: stmt.text,
      occurrence,
      options: {
        ...report.options,
        ...(lock ? { lock } : {}),
        ...(rule.meta.recipe && !report.options.recipe ? { recipe: rule.meta.recipe } : {}),
        // Verification: the rule's own queries win; otherwise the generic ones for the statement.
        ...(report.options.verification ? {} : { verification: statementVerification(stmt, options, isNew) }),
      },
      ...(sizeNote ? { sizeNote } : {}),
    },
    texts,
  );
}

export interface MigrationFindingInput {
  readonly rule: Rule;
  readonly report: RuleReport;
  readonly file: string;
  readonly span: Span;
  /** The up statement the finding sits on, when it sits on one. */
  readonly stmt: StatementInfo | undefined;
  readonly fallbackStatement: string;
  readonly options: AnalysisOptions;
  readonly texts: FileTexts;
}

/** A whole-migration rule's report (reversibility, structure) as a finding. */
export function migrationRuleFinding({ rule, report, file, span, stmt, fallbackStatement, options, texts }: MigrationFindingInput): RuleFinding {
  return buildRuleFinding(
    {
      ruleId: rule.id,
      messageId: report.messageId,
      template: rule.meta.messages[report.messageId] ?? report.messageId,
      data: report.data,
      severity: resolveSeverity(rule, report.options.severity, options),
      file,
      section: 'up',
      span,
      statementSpan: stmt?.span ?? span,
      statement: stmt?.text ?? fallbackStatement,
      occurrence: 0,
      options: { ...report.options, ...(rule.meta.recipe && !report.options.recipe ? { recipe: rule.meta.recipe } : {}) },
    },
    texts,
  );
}

/**
 * Pre-flight and verification queries of a statement (verify/), computed once per statement
 * however many findings it has. Before-queries on a relation created earlier in this
 * migration are dropped: it has no production data to predict from.
 */
const verificationCache = new WeakMap<StatementInfo, readonly VerificationQuery[]>();
function statementVerification(stmt: StatementInfo, options: AnalysisOptions, isNew: (relation: string) => boolean): readonly VerificationQuery[] {
  let queries = verificationCache.get(stmt);
  if (!queries) {
    queries = verificationQueries(stmt, { postgresVersion: options.postgresVersion, isNew });
    verificationCache.set(stmt, queries);
  }
  return queries;
}

/**
 * The engine's own findings. Their fingerprints hold the offending text and its repetition in
 * the file, not its offset, so a push that only moves them posts nothing new.
 */
export function parseErrorFinding(section: Section, span: Span, message: string, occurrence: number, texts: FileTexts): ParseErrorFinding {
  const index = texts.index(section.file);
  return {
    kind: 'parse-error',
    ruleId: 'syntax-error',
    severity: 'error',
    file: section.file,
    section: section.kind,
    span,
    range: index.range(span),
    message: `Syntax error: ${message}. PostgreSQL would reject this statement; nothing after the error in it was checked.`,
    docsUrl: docsUrl('syntax-error'),
    fingerprint: fingerprint('syntax-error', section.file, `${index.slice(span)}\0${message}`, occurrence),
  };
}

export function migrationFinding(
  ruleId: 'format-problem' | 'invalid-directive',
  severity: Severity,
  file: string,
  span: Span,
  message: string,
  occurrence: number,
  texts: FileTexts,
): MigrationFinding {
  const index = texts.index(file);
  return {
    kind: 'migration',
    ruleId,
    severity,
    file,
    span,
    range: index.range(span),
    message,
    docsUrl: docsUrl(ruleId),
    fingerprint: fingerprint(ruleId, file, message, occurrence),
  };
}
