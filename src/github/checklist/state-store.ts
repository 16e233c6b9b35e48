/**
 * The authoritative checklist state lives in this app's "Migration review" check run for a
 * commit (output.text, see check-text.ts). GitHub offers no compare-and-swap on a check run,
 * so a write is optimistic: re-read, apply the change to what is there now, write, read
 * back, and when another writer (a second reviewer, another replica) overwrote it in
 * between, apply the change again on top of theirs. Every change is idempotent (applying it
 * to a state that already has it changes nothing), which makes "is it there?" the same test
 * as "would applying it again change anything?", and makes a redelivered event a no-op.
 */
import type { ChecklistItem, ChecklistState, AuditEntry } from '../../analysis/checklist/index.js';
import type { Octokit } from './types.js';
import {
  CHECK_NAME,
  combineVerdict,
  readCheckText,
  renderCheckText,
  type CheckChecklist,
  type ChecklistSnapshot,
  type RunVerdict,
} from './check-text.js';

export interface RepoRef {
  readonly owner: string;
  readonly repo: string;
}

export interface StoredRun {
  readonly id: number;
  readonly headSha: string;
  readonly status: string;
  readonly conclusion: string | null;
  readonly title: string | null;
  readonly summary: string | null;
  readonly checklist: CheckChecklist;
}

interface RawRun {
  id: number;
  head_sha: string;
  name: string;
  status: string;
  conclusion: string | null;
  app?: { id: number } | null;
  output?: { title?: string | null; summary?: string | null; text?: string | null } | null;
}

function toStored(run: RawRun): StoredRun {
  return {
    id: run.id,
    headSha: run.head_sha,
    status: run.status,
    conclusion: run.conclusion,
    title: run.output?.title ?? null,
    summary: run.output?.summary ?? null,
    checklist: readCheckText(run.output?.text),
  };
}

/** This app's "Migration review" runs on `sha`, newest first (run ids only grow). */
export async function listAppRuns(octokit: Octokit, repo: RepoRef, sha: string, appId: number): Promise<StoredRun[]> {
  const runs = (await octokit.paginate(octokit.rest.checks.listForRef, {
    ...repo,
    ref: sha,
    check_name: CHECK_NAME,
    app_id: appId,
    filter: 'all',
    per_page: 100,
  })) as RawRun[];
  // app_id narrows the list already; checked again because another app can name its check the same.
  return runs
    .filter((r) => r.app?.id === appId && r.name === CHECK_NAME && r.head_sha === sha)
    .sort((a, b) => b.id - a.id)
    .map(toStored);
}

/** The newest run on `sha` that holds a checklist for pull request `pr`. */
export async function findChecklistRun(octokit: Octokit, repo: RepoRef, sha: string, appId: number, pr: number): Promise<StoredRun | undefined> {
  const runs = await listAppRuns(octokit, repo, sha, appId);
  return runs.find((r) => r.checklist.snapshot?.pr === pr);
}

export async function readRun(octokit: Octokit, repo: RepoRef, runId: number): Promise<StoredRun> {
  const { data } = await octokit.rest.checks.get({ ...repo, check_run_id: runId });
  return toStored(data as RawRun);
}

const entryKey = (e: AuditEntry) => [e.at, e.by, e.action, e.item ?? '', e.reason ?? ''].join('\u0000');

export function hasEntry(state: ChecklistState, entry: AuditEntry): boolean {
  const key = entryKey(entry);
  return state.log.some((e) => entryKey(e) === key);
}

/**
 * Replays audit entries recorded elsewhere (on the previous commit's run, after its state
 * was carried over) onto `state`: ticks and unticks of current items apply, the rest is kept
 * as history. Entries already present are skipped, so replaying twice changes nothing.
 */
export function replayEntries(state: ChecklistState, entries: readonly AuditEntry[], items: readonly ChecklistItem[]): ChecklistState {
  const ids = new Set(items.map((i) => i.id));
  const ticks = { ...state.ticks };
  const log = [...state.log];
  for (const entry of entries) {
    if (hasEntry({ ...state, log }, entry)) continue;
    if (entry.item && ids.has(entry.item)) {
      if (entry.action === 'ticked') ticks[entry.item] = { by: entry.by, at: entry.at };
      if (entry.action === 'unticked') delete ticks[entry.item];
    }
    log.push(entry);
  }
  log.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  return { version: 1, ticks, log };
}

const same = (a: ChecklistState, b: ChecklistState) => JSON.stringify(a) === JSON.stringify(b);

export interface CommitInput {
  readonly octokit: Octokit;
  readonly repo: RepoRef;
  readonly runId: number;
  /** An idempotent change to the state as it is now. */
  readonly mutate: (state: ChecklistState, snapshot: ChecklistSnapshot) => ChecklistState;
  /** A new snapshot (publishing a checklist); otherwise the run's own is kept. */
  readonly snapshot?: ChecklistSnapshot;
  /** Where "Details" leads: the checklist comment. */
  readonly detailsUrl?: string;
}

export interface CommitResult {
  readonly state: ChecklistState;
  readonly snapshot: ChecklistSnapshot;
  readonly verdict: RunVerdict;
  /** Whether the run was written (false: the change was already there). */
  readonly wrote: boolean;
}

export class StateConflictError extends Error {
  readonly code = 'STATE_CONFLICT';
  constructor(runId: number, attempts: number) {
    super(`check run ${runId}: the checklist state kept changing under ${attempts} attempts to write it`);
    this.name = 'StateConflictError';
  }
}

/** Enough for a handful of simultaneous reviewers; each attempt costs two reads and a write. */
const MAX_ATTEMPTS = 5;

/**
 * How long a writer waits after its write before reading the run back. Without
 * compare-and-swap, a writer that read the state before our write overwrites it whenever its
 * own write lands, and Probot paces a process's writes 1 s apart, so that write can land about
 * a second after its read (and after an immediate read-back of ours: a lost update). Reading
 * back later than that sees the overwrite, and the change is applied again on top. Tests set 0.
 */
export const stateTiming = { readBackDelayMs: 1_500 };

/**
 * Applies `mutate` to the run's current state and writes it with the recomputed verdict. The
 * conclusion is set only on a completed run: an in-progress run belongs to the analysis,
 * which completes it.
 */
export async function commitState(input: CommitInput): Promise<CommitResult> {
  const { octokit, repo, runId } = input;
  let wrote = false;
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const run = await readRun(octokit, repo, runId);
    const snapshot = input.snapshot ?? run.checklist.snapshot;
    if (!snapshot) throw new Error(`check run ${runId} holds no checklist`);
    const current = run.checklist.state;
    const next = input.mutate(current, snapshot);
    const snapshotChanged = input.snapshot !== undefined && JSON.stringify(run.checklist.snapshot) !== JSON.stringify(input.snapshot);
    if (same(next, current) && !snapshotChanged) {
      return { state: current, snapshot, verdict: combineVerdict(snapshot, current).run, wrote };
    }
    const { run: verdict } = combineVerdict(snapshot, next);
    const text = renderCheckText(snapshot, next);
    // What the run holds after the write: the text may have shed queries or old log entries to fit.
    const written = readCheckText(text);
    const completed = run.status === 'completed';
    await octokit.rest.checks.update({
      ...repo,
      check_run_id: runId,
      ...(completed ? { conclusion: verdict.conclusion } : {}),
      ...(input.detailsUrl ? { details_url: input.detailsUrl } : {}),
      output: {
        title: completed ? verdict.title : (run.title ?? verdict.title),
        summary: run.summary || 'The checklist and its audit trail are below.',
        text,
      },
    });
    wrote = true;
    // Read back: a writer that read before our write may have overwritten it with theirs.
    if (stateTiming.readBackDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, stateTiming.readBackDelayMs));
    const back = await readRun(octokit, repo, runId);
    const backSnapshot = back.checklist.snapshot;
    if (
      backSnapshot &&
      JSON.stringify(backSnapshot) === JSON.stringify(written.snapshot) &&
      same(input.mutate(back.checklist.state, backSnapshot), back.checklist.state)
    ) {
      return { state: back.checklist.state, snapshot: backSnapshot, verdict: combineVerdict(backSnapshot, back.checklist.state).run, wrote };
    }
  }
  throw new StateConflictError(runId, MAX_ATTEMPTS);
}
