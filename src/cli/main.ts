/**
 * The command line: args -> command -> exit code. Exit codes: 0 no errors, 1 errors found
 * (or more warnings than --max-warnings), 2 usage or config errors (message on stderr).
 */
import { ConfigError } from '../config/errors.js';
import { parseCommand, USAGE, UsageError } from './args.js';
import { processIo, type CliIo } from './io.js';
import { lint } from './lint.js';
import { packageVersion } from './package.js';
import { explainRule, renderRuleList } from './rules.js';
import { runStatsCommand } from './stats.js';

export type { CliIo } from './io.js';

export async function main(argv: readonly string[], io: Partial<CliIo> = {}): Promise<number> {
  const cli: CliIo = { ...processIo(), ...io };
  try {
    // `stats` has options of its own (a database URL), so it parses its own arguments.
    if (argv[0] === 'stats') return await runStatsCommand(argv.slice(1), cli);
    const command = parseCommand(argv);
    switch (command.name) {
      case 'help':
        cli.stdout(USAGE);
        return 0;
      case 'version':
        cli.stdout(`${await packageVersion()}\n`);
        return 0;
      case 'rules':
        cli.stdout(renderRuleList());
        return 0;
      case 'explain':
        cli.stdout(await explainRule(command.rule));
        return 0;
      case 'lint':
        return await lint(command, cli);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      cli.stderr(`migration-review: ${error.message}\nRun \`migration-review --help\` for usage.\n`);
      return 2;
    }
    if (error instanceof ConfigError) {
      cli.stderr(`migration-review: invalid config ${error.source}: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}
