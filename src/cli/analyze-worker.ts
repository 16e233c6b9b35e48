/** Worker thread body: analyzes one slice of the migrations (see parallel.ts). */
import { parentPort, workerData } from 'node:worker_threads';
import { analyzeMigrations } from '../analysis/index.js';
import type { MigrationFile } from '../analysis/formats/types.js';
import type { AnalysisOptions } from '../analysis/result.js';

const { migrations, options } = workerData as { migrations: MigrationFile[]; options: Partial<AnalysisOptions> };
parentPort?.postMessage(await analyzeMigrations(migrations, options));
