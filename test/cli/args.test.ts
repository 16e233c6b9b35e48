import { describe, expect, it } from '@jest/globals';
import { parseCommand, UsageError } from '../../src/cli/args.js';

describe('parseCommand', () => {
  it('parses lint with every option', () => {
    expect(parseCommand(['lint', 'a', 'b/', '-f', 'sarif', '-c', 'cfg.yml', '--pg-version', '12', '--max-warnings', '3', '--no-color'])).toEqual({
      name: 'lint',
      paths: ['a', 'b/'],
      format: 'sarif',
      configPath: 'cfg.yml',
      postgresVersion: 12,
      maxWarnings: 3,
      color: false,
    });
  });

  it('defaults to the current folder and text', () => {
    expect(parseCommand(['lint'])).toEqual({ name: 'lint', paths: ['.'], format: 'text' });
  });

  it('parses the other commands', () => {
    expect(parseCommand(['rules'])).toEqual({ name: 'rules' });
    expect(parseCommand(['explain', 'x'])).toEqual({ name: 'explain', rule: 'x' });
    expect(parseCommand(['-v'])).toEqual({ name: 'version' });
    expect(parseCommand(['help'])).toEqual({ name: 'help' });
    expect(parseCommand(['lint', '--help'])).toEqual({ name: 'help', topic: 'lint' });
  });

  it.each([['lint', '--pg-version', '16.2'], ['lint', '--max-warnings', '-1'], ['lint', '--color', '--no-color'], ['rules', 'extra']])('rejects %j', (...argv) => {
    expect(() => parseCommand(argv)).toThrow(UsageError);
  });
});
