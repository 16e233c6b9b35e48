/**
 * What every handler does once it knows the commit: start the check run at once, then review
 * in this pull request's queue, failing closed. A handler only reads its payload into a
 * ReviewTarget (or a resolver for one) and calls `runReview`.
 */
import type { Context } from 'probot';
import { describeFailure, withTimeout } from '../errors.js';
import { failCheckRun, startCheckRun } from '../publish/check-run.js';
import type { KeyedQueue } from '../queue.js';
import { reviewTarget } from '../review-pull-request.js';
import type { EventScope, ReviewTarget } from '../types.js';

export interface AppDeps {
  readonly queue: KeyedQueue;
  /** A review that takes longer fails closed (the check run says so). */
  readonly timeoutMs: number;
}

export function scopeOf(context: Context): EventScope {
  return { octokit: context.octokit, log: context.log, deliveryId: context.id };
}

/** Events of one pull request share a key: reviews and checklist edits never interleave. */
export function queueKey(owner: string, repo: string, headSha: string, pullNumber?: number): string {
  return pullNumber !== undefined ? `${owner}/${repo}#${pullNumber}` : `${owner}/${repo}@${headSha}`;
}

/**
 * `resolve` turns the commit into a full target (finding the pull request of a re-requested
 * run); it runs inside the fail-closed region, after the check run exists.
 */
export async function runReview(
  context: Context,
  deps: AppDeps,
  commit: { owner: string; repo: string; headSha: string; pullNumber?: number },
  resolve: (scope: EventScope) => Promise<ReviewTarget>,
): Promise<void> {
  const scope = scopeOf(context);
  const log = context.log.child({ repo: `${commit.owner}/${commit.repo}`, sha: commit.headSha, pull: commit.pullNumber });
  let checkRunId: number | undefined;
  try {
    checkRunId = await startCheckRun(scope, { ...commit, baseSha: '' });
  } catch (error) {
    // Nothing to complete: GitHub refused even the check run. Probot logs the rethrow too.
    log.error({ err: error, deliveryId: context.id }, 'could not create the check run');
    throw error;
  }
  const started = Date.now();
  await deps.queue.run(queueKey(commit.owner, commit.repo, commit.headSha, commit.pullNumber), async () => {
    let target: ReviewTarget | undefined;
    try {
      const report = await withTimeout(
        (async () => {
          target = await resolve(scope);
          return reviewTarget(scope, target, checkRunId as number);
        })(),
        deps.timeoutMs,
      );
      log.info({ deliveryId: context.id, ...report, ms: Date.now() - started }, 'migration review done');
    } catch (error) {
      const failure = describeFailure(error, context.id);
      log.error({ err: error, deliveryId: context.id, requestId: failure.requestId }, `migration review failed: ${failure.title}`);
      try {
        await failCheckRun(scope, target ?? { ...commit, baseSha: '' }, checkRunId, failure);
      } catch (publishError) {
        log.error({ err: publishError, deliveryId: context.id }, 'could not mark the check run as failed');
      }
    }
  });
}
