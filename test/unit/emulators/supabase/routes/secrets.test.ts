import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SupabaseEmulator } from '../../../../../emulators/supabase/index.js';
import { REF, type SupabaseCaller, startSupabase } from '../helpers.js';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

describe('secret routes', () => {
  let sb: SupabaseEmulator;
  let call: SupabaseCaller;
  const path = `/v1/projects/${REF}/secrets`;

  beforeEach(async () => {
    ({ sb, call } = await startSupabase());
  });
  afterEach(async () => {
    await sb.stop();
  });

  it('stores secrets and lists names with sha256 digests, never values', async () => {
    expect(
      (
        await call('POST', path, [
          { name: 'STRIPE_KEY', value: 'sk_test_1' },
          { name: 'API_URL', value: 'https://x' },
        ])
      ).status,
    ).toBe(201);
    const list = await call('GET', path);
    expect(list.body.map((s: { name: string; value: string }) => [s.name, s.value])).toEqual([
      ['API_URL', sha256('https://x')],
      ['STRIPE_KEY', sha256('sk_test_1')],
    ]);
    expect(JSON.stringify(list.body)).not.toContain('sk_test_1');
    await call('POST', path, [{ name: 'STRIPE_KEY', value: 'sk_test_2' }]);
    expect((await call('GET', path)).body.find((s: { name: string }) => s.name === 'STRIPE_KEY').value).toBe(
      sha256('sk_test_2'),
    );
  });

  it('rejects SUPABASE_ names (and writes nothing from that batch)', async () => {
    const res = await call('POST', path, [
      { name: 'OK', value: '1' },
      { name: 'SUPABASE_URL', value: 'x' },
    ]);
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/SUPABASE_/);
    expect((await call('GET', path)).body).toEqual([]);
  });

  it('deletes by a list of names', async () => {
    await call('POST', path, [
      { name: 'A', value: '1' },
      { name: 'B', value: '2' },
    ]);
    expect((await call('DELETE', path, ['A'])).status).toBe(200);
    expect((await call('GET', path)).body.map((s: { name: string }) => s.name)).toEqual(['B']);
    expect((await call('DELETE', path, { names: ['B'] })).status).toBe(400);
  });
});
