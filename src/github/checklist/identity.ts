/**
 * Which comments and check runs are the app's own. A comment's author can be anyone, and a
 * person can paste our marker into their own comment, so only comments GitHub says were
 * made by this app (`performed_via_github_app.id`) count, and only check runs of this app.
 */
import type { Octokit } from './types.js';

/**
 * This app's id, from the installation client's own credentials (a JWT is signed locally:
 * no request). Probot keeps the id private, and the environment is not the shell's to read.
 */
export async function appIdOf(octokit: Octokit): Promise<number> {
  const auth = (await octokit.auth({ type: 'app' })) as { appId?: number | string };
  const appId = Number(auth.appId);
  if (!Number.isInteger(appId) || appId <= 0) throw new Error('cannot tell this app\'s id from its credentials');
  return appId;
}

export interface CommentLike {
  readonly body?: string | null;
  readonly user?: { readonly id: number; readonly login: string; readonly type?: string } | null;
  readonly performed_via_github_app?: { readonly id: number } | null;
}

export function isAppComment(comment: CommentLike, appId: number): boolean {
  return comment.performed_via_github_app?.id === appId;
}
