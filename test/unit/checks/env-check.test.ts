import { describe, expect, it } from 'vitest';
import { envCheck } from '../../../lib/checks/env-check.js';
import { checkContext } from './check-context.js';

describe('envCheck', () => {
  it('passes when every variable is present and meets its rules', async () => {
    const ctx = checkContext({ env: { SESSION_SECRET: 'x'.repeat(64), SUPABASE_TOKEN: 'sbp_abcdef123' } });
    const result = await envCheck({
      required: [
        { name: 'SESSION_SECRET', minLength: 50 },
        { name: 'SUPABASE_TOKEN', pattern: '^sbp_' },
      ],
    }).run(ctx);
    expect(result.status).toBe('pass');
    expect(result.message).toBe('2 required variables present');
  });

  it('fails listing every missing, empty and weak variable at once, without values', async () => {
    const ctx = checkContext({
      env: { EMPTY: '', BLANK: '   ', SHORT: 'hunter2-short', WRONG: 'ghp_tokenvalue999' },
    });
    const result = await envCheck({
      required: [
        { name: 'ABSENT' },
        { name: 'EMPTY' },
        { name: 'BLANK' },
        { name: 'SHORT', minLength: 50, description: 'session secret' },
        { name: 'WRONG', pattern: '^sbp_' },
      ],
    }).run(ctx);
    expect(result.status).toBe('fail');
    expect(result.message).toBe('missing: ABSENT, EMPTY, BLANK; not meeting their rules: SHORT, WRONG');
    expect(result.details).toContain('SHORT: shorter than 50 characters — session secret');
    expect(result.details).toContain('WRONG: does not match /^sbp_/');
    const everything = `${result.message}\n${result.details}\n${ctx.logger.text()}`;
    expect(everything).not.toContain('hunter2-short');
    expect(everything).not.toContain('ghp_tokenvalue999');
  });

  it('registers every present value with the redactor before reporting', async () => {
    const ctx = checkContext({ env: { API_KEY: 'super-secret-value', OTHER: 'another-secret' } });
    await envCheck({ required: [{ name: 'API_KEY' }, { name: 'OTHER', minLength: 100 }, { name: 'GONE' }] }).run(ctx);
    expect(ctx.redactor.redact('key=super-secret-value other=another-secret')).toBe('key=*** other=***');
  });

  it('reports an invalid pattern as a configuration problem, naming the variable', async () => {
    const ctx = checkContext({ env: { TOKEN: 'value-1234' } });
    const result = await envCheck({ required: [{ name: 'TOKEN', pattern: '([' }] }).run(ctx);
    expect(result.status).toBe('fail');
    expect(result.details).toContain('TOKEN: the configured pattern /([/ is not a valid regular expression');
    expect(result.details).not.toContain('value-1234');
  });
});
