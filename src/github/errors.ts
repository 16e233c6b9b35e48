/** Turns whatever stopped a run into what the check run and the log say about it. */
import { ConfigError, GitHubApiError } from '../errors.js';

export interface FailureReport {
  /** Check run title: "could not complete: ..." or "invalid configuration: ...". */
  readonly title: string;
  readonly summary: string;
  readonly requestId?: string;
  readonly status?: number;
}

interface OctokitLikeError {
  status?: number;
  message?: string;
  response?: { headers?: Record<string, string | undefined> };
  headers?: Record<string, string | undefined>;
}

/** The status and `x-github-request-id` of an Octokit RequestError or GraphqlResponseError. */
export function toGitHubApiError(error: unknown, what: string): GitHubApiError | undefined {
  if (error instanceof GitHubApiError) return error;
  const e = error as OctokitLikeError | undefined;
  if (!e || typeof e !== 'object') return undefined;
  const headers = e.response?.headers ?? e.headers;
  const requestId = headers?.['x-github-request-id'];
  if (typeof e.status !== 'number' && !requestId) return undefined;
  return new GitHubApiError(`${what}: ${e.message ?? 'GitHub API error'}`, e.status ?? 0, requestId, { cause: error });
}

export function describeFailure(error: unknown, deliveryId: string): FailureReport {
  if (error instanceof ConfigError) {
    const key = error.key ? `\`${error.key}\`` : 'the file';
    return {
      title: `invalid configuration: ${error.key || error.source}`,
      summary:
        `The configuration in \`${error.source}\` is invalid at ${key}${error.line ? ` (line ${error.line})` : ''}:\n\n> ${error.message}\n\n` +
        'Nothing was reviewed: fix the configuration on the default branch, then re-run this check.',
    };
  }
  const api = toGitHubApiError(error, 'GitHub API request failed');
  const message = (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? 'unknown error';
  const short = message.length > 120 ? `${message.slice(0, 117)}...` : message;
  const lines = [
    'The review did not finish, so this check fails rather than pass something that was not checked.',
    '',
    `- Error: ${message}`,
    ...(api?.status ? [`- GitHub status: ${api.status}`] : []),
    ...(api?.requestId ? [`- GitHub request id: \`${api.requestId}\``] : []),
    `- Webhook delivery id: \`${deliveryId}\``,
    '',
    'Re-run this check to try again.',
  ];
  return {
    title: `could not complete: ${short}${api?.requestId ? ` (request ${api.requestId})` : ''}`.slice(0, 250),
    summary: lines.join('\n'),
    ...(api?.requestId ? { requestId: api.requestId } : {}),
    ...(api?.status ? { status: api.status } : {}),
  };
}

export class TimeoutError extends Error {
  readonly code = 'TIMEOUT';
  constructor(readonly timeoutMs: number) {
    super(`timed out after ${Math.round(timeoutMs / 1000)} s`);
    this.name = 'TimeoutError';
  }
}

export async function withTimeout<T>(work: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(timeoutMs)), timeoutMs);
    timer.unref();
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
