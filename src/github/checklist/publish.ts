/**
 * Publishing the checklist for one analysed commit (called by the pull_request flow once the
 * check run is completed): build the items, carry over the ticks of items whose migration
 * did not change from the checklist the comment showed until now, store items and state in
 * the new check run (the conclusion follows the gate), then render the comment from it.
 *
 * Order matters. The state goes into the new run before the comment shows the new items, so
 * an edit of the new comment always finds its state. Ticks made on the old comment while this
 * ran landed on the old run: it is read again after the write and anything new is replayed.
 */
import { buildChecklist, carryOver, type AuditEntry, type ChecklistItem, type ChecklistState, type GateVerdict } from '../../analysis/checklist/index.js';
import type { AnalysisResult } from '../../analysis/result.js';
import type { Config } from '../../config/schema.js';
import { combineVerdict, type ChecklistSnapshot, type RunVerdict } from './check-text.js';
import { findChecklistComment, headOf, renderComment, upsertChecklistComment } from './comment.js';
import { appIdOf } from './identity.js';
import { policyFromConfig } from './policy.js';
import { commitState, findChecklistRun, hasEntry, readRun, replayEntries, type RepoRef, type StoredRun } from './state-store.js';
import type { Octokit } from './types.js';

export interface PublishChecklistInput {
  readonly octokit: Octokit;
  readonly repo: RepoRef;
  /** The pull request number. */
  readonly pr: number;
  readonly headSha: string;
  readonly result: AnalysisResult;
  readonly config: Pick<Config, 'checklist'>;
  /** The completed "Migration review" run on `headSha` that will hold the state. */
  readonly checkRunId: number;
  /** The analysis' own verdict (incomplete review, ...): when it blocks, the checklist cannot lift it. */
  readonly baseVerdict?: RunVerdict;
  /** This app's id; read from the client's credentials when absent. */
  readonly appId?: number;
}

export interface PublishedChecklist {
  readonly items: readonly ChecklistItem[];
  readonly state: ChecklistState;
  /** The run's conclusion and title as written (the analysis' verdict combined with the gate). */
  readonly verdict: RunVerdict;
  readonly gate: GateVerdict;
  readonly commentUrl: string;
}

/**
 * The carried state merged into what the new run holds now (empty, unless an edit of the
 * new comment already landed). Idempotent. A carried tick does not come back over a later
 * untick recorded on the new run.
 */
function mergeCarried(fresh: ChecklistState, carried: ChecklistState): ChecklistState {
  const ticks = { ...fresh.ticks };
  for (const [id, tick] of Object.entries(carried.ticks)) {
    if (ticks[id]) continue;
    const withdrawn = fresh.log.some((e) => e.item === id && e.action === 'unticked' && e.at >= tick.at);
    if (!withdrawn) ticks[id] = tick;
  }
  const log: AuditEntry[] = [...fresh.log];
  for (const entry of carried.log) if (!hasEntry({ ...fresh, log }, entry)) log.push(entry);
  log.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  return { version: 1, ticks, log };
}

/** The run whose state the comment showed: its head marker names the commit (checked against the PR). */
async function previousRun(input: PublishChecklistInput, appId: number, commentBody: string | undefined): Promise<StoredRun | undefined> {
  const sha = headOf(commentBody);
  if (!sha) return undefined;
  const run = await findChecklistRun(input.octokit, input.repo, sha, appId, input.pr);
  return run;
}

export async function publishChecklist(input: PublishChecklistInput): Promise<PublishedChecklist> {
  const { octokit, repo, pr, headSha, result, config, checkRunId } = input;
  const appId = input.appId ?? (await appIdOf(octokit));
  const items = await buildChecklist({ result, processItems: config.checklist.items });
  const snapshot: ChecklistSnapshot = {
    version: 1,
    pr,
    head: headSha,
    errors: result.findings.filter((f) => f.severity === 'error').length,
    ...(input.baseVerdict ? { base: input.baseVerdict } : {}),
    policy: policyFromConfig(config),
    items,
  };

  const comment = await findChecklistComment(octokit, repo, pr, appId);
  const previous = await previousRun(input, appId, comment?.body);
  const carried = previous ? carryOver(previous.checklist.state, items) : undefined;

  let committed = await commitState({
    octokit,
    repo,
    runId: checkRunId,
    snapshot,
    mutate: (fresh) => (carried ? mergeCarried(fresh, carried) : fresh),
    ...(comment ? { detailsUrl: comment.htmlUrl } : {}),
  });

  // Ticks on the old comment between our read of the old run and our write of the new one.
  if (previous && previous.id !== checkRunId) {
    const again = await readRun(octokit, repo, previous.id);
    const late = again.checklist.state.log.filter((e) => !hasEntry(previous.checklist.state, e));
    if (late.length) {
      committed = await commitState({ octokit, repo, runId: checkRunId, mutate: (fresh) => replayEntries(fresh, late, items) });
    }
  }

  // Rendered from our full snapshot: the stored one may have shed its queries to fit.
  const stored = await upsertChecklistComment(octokit, repo, pr, renderComment(snapshot, committed.state), comment);
  if (!comment) {
    // A new comment: point the run's "Details" at it (the run was written before the comment existed).
    await octokit.rest.checks.update({ ...repo, check_run_id: checkRunId, details_url: stored.htmlUrl });
  }
  const { gate } = combineVerdict(committed.snapshot, committed.state);
  return { items, state: committed.state, verdict: committed.verdict, gate, commentUrl: stored.htmlUrl };
}
