/**
 * The terminal report: findings grouped by file, each with its statement excerpt (real line
 * numbers), the lock in plain words, the rewrite, the fix and the safe recipe, and the docs
 * link; then one summary line. Pure: the caller says whether to color and passes the file
 * texts it read so excerpts show the real lines.
 */
import type { Finding, Severity } from '../finding.js';
import { assertNever } from '../finding.js';
import type { AnalysisResult, StatementReport } from '../result.js';
import { countBySeverity, lockInWords, plural, recipeText, splitLines } from './shared.js';

export interface TextReportOptions {
  /** ANSI colors; the CLI turns them on only for a TTY without NO_COLOR. */
  readonly color?: boolean;
  /** File texts by path; without them excerpts come from the statement text alone. */
  readonly sources?: Readonly<Record<string, string>>;
  /** Show the safe recipe under each finding (default true). */
  readonly recipes?: boolean;
}

/** Most lines of a statement shown; longer ones are cut with a "… N more lines" marker. */
const MAX_EXCERPT_LINES = 8;

type Style = 'bold' | 'dim' | 'red' | 'yellow' | 'cyan' | 'green' | 'underline';
const ANSI: Record<Style, [number, number]> = {
  bold: [1, 22],
  dim: [2, 22],
  underline: [4, 24],
  red: [31, 39],
  green: [32, 39],
  yellow: [33, 39],
  cyan: [36, 39],
};

const SEVERITY_STYLE: Record<Severity, Style> = { error: 'red', warning: 'yellow', info: 'cyan' };

export function renderText(result: AnalysisResult, options: TextReportOptions = {}): string {
  const paint = (style: Style, text: string) => (options.color ? `\u001b[${ANSI[style][0]}m${text}\u001b[${ANSI[style][1]}m` : text);
  const out: string[] = [];
  const byFile = new Map<string, Finding[]>();
  for (const f of result.findings) byFile.set(f.file, [...(byFile.get(f.file) ?? []), f]);
  const statements = result.migrations.flatMap((m) => m.statements);
  // A rule's recipe is the same for every finding, and a statement's queries the same for each
  // of its findings: print them once, point back to them after.
  const shown: Shown = { recipes: new Set(), queries: new Set() };

  for (const [file, findings] of byFile) {
    out.push(paint('underline', paint('bold', clean(file))));
    for (const f of findings) {
      const where = `${f.range.start.line}:${f.range.start.column}`;
      out.push(`  ${paint('dim', where)}  ${paint(SEVERITY_STYLE[f.severity], f.severity)}  ${paint('bold', f.ruleId)}`);
      out.push(...indent(clean(f.message), '  '));
      const excerpt = excerptFor(f, statements, options.sources);
      if (excerpt.length) {
        const width = String(excerpt.at(-1)?.line ?? 0).length;
        out.push(`  ${' '.repeat(width + 1)}${paint('dim', '|')}`);
        for (const row of excerpt) {
          const gutter = row.line === 0 ? '…'.padStart(width) : String(row.line).padStart(width);
          const marker = row.marked ? paint(SEVERITY_STYLE[f.severity], '>') : ' ';
          out.push(`${marker} ${paint('dim', `${gutter} |`)} ${clean(row.text)}`.trimEnd());
        }
        out.push(`  ${' '.repeat(width + 1)}${paint('dim', '|')}`);
      }
      out.push(...details(f, options, paint, shown));
      out.push('');
    }
  }
  out.push(summaryLine(result, paint));
  return `${out.join('\n')}\n`;
}

interface Shown {
  readonly recipes: Set<string>;
  readonly queries: Set<string>;
}

function details(f: Finding, options: TextReportOptions, paint: (style: Style, text: string) => string, shown: Shown): string[] {
  const rows: string[] = [];
  const label = (name: string) => `  ${paint('dim', name.padEnd(8))} `;
  const block = (name: string, text: string) => {
    const lines = splitLines(clean(text));
    rows.push(label(name) + (lines[0] ?? ''));
    for (const line of lines.slice(1)) rows.push(`${' '.repeat(11)}${line}`.trimEnd());
  };
  switch (f.kind) {
    case 'rule':
      if (f.lock) block('lock', lockInWords(f.lock));
      if (f.rewrite) block('rewrite', 'the table is rewritten: the lock is held for as long as copying every row takes');
      if (f.fix) {
        const { startLine, endLine, text } = f.fix.lines;
        block('fix', `${f.fix.title} (${startLine === endLine ? `line ${startLine} becomes` : `lines ${startLine}-${endLine} become`}):\n${text}`);
      }
      if (f.recipe && options.recipes !== false) {
        const key = `${f.ruleId}\0${f.recipe}`;
        block('recipe', shown.recipes.has(key) ? `as above for ${f.ruleId}` : recipeText(f.recipe));
        shown.recipes.add(key);
      }
      if (f.verification?.length) {
        const key = `${f.file}\0${f.statement}`;
        if (shown.queries.has(key)) block('verify', 'queries as above for this statement');
        else for (const q of f.verification) block(q.when, `${q.title}:\n${q.sql}`);
        shown.queries.add(key);
      }
      break;
    case 'parse-error':
    case 'migration':
      break;
    default:
      assertNever(f);
  }
  if (f.docsUrl) block('docs', f.docsUrl);
  return rows;
}

interface ExcerptLine {
  /** 0 marks the "… N more lines" row. */
  readonly line: number;
  readonly text: string;
  readonly marked: boolean;
}

/**
 * The lines to show: the statement holding the finding (from the file text when known), the
 * finding's own lines marked. A finding on an empty span (a whole-file finding) shows none.
 */
function excerptFor(f: Finding, statements: readonly StatementReport[], sources: Readonly<Record<string, string>> | undefined): ExcerptLine[] {
  if (f.span.end <= f.span.start && f.kind !== 'parse-error') return [];
  const stmt = statements.find((s) => s.file === f.file && s.span.start <= f.span.start && f.span.end <= s.span.end);
  const from = Math.min(stmt?.range.start.line ?? f.range.start.line, f.range.start.line);
  const to = Math.max(stmt?.range.end.line ?? f.range.end.line, f.range.end.line);
  const source = sources?.[f.file];
  let lines: string[];
  if (source !== undefined) {
    lines = splitLines(source).slice(from - 1, to);
  } else if (stmt) {
    lines = splitLines(stmt.text);
  } else if (f.kind === 'rule') {
    lines = splitLines(f.statement);
  } else {
    return [];
  }
  const rows = lines.map((text, i) => ({
    line: from + i,
    text,
    marked: from + i >= f.range.start.line && from + i <= f.range.end.line,
  }));
  if (rows.length <= MAX_EXCERPT_LINES) return rows;
  // Keep the finding's first line in view even in a long statement.
  const firstMarked = Math.max(0, rows.findIndex((r) => r.marked));
  const start = Math.min(firstMarked, rows.length - MAX_EXCERPT_LINES + 1);
  const shown = rows.slice(start, start + MAX_EXCERPT_LINES - 1);
  const hidden = rows.length - shown.length;
  return [...shown, { line: 0, text: `${plural(hidden, 'more line')} of this statement`, marked: false }];
}

function summaryLine(result: AnalysisResult, paint: (style: Style, text: string) => string): string {
  const counts = countBySeverity(result.findings);
  const checked = `${plural(result.migrations.length, 'migration')} checked (PostgreSQL ${result.postgresVersion})`;
  if (result.findings.length === 0) return paint('green', `✔ no problems: ${checked}`);
  const files = new Set(result.findings.map((f) => f.file)).size;
  const text = `${counts.error ? '✖' : '⚠'} ${plural(result.findings.length, 'problem')} (${plural(counts.error, 'error')}, ${plural(
    counts.warning,
    'warning',
  )}, ${counts.info} info) in ${plural(files, 'file')}; ${checked}`;
  return paint(counts.error ? 'red' : 'yellow', paint('bold', text));
}

/**
 * Terminal-safe text: migration files come from pull requests, so control characters (an
 * escape sequence in a comment could rewrite the terminal) are shown as U+FFFD. Tabs stay.
 */
function clean(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g, '\uFFFD');
}

function indent(text: string, prefix: string): string[] {
  return splitLines(text).map((line) => `${prefix}${line}`.trimEnd());
}
