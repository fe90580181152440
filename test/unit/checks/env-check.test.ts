import { describe, expect, it } from 'vitest';
import { envCheck } from '../../../lib/checks/env-check.js';
import { checkContext } from './check-context.js';

describe('envCheck', () => {
  it('passes when every variable is present and meets its rules', async () => {
    const ctx = checkContext({ env: { SESSION_SECRET: 'x'.repeat(64), SUPABASE_TOKEN: 'sbp_abcdef123' } });
    const result = await envCheck({
      rules: [
        { name: 'SESSION_SECRET', minLength: 50 },
        { name: 'SUPABASE_TOKEN', pattern: '^sbp_' },
      ],
    }).run(ctx);
    expect(result.status).toBe('pass');
    expect(result.message).toBe('2 variables present and valid');
  });

  it('fails listing every missing, empty and weak variable at once, without values', async () => {
    const ctx = checkContext({
      env: { EMPTY: '', BLANK: '   ', SHORT: 'hunter2-short', WRONG: 'ghp_tokenvalue999' },
    });
    const result = await envCheck({
      rules: [
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
    await envCheck({ rules: [{ name: 'API_KEY' }, { name: 'OTHER', minLength: 100 }, { name: 'GONE' }] }).run(ctx);
    expect(ctx.redactor.redact('key=super-secret-value other=another-secret')).toBe('key=*** other=***');
  });

  it('reports an invalid pattern as a configuration problem, naming the variable', async () => {
    const ctx = checkContext({ env: { TOKEN: 'value-1234' } });
    const result = await envCheck({ rules: [{ name: 'TOKEN', pattern: '([' }] }).run(ctx);
    expect(result.status).toBe('fail');
    expect(result.details).toContain('TOKEN: the configured pattern /([/ is not a valid regular expression');
    expect(result.details).not.toContain('value-1234');
  });

  it('skips optional variables that are unset but checks them when set', async () => {
    const ctx = checkContext({ env: { OPT_SET: 'ab' } });
    const result = await envCheck({
      rules: [
        { name: 'OPT_UNSET', required: false },
        { name: 'OPT_SET', required: false, minLength: 10 },
      ],
    }).run(ctx);
    expect(result.status).toBe('fail');
    expect(result.message).toBe('not meeting their rules: OPT_SET (optional, not set: OPT_UNSET)');
    const none = await envCheck({ rules: [{ name: 'OPT_UNSET', required: false }] }).run(checkContext({ env: {} }));
    expect(none).toMatchObject({ status: 'skip', message: 'optional variables not set: OPT_UNSET' });
  });

  it('does not mask values of rules marked secret: false', async () => {
    const ctx = checkContext({ env: { REGION: 'eu-central-1', TOKEN: 'tok-123456' } });
    await envCheck({ rules: [{ name: 'REGION', secret: false }, { name: 'TOKEN' }] }).run(ctx);
    expect(ctx.redactor.redact('eu-central-1 tok-123456')).toBe('eu-central-1 ***');
  });
});
