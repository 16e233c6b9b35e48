/**
 * The checklist's part of the "Migration review" check run: `output.text`. It holds what a
 * comment edit needs to be judged without re-running the analysis (the items, the number of
 * error findings, the tick policy: the snapshot) and the authoritative tick state, both in
 * hidden markers, above an audit trail a person can read: every item, who ticked it and when,
 * and every refused attempt. Only this app can write its check runs, so nothing here can be
 * forged by editing the comment.
 */
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import {
  decodeState,
  encodeState,
  gateByCount,
  type AuditEntry,
  type ChecklistItem,
  type ChecklistState,
  type GateVerdict,
} from '../../analysis/checklist/index.js';
import type { TickPolicy } from './policy.js';

/** The check run's name; branch protection requires it by this name. */
import { CHECK_NAME } from '../publish/check-run.js';

export { CHECK_NAME };

/** GitHub's cap on a check run's `output.text` (and `output.summary`). */
export const MAX_TEXT_CHARS = 65_535;

export type RunConclusion = 'success' | 'failure' | 'neutral' | 'cancelled' | 'action_required' | 'timed_out' | 'skipped';

export interface RunVerdict {
  readonly conclusion: RunConclusion;
  readonly title: string;
}

export interface ChecklistSnapshot {
  readonly version: 1;
  readonly pr: number;
  /** The commit the items were built for. */
  readonly head: string;
  /** Error findings of that analysis: the gate stays closed while there are any. */
  readonly errors: number;
  /** The analysis' own verdict, when it blocks by itself (incomplete review, ...). */
  readonly base?: RunVerdict;
  readonly policy: TickPolicy;
  readonly items: readonly ChecklistItem[];
}

const SNAPSHOT_PREFIX = '<!-- migration-review:checklist-snapshot ';
const SNAPSHOT_SUFFIX = ' -->';

/** Compressed: verification queries are long and repetitive SQL, and the text has a hard cap. */
function encodeSnapshot(snapshot: ChecklistSnapshot): string {
  return `${SNAPSHOT_PREFIX}${deflateRawSync(Buffer.from(JSON.stringify(snapshot), 'utf8')).toString('base64url')}${SNAPSHOT_SUFFIX}`;
}

function decodeSnapshot(text: string): ChecklistSnapshot | undefined {
  const start = text.lastIndexOf(SNAPSHOT_PREFIX);
  if (start < 0) return undefined;
  const end = text.indexOf(SNAPSHOT_SUFFIX, start + SNAPSHOT_PREFIX.length);
  if (end < 0) return undefined;
  try {
    const value = JSON.parse(inflateRawSync(Buffer.from(text.slice(start + SNAPSHOT_PREFIX.length, end), 'base64url')).toString('utf8')) as ChecklistSnapshot;
    if (value?.version !== 1 || !Array.isArray(value.items) || typeof value.head !== 'string' || typeof value.pr !== 'number') return undefined;
    return value;
  } catch {
    return undefined;
  }
}

export interface CheckChecklist {
  /** Absent when the run holds no checklist (still in progress, or it failed before one was built). */
  readonly snapshot: ChecklistSnapshot | undefined;
  readonly state: ChecklistState;
}

export function readCheckText(text: string | null | undefined): CheckChecklist {
  if (!text) return { snapshot: undefined, state: decodeState(text) };
  return { snapshot: decodeSnapshot(text), state: decodeState(text) };
}

/** Conclusions that block a required check by themselves: the checklist cannot lift them. */
const BLOCKING = new Set<RunConclusion>(['failure', 'action_required', 'timed_out', 'cancelled']);

/** The run's verdict: the analysis' own when it blocks, else the checklist gate's. */
export function combineVerdict(snapshot: ChecklistSnapshot, state: ChecklistState): { run: RunVerdict; gate: GateVerdict } {
  const g = gateByCount(snapshot.errors, snapshot.items, state);
  if (snapshot.base && BLOCKING.has(snapshot.base.conclusion)) return { run: snapshot.base, gate: g };
  if (g.conclusion === 'success' && snapshot.base) {
    return { run: { conclusion: 'success', title: `${snapshot.base.title}; all ${snapshot.items.length} checklist items ticked` }, gate: g };
  }
  return { run: { conclusion: g.conclusion, title: g.title }, gate: g };
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
const time = (iso: string) => iso.replace(/\.\d+Z$/, 'Z');
const short = (text: string, max = 100) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

const ACTION_WORDS: Record<AuditEntry['action'], string> = {
  ticked: 'ticked',
  unticked: 'unticked',
  'rejected-tick': 'tried to tick (refused)',
  'rejected-untick': 'tried to untick (refused)',
  'rejected-edit': 'edited the checklist (reverted)',
};

function auditLine(entry: AuditEntry, textOf: ReadonlyMap<string, string>): string {
  const item = entry.item ? `: ${short(textOf.get(entry.item) ?? `item ${entry.item} (no longer on the checklist)`)}` : '';
  const reason = entry.reason ? ` (${entry.reason})` : '';
  return `- ${time(entry.at)} @${entry.by} ${ACTION_WORDS[entry.action]}${item}${reason}`;
}

function render(snapshot: ChecklistSnapshot, state: ChecklistState, visibleLog: number): string {
  const textOf = new Map(snapshot.items.map((i) => [i.id, i.text]));
  const done = snapshot.items.filter((i) => state.ticks[i.id]).length;
  const rows = snapshot.items.map((item) => {
    const tick = state.ticks[item.id];
    return `| ${tick ? '✅' : '⬜'} | ${cell(item.text)} | ${tick ? `@${tick.by}` : '—'} | ${tick ? time(tick.at) : '—'} |`;
  });
  const log = state.log.slice(-visibleLog);
  const hidden = state.log.length - log.length;
  return [
    `## Checklist: ${done} of ${snapshot.items.length} ticked`,
    '',
    `For \`${snapshot.head.slice(0, 7)}\`. Ticks count from people with write, maintain or admin access${snapshot.policy.teams.length ? ` in ${snapshot.policy.teams.map((t) => `@${t}`).join(' or ')}` : ''}${snapshot.policy.allowAuthor ? '' : ', not the pull request author'}, never bots.`,
    '',
    '| | Item | Ticked by | At |',
    '|---|---|---|---|',
    ...rows,
    '',
    '### Audit trail',
    '',
    ...(hidden > 0 ? [`(${hidden} earlier entries not shown)`] : []),
    ...(log.length ? log.map((e) => auditLine(e, textOf)) : ['No ticks yet.']),
    '',
    encodeSnapshot(snapshot),
    encodeState(state),
    '',
  ].join('\n');
}

/**
 * The run's `output.text`, within GitHub's cap: when too long, the queries leave the snapshot
 * first (the comment is then re-rendered without them), then the visible audit trail and the
 * stored log shrink, oldest first. Ticks and items are never dropped.
 */
export function renderCheckText(snapshot: ChecklistSnapshot, state: ChecklistState): string {
  let snap = snapshot;
  let st = state;
  let visible = st.log.length;
  for (let round = 0; round < 40; round++) {
    const text = render(snap, st, visible);
    if (text.length <= MAX_TEXT_CHARS) return text;
    if (snap.items.some((i) => i.queries)) {
      snap = { ...snap, items: snap.items.map(({ queries: _dropped, ...rest }) => rest) };
    } else if (visible > 10) {
      visible = Math.floor(visible / 2);
    } else if (st.log.length > 0) {
      st = { ...st, log: st.log.slice(Math.floor(st.log.length / 2) + 1) };
      visible = Math.min(visible, st.log.length);
    } else {
      break;
    }
  }
  throw new Error(`the checklist does not fit in a check run's text (${MAX_TEXT_CHARS} characters)`);
}
