/**
 * merge_group.checks_requested: a merge queue built a commit of the base plus queued pull
 * requests and waits for required checks on it. It gets the same analysis of what the group
 * changes (base...head) and a check run; no review (there is no single pull request).
 */
import type { Context } from 'probot';
import { runReview, type AppDeps } from './run.js';

export async function onMergeGroup(context: Context<'merge_group.checks_requested'>, deps: AppDeps): Promise<void> {
  const { merge_group: group, repository } = context.payload;
  if (!repository) return; // typed optional; GitHub always sends it for merge_group
  const commit = { owner: repository.owner.login, repo: repository.name, headSha: group.head_sha };
  await runReview(context, deps, commit, async () => ({ ...commit, baseSha: group.base_sha }));
}
