/**
 * Which check run holds the state an edit of the checklist is judged against: the newest run
 * with a checklist on the pull request's head. While the head's analysis is still running
 * (no checklist there yet), the run of the commit the comment was rendered for, so a tick
 * made meanwhile lands there and publishChecklist carries it over.
 */
import type { Octokit } from './types.js';
import { headOf } from './comment.js';
import { findChecklistRun, type RepoRef, type StoredRun } from './state-store.js';

export interface PullInfo {
  readonly headSha: string;
  readonly author: string;
}

export async function pullInfo(octokit: Octokit, repo: RepoRef, pr: number): Promise<PullInfo> {
  const { data } = await octokit.rest.pulls.get({ ...repo, pull_number: pr });
  return { headSha: data.head.sha, author: data.user?.login ?? '' };
}

export async function stateRunFor(
  octokit: Octokit,
  repo: RepoRef,
  pr: number,
  appId: number,
  headSha: string,
  ...commentBodies: (string | null | undefined)[]
): Promise<StoredRun | undefined> {
  const current = await findChecklistRun(octokit, repo, headSha, appId, pr);
  if (current) return current;
  for (const body of commentBodies) {
    const sha = headOf(body);
    if (sha && sha !== headSha) return findChecklistRun(octokit, repo, sha, appId, pr);
  }
  return undefined;
}
