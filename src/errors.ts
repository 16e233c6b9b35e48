/**
 * The few errors the shell throws. Bad input to the analysis is a finding, never one of
 * these; these are for what stops a run: a config the user must fix, a GitHub API call that
 * failed, a shadow database that ran out of time or memory, a broken invariant (a bug).
 * Each has a stable `code` so callers branch on it, not on the message.
 */

export { ConfigError } from './config/errors.js';

/** A GitHub API call failed: the status and `x-github-request-id` go into the check run's summary. */
export class GitHubApiError extends Error {
  readonly code = 'GITHUB_API';
  constructor(
    message: string,
    readonly status: number,
    readonly requestId: string | undefined,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'GitHubApiError';
  }
}

/** The shadow database exceeded its time or memory limit. */
export class ShadowLimitError extends Error {
  readonly code = 'SHADOW_LIMIT';
  constructor(
    message: string,
    readonly limit: 'time' | 'memory',
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ShadowLimitError';
  }
}

/** Something the code assumes was false: a bug, never user input. */
export class InvariantError extends Error {
  readonly code = 'INVARIANT';
  constructor(reason: string, options?: { cause?: unknown }) {
    super(`Invariant violated: ${reason}`, options);
    this.name = 'InvariantError';
  }
}

/** Narrows `condition`; throws InvariantError with `reason` when it does not hold. Use instead of `!`. */
export function invariant(condition: unknown, reason: string): asserts condition {
  if (!condition) throw new InvariantError(reason);
}
