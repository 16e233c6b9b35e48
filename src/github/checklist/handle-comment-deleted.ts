/**
 * `issue_comment.deleted` of the checklist comment: the audit trail records who deleted it,
 * and the comment comes back, rendered from the state in the check run. Deleting the user
 * interface deletes no acceptance.
 */
import { recordRejectedEdit } from '../../analysis/checklist/index.js';
import { findChecklistComment, renderComment, upsertChecklistComment } from './comment.js';
import { isChecklistComment } from './comment.js';
import type { CommentEvent } from './handle-comment-edited.js';
import { commitState, hasEntry } from './state-store.js';
import { pullInfo, stateRunFor } from './target.js';

const DELETED = 'deleted the checklist comment';

export async function handleCommentDeleted(event: CommentEvent & { readonly prOpen: boolean; readonly now: string }): Promise<void> {
  const { octokit, repo, pr, appId, comment, sender, log } = event;
  if (!isChecklistComment(comment, appId)) return;
  // Another checklist comment of ours already stands (a redelivery, after we re-created it): done.
  if (await findChecklistComment(octokit, repo, pr, appId)) return;
  const pull = await pullInfo(octokit, repo, pr);
  const run = await stateRunFor(octokit, repo, pr, appId, pull.headSha, comment.body);
  if (!run?.checklist.snapshot) {
    log.info({ pr, comment: comment.id }, 'checklist comment deleted before any state exists; the next analysis re-creates it');
    return;
  }
  const committed = await commitState({
    octokit,
    repo,
    runId: run.id,
    mutate: (state) =>
      hasEntry(state, { at: event.now, by: sender.login, action: 'rejected-edit', reason: DELETED }) ? state : recordRejectedEdit(state, sender.login, event.now, DELETED),
  });
  log.info({ pr, run: run.id, sender: sender.login }, 'checklist comment deleted; re-creating it');
  // On a closed pull request the gate no longer matters: the deletion is recorded, nothing is re-posted.
  if (!event.prOpen) return;
  const created = await upsertChecklistComment(octokit, repo, pr, renderComment(committed.snapshot, committed.state), undefined);
  await octokit.rest.checks.update({ ...repo, check_run_id: run.id, details_url: created.htmlUrl });
}
