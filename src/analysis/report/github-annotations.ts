/**
 * GitHub Actions workflow commands: `::error file=…,line=…::message` lines that the runner
 * turns into annotations on the pull request's diff.
 * https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-commands
 *
 * GitHub shows at most 10 error and 10 warning annotations per step (and 10 notices), and drops
 * the rest silently. So the first ten of each level become annotations and every other
 * finding is printed as a plain log line, with a note saying so: nothing disappears unseen.
 */
import type { Finding, Severity } from '../finding.js';
import type { AnalysisResult } from '../result.js';
import { countBySeverity, lockInWords, plural } from './shared.js';

/** Annotations GitHub keeps per level and step. */
export const MAX_ANNOTATIONS_PER_LEVEL = 10;

const COMMAND: Record<Severity, 'error' | 'warning' | 'notice'> = { error: 'error', warning: 'warning', info: 'notice' };

/** Escapes the message part of a workflow command. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a property value (file, title): also `:` and `,`, which delimit properties. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function renderGitHubAnnotations(result: AnalysisResult): string {
  const out: string[] = [];
  const used: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  const overflow: Finding[] = [];
  for (const f of result.findings) {
    if (used[f.severity] >= MAX_ANNOTATIONS_PER_LEVEL) {
      overflow.push(f);
      continue;
    }
    used[f.severity]++;
    out.push(annotation(f));
  }
  if (overflow.length) {
    out.push(`GitHub shows ${MAX_ANNOTATIONS_PER_LEVEL} annotations per level; ${plural(overflow.length, 'more finding')}:`);
    for (const f of overflow) out.push(`${f.file}:${f.range.start.line}:${f.range.start.column}: ${f.severity} [${f.ruleId}] ${oneLine(f.message)}`);
  }
  const counts = countBySeverity(result.findings);
  out.push(
    `migration-review: ${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')}, ${counts.info} info in ${plural(result.migrations.length, 'migration')}`,
  );
  return `${out.join('\n')}\n`;
}

function annotation(f: Finding): string {
  const { start, end } = f.range;
  const props = [`file=${escapeProperty(f.file)}`, `line=${start.line}`, `endLine=${end.line}`];
  // Columns only mean something on a single line; GitHub ignores them across lines.
  if (start.line === end.line && f.span.end > f.span.start) props.push(`col=${start.column}`, `endColumn=${end.column + 1}`);
  else props.push(`col=${start.column}`);
  props.push(`title=${escapeProperty(`migration-review: ${f.ruleId}`)}`);
  const body = [f.message];
  if (f.kind === 'rule' && f.lock) body.push(`Lock: ${lockInWords(f.lock)}.`);
  if (f.kind === 'rule' && f.fix) body.push(`Fix: ${f.fix.title}.`);
  if (f.docsUrl) body.push(`Docs: ${f.docsUrl}`);
  return `::${COMMAND[f.severity]} ${props.join(',')}::${escapeData(body.join('\n'))}`;
}

function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ');
}
