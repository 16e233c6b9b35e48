/**
 * The analysis core: migration text in, findings out. Pure: no network, database, file
 * system, environment or clock. Callers pass files, options and table sizes in.
 */
import { createHash } from 'node:crypto';
import { isIgnored, statementIgnores, targetStatement, type Directive } from './directives.js';
import { makeRuleContext } from './engine/context.js';
import { migrationFinding, migrationRuleFinding, statementFinding } from './engine/finalize.js';
import { FileTexts } from './engine/findings.js';
import { readSection, type SectionRead } from './engine/section.js';
import { StateTracker } from './engine/state.js';
import type { Finding } from './finding.js';
import { compareFindings } from './finding.js';
import { discoverMigrations, formats, type DiscoverOptions, type FormatInfo } from './formats/index.js';
import type { MigrationFile, SourceFile } from './formats/types.js';
import { relationKey } from './locks/relation.js';
import { initParser } from './parse.js';
import type { AnalysisOptions, AnalysisResult, MigrationReport, StatementReport } from './result.js';
import { DEFAULT_ANALYSIS_OPTIONS } from './result.js';
import { rules } from './rules/index.js';
import type { Rule } from './rules/types.js';

export type { AnalysisOptions, AnalysisResult } from './result.js';
export { DEFAULT_ANALYSIS_OPTIONS } from './result.js';
export type { Finding } from './finding.js';
export { initParser } from './parse.js';

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
    const analyzed = new MigrationAnalysis(migration, options, created, active).run();
    reports.push(analyzed.report);
    findings.push(...analyzed.findings);
  }
  findings.sort(compareFindings);
  return { postgresVersion: options.postgresVersion, migrations: reports, findings };
}

/** One migration: its sections read, statement rules run in order, then whole-migration rules. */
class MigrationAnalysis {
  private readonly texts: FileTexts;
  private readonly format: FormatInfo;
  private readonly findings: Finding[] = [];
  private readonly statementReports: StatementReport[] = [];
  private readonly occurrences = new Map<string, number>();

  constructor(
    private readonly migration: MigrationFile,
    private readonly options: AnalysisOptions,
    /** Relations created so far (this migration's, or the whole run's). */
    private readonly created: Set<string>,
    private readonly active: readonly Rule[],
  ) {
    this.texts = new FileTexts(migration.texts);
    this.format = formats[migration.format];
  }

  /** How many times `key` was seen before in this migration: part of fingerprints. */
  private readonly occurrence = (key: string): number => {
    const n = this.occurrences.get(key) ?? 0;
    this.occurrences.set(key, n + 1);
    return n;
  };

  run(): { report: MigrationReport; findings: Finding[] } {
    const { migration } = this;
    for (const problem of migration.problems) {
      this.findings.push(migrationFinding('format-problem', 'error', problem.file, problem.span, problem.message, this.occurrence(`format\0${problem.message}`), this.texts));
    }
    const up = this.section(migration.up, this.created);
    // The down runs after the up in the same database: what the up created is not new to it.
    const down = migration.down.state === 'present' ? this.section(migration.down.section, new Set()) : undefined;
    this.migrationRules(up, down);
    const fileDirectives = [...up.directives, ...(down?.directives ?? [])].filter((d) => d.scope === 'file');
    const ignoredInFile = new Set(fileDirectives.flatMap((d) => (d.kind === 'ignore' ? d.rules : [])));
    return {
      report: this.report(),
      findings: this.findings.filter((f) => f.kind !== 'rule' || !isIgnored(ignoredInFile, f.ruleId)),
    };
  }

  /** Reads a section and runs the statement rules over it, moving the state along. */
  private section(section: MigrationFile['up'], created: Set<string>): SectionRead {
    const read = readSection(section, this.format, this.options.postgresVersion, this.texts, this.occurrence);
    this.findings.push(...read.findings);
    const tracker = new StateTracker(read.transaction, created);
    const sectionRules = this.active.filter((rule) => rule.check && (rule.sections ?? ['up']).includes(section.kind as 'up' | 'down'));
    const ignoresFor = statementIgnores(read.directives, read.statements.map((s) => s.span.start));
    const isNew = (relation: string) => tracker.isNew(relation);
    read.statements.forEach((stmt, index) => {
      const state = tracker.snapshot();
      this.statementReports.push({
        file: stmt.file,
        section: section.kind,
        span: stmt.span,
        range: this.texts.index(stmt.file).range(stmt.span),
        text: stmt.text,
        type: stmt.type,
        locks: stmt.locks.locks,
        inTransaction: state.inTransaction,
        newRelations: stmt.locks.locks.filter((l) => tracker.isNew(l.table)).map((l) => l.table),
      });
      // Which repetition of this statement text it is (for fingerprints): only computed when a
      // rule reports, since most statements have no finding.
      let occurrence: number | undefined;
      const ctx = makeRuleContext({ migration: this.migration, format: this.format, options: this.options, state, tracker, statements: read.statements, index });
      for (const rule of sectionRules) {
        for (const report of (rule.check as NonNullable<Rule['check']>)(stmt, ctx)) {
          if (isIgnored(ignoresFor(index), rule.id)) continue;
          occurrence ??= this.occurrence(`${stmt.file}\0${stmt.text.replace(/\s+/g, ' ').toLowerCase()}`);
          const finding = statementFinding({ rule, report, stmt, options: this.options, isNew, occurrence, texts: this.texts });
          if (finding) this.findings.push(finding);
        }
      }
      tracker.advance(stmt.ast, stmt.locks.locks);
    });
    return read;
  }

  /** Whole-migration rules (reversibility, structure). */
  private migrationRules(up: SectionRead, down: SectionRead | undefined): void {
    const { migration } = this;
    const upStarts = up.statements.map((s) => s.span.start);
    const irreversibleReasons = new Map<number, string>();
    for (const d of up.directives) {
      if (d.kind !== 'irreversible' || d.scope !== 'statement') continue;
      const target = targetStatement(d, upStarts);
      if (target >= 0) irreversibleReasons.set(target, d.reason || '(no reason given)');
    }
    const fileIrreversible = [...up.directives, ...(down?.directives ?? [])].find((d): d is Directive & { kind: 'irreversible' } => d.kind === 'irreversible' && d.scope === 'file');
    // Statement-level ignores apply to whole-migration findings too, when they sit on an up statement.
    const upIgnoresFor = statementIgnores(up.directives, upStarts);
    const firstSpan = up.statements[0]?.span ?? { start: migration.up.span.start, end: migration.up.span.start };
    for (const rule of this.active) {
      if (!rule.checkMigration) continue;
      const reports = rule.checkMigration({
        migration,
        format: this.format,
        postgresVersion: this.options.postgresVersion,
        up: up.statements,
        down: down?.statements,
        irreversibleReasons,
        fileIrreversibleReason: fileIrreversible ? fileIrreversible.reason || '(no reason given)' : undefined,
        isNew: (relation) => this.created.has(relationKey(relation)),
        report: (messageId, data = {}, options = {}) => ({ messageId, data, options, ...(options.file ? { file: options.file } : {}) }),
      });
      for (const report of reports) {
        const file = report.file ?? migration.path;
        const span = report.options.span ?? (file === migration.up.file ? firstSpan : { start: 0, end: 0 });
        const index = file === migration.up.file ? up.statements.findIndex((s) => s.span.start <= span.start && span.end <= s.span.end) : -1;
        if (index >= 0 && isIgnored(upIgnoresFor(index), rule.id)) continue;
        this.findings.push(
          migrationRuleFinding({ rule, report, file, span, stmt: up.statements[index], fallbackStatement: migration.path, options: this.options, texts: this.texts }),
        );
      }
    }
  }

  private report(): MigrationReport {
    const { migration } = this;
    const { down } = migration;
    const downPath = down.state === 'present' ? down.section.file : down.state === 'missing' ? down.expectedPath : undefined;
    return {
      path: migration.path,
      format: migration.format,
      version: migration.version,
      name: migration.name,
      transaction: migration.up.transaction,
      down: down.state,
      ...(downPath ? { downPath } : {}),
      statements: this.statementReports,
      contentHash: contentHash(migration),
    };
  }
}

/** Identifies the migration's content: its up, down and verify texts. Ticks are tied to it. */
function contentHash(migration: MigrationFile): string {
  const hash = createHash('sha256');
  for (const section of [migration.up, migration.down.state === 'present' ? migration.down.section : undefined, migration.verify]) {
    hash.update(section ? `${section.kind}\0${section.file}\0${section.text}\0` : '-\0');
  }
  return hash.digest('hex').slice(0, 16);
}
