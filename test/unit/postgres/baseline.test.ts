import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyBaseline } from '../../../emulators/postgres/baseline.js';
import { type PostgresServer, startPostgres } from '../../../emulators/postgres/embedded.js';

let server: PostgresServer;
let client: pg.Client;

beforeAll(async () => {
  server = await startPostgres({ baseline: true });
  client = new pg.Client({ connectionString: server.url });
  await client.connect();
});
afterAll(async () => {
  await client?.end();
  await server?.stop();
});

const one = async (sql: string, values?: unknown[]) => (await client.query(sql, values)).rows[0];

describe('Supabase baseline', () => {
  it('is idempotent', async () => {
    await applyBaseline(server.url);
    await applyBaseline(server.url);
    expect(await one(`select count(*)::int as n from pg_publication where pubname = 'supabase_realtime'`)).toEqual({
      n: 1,
    });
  });

  it('creates the API roles like Supabase (NOLOGIN API roles, authenticator can switch to them)', async () => {
    const { rows } = await client.query(
      `select rolname, rolcanlogin, rolbypassrls from pg_roles
        where rolname in ('anon', 'authenticated', 'service_role', 'authenticator', 'supabase_admin') order by 1`,
    );
    expect(rows).toEqual([
      { rolname: 'anon', rolcanlogin: false, rolbypassrls: false },
      { rolname: 'authenticated', rolcanlogin: false, rolbypassrls: false },
      { rolname: 'authenticator', rolcanlogin: true, rolbypassrls: false },
      { rolname: 'service_role', rolcanlogin: false, rolbypassrls: true },
      { rolname: 'supabase_admin', rolcanlogin: true, rolbypassrls: true },
    ]);
    expect(await one(`select pg_has_role('authenticator', 'anon', 'member') as m`)).toEqual({ m: true });
  });

  it('answers auth.uid(), auth.role(), auth.email() and auth.jwt() from the request settings', async () => {
    const sub = '11111111-2222-3333-4444-555555555555';
    await client.query('begin');
    await client.query(`select set_config('request.jwt.claims', $1, true)`, [
      JSON.stringify({ sub, role: 'authenticated', email: 'a@example.com' }),
    ]);
    expect(await one('select auth.uid()::text as uid, auth.role() as role, auth.email() as email')).toEqual({
      uid: sub,
      role: 'authenticated',
      email: 'a@example.com',
    });
    expect(await one(`select auth.jwt() ->> 'role' as r`)).toEqual({ r: 'authenticated' });
    await client.query(`select set_config('request.jwt.claim.sub', $1, true)`, [
      '99999999-2222-3333-4444-555555555555',
    ]);
    expect(await one('select auth.uid()::text as uid')).toEqual({ uid: '99999999-2222-3333-4444-555555555555' });
    await client.query('rollback');
    expect(await one('select auth.uid() as uid')).toEqual({ uid: null });
  });

  it('has storage tables and path helpers', async () => {
    expect(
      await one(`select storage.foldername('avatars/u1/me.png') as f, storage.filename('avatars/u1/me.png') as n,
                        storage.extension('avatars/u1/me.tar.gz') as e`),
    ).toEqual({ f: ['avatars', 'u1'], n: 'me.png', e: 'gz' });
    await client.query(`insert into storage.buckets (id, name) values ('avatars', 'avatars') on conflict do nothing`);
    await client.query(`insert into storage.objects (bucket_id, name) values ('avatars', 'u1/me.png')`);
    expect(await one(`select path_tokens from storage.objects where name = 'u1/me.png'`)).toEqual({
      path_tokens: ['u1', 'me.png'],
    });
  });

  it('installs uuid-ossp and pgcrypto in the extensions schema and grants new public tables to the API roles', async () => {
    const { rows } = await client.query(
      `select e.extname, n.nspname from pg_extension e join pg_namespace n on n.oid = e.extnamespace
        where e.extname in ('uuid-ossp', 'pgcrypto') order by 1`,
    );
    expect(rows).toEqual([
      { extname: 'pgcrypto', nspname: 'extensions' },
      { extname: 'uuid-ossp', nspname: 'extensions' },
    ]);
    expect(await one(`select length(extensions.uuid_generate_v4()::text) as n`)).toEqual({ n: 36 });
    await client.query('create table public.grant_probe (id int)');
    expect(
      await one(`select has_table_privilege('anon', 'public.grant_probe', 'select') as anon,
                        has_table_privilege('service_role', 'public.grant_probe', 'delete') as service`),
    ).toEqual({ anon: true, service: true });
  });
});
