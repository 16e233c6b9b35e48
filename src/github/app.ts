/**
 * The Probot app: wiring only. `npm start` runs `probot run ./dist/github/app.js`, which
 * loads this default export.
 */
import type { ApplicationFunction, Probot } from 'probot';
import { registerChecklistHandlers } from './checklist/index.js';
import { healthHandler } from './health.js';
import { onMergeGroup } from './handlers/merge-group.js';
import { onPullRequest, PULL_REQUEST_EVENTS } from './handlers/pull-request.js';
import { onCheckRunRerequested, onCheckSuiteRerequested } from './handlers/rerequested.js';
import type { AppDeps } from './handlers/run.js';
import { KeyedQueue } from './queue.js';

/** A review that has not finished after this long fails closed. */
export const DEFAULT_TIMEOUT_MS = 120_000;

export interface AppOptions {
  readonly timeoutMs?: number;
}

export function createApp(options: AppOptions = {}): ApplicationFunction {
  return (app: Probot, { addHandler }) => {
    const deps: AppDeps = {
      queue: new KeyedQueue(),
      timeoutMs: options.timeoutMs ?? (Number(process.env.MIGRATION_REVIEW_TIMEOUT_MS) || DEFAULT_TIMEOUT_MS),
    };
    try {
      addHandler(healthHandler);
    } catch {
      // Loaded without a server (Probot#load in tests, serverless middleware): no HTTP routes.
    }
    app.on([...PULL_REQUEST_EVENTS], (context) => onPullRequest(context, deps));
    app.on('check_run.rerequested', (context) => onCheckRunRerequested(context, deps));
    app.on('check_suite.rerequested', (context) => onCheckSuiteRerequested(context, deps));
    app.on('merge_group.checks_requested', (context) => onMergeGroup(context, deps));
    registerChecklistHandlers(app, deps.queue);
  };
}

export default createApp();
