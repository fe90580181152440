/**
 * @supabase/supabase-js, unchanged, against the Supabase emulator's project endpoint: edge functions deployed by
 * Shipline are invoked (verify_jwt honoured), and tables are read through the PostgREST subset as the anon or
 * authenticated role, so the example app's real row-level security policies decide what comes back.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createClient } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SupabaseEmulator, startSupabaseEmulator } from '../../emulators/supabase/index.js';
import { signJwt } from '../../emulators/supabase/state.js';
import { systemClock } from '../../lib/core/clock.js';
import { silentLogger } from '../../lib/core/logger.js';
import { ManagementApi } from '../../lib/supabase/functions/api.js';
import { deployEdge } from '../../lib/supabase/functions/deploy.js';
import { usePostgres } from '../support/postgres.js';
import { repoRoot } from '../support/runner.js';

const pg = usePostgres();

/** A WebSocket stand-in that refuses to connect: these tests never open a Realtime channel. */
class NoRealtime {
  constructor() {
    throw new Error('Realtime is not used by this test');
  }
}
const REF = 'abcdefghijklmnopqrst';
const app = join(repoRoot, 'examples', 'app');

describe('supabase-js against the emulated project endpoint', () => {
  let sb: SupabaseEmulator;
  let anonKey: string;
  let api: ManagementApi;

  beforeAll(async () => {
    const url = await pg.createDatabase();
    for (const file of ['20240901090000_create_profiles.sql', '20240901091000_create_products.sql']) {
      await pg.query(url, readFileSync(join(app, 'supabase', 'migrations', file), 'utf8'));
    }
    await pg.query(
      url,
      `insert into public.products (sku, name, price_cents, active) values
         ('mug', 'Mug', 1200, true), ('tee', 'T-shirt', 2500, true), ('old', 'Retired poster', 900, false);
       insert into auth.users (id, email) values ('11111111-1111-1111-1111-111111111111', 'mia@example.com');
       insert into public.profiles (id, username) values ('11111111-1111-1111-1111-111111111111', 'mia');`,
    );
    sb = await startSupabaseEmulator({ projects: [{ ref: REF }], databaseUrl: url });
    anonKey = sb.state.projects.get(REF)!.anonKey;
    api = new ManagementApi({ baseUrl: sb.url, token: sb.token, clock: systemClock });
    const deployed = await deployEdge({
      api,
      ref: REF,
      root: app,
      functionsDir: 'supabase/functions',
      logger: silentLogger,
      clock: systemClock,
    });
    expect(deployed.details.deployed).toEqual(['health']);
  }, 60_000);

  afterAll(async () => {
    await sb?.stop();
  });

  const client = (key = anonKey, accessToken?: string) =>
    createClient(sb.projectUrl(REF), key, {
      auth: { persistSession: false, autoRefreshToken: false },
      // supabase-js 2.119 wants Node 22's global WebSocket for Realtime (unused here); Node 20 gets a stand-in.
      ...(globalThis.WebSocket
        ? {}
        : { realtime: { transport: NoRealtime as unknown as typeof globalThis.WebSocket } }),
      ...(accessToken ? { global: { headers: { authorization: `Bearer ${accessToken}` } } } : {}),
    });

  it('invokes the deployed health function (Deno.serve, _shared import, secrets as Deno.env)', async () => {
    await api.setSecrets(REF, [{ name: 'SHOP_RELEASE', value: 'v9.9.9' }]);
    const { data, error } = await client().functions.invoke('health', { method: 'GET' });
    expect(error).toBeNull();
    expect(data).toEqual({ status: 'ok', function: 'health', release: 'v9.9.9' });
  });

  it('honours verify_jwt: a protected function needs a JWT signed by the project', async () => {
    await api.deployFunction(REF, 'private', { name: 'private', entrypoint_path: 'index.ts', verify_jwt: true }, [
      {
        name: 'index.ts',
        bytes: Buffer.from(
          "Deno.serve((req) => new Response('secret for ' + req.headers.get('authorization')?.slice(0, 13)));",
        ),
      },
    ]);
    const ok = await client().functions.invoke('private');
    expect(ok.error).toBeNull();
    expect(ok.data).toBe('secret for Bearer eyJhbG');
    const url = `${sb.projectUrl(REF)}/functions/v1/private`;
    const bare = await fetch(url);
    expect(bare.status).toBe(401);
    expect(await bare.json()).toEqual({ code: 'UNAUTHORIZED_NO_AUTH_HEADER', message: 'Missing authorization header' });
    const forged = await fetch(url, {
      headers: { authorization: `Bearer ${signJwt({ role: 'anon' }, 'not-the-secret', new Date())}` },
    });
    expect(forged.status).toBe(401);
    const unknown = await client().functions.invoke('nope');
    expect(unknown.error?.context?.status).toBe(404);
  });

  it('answers 501 for a function that needs modules from the network', async () => {
    await api.deployFunction(REF, 'remote', { name: 'remote', entrypoint_path: 'index.ts', verify_jwt: false }, [
      { name: 'index.ts', bytes: Buffer.from("import { Hono } from 'jsr:@hono/hono';\nDeno.serve(new Hono().fetch);") },
    ]);
    const res = await fetch(`${sb.projectUrl(REF)}/functions/v1/remote`);
    expect(res.status, sb.functions.logs.join('\n')).toBe(501);
    expect(await res.json()).toMatchObject({
      code: 'NOT_SUPPORTED_BY_EMULATOR',
      message: expect.stringContaining('"jsr:@hono/hono"'),
    });
  });

  it('reads a table with select, eq and limit; RLS lets anon see only active products', async () => {
    const all = await client().from('products').select('sku, name, price_cents').order('sku');
    expect(all.error).toBeNull();
    expect(all.data).toEqual([
      { sku: 'mug', name: 'Mug', price_cents: 1200 },
      { sku: 'tee', name: 'T-shirt', price_cents: 2500 },
    ]);
    const one = await client().from('products').select('sku').eq('sku', 'tee').limit(1);
    expect(one).toMatchObject({ error: null, status: 200, data: [{ sku: 'tee' }] });
    const hidden = await client().from('products').select('sku').eq('active', false);
    expect(hidden).toMatchObject({ error: null, data: [] });
    const single = await client().from('products').select('name').eq('sku', 'mug').single();
    expect(single.data).toEqual({ name: 'Mug' });
  });

  it('runs as authenticated with the caller JWT claims (auth.uid()), and as anon without one', async () => {
    expect((await client().from('profiles').select('username')).data).toEqual([]);
    const token = signJwt(
      { role: 'authenticated', sub: '11111111-1111-1111-1111-111111111111', aud: 'authenticated' },
      sb.state.projects.get(REF)!.jwtSecret,
      new Date(),
    );
    const signedIn = await client(anonKey, token).from('profiles').select('username');
    expect(signedIn).toMatchObject({ error: null, data: [{ username: 'mia' }] });
  });

  it('shapes errors like PostgREST', async () => {
    const missing = await client().from('nope').select('*');
    expect(missing.status).toBe(404);
    expect(missing.error).toMatchObject({
      code: 'PGRST205',
      message: "Could not find the table 'public.nope' in the schema cache",
    });
    const column = await client().from('products').select('colour');
    expect(column.status).toBe(400);
    expect(column.error).toMatchObject({
      code: '42703',
      message: 'column products.colour does not exist',
      details: null,
    });
    const schema = await client().schema('private').from('products').select('*');
    expect(schema.status).toBe(406);
    expect(schema.error).toMatchObject({ code: 'PGRST106' });
  });

  it('checks the apikey and answers /auth/v1/health', async () => {
    const base = sb.projectUrl(REF);
    const none = await fetch(`${base}/rest/v1/products`);
    expect(none.status).toBe(401);
    expect(await none.json()).toMatchObject({ message: 'No API key found in request' });
    const wrong = await fetch(`${base}/rest/v1/products`, { headers: { apikey: 'not-a-key' } });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({ message: 'Invalid API key' });
    const health = await fetch(`${base}/auth/v1/health`, { headers: { apikey: anonKey } });
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ name: 'GoTrue' });
  });
});
