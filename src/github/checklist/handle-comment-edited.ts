/**
 * `issue_comment.edited` on the checklist comment: which boxes changed (changes.body.from
 * against the new body), may the sender tick, record accepted ticks and refused attempts in
 * the check run, re-render the comment from the state, recompute the conclusion. The comment
 * is input to validate: only its box changes on items the app issued are read, nothing else.
 */
import {
  applyChanges,
  changedBoxes,
  editedBeyondBoxes,
  recordRejectedEdit,
  type Actor,
  type BoxChange,
  type ChecklistItem,
  type ChecklistState,
} from '../../analysis/checklist/index.js';
import { renderComment } from './comment.js';
import { isChecklistComment } from './comment.js';
import type { CommentLike } from './identity.js';
import { actorFor, type Sender } from './permissions.js';
import { commitState, hasEntry, type RepoRef } from './state-store.js';
import { pullInfo, stateRunFor } from './target.js';
import type { Octokit } from './types.js';
import type { Logger } from 'probot';

export interface CommentEvent {
  readonly octokit: Octokit;
  readonly log: Logger;
  readonly appId: number;
  readonly repo: RepoRef;
  readonly pr: number;
  readonly comment: CommentLike & { readonly id: number; readonly body: string; readonly updated_at: string; readonly html_url: string };
  readonly sender: Sender & { readonly id: number };
}

/** The app's own edit (its re-render): the sender is the bot that wrote the comment. */
export function isOwnEdit(event: Pick<CommentEvent, 'comment' | 'sender'>): boolean {
  return event.sender.type === 'Bot' && event.comment.user?.id === event.sender.id;
}

/** What an edit means, before anything is asked of GitHub: undefined when there is nothing to do. */
export function editOf(event: Pick<CommentEvent, 'comment' | 'sender' | 'appId'>, from: string | undefined): { changes: BoxChange[]; beyond: boolean } | undefined {
  if (!isChecklistComment(event.comment, event.appId)) return undefined;
  if (isOwnEdit(event)) return undefined;
  if (from === undefined) return undefined;
  const changes = changedBoxes(from, event.comment.body);
  const beyond = editedBeyondBoxes(from, event.comment.body);
  return changes.length || beyond ? { changes, beyond } : undefined;
}

const REVERTED_EDIT = 'changed the checklist text';

/**
 * The change one edit makes, as a function of the state it lands on. Idempotent: entries
 * carry the edit's time (the comment's updated_at), and a change whose entry is already in
 * the log is skipped, so a redelivered event or a retried write records nothing twice.
 */
export function editMutation(items: readonly ChecklistItem[], changes: readonly BoxChange[], beyond: boolean, actor: Actor, at: string) {
  return (state: ChecklistState): ChecklistState => {
    const pending = changes.filter((c) => {
      const action = actor.allowed ? (c.checked ? 'ticked' : 'unticked') : c.checked ? 'rejected-tick' : 'rejected-untick';
      return !hasEntry(state, { at, by: actor.login, action, item: c.id, ...(!actor.allowed && actor.reason ? { reason: actor.reason } : {}) });
    });
    let next = applyChanges(state, items, pending, actor, at).state;
    if (beyond && !hasEntry(next, { at, by: actor.login, action: 'rejected-edit', reason: REVERTED_EDIT })) {
      next = recordRejectedEdit(next, actor.login, at, REVERTED_EDIT);
    }
    return next;
  };
}

export async function handleCommentEdited(event: CommentEvent, from: string | undefined): Promise<void> {
  const edit = editOf(event, from);
  if (!edit) return;
  const { octokit, repo, pr, appId, comment, sender, log } = event;
  const pull = await pullInfo(octokit, repo, pr);
  const run = await stateRunFor(octokit, repo, pr, appId, pull.headSha, from, comment.body);
  const snapshot = run?.checklist.snapshot;
  if (!run || !snapshot) {
    // Nothing to judge against yet: the analysis will render the comment from the state it finds.
    log.info({ pr, comment: comment.id }, 'checklist edited before any checklist state exists; left to the analysis');
    return;
  }
  // Only changes on this checklist's items need a permission lookup; a text-only edit is reverted whoever made it.
  const known = new Set(snapshot.items.map((i) => i.id));
  const changes = edit.changes.filter((c) => known.has(c.id));
  const actor: Actor = changes.length
    ? await actorFor({ octokit, owner: repo.owner, repo: repo.repo, sender, author: pull.author, policy: snapshot.policy })
    : { login: sender.login, allowed: false, reason: REVERTED_EDIT };
  const committed = await commitState({
    octokit,
    repo,
    runId: run.id,
    mutate: (state, snap) => editMutation(snap.items, changes, edit.beyond, actor, comment.updated_at)(state),
    detailsUrl: comment.html_url,
  });
  log.info(
    { pr, run: run.id, sender: sender.login, allowed: actor.allowed, reason: actor.reason, changes: changes.length, beyond: edit.beyond, conclusion: committed.verdict.conclusion },
    'checklist edit recorded',
  );
  // The comment always ends up showing the state: refused ticks undone, edited text restored,
  // accepted ticks annotated with who and when. Read first, so a redelivery writes nothing.
  const body = renderComment(committed.snapshot, committed.state);
  const { data: now } = await octokit.rest.issues.getComment({ ...repo, comment_id: comment.id });
  if (now.body !== body) await octokit.rest.issues.updateComment({ ...repo, comment_id: comment.id, body });
}
