/**
 * The analysis core: migration text in, findings out. Pure: no network, database, file
 * system, environment or clock. Callers pass files, options and table sizes in.
 */
import { createHash } from 'node:crypto';
import type { Finding, MigrationFinding, ParseErrorFinding, Severity } from './finding.js';
import { compareFindings } from './finding.js';
import { discoverMigrations, formats, type DiscoverOptions } from './formats/index.js';
import type { MigrationFile, Section, SourceFile } from './formats/types.js';
import { statementLocks } from './locks/index.js';
import { initParser, parseSql, type ParsedStatement } from './parse.js';
import type { AnalysisOptions, AnalysisResult, MigrationReport, StatementReport, TableSize } from './result.js';
import { DEFAULT_ANALYSIS_OPTIONS } from './result.js';
import { isRuleId, rules } from './rules/index.js';
import type { Rule, RuleReport, StatementInfo } from './rules/types.js';
import { readDirectives, targetStatement, type Directive } from './directives.js';
import { buildRuleFinding, describeSize, docsUrl, fingerprint, FileTexts, interpolate } from './engine/findings.js';
import { StateTracker } from './engine/state.js';
import { relationKey } from './locks/relation.js';
import { makeRuleContext } from './engine/context.js';
import { nestedStatements, type Container } from './engine/plpgsql.js';
import type { VerificationQuery } from './finding.js';
import { verificationQueries } from './verify/index.js';

export type { AnalysisOptions, AnalysisResult } from './result.js';
export { DEFAULT_ANALYSIS_OPTIONS } from './result.js';
export type { Finding } from './finding.js';
export { initParser } from './parse.js';

const DIRECTIVE_MESSAGES = {
  missingReason: '`{{directive}}` needs a reason after `--`: say why this is safe, for the reviewer and for later readers.',
  unknownRule: '`{{rule}}` is not a migration-review rule; this ignore does nothing.',
  unknownDirective: '`migration-review: {{directive}}` is not a known annotation (ignore, ignore-file, irreversible, irreversible-file).',
} as const;

/** Finds the migrations among `files` and analyzes them. */
export async function analyze(
  files: readonly SourceFile[],
  options: Partial<AnalysisOptions> = {},
  discover: DiscoverOptions = {},
): Promise<AnalysisResult> {
  return analyzeMigrations(discoverMigrations(files, discover), options);
}

export async function analyzeMigrations(
  migrations: readonly MigrationFile[],
  partial: Partial<AnalysisOptions> = {},
  /** The rules to run; the registry's by default (the rule tester runs one). */
  ruleSet: readonly Rule[] = Object.values(rules) as Rule[],
): Promise<AnalysisResult> {
  await initParser();
  const options: AnalysisOptions = { ...DEFAULT_ANALYSIS_OPTIONS, ...partial };
  // An opt-in rule runs only when the config names it with a severity.
  const active = ruleSet.filter((rule) => options.rules[rule.id] !== 'off' && (!rule.meta.optIn || options.rules[rule.id] !== undefined));
  const findings: Finding[] = [];
  const reports: MigrationReport[] = [];
  const sharedCreated = new Set<string>();
  for (const migration of migrations) {
    const created = options.newRelationsScope === 'all' ? sharedCreated : new Set<string>();
    const { report, findings: found } = analyzeMigration(migration, options, created, active);
    reports.push(report);
    findings.push(...found);
  }
  findings.sort(compareFindings);
  return { postgresVersion: options.postgresVersion, migrations: reports, findings };
}

interface SectionAnalysis {
  readonly statements: StatementInfo[];
  readonly directives: Directive[];
}

function analyzeMigration(
  migration: MigrationFile,
  options: AnalysisOptions,
  created: Set<string>,
  active: readonly Rule[],
): { report: MigrationReport; findings: Finding[] } {
  const texts = new FileTexts(migration.texts);
  const findings: Finding[] = [];
  const format = formats[migration.format];
  const occurrences = new Map<string, number>();
  const occurrence = (key: string): number => {
    const n = occurrences.get(key) ?? 0;
    occurrences.set(key, n + 1);
    return n;
  };

  for (const problem of migration.problems) {
    findings.push(migrationFinding('format-problem', 'error', problem.file, problem.span, problem.message, texts));
  }

  const statementReports: StatementReport[] = [];
  const sections: Section[] = [migration.up];
  if (migration.down.state === 'present') sections.push(migration.down.section);
  const bySection = new Map<Section, SectionAnalysis>();
  const fileDirectives: Directive[] = [];

  for (const section of sections) {
    const parsed = parseSql(section.text);
    const base = section.span.start;
    const shift = (s: { start: number; end: number }) => ({ start: s.start + base, end: s.end + base });
    for (const error of parsed.errors) {
      findings.push(parseErrorFinding(section, shift(error.span), error.message, texts));
    }
    const { directives: rawDirectives, problems } = readDirectives(parsed.comments, isRuleId);
    const directives = rawDirectives.map((d) => ({ ...d, span: shift(d.span) }));
    for (const problem of problems) {
      findings.push(
        migrationFinding('invalid-directive', 'warning', section.file, shift(problem.span), interpolate(DIRECTIVE_MESSAGES[problem.messageId], problem.data), texts),
      );
    }
    fileDirectives.push(...directives.filter((d) => d.scope === 'file'));
    // The down runs after the up in the same database, so relations the up created are not new to it.
    const transaction = format.implicitTransaction && section.transaction === 'per-file' && parsed.statements.length <= 1 ? 'none' : section.transaction;
    const tracker = new StateTracker(transaction, section.kind === 'down' ? new Set() : created);
    // DDL inside DO blocks and PL/pgSQL functions is checked as if it stood right after them.
    const expanded: (ParsedStatement & { container?: Container })[] = parsed.statements.flatMap((s) => [s, ...nestedStatements(s)]);
    const statements: StatementInfo[] = expanded.map((s, index) => {
      const ast = s.ast;
      const type = Object.keys(ast)[0] ?? 'Unknown';
      return {
        ast,
        type,
        span: shift(s.span),
        locationBase: s.locationBase + base,
        text: s.text,
        file: section.file,
        section,
        index,
        locks: statementLocks(ast, { postgresVersion: options.postgresVersion }),
        ...(s.container ? { container: s.container } : {}),
      };
    });
    bySection.set(section, { statements, directives });
    const sectionRules = active.filter((rule) => rule.check && (rule.sections ?? ['up']).includes(section.kind as 'up' | 'down'));
    const ignoresFor = statementIgnores(directives, statements);

    statements.forEach((stmt, index) => {
      const state = tracker.snapshot();
      statementReports.push({
        file: stmt.file,
        section: section.kind,
        span: stmt.span,
        range: texts.index(stmt.file).range(stmt.span),
        text: stmt.text,
        type: stmt.type,
        locks: stmt.locks.locks,
        inTransaction: state.inTransaction,
        newRelations: stmt.locks.locks.filter((l) => tracker.isNew(l.table)).map((l) => l.table),
      });
      // Which repetition of this same statement text it is: part of the fingerprint, so only
      // computed when a rule reports (most statements have no finding).
      let statementOccurrence: number | undefined;
      const occurrenceOf = () => (statementOccurrence ??= occurrence(`${stmt.file}\0${stmt.text.replace(/\s+/g, ' ').toLowerCase()}`));
      const ctx = makeRuleContext({ migration, format, options, state, tracker, statements, index });
      for (const rule of sectionRules) {
        for (const report of (rule.check as NonNullable<Rule['check']>)(stmt, ctx)) {
          if (ignoresFor(index).has(rule.id) || ignoresFor(index).has('all')) continue;
          const finding = finalize(rule, report, stmt, section, options, tracker.isNew.bind(tracker), occurrenceOf(), texts);
          if (finding) findings.push(finding);
        }
      }
      tracker.advance(stmt.ast, stmt.locks.locks);
    });
  }

  // Whole-migration rules (reversibility, structure).
  const up = bySection.get(migration.up) as SectionAnalysis;
  const downSection = migration.down.state === 'present' ? bySection.get(migration.down.section) : undefined;
  const irreversibleReasons = new Map<number, string>();
  const upStarts = up.statements.map((s) => s.span.start);
  for (const d of up.directives) {
    if (d.kind !== 'irreversible' || d.scope !== 'statement') continue;
    const target = targetStatement(d, upStarts);
    if (target >= 0) irreversibleReasons.set(target, d.reason || '(no reason given)');
  }
  const fileIrreversible = fileDirectives.find((d) => d.kind === 'irreversible');
  // Statement-level ignores apply to whole-migration findings too, when they sit on an up statement.
  const upIgnoresFor = statementIgnores(up.directives, up.statements);
  for (const rule of active) {
    if (!rule.checkMigration) continue;
    const reportsOut = rule.checkMigration({
      migration,
      format,
      postgresVersion: options.postgresVersion,
      up: up.statements,
      down: downSection?.statements,
      irreversibleReasons,
      fileIrreversibleReason: fileIrreversible ? fileIrreversible.reason || '(no reason given)' : undefined,
      isNew: (relation) => created.has(relationKey(relation)),
      report: (messageId, data = {}, reportOptions = {}) => ({ messageId, data, options: reportOptions, ...(reportOptions.file ? { file: reportOptions.file } : {}) }),
    });
    for (const report of reportsOut) {
      const file = report.file ?? migration.path;
      const span = report.options.span ?? (file === migration.up.file ? firstStatementSpan(up.statements, migration.up) : { start: 0, end: 0 });
      const stmt = up.statements.find((s) => s.span.start <= span.start && span.end <= s.span.end);
      if (stmt && file === migration.up.file) {
        const ignored = upIgnoresFor(up.statements.indexOf(stmt));
        if (ignored.has(rule.id) || ignored.has('all')) continue;
      }
      const finding = buildRuleFinding(
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
          statement: stmt?.text ?? migration.path,
          occurrence: 0,
          options: { ...report.options, ...(rule.meta.recipe && !report.options.recipe ? { recipe: rule.meta.recipe } : {}) },
        },
        texts,
      );
      findings.push(finding);
    }
  }

  const ignoredInFile = new Set(fileDirectives.filter((d) => d.kind === 'ignore').flatMap((d) => (d.kind === 'ignore' ? d.rules : [])));
  const kept = findings.filter((f) => f.kind !== 'rule' || !(ignoredInFile.has(f.ruleId) || ignoredInFile.has('all')));
  return {
    report: {
      path: migration.path,
      format: migration.format,
      version: migration.version,
      name: migration.name,
      transaction: migration.up.transaction,
      down: migration.down.state,
      ...(migration.down.state === 'present'
        ? { downPath: migration.down.section.file }
        : migration.down.state === 'missing' && migration.down.expectedPath
          ? { downPath: migration.down.expectedPath }
          : {}),
      statements: statementReports,
      contentHash: contentHash(migration),
    },
    findings: kept,
  };
}

/** Identifies the migration's content: its up, down and verify texts. Ticks are tied to it. */
function contentHash(migration: MigrationFile): string {
  const hash = createHash('sha256');
  for (const section of [migration.up, migration.down.state === 'present' ? migration.down.section : undefined, migration.verify]) {
    hash.update(section ? `${section.kind}\0${section.file}\0${section.text}\0` : '-\0');
  }
  return hash.digest('hex').slice(0, 16);
}

function firstStatementSpan(statements: readonly StatementInfo[], section: Section) {
  const first = statements[0];
  return first ? first.span : { start: section.span.start, end: section.span.start };
}

/** Rule ids ignored for each statement index by `-- migration-review:ignore` comments. */
function statementIgnores(directives: readonly Directive[], statements: readonly StatementInfo[]): (index: number) => ReadonlySet<string> {
  const starts = statements.map((s) => s.span.start);
  const byIndex = new Map<number, Set<string>>();
  for (const d of directives) {
    if (d.kind !== 'ignore' || d.scope !== 'statement') continue;
    const target = targetStatement(d, starts);
    if (target < 0) continue;
    const set = byIndex.get(target) ?? new Set<string>();
    for (const r of d.rules) set.add(r);
    byIndex.set(target, set);
  }
  const empty = new Set<string>();
  return (index) => byIndex.get(index) ?? empty;
}

function resolveSeverity(rule: Rule, reported: Severity | undefined, options: AnalysisOptions): Severity {
  const configured = options.rules[rule.id];
  if (configured && configured !== 'off') return configured;
  return reported ?? rule.meta.severity;
}

function lookupSize(options: AnalysisOptions, table: string): TableSize | undefined {
  return options.tables[table] ?? options.tables[relationKey(table)] ?? options.tables[`public.${relationKey(table)}`];
}

function finalize(
  rule: Rule,
  report: RuleReport,
  stmt: StatementInfo,
  section: Section,
  options: AnalysisOptions,
  isNew: (relation: string) => boolean,
  occurrence: number,
  texts: FileTexts,
) {
  const lock = report.options.lock ?? stmt.locks.locks[0];
  const table = report.options.table ?? lock?.table;
  let severity = resolveSeverity(rule, report.options.severity, options);
  let sizeNote: string | undefined;
  if (rule.meta.sizeAware && table) {
    // A relation created in this migration is empty and unused: its locks hurt nobody.
    if (isNew(table)) return undefined;
    const size = lookupSize(options, table);
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
      section: section.kind,
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

function parseErrorFinding(section: Section, span: { start: number; end: number }, message: string, texts: FileTexts): ParseErrorFinding {
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
    fingerprint: fingerprint('syntax-error', section.file, index.slice(span) + message, span.start),
  };
}

function migrationFinding(
  ruleId: 'format-problem' | 'invalid-directive',
  severity: Severity,
  file: string,
  span: { start: number; end: number },
  message: string,
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
    fingerprint: fingerprint(ruleId, file, message, span.start),
  };
}
