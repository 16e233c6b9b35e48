/** Types shared by the GitHub shell: what a handler hands the use case. */
import type { Context, Logger } from 'probot';

export type Octokit = Context['octokit'];

/** The repository and commits one review is about. */
export interface ReviewTarget {
  readonly owner: string;
  readonly repo: string;
  /** The commit analyzed and the check run's head_sha. */
  readonly headSha: string;
  /** What the head is compared with: the pull request's base, or the merge group's base. */
  readonly baseSha: string;
  /** The pull request; absent for a merge queue group (no review is posted then). */
  readonly pullNumber?: number;
}

/** What every step needs: an authenticated client, the event's logger and its delivery id. */
export interface EventScope {
  readonly octokit: Octokit;
  readonly log: Logger;
  readonly deliveryId: string;
}
