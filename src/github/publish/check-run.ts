/**
 * The "Migration review" check run on the analyzed commit. Created `in_progress` as soon as
 * an event arrives (so a required check never shows "expected"), completed once with the
 * verdict. Only the app that created a run can update it; each update may carry 50
 * annotations and GitHub appends them, so extra batches go first and the conclusion last.
 */
import { inBatches, type CheckAnnotation } from '../../analysis/report/check-summary.js';
import { MAX_SUMMARY_CHARS } from '../../analysis/report/check-summary.js';
import { truncate } from '../../analysis/report/review-comment.js';
import type { CheckConclusion } from '../conclusion.js';
import type { EventScope, ReviewTarget } from '../types.js';

export const CHECK_NAME = 'Migration review';
/** GitHub: a check run title is at most ... (undocumented; long titles are cut in the UI). */
const MAX_TITLE_CHARS = 250;

export interface CheckRunOutput {
  readonly title: string;
  readonly summary: string;
  /** Free Markdown below the summary; the checklist gate keeps its authoritative state here. */
  readonly text?: string;
}

export interface CompletedCheckRun {
  readonly conclusion: CheckConclusion;
  readonly output: CheckRunOutput;
  readonly annotations?: readonly CheckAnnotation[];
}

function output(o: CheckRunOutput, annotations?: readonly CheckAnnotation[]) {
  return {
    title: o.title.length > MAX_TITLE_CHARS ? `${o.title.slice(0, MAX_TITLE_CHARS - 3)}...` : o.title,
    summary: truncate(o.summary, MAX_SUMMARY_CHARS),
    ...(o.text !== undefined ? { text: truncate(o.text, MAX_SUMMARY_CHARS) } : {}),
    ...(annotations?.length ? { annotations: [...annotations] } : {}),
  };
}

/** One request. Returns the check run id. */
export async function startCheckRun(scope: EventScope, target: ReviewTarget, now: Date = new Date()): Promise<number> {
  const { data } = await scope.octokit.rest.checks.create({
    owner: target.owner,
    repo: target.repo,
    name: CHECK_NAME,
    head_sha: target.headSha,
    status: 'in_progress',
    started_at: now.toISOString(),
    external_id: scope.deliveryId,
    output: { title: 'Reviewing migrations…', summary: `Reviewing the migrations changed at \`${target.headSha.slice(0, 7)}\`.` },
  });
  return data.id;
}

/** ⌈annotations / 50⌉ requests (at least one). Returns the number of requests made. */
export async function completeCheckRun(
  scope: EventScope,
  target: ReviewTarget,
  checkRunId: number,
  result: CompletedCheckRun,
  now: () => Date = () => new Date(),
): Promise<number> {
  const batches = inBatches(result.annotations ?? []);
  const last = batches.pop();
  for (const batch of batches) {
    await scope.octokit.rest.checks.update({
      owner: target.owner,
      repo: target.repo,
      check_run_id: checkRunId,
      output: output(result.output, batch),
    });
  }
  await scope.octokit.rest.checks.update({
    owner: target.owner,
    repo: target.repo,
    check_run_id: checkRunId,
    status: 'completed',
    conclusion: result.conclusion,
    completed_at: now().toISOString(),
    output: output(result.output, last),
  });
  return batches.length + 1;
}

/**
 * Fail closed: complete the run as `failure`, or create a completed one when the
 * `in_progress` run could not even be created.
 */
export async function failCheckRun(
  scope: EventScope,
  target: ReviewTarget,
  checkRunId: number | undefined,
  failure: { title: string; summary: string },
  now: Date = new Date(),
): Promise<void> {
  const common = {
    owner: target.owner,
    repo: target.repo,
    status: 'completed' as const,
    conclusion: 'failure' as const,
    completed_at: now.toISOString(),
    output: output(failure),
  };
  if (checkRunId === undefined) {
    await scope.octokit.rest.checks.create({ ...common, name: CHECK_NAME, head_sha: target.headSha });
  } else {
    await scope.octokit.rest.checks.update({ ...common, check_run_id: checkRunId });
  }
}
