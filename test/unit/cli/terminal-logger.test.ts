import { describe, expect, it } from 'vitest';
import { terminalLogger } from '../../../cli/terminal-logger.js';

describe('terminalLogger', () => {
  it('writes to stderr with levels and locations; debug only when verbose', async () => {
    const lines: string[] = [];
    const logger = terminalLogger({ stderr: (t) => lines.push(t) });
    logger.debug('hidden');
    logger.info('hello');
    logger.warning('careful', { file: 'a.yml', line: 3, column: 2 });
    logger.error('broken');
    expect(await logger.group('Group', async () => 42)).toBe(42);
    expect(lines).toEqual(['hello\n', 'warning: careful (a.yml:3:2)\n', 'error: broken\n', 'Group\n']);

    const verbose: string[] = [];
    terminalLogger({ stderr: (t) => verbose.push(t) }, { verbose: true }).debug('shown');
    expect(verbose).toEqual(['debug: shown\n']);
  });
});
