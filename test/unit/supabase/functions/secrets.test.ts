import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../../../lib/core/logger.js';
import { ManagementApi } from '../../../../lib/supabase/functions/api.js';
import { parseSecretList, syncSecrets } from '../../../../lib/supabase/functions/secrets.js';
import { instantClock } from './helpers.js';

describe('parseSecretList', () => {
  it('reads NAME and NAME=VARIABLE entries, one per line or comma-separated', () => {
    expect(parseSecretList('STRIPE_KEY\nMAILER = MAILER_TOKEN, OTHER\n\n')).toEqual([
      { name: 'STRIPE_KEY', env: 'STRIPE_KEY' },
      { name: 'MAILER', env: 'MAILER_TOKEN' },
      { name: 'OTHER', env: 'OTHER' },
    ]);
    expect(parseSecretList('')).toEqual([]);
  });
});

describe('syncSecrets', () => {
  const api = new ManagementApi({ baseUrl: 'http://127.0.0.1:9', token: 't', clock: instantClock() });
  const base = { api, ref: 'abcdefghijklmnopqrst', mask: () => undefined, logger: silentLogger };

  it('refuses names the platform reserves or rejects before any request', async () => {
    await expect(
      syncSecrets({ ...base, references: [{ name: 'SUPABASE_URL', env: 'X' }], env: { X: 'value' } }),
    ).rejects.toMatchObject({ code: 'secret_invalid', message: expect.stringContaining('SUPABASE_URL') });
    await expect(
      syncSecrets({ ...base, references: [{ name: 'my-key', env: 'X' }], env: { X: 'value' } }),
    ).rejects.toMatchObject({
      code: 'secret_invalid',
    });
    expect(api.requestCount).toBe(0);
  });

  it('sends nothing when no secret is named', async () => {
    expect(await syncSecrets({ ...base, references: [], env: {} })).toEqual([]);
    expect(api.requestCount).toBe(0);
  });
});
