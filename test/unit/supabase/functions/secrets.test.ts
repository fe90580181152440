import { describe, expect, it } from 'vitest';
import { parseSecretList } from '../../../../lib/supabase/functions/secrets.js';

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
