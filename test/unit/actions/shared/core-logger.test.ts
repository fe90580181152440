import { afterEach, describe, expect, it, vi } from 'vitest';
import { coreLogger, maskSecretsWithRunner } from '../../../../actions/shared/core-logger.js';
import { Redactor } from '../../../../lib/core/redact.js';

/** Workflow commands @actions/core writes to stdout while `fn` runs. */
function commands(fn: () => void): string[] {
  const lines: string[] = [];
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    lines.push(...String(chunk).split('\n').filter(Boolean));
    return true;
  });
  try {
    fn();
  } finally {
    spy.mockRestore();
  }
  return lines;
}

afterEach(() => vi.restoreAllMocks());

describe('maskSecretsWithRunner', () => {
  it('registers every form of every secret, before and after it is called', () => {
    const redactor = new Redactor();
    redactor.add('first-secret');
    const out = commands(() => {
      maskSecretsWithRunner(redactor);
      redactor.addUrlCredentials('postgres://u@h/db?password=Query%2Fpw');
    });
    expect(out).toEqual(
      // (@actions/core escapes `%` in workflow commands as %25.)
      expect.arrayContaining(['::add-mask::first-secret', '::add-mask::Query/pw', '::add-mask::Query%252Fpw']),
    );
  });

  it('registers each line of a multi-line secret (the runner masks line by line)', () => {
    const redactor = new Redactor();
    const out = commands(() => {
      maskSecretsWithRunner(redactor);
      redactor.add('-----BEGIN KEY-----\nline-one-secret\nline-two-secret\n-----END KEY-----');
    });
    expect(out).toEqual(expect.arrayContaining(['::add-mask::line-one-secret', '::add-mask::line-two-secret']));
  });
});

describe('coreLogger', () => {
  it('redacts annotation titles with the redactor it is given', () => {
    const redactor = new Redactor();
    redactor.add('Title-Secret-1');
    const out = commands(() =>
      coreLogger(redactor).error('message', { file: 'a.sql', line: 2, title: 'about Title-Secret-1' }),
    );
    expect(out.join('\n')).toContain('title=about ***');
    expect(out.join('\n')).not.toContain('Title-Secret-1');
  });
});
