/**
 * The sticky checklist comment: one per pull request, found again by its hidden marker among
 * the comments this app made (a person's comment with a pasted marker is not ours), created
 * or updated in place. It is only the user interface: it is always rendered from the state
 * stored in the check run, never read as state.
 */
import { CHECKLIST_MARKER, renderChecklist, type ChecklistState } from '../../analysis/checklist/index.js';
import type { Octokit } from './types.js';
import type { ChecklistSnapshot } from './check-text.js';
import { isAppComment, type CommentLike } from './identity.js';
import { describeWhoMayTick } from './policy.js';
import type { RepoRef } from './state-store.js';

const HEAD_MARKER = (sha: string) => `<!-- migration-review:head ${sha} -->`;
const HEAD_MARKER_RE = /<!-- migration-review:head ([0-9a-f]{40}) -->/;

/** The commit a checklist body was rendered for, from its hidden head marker. */
export function headOf(body: string | null | undefined): string | undefined {
  return body ? HEAD_MARKER_RE.exec(body)?.[1] : undefined;
}

/** GitHub rejects a comment body over 65,536 characters (422). */
export const MAX_COMMENT_CHARS = 65_536;

const QUERIES_LEFT_OUT = '\n_The pre-flight and verification queries are left out: with them this checklist is too long for one GitHub comment._\n';

/**
 * The comment's body, within GitHub's cap: a checklist too long with its queries (a pull
 * request with dozens of migrations) is rendered without them, as the check run's text is;
 * every item stays, so every item can still be ticked.
 */
export function renderComment(snapshot: ChecklistSnapshot, state: ChecklistState): string {
  const render = (items: ChecklistSnapshot['items'], note = '') =>
    `${renderChecklist(items, state, { whoMayTick: describeWhoMayTick(snapshot.policy) })}${note}${HEAD_MARKER(snapshot.head)}\n`;
  const body = render(snapshot.items);
  if (body.length <= MAX_COMMENT_CHARS || !snapshot.items.some((i) => i.queries?.length)) return body;
  return render(
    snapshot.items.map(({ queries: _dropped, ...rest }) => rest),
    QUERIES_LEFT_OUT,
  );
}

export function isChecklistComment(comment: CommentLike, appId: number): boolean {
  return isAppComment(comment, appId) && (comment.body ?? '').includes(CHECKLIST_MARKER);
}

export interface StoredComment {
  readonly id: number;
  readonly body: string;
  readonly htmlUrl: string;
}

interface RawComment extends CommentLike {
  id: number;
  body?: string;
  html_url: string;
}

/**
 * This app's checklist comment on the pull request, or undefined. Every page is read: on a
 * long discussion the comment is far from the first 100 (squawk's upload-to-github reads only
 * those). If replicas raced and made two, the oldest is the one, consistently.
 */
export async function findChecklistComment(octokit: Octokit, repo: RepoRef, pr: number, appId: number): Promise<StoredComment | undefined> {
  const comments = (await octokit.paginate(octokit.rest.issues.listComments, { ...repo, issue_number: pr, per_page: 100 })) as RawComment[];
  const found = comments.filter((c) => isChecklistComment(c, appId)).sort((a, b) => a.id - b.id)[0];
  return found ? { id: found.id, body: found.body ?? '', htmlUrl: found.html_url } : undefined;
}

/** Creates the comment or updates it; writes nothing when it already reads `body`. */
export async function upsertChecklistComment(
  octokit: Octokit,
  repo: RepoRef,
  pr: number,
  body: string,
  existing: StoredComment | undefined,
): Promise<StoredComment> {
  if (existing) {
    if (existing.body === body) return existing;
    const { data } = await octokit.rest.issues.updateComment({ ...repo, comment_id: existing.id, body });
    return { id: data.id, body, htmlUrl: data.html_url };
  }
  const { data } = await octokit.rest.issues.createComment({ ...repo, issue_number: pr, body });
  return { id: data.id, body, htmlUrl: data.html_url };
}
