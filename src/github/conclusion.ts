/**
 * The one place the check run's conclusion is decided. A required check passes on
 * `success`, `neutral` and `skipped`, so anything not fully checked must end otherwise.
 * The checklist gate (issue 4) adds its state as another input here.
 */
import type { Finding } from '../analysis/finding.js';
import { findingsTitle } from '../analysis/report/check-summary.js';

export type CheckConclusion = 'success' | 'failure' | 'neutral' | 'cancelled' | 'action_required' | 'timed_out' | 'skipped';

export interface Verdict {
  readonly conclusion: CheckConclusion;
  readonly title: string;
}

export interface VerdictInput {
  readonly findings: readonly Finding[];
  readonly migrations: number;
  /** Reasons the review is not complete (GitHub's file-list cap, ...): never success then. */
  readonly incomplete?: readonly string[];
}

export function decideConclusion(input: VerdictInput): Verdict {
  if (input.incomplete?.length) return { conclusion: 'failure', title: `Not fully reviewed: ${input.incomplete[0]}` };
  if (input.migrations === 0 && input.findings.length === 0) return { conclusion: 'success', title: 'No migrations changed' };
  const errors = input.findings.filter((f) => f.severity === 'error').length;
  const title = findingsTitle(input.findings, input.migrations);
  return { conclusion: errors > 0 ? 'failure' : 'success', title };
}
