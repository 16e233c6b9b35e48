#!/usr/bin/env node
// The command line runs the compiled output; `npm ci` builds it through `prepare`.
import { main } from '../dist/cli/main.js';

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (error) => { console.error(error instanceof Error ? error.stack : String(error)); process.exitCode = 2; },
);
