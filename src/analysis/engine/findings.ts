/** Turns rule reports into findings: positions, message text, docs link, fingerprint, fix lines. */
import { createHash } from 'node:crypto';
import type { Edit, Fix, RuleFinding, Severity } from '../finding.js';
import type { SectionKind } from '../formats/types.js';
import { LineIndex, type Span } from '../source.js';
import { DOCS_BASE_URL } from '../rules/types.js';

export function docsUrl(ruleId: string): string {
  return `${DOCS_BASE_URL}${ruleId}.md`;
}

/** `{{name}}` placeholders filled from data; an unknown placeholder stays visible. */
export function interpolate(template: string, data: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, key: string) => (key in data ? String(data[key]) : whole));
}

/**
 * A fingerprint that survives pushes which move a statement or reformat it, but not a
 * change of what it says: rule, file, the statement with whitespace and case folded, and
 * which occurrence of that same statement it is in the file.
 */
export function fingerprint(ruleId: string, file: string, statement: string, occurrence: number): string {
  const normalized = statement.replace(/\s+/g, ' ').trim().toLowerCase();
  return createHash('sha256').update(`${ruleId}\0${file}\0${normalized}\0${occurrence}`).digest('hex').slice(0, 16);
}

/** Per-file caches: LineIndex and byte view of each file's text. */
export class FileTexts {
  private readonly indexes = new Map<string, LineIndex>();
  constructor(private readonly texts: Readonly<Record<string, string>>) {}

  index(file: string): LineIndex {
    let index = this.indexes.get(file);
    if (!index) {
      index = new LineIndex(this.texts[file] ?? '');
      this.indexes.set(file, index);
    }
    return index;
  }
}

/**
 * Applies edits to the whole lines a span covers and returns the new text of those lines:
 * exactly what a GitHub ```suggestion on lines startLine..endLine replaces.
 */
export function fixLines(index: LineIndex, statementSpan: Span, edits: readonly Edit[]): Fix['lines'] {
  const spans = [statementSpan, ...edits.map((e) => e.span)];
  const from = Math.min(...spans.map((s) => s.start));
  const to = Math.max(...spans.map((s) => s.end));
  const startLine = index.position(from).line;
  const endLine = index.range({ start: from, end: Math.max(to, from + 1) }).end.line;
  const linesStart = index.lineStart(startLine);
  const nextLineStart = endLine < index.lineCount ? index.lineStart(endLine + 1) : index.totalBytes;
  let text = index.slice({ start: linesStart, end: nextLineStart }).replace(/(\r\n|\r|\n)$/, '');
  const base = index.charIndex(linesStart);
  // Back to front, so earlier offsets stay valid.
  for (const edit of [...edits].sort((a, b) => b.span.start - a.span.start)) {
    const s = index.charIndex(edit.span.start) - base;
    const e = index.charIndex(edit.span.end) - base;
    text = text.slice(0, s) + edit.text + text.slice(e);
  }
  return { startLine, endLine, text };
}

export interface FindingInput {
  readonly ruleId: string;
  readonly messageId: string;
  readonly template: string;
  readonly data: Readonly<Record<string, string | number>>;
  readonly severity: Severity;
  readonly file: string;
  readonly section: SectionKind;
  readonly span: Span;
  readonly statementSpan: Span;
  readonly statement: string;
  readonly occurrence: number;
  readonly options: {
    readonly lock?: RuleFinding['lock'] & { readonly rewrite?: boolean };
    readonly rewrite?: boolean;
    readonly recipe?: string;
    readonly fix?: { readonly title: string; readonly edits: readonly Edit[] };
    readonly verification?: RuleFinding['verification'];
  };
  readonly sizeNote?: string;
}

export function buildRuleFinding(input: FindingInput, texts: FileTexts): RuleFinding {
  const index = texts.index(input.file);
  const { lock, rewrite, recipe, fix, verification } = input.options;
  const message = interpolate(input.template, input.data) + (input.sizeNote ? ` ${input.sizeNote}` : '');
  return {
    kind: 'rule',
    ruleId: input.ruleId,
    messageId: input.messageId,
    data: input.data,
    severity: input.severity,
    file: input.file,
    section: input.section,
    span: input.span,
    range: index.range(input.span),
    message,
    docsUrl: docsUrl(input.ruleId),
    fingerprint: fingerprint(input.ruleId, input.file, input.statement, input.occurrence),
    statement: input.statement,
    ...(lock ? { lock: { table: lock.table, mode: lock.mode, blocks: lock.blocks } } : {}),
    ...(rewrite !== undefined || lock?.rewrite !== undefined ? { rewrite: rewrite ?? lock?.rewrite ?? false } : {}),
    ...(recipe ? { recipe } : {}),
    ...(fix ? { fix: { title: fix.title, edits: fix.edits, lines: fixLines(index, input.statementSpan, fix.edits) } } : {}),
    ...(verification?.length ? { verification } : {}),
  };
}

/** "~48M rows, 21 GB" */
export function describeSize(rows: number, totalBytes?: number): string {
  const parts = [`~${humanCount(rows)} rows`];
  if (totalBytes !== undefined) parts.push(humanBytes(totalBytes));
  return parts.join(', ');
}

function humanCount(n: number): string {
  if (n >= 1e9) return `${round(n / 1e9)}B`;
  if (n >= 1e6) return `${round(n / 1e6)}M`;
  if (n >= 1e3) return `${round(n / 1e3)}k`;
  return String(Math.round(n));
}

function humanBytes(n: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let value = n;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${round(value)} ${units[unit]}`;
}

function round(n: number): string {
  return n >= 10 ? String(Math.round(n)) : String(Math.round(n * 10) / 10);
}
