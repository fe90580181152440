import { describe, expect, it } from 'vitest';
import { formatOptions, type OptionSpecs, parseArgs, UsageError } from '../../../cli/args.js';

const specs: OptionSpecs = {
  config: { type: 'string', description: 'Config file' },
  json: { type: 'boolean', description: 'JSON output' },
  help: { type: 'boolean', short: 'h', description: 'Help' },
};

function usageError(argv: string[]): UsageError {
  try {
    parseArgs(argv, specs);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return error as UsageError;
  }
  throw new Error('expected a UsageError');
}

describe('parseArgs', () => {
  it('reads --name value, --name=value, flags, short aliases and positionals', () => {
    expect(parseArgs(['--config', 'a.yml', '--json', 'extra', '-h'], specs)).toEqual({
      values: { config: 'a.yml', json: true, help: true },
      positionals: ['extra'],
    });
    expect(parseArgs(['--config=b=c.yml'], specs).values.config).toBe('b=c.yml');
  });

  it('keeps values verbatim, including shell metacharacters', () => {
    const hostile = 'a"; touch pwned #';
    expect(parseArgs(['--config', hostile], specs).values.config).toBe(hostile);
  });

  it('treats everything after -- as positional', () => {
    expect(parseArgs(['--', '--json', '-h'], specs)).toEqual({ values: {}, positionals: ['--json', '-h'] });
  });

  it('rejects unknown options with a did-you-mean hint', () => {
    const error = usageError(['--confg', 'x']);
    expect(error.message).toBe('Unknown option --confg');
    expect(error.hint).toBe('Did you mean --config?');
    expect(usageError(['--zzzzzz']).hint).toBe('Known options: --config, --json, --help.');
    expect(usageError(['-x']).message).toBe('Unknown option -x');
  });

  it('rejects a missing value and a value given to a flag', () => {
    expect(usageError(['--config']).message).toBe('Option --config needs a value');
    expect(usageError(['--config', '--json']).message).toBe('Option --config needs a value');
    expect(usageError(['--json=yes']).message).toBe('Option --json takes no value');
  });
});

describe('formatOptions', () => {
  it('aligns one line per option', () => {
    expect(formatOptions(specs).split('\n')).toEqual([
      '      --config <value>  Config file',
      '      --json            JSON output',
      '  -h, --help            Help',
    ]);
  });
});
