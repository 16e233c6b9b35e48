/**
 * The files a pull request (or a merge group) changes, with their patches. GitHub lists at
 * most 3,000 files of a pull request and 300 of a comparison; beyond that we cannot know
 * what changed, and the caller must not call the result complete.
 */
import type { EventScope, ReviewTarget } from '../types.js';

/** GitHub: "Responses include a maximum of 3000 files" (pulls: list files). */
export const MAX_PULL_REQUEST_FILES = 3000;
/** GitHub: a comparison lists at most 300 changed files. */
export const MAX_COMPARE_FILES = 300;

export type FileStatus = 'added' | 'removed' | 'modified' | 'renamed' | 'copied' | 'changed' | 'unchanged';

export interface ChangedFile {
  readonly path: string;
  readonly status: FileStatus;
  readonly previousPath?: string;
  /** Unified diff of the file; absent for binary files and for diffs GitHub deems too large. */
  readonly patch?: string;
}

export interface ChangedFiles {
  readonly files: readonly ChangedFile[];
  /** GitHub's cap was reached: more files may have changed than are listed. */
  readonly capped: boolean;
  readonly cap: number;
}

interface RawFile {
  filename: string;
  status: string;
  previous_filename?: string;
  patch?: string;
}

function toChangedFile(f: RawFile): ChangedFile {
  return {
    path: f.filename,
    status: f.status as FileStatus,
    ...(f.previous_filename ? { previousPath: f.previous_filename } : {}),
    ...(f.patch !== undefined ? { patch: f.patch } : {}),
  };
}

/** ⌈files / 100⌉ requests: 100 is the largest page GitHub serves. */
export async function listPullRequestFiles(scope: EventScope, target: ReviewTarget & { pullNumber: number }): Promise<ChangedFiles> {
  const raw = await scope.octokit.paginate(scope.octokit.rest.pulls.listFiles, {
    owner: target.owner,
    repo: target.repo,
    pull_number: target.pullNumber,
    per_page: 100,
  });
  return { files: raw.map((f) => toChangedFile(f as RawFile)), capped: raw.length >= MAX_PULL_REQUEST_FILES, cap: MAX_PULL_REQUEST_FILES };
}

/**
 * Files between two commits (a merge group's base and head). One request: GitHub puts every
 * listed file (up to 300) on the first page of a comparison, so paging would only page commits.
 */
export async function listComparedFiles(scope: EventScope, target: ReviewTarget): Promise<ChangedFiles> {
  const { data } = await scope.octokit.rest.repos.compareCommitsWithBasehead({
    owner: target.owner,
    repo: target.repo,
    basehead: `${target.baseSha}...${target.headSha}`,
    per_page: 1,
  });
  const files = (data.files ?? []).map((f) => toChangedFile(f as RawFile));
  return { files, capped: files.length >= MAX_COMPARE_FILES, cap: MAX_COMPARE_FILES };
}
