/**
 * The checklist comment: a Markdown task list. It is only the user interface; the
 * authoritative state lives in the check run (see state.ts). Parsing is strict: an item
 * counts only with its hidden id marker, and only ids the app issued matter.
 */
import type { ChecklistItem } from './items.js';
import type { ChecklistState } from './state.js';

export const CHECKLIST_MARKER = '<!-- migration-review:checklist -->';
const ITEM_MARKER = (id: string) => `<!-- mr-item:${id} -->`;
const ITEM_LINE = /^\s*[-*+]\s+\[( |x|X)\]\s+(.*?)\s*<!--\s*mr-item:([0-9a-f]{6,64})\s*-->\s*$/;

/** A longer fence than any run of backticks in the SQL, so a query cannot close it early. */
function fence(sql: string): string {
  const longest = Math.max(2, ...(sql.match(/`+/g) ?? []).map((run) => run.length));
  return '`'.repeat(longest + 1);
}

function renderItem(item: ChecklistItem, state: ChecklistState): string[] {
  const tick = state.ticks[item.id];
  const who = tick ? ` — ticked by @${tick.by} at ${tick.at.replace(/\.\d+Z$/, 'Z')}` : '';
  const lines = [`- [${tick ? 'x' : ' '}] ${item.text}${who} ${ITEM_MARKER(item.id)}`];
  if (item.queries?.length) {
    lines.push('  <details><summary>Pre-flight and verification queries</summary>', '');
    for (const q of item.queries) {
      const f = fence(q.sql);
      lines.push(`  ${q.when === 'before' ? 'Before' : 'After'}: ${q.title}`, '', `  ${f}sql`, ...q.sql.split('\n').map((l) => `  ${l}`), `  ${f}`, '');
    }
    lines.push('  </details>');
  }
  return lines;
}

export interface RenderOptions {
  /** Who may tick, in words ("people with write access, not the author"). */
  readonly whoMayTick: string;
  /** Attempts that were reverted, newest last; the last few are shown. */
  readonly showRejected?: number;
}

export function renderChecklist(items: readonly ChecklistItem[], state: ChecklistState, options: RenderOptions): string {
  const process = items.filter((i) => i.kind === 'process');
  const risks = items.filter((i) => i.kind !== 'process');
  const done = items.filter((i) => state.ticks[i.id]).length;
  const out = [
    CHECKLIST_MARKER,
    '### Migration review checklist',
    '',
    `${done} of ${items.length} done. Tick each item once it is true. Only ${options.whoMayTick} can tick; any other change to this comment is reverted. The "Migration review" check records who ticked what, and passes when every item is ticked.`,
    '',
    '**Process**',
    '',
    ...process.flatMap((i) => renderItem(i, state)),
  ];
  if (risks.length) out.push('', '**Risks to accept**', '', ...risks.flatMap((i) => renderItem(i, state)));
  const rejected = state.log.filter((e) => e.action.startsWith('rejected')).slice(-(options.showRejected ?? 3));
  if (rejected.length) {
    out.push('', '<sub>Reverted: ' + rejected.map((e) => `@${e.by} (${e.reason ?? e.action})`).join('; ') + '</sub>');
  }
  return out.join('\n') + '\n';
}

/** The checkbox state of every marked item in a comment body. */
export function parseChecklist(body: string): Map<string, boolean> {
  const boxes = new Map<string, boolean>();
  for (const line of body.split(/\r?\n/)) {
    const match = ITEM_LINE.exec(line);
    if (match) boxes.set(match[3] as string, match[1] !== ' ');
  }
  return boxes;
}

export interface BoxChange {
  readonly id: string;
  readonly checked: boolean;
}

/** Which boxes an edit changed, from the body before (`changes.body.from`) to the body after. */
export function changedBoxes(before: string, after: string): BoxChange[] {
  const was = parseChecklist(before);
  const now = parseChecklist(after);
  const changes: BoxChange[] = [];
  for (const [id, checked] of now) if (was.has(id) && was.get(id) !== checked) changes.push({ id, checked });
  return changes;
}

/** True when the edit touched more than checkboxes: item text edited, added or removed. */
export function editedBeyondBoxes(before: string, after: string): boolean {
  const normalize = (body: string) =>
    body
      .split(/\r?\n/)
      .map((l) => l.replace(/^(\s*[-*+]\s+)\[(?: |x|X)\]/, '$1[ ]').trimEnd())
      .join('\n')
      .trim();
  return normalize(before) !== normalize(after);
}
