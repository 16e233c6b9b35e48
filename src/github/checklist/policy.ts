/**
 * Who may tick the checklist, as decided when the checklist was published. The policy is
 * stored in the check run with the items, so an edit is judged by the rules the checklist
 * was built under; a config change on the default branch applies from the next analysis
 * (a push or a re-run), exactly like the rest of the config (docs/checklist.md).
 */
import type { Config } from '../../config/schema.js';

export interface TickPolicy {
  /** May the pull request's author tick? */
  readonly allowAuthor: boolean;
  /** `org/team` slugs; a ticker must be an active member of one. Empty: write access is enough. */
  readonly teams: readonly string[];
}

export function policyFromConfig(config: Pick<Config, 'checklist'>): TickPolicy {
  return { allowAuthor: config.checklist.allowAuthor, teams: [...config.checklist.teams] };
}

/** "people with write, maintain or admin access who are in @acme/dba (not the pull request author, not bots)". */
export function describeWhoMayTick(policy: TickPolicy): string {
  const teams = policy.teams.length ? ` who are in ${policy.teams.map((t) => `@${t}`).join(' or ')}` : '';
  const author = policy.allowAuthor ? '' : ' (not the pull request author, not bots)';
  return `people with write, maintain or admin access${teams}${author || ' (not bots)'}`;
}
