import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SupabaseEmulator, startSupabaseEmulator } from '../../../../../emulators/supabase/index.js';
import { signJwt } from '../../../../../emulators/supabase/state.js';
import { usePostgres } from '../../../../support/postgres.js';
import { deployForm, REF, supabaseCaller } from '../helpers.js';

const pg = usePostgres();

describe('the project endpoint', () => {
  let sb: SupabaseEmulator;
  let noDb: SupabaseEmulator;
  let anon: string;
  let base: string;

  beforeAll(async () => {
    const url = await pg.createDatabase();
    await pg.query(
      url,
      "create table public.notes (id int primary key, body text); insert into public.notes values (1, 'a'), (2, 'b');",
    );
    await pg.query(url, 'revoke all on public.notes from anon');
    sb = await startSupabaseEmulator({ projects: [{ ref: REF }], databaseUrl: url });
    noDb = await startSupabaseEmulator({ projects: [{ ref: REF }] });
    anon = sb.state.projects.get(REF)!.anonKey;
    base = sb.projectUrl(REF);
    const call = supabaseCaller(sb.url, sb.token);
    const deployed = await call(
      'POST',
      `/v1/projects/${REF}/functions/deploy?slug=echo`,
      deployForm(
        { entrypoint_path: 'echo/index.ts', verify_jwt: true },
        {
          'echo/index.ts':
            "Deno.serve(async (req) => new Response(req.method + ' ' + new URL(req.url).pathname + new URL(req.url).search + ' ' + (await req.text())));",
        },
      ),
    );
    expect(deployed.status).toBe(201);
  });

  afterAll(async () => {
    await sb?.stop();
    await noDb?.stop();
  });

  it('passes method, sub-path, query and body to the function; lets preflights through without a JWT', async () => {
    const res = await fetch(`${base}/functions/v1/echo/a/b?x=1`, {
      method: 'POST',
      headers: { authorization: `Bearer ${anon}` },
      body: 'hello',
    });
    expect(await res.text()).toBe('POST /echo/a/b?x=1 hello');
    const preflight = await fetch(`${base}/functions/v1/echo`, { method: 'OPTIONS' });
    expect(await preflight.text()).toBe('OPTIONS /echo ');
  });

  it('refuses a malformed or expired JWT for a verify_jwt function', async () => {
    const garbage = await fetch(`${base}/functions/v1/echo`, { headers: { authorization: 'Bearer nope' } });
    expect(garbage.status).toBe(401);
    expect(await garbage.json()).toEqual({ code: 'UNAUTHORIZED_INVALID_JWT_FORMAT', message: 'Invalid JWT' });
    const secret = sb.state.projects.get(REF)!.jwtSecret;
    const expired = signJwt({ role: 'anon' }, secret, new Date(Date.now() - 11 * 365 * 24 * 3600 * 1000));
    expect((await fetch(`${base}/functions/v1/echo`, { headers: { authorization: `Bearer ${expired}` } })).status).toBe(
      401,
    );
  });

  it('a removed function or an unknown project is not found', async () => {
    sb.state.projects.get(REF)!.functions.get('echo')!.status = 'REMOVED';
    const removed = await fetch(`${base}/functions/v1/echo`, { headers: { authorization: `Bearer ${anon}` } });
    sb.state.projects.get(REF)!.functions.get('echo')!.status = 'ACTIVE';
    expect(removed.status).toBe(404);
    expect(await removed.json()).toEqual({ code: 'NOT_FOUND', message: 'Requested function was not found' });
    expect(
      (await fetch(`${sb.url}/project/zzzzzzzzzzzzzzzzzzzz/rest/v1/notes`, { headers: { apikey: anon } })).status,
    ).toBe(404);
  });

  it('lets the database refuse: anon without a grant gets 401 42501, service_role reads', async () => {
    const denied = await fetch(`${base}/rest/v1/notes?select=id`, { headers: { apikey: anon } });
    expect(denied.status).toBe(401);
    expect(await denied.json()).toMatchObject({ code: '42501', message: 'permission denied for table notes' });
    const service = sb.state.projects.get(REF)!.serviceRoleKey;
    const read = await fetch(`${base}/rest/v1/notes?select=id,body&order=id.desc&limit=1`, {
      headers: { apikey: service },
    });
    expect(read.status).toBe(200);
    expect(read.headers.get('content-range')).toBe('0-0/*');
    expect(await read.json()).toEqual([{ id: 2, body: 'b' }]);
  });

  it('answers writes with PGRST117, expired tokens with PGRST303, and 503 without a database', async () => {
    const service = sb.state.projects.get(REF)!.serviceRoleKey;
    const write = await fetch(`${base}/rest/v1/notes`, { method: 'POST', headers: { apikey: service }, body: '{}' });
    expect(write.status).toBe(405);
    expect(await write.json()).toMatchObject({ code: 'PGRST117' });
    const secret = sb.state.projects.get(REF)!.jwtSecret;
    const expired = signJwt({ role: 'anon' }, secret, new Date(Date.now() - 11 * 365 * 24 * 3600 * 1000));
    const old = await fetch(`${base}/rest/v1/notes`, { headers: { apikey: anon, authorization: `Bearer ${expired}` } });
    expect(old.status).toBe(401);
    expect(await old.json()).toEqual({ code: 'PGRST303', details: null, hint: null, message: 'JWT expired' });
    const other = noDb.state.projects.get(REF)!.anonKey;
    const none = await fetch(`${noDb.projectUrl(REF)}/rest/v1/notes`, { headers: { apikey: other } });
    expect(none.status).toBe(503);
    expect(await none.json()).toMatchObject({ code: 'PGRST000' });
  });
});
