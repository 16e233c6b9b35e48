/**
 * check_run.rerequested and check_suite.rerequested: someone pressed "Re-run". The payload
 * names the commit and, for same-repository branches, its pull requests; for a fork's pull
 * request the list is empty and the pull request is looked up by commit.
 */
import type { Context } from 'probot';
import { CHECK_NAME } from '../publish/check-run.js';
import type { EventScope, ReviewTarget } from '../types.js';
import { runReview, type AppDeps } from './run.js';

interface PullRef {
  number: number;
  head: { sha: string };
  base: { sha: string; repo?: { id?: number } };
}

async function findPull(scope: EventScope, owner: string, repo: string, headSha: string, listed: readonly PullRef[]): Promise<ReviewTarget> {
  const match = listed.find((p) => p.head.sha === headSha) ?? listed[0];
  if (match) return { owner, repo, headSha, baseSha: match.base.sha, pullNumber: match.number };
  const { data } = await scope.octokit.rest.repos.listPullRequestsAssociatedWithCommit({ owner, repo, commit_sha: headSha, per_page: 100 });
  const open = data.find((p) => p.state === 'open' && p.head.sha === headSha);
  if (!open) throw new Error(`no open pull request has ${headSha.slice(0, 7)} as its head; nothing to review`);
  return { owner, repo, headSha, baseSha: open.base.sha, pullNumber: open.number };
}

export async function onCheckRunRerequested(context: Context<'check_run.rerequested'>, deps: AppDeps): Promise<void> {
  const { check_run: run, repository } = context.payload;
  if (run.name !== CHECK_NAME) return;
  const owner = repository.owner.login;
  const listed = run.pull_requests as unknown as PullRef[];
  const pullNumber = listed.find((p) => p.head.sha === run.head_sha)?.number;
  await runReview(context, deps, { owner, repo: repository.name, headSha: run.head_sha, ...(pullNumber !== undefined ? { pullNumber } : {}) }, (scope) =>
    findPull(scope, owner, repository.name, run.head_sha, listed),
  );
}

export async function onCheckSuiteRerequested(context: Context<'check_suite.rerequested'>, deps: AppDeps): Promise<void> {
  const { check_suite: suite, repository } = context.payload;
  const owner = repository.owner.login;
  const listed = suite.pull_requests as unknown as PullRef[];
  const pullNumber = listed.find((p) => p.head.sha === suite.head_sha)?.number;
  await runReview(context, deps, { owner, repo: repository.name, headSha: suite.head_sha, ...(pullNumber !== undefined ? { pullNumber } : {}) }, (scope) =>
    findPull(scope, owner, repository.name, suite.head_sha, listed),
  );
}
