/**
 * May this person tick the checklist? GitHub lets anyone with write, maintain or admin
 * access edit any comment (so they can tick the app's task list); read and triage cannot.
 * Editing rights are not acceptance rights: here we decide whose ticks count.
 */
import type { Actor } from '../../analysis/checklist/index.js';
import type { Octokit } from './types.js';
import type { TickPolicy } from './policy.js';

export interface Sender {
  readonly login: string;
  readonly type?: string;
}

export interface TickerQuery {
  readonly octokit: Octokit;
  readonly owner: string;
  readonly repo: string;
  readonly sender: Sender;
  /** Login of the pull request's author. */
  readonly author: string;
  readonly policy: TickPolicy;
}

/** Repository roles that carry write access. Custom roles fall back to the base `permission`. */
const WRITE_ROLES = new Set(['write', 'maintain', 'admin']);
const BUILT_IN_ROLES = new Set(['read', 'triage', 'write', 'maintain', 'admin', 'none']);

export function isBot(sender: Sender): boolean {
  return sender.type === 'Bot' || sender.login.toLowerCase().endsWith('[bot]');
}

function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : undefined;
}

/**
 * The sender's role. `permission` maps maintain to write and triage to read (and a custom
 * role to its base), so `role_name` is read first when it names a built-in role.
 */
async function repositoryRole(q: TickerQuery): Promise<string> {
  try {
    const { data } = await q.octokit.rest.repos.getCollaboratorPermissionLevel({ owner: q.owner, repo: q.repo, username: q.sender.login });
    const roleName = (data as { role_name?: string }).role_name;
    if (roleName && BUILT_IN_ROLES.has(roleName)) return roleName;
    return data.permission;
  } catch (error) {
    // 404: not a collaborator (an outside user who somehow edited, or a deleted account).
    if (statusOf(error) === 404) return 'none';
    throw error;
  }
}

async function isActiveMember(q: TickerQuery, slug: string): Promise<boolean> {
  const [org, team] = slug.split('/') as [string, string];
  try {
    const { data } = await q.octokit.rest.teams.getMembershipForUserInOrg({ org, team_slug: team, username: q.sender.login });
    // `pending` is an invitation not yet accepted: not a member.
    return data.state === 'active';
  } catch (error) {
    if (statusOf(error) === 404) return false;
    throw error;
  }
}

/**
 * The actor for `applyChanges`: allowed, or not with the reason shown in the audit trail.
 * API errors other than 404 propagate: the handler fails and nothing is recorded (fail closed).
 * Team lookups need the app's "Members: read" organization permission; without it GitHub
 * answers 403 and the tick is refused with that reason rather than the event failing.
 */
export async function actorFor(q: TickerQuery): Promise<Actor> {
  const login = q.sender.login;
  if (isBot(q.sender)) return { login, allowed: false, reason: 'bots cannot tick' };
  if (!q.policy.allowAuthor && login.toLowerCase() === q.author.toLowerCase()) {
    return { login, allowed: false, reason: 'is the pull request author' };
  }
  const role = await repositoryRole(q);
  if (!WRITE_ROLES.has(role)) return { login, allowed: false, reason: role === 'none' ? 'no access to the repository' : `${role} access only` };
  if (q.policy.teams.length === 0) return { login, allowed: true };
  for (const slug of q.policy.teams) {
    try {
      if (await isActiveMember(q, slug)) return { login, allowed: true };
    } catch (error) {
      if (statusOf(error) === 403) return { login, allowed: false, reason: `team membership could not be checked (the app needs "Members: read")` };
      throw error;
    }
  }
  return { login, allowed: false, reason: `not in ${q.policy.teams.map((t) => `@${t}`).join(' or ')}` };
}
