/**
 * Which lines of a file a review comment can sit on. GitHub accepts a comment on the RIGHT
 * side only on a line inside one hunk of the pull request's diff (added or context lines),
 * and a multi-line comment only when all its lines are in the same hunk; one bad anchor
 * rejects the whole review with 422 "Pull request review thread line must be part of the
 * diff". So every anchor is checked here before anything is sent.
 */
import type { CommentAnchor } from '../../analysis/report/review-comment.js';
import type { Finding } from '../../analysis/finding.js';

/** The RIGHT-side (new file) lines one hunk shows: `start..end`, inclusive, contiguous. */
export interface HunkRange {
  readonly start: number;
  readonly end: number;
}

const HUNK_HEADER = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/;

/** Parses a unified diff `patch` (as GitHub lists it per file) into RIGHT-side hunk ranges. */
export function parsePatch(patch: string | undefined): HunkRange[] {
  if (!patch) return [];
  const hunks: HunkRange[] = [];
  let line = 0;
  let start = 0;
  let open = false;
  const close = () => {
    if (open && line > start) hunks.push({ start, end: line - 1 });
    open = false;
  };
  for (const text of patch.split('\n')) {
    const header = HUNK_HEADER.exec(text);
    if (header) {
      close();
      start = Number(header[1]);
      line = start;
      open = true;
      continue;
    }
    if (!open) continue;
    // '-' lines exist only on the LEFT; '\' is "No newline at end of file".
    if (text.startsWith('-') || text.startsWith('\\')) continue;
    if (text.startsWith('+') || text.startsWith(' ')) line++;
  }
  close();
  // Never claim more lines than the hunk header announces (a malformed or truncated patch).
  return clampToHeaders(patch, hunks);
}

function clampToHeaders(patch: string, hunks: HunkRange[]): HunkRange[] {
  const counts = [...patch.matchAll(new RegExp(HUNK_HEADER.source, 'gm'))].map((m) => ({ start: Number(m[1]), count: m[2] === undefined ? 1 : Number(m[2]) }));
  return hunks
    .map((h, i) => {
      const header = counts[i];
      if (!header) return h;
      return { start: h.start, end: Math.min(h.end, header.start + header.count - 1) };
    })
    .filter((h) => h.end >= h.start);
}

export class DiffIndex {
  private readonly hunksByPath: Map<string, HunkRange[]>;

  constructor(files: readonly { readonly path: string; readonly patch?: string; readonly status?: string }[]) {
    this.hunksByPath = new Map(files.filter((f) => f.status !== 'removed').map((f) => [f.path, parsePatch(f.patch)]));
  }

  /** The hunk holding all of `start..end`, if one does. */
  hunkFor(path: string, start: number, end: number): HunkRange | undefined {
    return this.hunksByPath.get(path)?.find((h) => h.start <= start && end <= h.end);
  }

  /**
   * Where a finding's comment can go: its fix's lines (so a ```suggestion replaces exactly
   * them), else its whole range, else the range's first or last line inside a hunk.
   * Undefined when no line of it is in the diff: it goes to the review body instead.
   */
  anchor(finding: Finding): CommentAnchor | undefined {
    const { file } = finding;
    if (finding.kind === 'rule' && finding.fix) {
      const { startLine, endLine } = finding.fix.lines;
      if (this.hunkFor(file, startLine, endLine)) return lines(startLine, endLine, true);
    }
    const start = Math.max(1, finding.range.start.line);
    const end = Math.max(start, finding.range.end.line);
    if (this.hunkFor(file, start, end)) return lines(start, end, false);
    const hunks = this.hunksByPath.get(file) ?? [];
    // The part of the statement the diff shows (a statement partly changed by this push).
    for (const h of hunks) {
      const from = Math.max(start, h.start);
      const to = Math.min(end, h.end);
      if (from <= to) return lines(from, to, false);
    }
    return undefined;
  }
}

function lines(start: number, end: number, suggestion: boolean): CommentAnchor {
  return start < end ? { startLine: start, line: end, suggestion } : { line: end, suggestion };
}
