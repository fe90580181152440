import { describe, expect, it } from 'vitest';
import { migrate } from '../../../lib/supabase/migrations/migrate.js';
import { usePostgres, waitFor } from '../../support/postgres.js';
import { migrationsDir, spawnMigrate } from './helpers.js';

const pg = usePostgres();

describe('a migrator killed with SIGKILL in the middle of a long file', () => {
  it('leaves no partial schema and no history row; the next run completes', async () => {
    const url = await pg.createDatabase();
    // The sleep length comes from a table so the very same file is quick on the second run.
    await pg.query(url, 'create table public.knobs (seconds float not null); insert into public.knobs values (60)');
    const dir = migrationsDir({
      '20240101000001_first.sql': 'create table first (id int);',
      '20240101000002_long.sql':
        'create table half_done (id int);\nselect pg_sleep(seconds) from public.knobs;\ncreate table after_sleep (id int);\n',
      '20240101000003_third.sql': 'create table third (id int);',
    });
    const { child, done } = spawnMigrate(['--db-url', url, '--dir', dir, '--no-backup']);
    const sleeping = async () =>
      (
        await pg.query(
          url,
          `select 1 from pg_stat_activity where application_name = 'shipline-migrate' and state = 'active' and query like '%pg_sleep%'`,
        )
      ).length === 1;
    await waitFor(sleeping, 'the child to reach pg_sleep');
    child.kill('SIGKILL');
    expect((await done).signal).toBe('SIGKILL');

    // The server notices the dead client (client_connection_check_interval) and rolls its transaction back.
    await waitFor(
      async () =>
        (await pg.query(url, `select 1 from pg_stat_activity where application_name = 'shipline-migrate'`)).length ===
        0,
      'the dead session to end',
    );
    expect(await pg.query(url, `select to_regclass('public.half_done') as t`)).toEqual([{ t: null }]);
    expect(await pg.query(url, 'select version from supabase_migrations.schema_migrations')).toEqual([
      { version: '20240101000001' },
    ]);

    await pg.query(url, 'update public.knobs set seconds = 0');
    const result = await migrate({ databaseUrl: url, migrationsDir: dir, advisoryLockTimeoutMs: 30_000 });
    expect(result.applied.map((a) => a.name)).toEqual(['long', 'third']);
    const history = await pg.query(
      url,
      'select version, count(*)::int as n from supabase_migrations.schema_migrations group by 1 order by 1',
    );
    expect(history).toEqual([
      { version: '20240101000001', n: 1 },
      { version: '20240101000002', n: 1 },
      { version: '20240101000003', n: 1 },
    ]);
    const tables = await pg.query<{ t: string }>(
      url,
      `select table_name as t from information_schema.tables where table_schema = 'public' order by 1`,
    );
    expect(tables.map((r) => r.t)).toEqual(['after_sleep', 'first', 'half_done', 'knobs', 'third']);
  });
});
