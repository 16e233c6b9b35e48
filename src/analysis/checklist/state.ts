/**
 * The authoritative checklist state: which item was ticked, by whom and when. It lives in
 * the check run's output, which only the app can write; the comment is input to validate.
 */
import type { ChecklistItem } from './items.js';
import type { BoxChange } from './render.js';

export interface Tick {
  readonly by: string;
  /** ISO 8601 time of the tick. */
  readonly at: string;
}

export type AuditAction = 'ticked' | 'unticked' | 'rejected-tick' | 'rejected-untick' | 'rejected-edit';

export interface AuditEntry {
  readonly at: string;
  readonly by: string;
  readonly action: AuditAction;
  readonly item?: string;
  readonly reason?: string;
}

export interface ChecklistState {
  readonly version: 1;
  readonly ticks: Readonly<Record<string, Tick>>;
  readonly log: readonly AuditEntry[];
}

export const EMPTY_STATE: ChecklistState = { version: 1, ticks: {}, log: [] };

/** How many audit entries are kept: the check run's text is capped at 65,535 characters. */
const MAX_LOG = 200;

const STATE_PREFIX = '<!-- migration-review:state ';
const STATE_SUFFIX = ' -->';

export function encodeState(state: ChecklistState): string {
  const trimmed: ChecklistState = { ...state, log: state.log.slice(-MAX_LOG) };
  return `${STATE_PREFIX}${Buffer.from(JSON.stringify(trimmed), 'utf8').toString('base64url')}${STATE_SUFFIX}`;
}

/** Reads the state from a check run's output text; anything unreadable is the empty state. */
export function decodeState(text: string | null | undefined): ChecklistState {
  if (!text) return EMPTY_STATE;
  const start = text.lastIndexOf(STATE_PREFIX);
  if (start < 0) return EMPTY_STATE;
  const end = text.indexOf(STATE_SUFFIX, start + STATE_PREFIX.length);
  if (end < 0) return EMPTY_STATE;
  try {
    const value = JSON.parse(Buffer.from(text.slice(start + STATE_PREFIX.length, end), 'base64url').toString('utf8')) as ChecklistState;
    if (value?.version !== 1 || typeof value.ticks !== 'object' || !Array.isArray(value.log)) return EMPTY_STATE;
    return value;
  } catch {
    return EMPTY_STATE;
  }
}

/** Keeps the ticks of items that still exist (same id: same content) and drops the rest. */
export function carryOver(state: ChecklistState, items: readonly ChecklistItem[]): ChecklistState {
  const ids = new Set(items.map((i) => i.id));
  return { ...state, ticks: Object.fromEntries(Object.entries(state.ticks).filter(([id]) => ids.has(id))) };
}

export interface Actor {
  readonly login: string;
  /** Whether this person may tick; when not, why not ("no write access", "is the author"...). */
  readonly allowed: boolean;
  readonly reason?: string;
}

export interface ApplyResult {
  readonly state: ChecklistState;
  readonly accepted: readonly BoxChange[];
  readonly rejected: readonly BoxChange[];
}

/**
 * Applies box changes by one person. Allowed people's ticks and unticks count; anyone
 * else's are recorded as rejected (the comment is then re-rendered from the state). Box
 * changes on ids the app did not issue are ignored: a pasted fake item means nothing.
 */
export function applyChanges(
  state: ChecklistState,
  items: readonly ChecklistItem[],
  changes: readonly BoxChange[],
  actor: Actor,
  now: string,
): ApplyResult {
  const known = new Set(items.map((i) => i.id));
  const ticks: Record<string, Tick> = { ...state.ticks };
  const log: AuditEntry[] = [...state.log];
  const accepted: BoxChange[] = [];
  const rejected: BoxChange[] = [];
  for (const change of changes) {
    if (!known.has(change.id)) continue;
    if (!actor.allowed) {
      rejected.push(change);
      log.push({ at: now, by: actor.login, action: change.checked ? 'rejected-tick' : 'rejected-untick', item: change.id, ...(actor.reason ? { reason: actor.reason } : {}) });
      continue;
    }
    // Re-ticking a ticked item (a redelivered event) changes nothing.
    if (change.checked === Boolean(ticks[change.id])) continue;
    if (change.checked) ticks[change.id] = { by: actor.login, at: now };
    else delete ticks[change.id];
    accepted.push(change);
    log.push({ at: now, by: actor.login, action: change.checked ? 'ticked' : 'unticked', item: change.id });
  }
  return { state: { version: 1, ticks, log }, accepted, rejected };
}

/** Records an edit that changed more than boxes (item text, items added or removed). */
export function recordRejectedEdit(state: ChecklistState, login: string, now: string, reason: string): ChecklistState {
  return { ...state, log: [...state.log, { at: now, by: login, action: 'rejected-edit', reason }] };
}
