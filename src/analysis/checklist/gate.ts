/** The verdict of the "Migration review" check from findings and the checklist state. */
import type { Finding } from '../finding.js';
import type { ChecklistItem } from './items.js';
import type { ChecklistState } from './state.js';

export type GateConclusion = 'success' | 'action_required';

export interface GateVerdict {
  readonly conclusion: GateConclusion;
  readonly title: string;
  readonly errors: number;
  readonly unticked: readonly ChecklistItem[];
}

/**
 * `success` only when no error finding is left and every item is ticked by someone allowed
 * to. `action_required`, never `neutral` or `skipped`, because those let a required check pass.
 */
export function gate(findings: readonly Finding[], items: readonly ChecklistItem[], state: ChecklistState): GateVerdict {
  return gateByCount(findings.filter((f) => f.severity === 'error').length, items, state);
}

/**
 * The same verdict from the number of error findings: a comment edit re-decides the gate
 * from the check run's stored snapshot, without the findings themselves.
 */
export function gateByCount(errors: number, items: readonly ChecklistItem[], state: ChecklistState): GateVerdict {
  const unticked = items.filter((i) => !state.ticks[i.id]);
  if (errors === 0 && unticked.length === 0) {
    return { conclusion: 'success', title: `All ${items.length} checklist items ticked; no errors`, errors, unticked };
  }
  const parts: string[] = [];
  if (errors) parts.push(`${errors} error${errors === 1 ? '' : 's'} to fix`);
  if (unticked.length) parts.push(`${unticked.length} of ${items.length} checklist item${items.length === 1 ? '' : 's'} unticked`);
  return { conclusion: 'action_required', title: parts.join(', '), errors, unticked };
}
