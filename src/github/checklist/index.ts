/**
 * The checklist gate's GitHub shell (issue 4). `registerChecklistHandlers` is loaded by
 * app.ts next to the pull_request handlers; `publishChecklist` is called by the
 * pull_request flow after it completes the "Migration review" run. See docs/checklist.md.
 */
import type { Probot } from 'probot';
import { handleCommentDeleted } from './handle-comment-deleted.js';
import { handleCommentEdited, isOwnEdit, type CommentEvent } from './handle-comment-edited.js';
import { appIdOf, isAppComment } from './identity.js';
import { PerKeySerial } from './serial.js';
import { CHECKLIST_MARKER } from '../../analysis/checklist/index.js';

export { publishChecklist, type PublishChecklistInput, type PublishedChecklist } from './publish.js';
export { CHECK_NAME, type RunVerdict } from './check-text.js';

export function registerChecklistHandlers(app: Probot): void {
  // Per app instance: two instances in one process behave as two replicas would.
  const serial = new PerKeySerial();

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
    const key = `${payload.repository.id}#${payload.issue.number}`;
    if (payload.action === 'edited') {
      const from = payload.changes.body?.from;
      await serial.run(key, () => handleCommentEdited(base, from));
    } else {
      await serial.run(key, () => handleCommentDeleted({ ...base, prOpen: payload.issue.state === 'open', now: new Date().toISOString() }));
    }
  });
}
