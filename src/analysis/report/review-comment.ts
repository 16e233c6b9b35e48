/**
 * The pull request review: one inline comment per finding that sits on a diff line, and a
 * review body for the rest. Pure: the caller says which lines of the diff can carry a
 * comment (GitHub rejects the whole review for one bad anchor), this module decides what
 * goes where and renders the Markdown within GitHub's limits.
 */
import { assertNever, compareFindings, type Finding, type RuleFinding, type VerificationQuery } from '../finding.js';
import type { BlockedActivity, LockMode } from '../locks/types.js';
import { findingMarker, reviewMarker } from './markers.js';

/** GitHub rejects comment and review bodies longer than this (characters). */
export const MAX_BODY_CHARS = 65_536;
/**
 * GitHub accepts more, but very large reviews time out or fail as a whole and bury the
 * conversation; the rest of the findings go to the review body and the check run.
 */
export const MAX_INLINE_COMMENTS = 30;

/** Where a finding can sit in the diff: `line` on the RIGHT side, `startLine` for several lines. */
export interface CommentAnchor {
  readonly line: number;
  readonly startLine?: number;
  /** The anchor covers exactly the lines the finding's fix replaces: a ```suggestion is safe. */
  readonly suggestion: boolean;
}

/** One entry of `comments` in "create a review", as GitHub takes it. */
export interface ReviewCommentInput {
  readonly path: string;
  readonly line: number;
  readonly side: 'RIGHT';
  readonly start_line?: number;
  readonly start_side?: 'RIGHT';
  readonly body: string;
}

export interface ReviewPlan {
  readonly comments: readonly ReviewCommentInput[];
  /** Findings that could not sit on the diff, or beyond the inline cap: listed in the body. */
  readonly inBody: readonly Finding[];
  /** Undefined when there is nothing new to say. */
  readonly body: string | undefined;
}

export interface PlanReviewInput {
  /** Findings not yet on the pull request (the caller removed those whose marker exists). */
  readonly findings: readonly Finding[];
  readonly headSha: string;
  readonly anchor: (finding: Finding) => CommentAnchor | undefined;
  /** Total findings of the analysis, new or not, for the body's one-line summary. */
  readonly totalFindings?: number;
  readonly maxInline?: number;
}

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

/** Decides inline comments (errors first, at most `maxInline`) and the review body. */
export function planReview(input: PlanReviewInput): ReviewPlan {
  const maxInline = input.maxInline ?? MAX_INLINE_COMMENTS;
  const ordered = [...input.findings].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || compareFindings(a, b));
  const comments: ReviewCommentInput[] = [];
  const inBody: Finding[] = [];
  const outsideDiff: Finding[] = [];
  for (const finding of ordered) {
    const anchor = input.anchor(finding);
    if (!anchor) {
      outsideDiff.push(finding);
      inBody.push(finding);
    } else if (comments.length >= maxInline) {
      inBody.push(finding);
    } else {
      comments.push(toComment(finding, anchor));
    }
  }
  if (comments.length === 0 && inBody.length === 0) return { comments, inBody, body: undefined };
  const body = renderReviewBody({
    headSha: input.headSha,
    inline: comments.length,
    outsideDiff,
    overflow: inBody.filter((f) => !outsideDiff.includes(f)),
    totalFindings: input.totalFindings ?? input.findings.length,
  });
  return { comments, inBody, body };
}

function toComment(finding: Finding, anchor: CommentAnchor): ReviewCommentInput {
  const body = renderFindingComment(finding, { suggestion: anchor.suggestion });
  // `start_line` only for several lines: GitHub rejects start_line equal to line.
  return anchor.startLine !== undefined && anchor.startLine < anchor.line
    ? { path: finding.file, line: anchor.line, side: 'RIGHT', start_line: anchor.startLine, start_side: 'RIGHT', body }
    : { path: finding.file, line: anchor.line, side: 'RIGHT', body };
}

export function severityLabel(severity: Finding['severity']): string {
  return severity === 'error' ? '🛑 **Error**' : severity === 'warning' ? '⚠️ **Warning**' : 'ℹ️ **Info**';
}

/** `AccessExclusiveLock` → `ACCESS EXCLUSIVE`, as the PostgreSQL docs name the modes. */
export function lockModeName(mode: LockMode): string {
  return mode
    .replace(/Lock$/, '')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toUpperCase();
}

export function describeBlocks(blocks: readonly BlockedActivity[]): string {
  const words = blocks.map((b) => (b === 'ddl' ? 'schema changes' : b));
  if (words.length === 0) return 'blocks no application traffic';
  if (words.length === 1) return `blocks ${words[0]}`;
  return `blocks ${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

/** A fence longer than any backtick run in the text, so the text cannot close it early. */
export function fenceFor(text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  return '`'.repeat(Math.max(3, longest + 1));
}

export function suggestionBlock(text: string): string {
  const fence = fenceFor(text);
  return `${fence}suggestion\n${text}\n${fence}`;
}

function lockLine(finding: RuleFinding): string | undefined {
  if (!finding.lock) return finding.rewrite ? '**Rewrites the table.**' : undefined;
  const { table, mode, blocks } = finding.lock;
  const rewrite = finding.rewrite ? ' The table is **rewritten** while the lock is held.' : '';
  return `**Lock:** \`${lockModeName(mode)}\` on \`${table}\`: ${describeBlocks(blocks)} until the transaction ends.${rewrite}`;
}

/** Pre-flight and verification queries, collapsed: the reviewer opens them when running them. */
function queriesBlock(queries: readonly VerificationQuery[]): string | undefined {
  if (queries.length === 0) return undefined;
  const entries = queries.map((q) => {
    const fence = fenceFor(q.sql);
    return `${q.when === 'before' ? 'Before the migration' : 'After the migration'}: ${q.title}\n\n${fence}sql\n${q.sql}\n${fence}`;
  });
  return `<details><summary>Pre-flight and verification queries</summary>\n\n${entries.join('\n\n')}\n\n</details>`;
}

/** The body of one inline comment (or one body entry's details), within GitHub's limit. */
export function renderFindingComment(finding: Finding, options: { suggestion: boolean }): string {
  const head = `${findingMarker(finding.fingerprint)}\n${severityLabel(finding.severity)} \`${finding.ruleId}\`: ${finding.message}`;
  const docs = finding.docsUrl ? `[Why, and the safe recipe](${finding.docsUrl})` : undefined;
  const parts: (string | undefined)[] = [head];
  let recipe: string | undefined;
  let suggestion: string | undefined;
  let queries: string | undefined;
  switch (finding.kind) {
    case 'rule':
      parts.push(lockLine(finding));
      recipe = finding.recipe;
      queries = queriesBlock(finding.verification ?? []);
      if (finding.fix) {
        suggestion = options.suggestion
          ? `**${finding.fix.title}:**\n\n${suggestionBlock(finding.fix.lines.text)}`
          : `**${finding.fix.title}** (lines ${finding.fix.lines.startLine}–${finding.fix.lines.endLine}):\n\n${fenceFor(finding.fix.lines.text)}sql\n${finding.fix.lines.text}\n${fenceFor(finding.fix.lines.text)}`;
      }
      break;
    case 'parse-error':
    case 'migration':
      break;
    default:
      assertNever(finding);
  }
  // Drop the least essential parts first when over the limit; never cut a suggestion in half.
  for (const candidate of [
    [...parts, recipe, suggestion, queries, docs],
    [...parts, recipe, suggestion, docs],
    [...parts, suggestion, docs],
    [...parts, docs],
  ]) {
    const body = candidate.filter(Boolean).join('\n\n');
    if (body.length <= MAX_BODY_CHARS) return body;
  }
  return truncate(parts.filter(Boolean).join('\n\n'), MAX_BODY_CHARS);
}

interface ReviewBodyInput {
  readonly headSha: string;
  readonly inline: number;
  readonly outsideDiff: readonly Finding[];
  readonly overflow: readonly Finding[];
  readonly totalFindings: number;
}

function bodyEntry(finding: Finding): string {
  const where = finding.range.start.line > 0 ? `\`${finding.file}\` line ${finding.range.start.line}` : `\`${finding.file}\``;
  const docs = finding.docsUrl ? ` ([docs](${finding.docsUrl}))` : '';
  return `- ${findingMarker(finding.fingerprint)}${severityLabel(finding.severity)} \`${finding.ruleId}\` in ${where}: ${oneLine(finding.message)}${docs}`;
}

export function renderReviewBody(input: ReviewBodyInput): string {
  const lines: string[] = [
    reviewMarker(input.headSha),
    `### Migration review of ${input.headSha.slice(0, 7)}`,
    '',
    `${input.totalFindings} finding${input.totalFindings === 1 ? '' : 's'} in this push; ${input.inline} new inline comment${input.inline === 1 ? '' : 's'}. The "Migration review" check run lists every finding.`,
  ];
  const sections: [string, readonly Finding[]][] = [
    ['Not on a line of this diff', input.outsideDiff],
    [`Beyond the ${MAX_INLINE_COMMENTS} inline comments of one review`, input.overflow],
  ];
  const tail = (left: number) => `\n_…and ${left} more: see the check run._`;
  let body = lines.join('\n');
  for (const [title, findings] of sections) {
    if (findings.length === 0) continue;
    body += `\n\n#### ${title}\n`;
    for (let i = 0; i < findings.length; i++) {
      const entry = `\n${bodyEntry(findings[i] as Finding)}`;
      // Reserve room for the "and N more" line; entries left out carry no marker, so a later push posts them.
      if (body.length + entry.length + 200 > MAX_BODY_CHARS) {
        return body + tail(findings.length - i + (title === sections[0]?.[0] ? input.overflow.length : 0));
      }
      body += entry;
    }
  }
  return body;
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ');
}

export function truncate(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  const note = '\n\n_(truncated)_';
  return text.slice(0, maxChars - note.length) + note;
}
