/** The client the checklist shell uses: a Probot installation Octokit (retry and throttling built in). */
import type { Context } from 'probot';

export type Octokit = Context['octokit'];
