/**
 * Posts one review (event COMMENT, on the analyzed commit) with the new inline comments.
 * Anchors were checked against the patch already; if GitHub still refuses one (422), the
 * review is sent again with every finding in its body: a finding is never lost.
 */
import type { Finding } from '../../analysis/finding.js';
import { planReview, renderReviewBody } from '../../analysis/report/review-comment.js';
import type { DiffIndex } from '../diff/patch.js';
import type { EventScope, ReviewTarget } from '../types.js';

export interface PostedReview {
  readonly inline: number;
  readonly inBody: number;
  /** Requests made: 0 (nothing new), 1, or 2 after a 422 fallback. */
  readonly requests: number;
}

export async function postReview(
  scope: EventScope,
  target: ReviewTarget & { pullNumber: number },
  diff: DiffIndex,
  newFindings: readonly Finding[],
  totalFindings: number,
): Promise<PostedReview> {
  const plan = planReview({ findings: newFindings, headSha: target.headSha, anchor: (f) => diff.anchor(f), totalFindings });
  if (plan.body === undefined) return { inline: 0, inBody: 0, requests: 0 };
  const base = { owner: target.owner, repo: target.repo, pull_number: target.pullNumber, commit_id: target.headSha, event: 'COMMENT' as const };
  try {
    await scope.octokit.rest.pulls.createReview({ ...base, body: plan.body, ...(plan.comments.length ? { comments: [...plan.comments] } : {}) });
    return { inline: plan.comments.length, inBody: plan.inBody.length, requests: 1 };
  } catch (error) {
    if ((error as { status?: number }).status !== 422 || plan.comments.length === 0) throw error;
    scope.log.warn({ err: error, deliveryId: scope.deliveryId }, 'review refused (422); posting every finding in the review body');
    const body = renderReviewBody({ headSha: target.headSha, inline: 0, outsideDiff: newFindings, overflow: [], totalFindings });
    await scope.octokit.rest.pulls.createReview({ ...base, body });
    return { inline: 0, inBody: newFindings.length, requests: 2 };
  }
}
