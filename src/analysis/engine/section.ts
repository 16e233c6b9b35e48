/**
 * One section (an up, a down) read into what rules look at: statements with their spans in
 * the file and their locks (statements inside DO blocks and PL/pgSQL functions included),
 * annotations, and the findings that need no rule (syntax errors, malformed annotations).
 */
import type { Finding } from '../finding.js';
import type { FormatInfo } from '../formats/index.js';
import type { Section, TransactionMode } from '../formats/types.js';
import { readDirectives, type Directive } from '../directives.js';
import { interpolate, type FileTexts } from './findings.js';
import { migrationFinding, parseErrorFinding } from './finalize.js';
import { nestedStatements, type Container } from './plpgsql.js';
import { statementLocks } from '../locks/index.js';
import { parseSql, type ParsedStatement } from '../parse.js';
import { isRuleId } from '../rules/index.js';
import type { StatementInfo } from '../rules/types.js';
import type { Span } from '../source.js';

const DIRECTIVE_MESSAGES = {
  missingReason: '`{{directive}}` needs a reason after `--`: say why this is safe, for the reviewer and for later readers.',
  unknownRule: '`{{rule}}` is not a migration-review rule; this ignore does nothing.',
  unknownDirective: '`migration-review: {{directive}}` is not a known annotation (ignore, ignore-file, irreversible, irreversible-file).',
} as const;

export interface SectionRead {
  readonly section: Section;
  readonly statements: readonly StatementInfo[];
  readonly directives: readonly Directive[];
  readonly findings: readonly Finding[];
  /** How the runner really runs this section's content (see FormatInfo.implicitTransaction). */
  readonly transaction: TransactionMode;
}

export function readSection(
  section: Section,
  format: FormatInfo,
  postgresVersion: number,
  texts: FileTexts,
  occurrence: (key: string) => number,
): SectionRead {
  const parsed = parseSql(section.text);
  const base = section.span.start;
  const shift = (s: Span): Span => ({ start: s.start + base, end: s.end + base });
  const findings: Finding[] = parsed.errors.map((error) => {
    const span = shift(error.span);
    return parseErrorFinding(section, span, error.message, occurrence(`syntax\0${texts.index(section.file).slice(span)}`), texts);
  });
  const read = readDirectives(parsed.comments, isRuleId);
  const directives = read.directives.map((d) => ({ ...d, span: shift(d.span) }));
  for (const problem of read.problems) {
    const message = interpolate(DIRECTIVE_MESSAGES[problem.messageId], problem.data);
    findings.push(migrationFinding('invalid-directive', 'warning', section.file, shift(problem.span), message, occurrence(`directive\0${message}`), texts));
  }
  // DDL inside DO blocks and PL/pgSQL functions is checked as if it stood right after them.
  const expanded: (ParsedStatement & { container?: Container })[] = parsed.statements.flatMap((s) => [s, ...nestedStatements(s)]);
  const statements: StatementInfo[] = expanded.map((s, index) => ({
    ast: s.ast,
    type: Object.keys(s.ast)[0] ?? 'Unknown',
    span: shift(s.span),
    locationBase: s.locationBase + base,
    text: s.text,
    file: section.file,
    section,
    index,
    locks: statementLocks(s.ast, { postgresVersion }),
    ...(s.container ? { container: s.container } : {}),
  }));
  const transaction =
    format.implicitTransaction && section.transaction === 'per-file' && parsed.statements.length <= 1 ? 'none' : section.transaction;
  return { section, statements, directives, findings, transaction };
}
