/**
 * The checklist gate's GitHub shell (issue 4). `registerChecklistHandlers` is loaded by
 * app.ts next to the pull_request handlers; `publishChecklist` is called by the
 * pull_request flow after it completes the "Migration review" run. See docs/checklist.md.
 */
import type { Probot } from 'probot';
import { handleCommentDeleted } from './handle-comment-deleted.js';
import { handleCommentEdited, isOwnEdit, type CommentEvent } from './handle-comment-edited.js';
import { appIdOf, isAppComment } from './identity.js';
import { KeyedQueue } from '../queue.js';
import { queueKey } from '../handlers/run.js';
import { CHECKLIST_MARKER } from '../../analysis/checklist/index.js';

export { publishChecklist, type PublishChecklistInput, type PublishedChecklist } from './publish.js';
export { CHECK_NAME, type RunVerdict } from './check-text.js';

/**
 * `queue` is the app's per-pull-request queue, so a checklist edit never interleaves with a
 * review of the same pull request in this process. Two app instances in one process (tests)
 * have their own queues and behave as two replicas would.
 */
export function registerChecklistHandlers(app: Probot, queue: KeyedQueue = new KeyedQueue()): void {
  app.on(['issue_comment.edited', 'issue_comment.deleted'], async (context) => {
    const { payload } = context;
    // Only pull request conversations have a checklist.
    if (!payload.issue.pull_request) return;
    const comment = payload.comment;
    // Cheap exits before anything else: not a checklist-looking comment, or our own edit (no loops).
    if (!(comment.body ?? '').includes(CHECKLIST_MARKER) || !comment.performed_via_github_app) return;
    const sender = { login: payload.sender.login, type: payload.sender.type, id: payload.sender.id };
    const appId = await appIdOf(context.octokit);
    if (!isAppComment(comment, appId)) return;
    const base = {
      octokit: context.octokit,
      log: context.log,
      appId,
      repo: { owner: payload.repository.owner.login, repo: payload.repository.name },
      pr: payload.issue.number,
      comment: { ...comment, body: comment.body ?? '' },
      sender,
    } satisfies CommentEvent;
    if (isOwnEdit(base)) return;
    const key = queueKey(base.repo.owner, base.repo.repo, '', payload.issue.number);
    if (payload.action === 'edited') {
      const from = payload.changes.body?.from;
      await queue.run(key, () => handleCommentEdited(base, from));
    } else {
      await queue.run(key, () => handleCommentDeleted({ ...base, prOpen: payload.issue.state === 'open', now: new Date().toISOString() }));
    }
  });
}
