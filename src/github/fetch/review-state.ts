/**
 * What the app already said on a pull request, and where its head is now, in one GraphQL
 * query read right before publishing: the head (stale results never win) and the finding
 * markers in the app's own review comments and review bodies (no duplicates, ever).
 * `viewerDidAuthor` is true only for what this installation's bot wrote, so a marker pasted
 * into someone else's comment cannot hide a finding.
 *
 * Requests: 1, plus one per further 100 review threads or 100 reviews.
 */
import { parseMarkedFindings, type MarkedFinding } from '../../analysis/report/markers.js';
import type { EventScope, ReviewTarget } from '../types.js';

export const REVIEW_STATE_QUERY = `query reviewState($owner: String!, $repo: String!, $number: Int!, $threads: String, $reviews: String, $withThreads: Boolean!, $withReviews: Boolean!) {
  repository(owner: $owner, name: $repo) {
    pullRequest(number: $number) {
      headRefOid
      state
      reviewThreads(first: 100, after: $threads) @include(if: $withThreads) {
        pageInfo { hasNextPage endCursor }
        nodes { path comments(first: 1) { nodes { body viewerDidAuthor } } }
      }
      reviews(first: 100, after: $reviews) @include(if: $withReviews) {
        pageInfo { hasNextPage endCursor }
        nodes { body viewerDidAuthor }
      }
    }
  }
}`;

interface Page<T> {
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  nodes: T[];
}

interface ReviewStateResponse {
  repository: {
    pullRequest: {
      headRefOid: string;
      state: 'OPEN' | 'CLOSED' | 'MERGED';
      reviewThreads?: Page<{ path: string; comments: { nodes: { body: string; viewerDidAuthor: boolean }[] } }>;
      reviews?: Page<{ body: string; viewerDidAuthor: boolean }>;
    } | null;
  } | null;
}

export interface PublishedFinding extends MarkedFinding {
  readonly path?: string;
}

export interface ReviewState {
  readonly headSha: string;
  readonly state: 'OPEN' | 'CLOSED' | 'MERGED';
  /** Fingerprints already on the pull request, from the app's own comments and reviews. */
  readonly published: ReadonlyMap<string, PublishedFinding>;
  readonly requests: number;
}

export async function readReviewState(scope: EventScope, target: ReviewTarget & { pullNumber: number }): Promise<ReviewState> {
  const published = new Map<string, PublishedFinding>();
  let threads: string | null = null;
  let reviews: string | null = null;
  let withThreads = true;
  let withReviews = true;
  let requests = 0;
  let head: { sha: string; state: ReviewState['state'] } | undefined;
  while (withThreads || withReviews) {
    requests++;
    const data: ReviewStateResponse = await scope.octokit.graphql<ReviewStateResponse>(REVIEW_STATE_QUERY, {
      owner: target.owner,
      repo: target.repo,
      number: target.pullNumber,
      threads,
      reviews,
      withThreads,
      withReviews,
    });
    const pr = data.repository?.pullRequest;
    if (!pr) throw new Error(`pull request #${target.pullNumber} not found in ${target.owner}/${target.repo}`);
    head ??= { sha: pr.headRefOid, state: pr.state };
    if (pr.reviewThreads) {
      for (const thread of pr.reviewThreads.nodes) {
        const root = thread.comments.nodes[0];
        if (!root?.viewerDidAuthor) continue;
        for (const m of parseMarkedFindings(root.body)) if (!published.has(m.fingerprint)) published.set(m.fingerprint, { ...m, path: thread.path });
      }
      withThreads = pr.reviewThreads.pageInfo.hasNextPage;
      threads = pr.reviewThreads.pageInfo.endCursor;
    } else withThreads = false;
    if (pr.reviews) {
      for (const review of pr.reviews.nodes) {
        if (!review.viewerDidAuthor) continue;
        for (const m of parseMarkedFindings(review.body)) if (!published.has(m.fingerprint)) published.set(m.fingerprint, m);
      }
      withReviews = pr.reviews.pageInfo.hasNextPage;
      reviews = pr.reviews.pageInfo.endCursor;
    } else withReviews = false;
  }
  return { headSha: (head as { sha: string }).sha, state: (head as { state: ReviewState['state'] }).state, published, requests };
}
