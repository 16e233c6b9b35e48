/**
 * Annotations reviewers write in migration comments:
 *   -- migration-review:ignore rule-a, rule-b -- reason       (the next statement)
 *   -- migration-review:ignore-file rule-a -- reason          (the whole file)
 *   -- migration-review: irreversible <reason>                (the next statement; or the file
 *                                                              when it stands before any statement
 *                                                              with `irreversible-file`)
 * They are plain SQL comments, so they work inside every format's sections.
 */
import type { Comment } from './parse.js';
import type { Span } from './source.js';

export type Directive =
  | { readonly kind: 'ignore'; readonly scope: 'statement' | 'file'; readonly rules: readonly string[]; readonly reason: string; readonly span: Span }
  | { readonly kind: 'irreversible'; readonly scope: 'statement' | 'file'; readonly reason: string; readonly span: Span };

export interface DirectiveProblem {
  readonly span: Span;
  readonly messageId: 'missingReason' | 'unknownRule' | 'unknownDirective';
  readonly data: Readonly<Record<string, string>>;
}

const PREFIX = /^(?:--|\/\*)\s*migration-review\s*:\s*/i;

/**
 * Reads the directives in a section's comments. `isKnownRule` lets an unknown rule name be
 * reported at the comment instead of silently ignoring nothing (squawk reports these too).
 */
export function readDirectives(
  comments: readonly Comment[],
  isKnownRule: (id: string) => boolean,
): { directives: Directive[]; problems: DirectiveProblem[] } {
  const directives: Directive[] = [];
  const problems: DirectiveProblem[] = [];
  for (const comment of comments) {
    const text = comment.text.replace(/\*\/\s*$/, '').trim();
    const match = PREFIX.exec(text);
    if (!match) continue;
    const body = text.slice(match[0].length).trim();
    const word = /^([a-z-]+)/i.exec(body)?.[1]?.toLowerCase() ?? '';
    const rest = body.slice(word.length).trim();
    if (word === 'ignore' || word === 'ignore-file') {
      const [list = '', ...reasonParts] = rest.split(/\s+--\s*|\s*—\s*/);
      const reason = reasonParts.join(' -- ').trim();
      const rules = list.split(/[\s,]+/).map((r) => r.trim()).filter(Boolean);
      for (const rule of rules) {
        if (rule !== 'all' && !isKnownRule(rule)) problems.push({ span: comment.span, messageId: 'unknownRule', data: { rule } });
      }
      if (!reason) problems.push({ span: comment.span, messageId: 'missingReason', data: { directive: word } });
      directives.push({ kind: 'ignore', scope: word === 'ignore' ? 'statement' : 'file', rules, reason, span: comment.span });
    } else if (word === 'irreversible' || word === 'irreversible-file') {
      const reason = rest.replace(/^--\s*/, '').trim();
      if (!reason) problems.push({ span: comment.span, messageId: 'missingReason', data: { directive: word } });
      directives.push({ kind: 'irreversible', scope: word === 'irreversible' ? 'statement' : 'file', reason, span: comment.span });
    } else {
      problems.push({ span: comment.span, messageId: 'unknownDirective', data: { directive: word || body } });
    }
  }
  return { directives, problems };
}

/**
 * The statement a statement-scoped directive belongs to: the first statement that starts
 * after the comment. Returns its index in `statementStarts` (sorted), or -1.
 */
export function targetStatement(directive: Directive, statementStarts: readonly number[]): number {
  return statementStarts.findIndex((start) => start >= directive.span.end);
}

/** Rule ids ignored for each statement (by index) by `-- migration-review:ignore` comments. */
export function statementIgnores(directives: readonly Directive[], statementStarts: readonly number[]): (index: number) => ReadonlySet<string> {
  const byIndex = new Map<number, Set<string>>();
  for (const d of directives) {
    if (d.kind !== 'ignore' || d.scope !== 'statement') continue;
    const target = targetStatement(d, statementStarts);
    if (target < 0) continue;
    const set = byIndex.get(target) ?? new Set<string>();
    for (const r of d.rules) set.add(r);
    byIndex.set(target, set);
  }
  const empty = new Set<string>();
  return (index) => byIndex.get(index) ?? empty;
}

export function isIgnored(ignored: ReadonlySet<string>, ruleId: string): boolean {
  return ignored.has(ruleId) || ignored.has('all');
}
