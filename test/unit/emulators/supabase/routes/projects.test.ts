import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type SupabaseEmulator, startSupabaseEmulator } from '../../../../../emulators/supabase/index.js';
import { REF, type SupabaseCaller, supabaseCaller } from '../helpers.js';

const TOKEN = `sbp_${'a1'.repeat(20)}`;
const V0_TOKEN = `sbp_v0_${'b2'.repeat(20)}`;

describe('auth and project routes', () => {
  let sb: SupabaseEmulator;
  let call: SupabaseCaller;

  beforeEach(async () => {
    sb = await startSupabaseEmulator({ tokens: [TOKEN, V0_TOKEN], projects: [{ ref: REF, name: 'web' }] });
    call = supabaseCaller(sb.url, TOKEN);
  });
  afterEach(async () => {
    await sb.stop();
  });

  it('answers missing, malformed and unknown tokens with 401 {"message":"Unauthorized"}', async () => {
    for (const token of [null, 'sbp_short', `sbp_${'g'.repeat(40)}`, `sbp_${'c3'.repeat(20)}`]) {
      const res = await call('GET', '/v1/projects', undefined, token);
      expect(res.status).toBe(401);
      expect(res.body).toEqual({ message: 'Unauthorized' });
    }
    expect((await call('GET', '/v1/projects', undefined, V0_TOKEN)).status).toBe(200);
  });

  it('lists and gets projects; unknown refs are 404', async () => {
    const list = await call('GET', '/v1/projects');
    expect(list.body).toMatchObject([{ id: REF, ref: REF, name: 'web', status: 'ACTIVE_HEALTHY' }]);
    expect((await call('GET', `/v1/projects/${REF}`)).body.database.host).toBe(`db.${REF}.supabase.co`);
    expect((await call('GET', '/v1/projects/zzzzzzzzzzzzzzzzzzzz')).status).toBe(404);
    expect((await call('GET', '/v1/projects/zzzzzzzzzzzzzzzzzzzz/functions')).status).toBe(404);
  });

  it('returns anon and service_role keys as JWTs for the project', async () => {
    const keys = await call('GET', `/v1/projects/${REF}/api-keys`);
    expect(keys.body.map((k: { name: string }) => k.name)).toEqual(['anon', 'service_role']);
    const claims = JSON.parse(Buffer.from(keys.body[1].api_key.split('.')[1], 'base64url').toString('utf8'));
    expect(claims).toMatchObject({ role: 'service_role', ref: REF, iss: 'supabase' });
  });

  it('refuses to start with a token that is not sbp_ + 40 hex', async () => {
    await expect(startSupabaseEmulator({ tokens: ['nope'] })).rejects.toThrow(/sbp_/);
  });
});
