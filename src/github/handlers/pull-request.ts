/** pull_request opened / synchronize / reopened / ready_for_review, and edited when the base changed. */
import type { Context } from 'probot';
import { runReview, type AppDeps } from './run.js';

export const PULL_REQUEST_EVENTS = [
  'pull_request.opened',
  'pull_request.synchronize',
  'pull_request.reopened',
  'pull_request.ready_for_review',
  'pull_request.edited',
] as const;

export async function onPullRequest(context: Context<'pull_request'>, deps: AppDeps): Promise<void> {
  const { payload } = context;
  // An edited title or body changes nothing reviewed; a new base branch changes the diff.
  if (payload.action === 'edited' && !('changes' in payload && payload.changes && 'base' in payload.changes && payload.changes.base)) return;
  const pr = payload.pull_request;
  if (pr.state !== 'open') return;
  const commit = { owner: payload.repository.owner.login, repo: payload.repository.name, headSha: pr.head.sha, pullNumber: pr.number };
  await runReview(context, deps, commit, async () => ({ ...commit, baseSha: pr.base.sha }));
}
