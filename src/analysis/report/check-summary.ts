/**
 * The "Migration review" check run's output: title, summary (counts, a table of findings,
 * what was resolved since the last push, notes) and annotations. Pure; the publisher sends
 * annotations in batches of `ANNOTATIONS_PER_REQUEST`.
 */
import type { Finding, Severity } from '../finding.js';
import { lockModeName, truncate } from './review-comment.js';

/** GitHub: output.summary and output.text are at most 65,535 characters. */
export const MAX_SUMMARY_CHARS = 65_535;
/** GitHub: at most 50 annotations per create/update request; later requests append. */
export const ANNOTATIONS_PER_REQUEST = 50;
/** GitHub: an annotation's message and raw_details are at most 64 KB. */
const MAX_ANNOTATION_CHARS = 60_000;

export interface CheckAnnotation {
  readonly path: string;
  readonly start_line: number;
  readonly end_line: number;
  readonly start_column?: number;
  readonly end_column?: number;
  readonly annotation_level: 'failure' | 'warning' | 'notice';
  readonly message: string;
  readonly title: string;
  readonly raw_details?: string;
}

/** A finding reported on an earlier push that this analysis no longer finds. */
export interface ResolvedFinding {
  readonly fingerprint: string;
  readonly path?: string;
  readonly description?: string;
}

export type SeverityCounts = Readonly<Record<Severity, number>>;

export function countBySeverity(findings: readonly Finding[]): SeverityCounts {
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  return counts;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** "2 errors, 1 warning in 3 migrations" / "No problems in 3 migrations". */
export function findingsTitle(findings: readonly Finding[], migrations: number): string {
  const counts = countBySeverity(findings);
  const parts = [
    counts.error ? plural(counts.error, 'error') : '',
    counts.warning ? plural(counts.warning, 'warning') : '',
    counts.info ? `${counts.info} info` : '',
  ].filter(Boolean);
  const scope = plural(migrations, 'migration');
  return parts.length ? `${parts.join(', ')} in ${scope}` : `No problems found in ${scope}`;
}

export interface CheckSummaryInput {
  readonly headSha: string;
  readonly findings: readonly Finding[];
  /** Paths of the migrations analyzed. */
  readonly migrations: readonly string[];
  readonly resolved?: readonly ResolvedFinding[];
  /** Short Markdown paragraphs: limits met, files skipped, and so on. */
  readonly notes?: readonly string[];
  /** Extra sections appended after the findings (the checklist gate adds its state here). */
  readonly sections?: readonly string[];
}

function cell(text: string): string {
  return text.replace(/\r?\n|\r/g, ' ').replace(/\|/g, '\\|');
}

function findingRow(f: Finding): string {
  const lock = f.kind === 'rule' && f.lock ? `${lockModeName(f.lock.mode)}${f.rewrite ? ' + rewrite' : ''}` : '';
  const table = f.kind === 'rule' && f.lock ? `\`${cell(f.lock.table)}\`` : '';
  const rule = f.docsUrl ? `[\`${f.ruleId}\`](${f.docsUrl})` : `\`${f.ruleId}\``;
  return `| ${f.severity} | \`${cell(f.file)}\` | ${f.range.start.line} | ${rule} | ${lock} | ${table} | ${cell(f.message)} |`;
}

export function renderCheckSummary(input: CheckSummaryInput): string {
  const counts = countBySeverity(input.findings);
  const head = [
    `Reviewed ${plural(input.migrations.length, 'migration')} at \`${input.headSha.slice(0, 7)}\`: ` +
      `**${plural(counts.error, 'error')}**, ${plural(counts.warning, 'warning')}, ${counts.info} info.`,
  ];
  const tail: string[] = [];
  const resolved = input.resolved ?? [];
  if (resolved.length) {
    tail.push(
      `### Resolved since the last review\n\n` +
        resolved
          .map((r) => `- ${r.description ? cell(r.description) : `finding \`${r.fingerprint}\``}${r.path ? ` in \`${cell(r.path)}\`` : ''}`)
          .join('\n'),
    );
  }
  if (input.notes?.length) tail.push(`### Notes\n\n${input.notes.join('\n\n')}`);
  tail.push(...(input.sections ?? []));
  if (input.migrations.length) {
    tail.push(`<details><summary>Migrations reviewed</summary>\n\n${input.migrations.map((m) => `- \`${cell(m)}\``).join('\n')}\n\n</details>`);
  }

  let summary = head.join('\n');
  if (input.findings.length) {
    summary += '\n\n| Severity | File | Line | Rule | Lock | Table | Message |\n|---|---|---|---|---|---|---|';
    const tailText = tail.length ? `\n\n${tail.join('\n\n')}` : '';
    for (let i = 0; i < input.findings.length; i++) {
      const row = `\n${findingRow(input.findings[i] as Finding)}`;
      if (summary.length + row.length + tailText.length + 120 > MAX_SUMMARY_CHARS) {
        summary += `\n\n_…and ${input.findings.length - i} more findings: see the annotations._`;
        break;
      }
      summary += row;
    }
    return truncate(summary + tailText, MAX_SUMMARY_CHARS);
  }
  return truncate(tail.length ? `${summary}\n\n${tail.join('\n\n')}` : summary, MAX_SUMMARY_CHARS);
}

const LEVEL: Record<Severity, CheckAnnotation['annotation_level']> = { error: 'failure', warning: 'warning', info: 'notice' };

export function renderAnnotations(findings: readonly Finding[]): CheckAnnotation[] {
  return findings.map((f) => {
    const { start, end } = f.range;
    const startLine = Math.max(1, start.line);
    const endLine = Math.max(startLine, end.line);
    // Columns only on one line: GitHub rejects start_column/end_column across lines.
    const columns = startLine === endLine && start.column <= end.column ? { start_column: start.column, end_column: end.column } : {};
    const details = f.kind === 'rule' ? [f.recipe, f.docsUrl].filter(Boolean).join('\n\n') : (f.docsUrl ?? '');
    return {
      path: f.file,
      start_line: startLine,
      end_line: endLine,
      ...columns,
      annotation_level: LEVEL[f.severity],
      title: f.ruleId,
      message: truncate(f.message, MAX_ANNOTATION_CHARS),
      ...(details ? { raw_details: truncate(details, MAX_ANNOTATION_CHARS) } : {}),
    };
  });
}

export function inBatches<T>(items: readonly T[], size: number = ANNOTATIONS_PER_REQUEST): T[][] {
  const batches: T[][] = [];
  for (let i = 0; i < items.length; i += size) batches.push(items.slice(i, i + size));
  return batches;
}
