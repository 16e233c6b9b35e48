import type { SchemaLookup } from './column-types.js';

export interface LockModelOptions {
  /** Target PostgreSQL major version (11..18). */
  readonly postgresVersion: number;
  /**
   * Optional schema knowledge (column types, domains). Without it the model judges from the
   * statement text alone and errs towards predicting a rewrite.
   */
  readonly schema?: SchemaLookup;
}
