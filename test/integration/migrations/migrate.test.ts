import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg_ from 'pg';
import { describe, expect, it } from 'vitest';
import { MemoryLogger } from '../../../lib/core/logger.js';
import { Redactor } from '../../../lib/core/redact.js';
import { MigrationError } from '../../../lib/supabase/migrations/errors.js';
import { migrate } from '../../../lib/supabase/migrations/migrate.js';
import { usePostgres } from '../../support/postgres.js';
import { EXAMPLE_MIGRATIONS, exampleProject, migrationsDir } from './helpers.js';

const { Client } = pg_;
const pg = usePostgres();

async function failure(promise: Promise<unknown>): Promise<MigrationError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof MigrationError) return error;
    throw error;
  }
  throw new Error('expected the run to fail');
}

describe('migrate on PostgreSQL 15 with the Supabase baseline', () => {
  it('applies the example shop migrations (auth.users, auth.uid(), RLS, trigger, concurrent index)', async () => {
    const url = await pg.createDatabase();
    const logger = new MemoryLogger();
    const result = await migrate({ databaseUrl: url, migrationsDir: EXAMPLE_MIGRATIONS, logger });
    expect(result.applied.map((a) => a.name)).toEqual([
      'create_profiles',
      'create_products',
      'create_orders',
      'index_orders_by_user',
      'profile_on_signup',
    ]);
    expect(result.headVersion).toBe('20240901094000');
    expect(result.pending).toEqual([]);

    // The signup trigger creates a profile; RLS with auth.uid() shows each user only their own orders.
    const [alice, bob] = ['00000000-0000-0000-0000-00000000000a', '00000000-0000-0000-0000-00000000000b'];
    await pg.query(
      url,
      `insert into auth.users (id, email, raw_user_meta_data) values
         ($1, 'alice@example.com', '{"full_name":"Alice"}'), ($2, 'bob@example.com', '{}');
       insert into public.orders (user_id) values ($1), ($2), ($2)`
        .replace(/\$1/g, `'${alice}'`)
        .replace(/\$2/g, `'${bob}'`),
    );
    expect(await pg.query(url, 'select full_name from public.profiles order by full_name')).toEqual([
      { full_name: 'Alice' },
      { full_name: null },
    ]);
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      await client.query('begin');
      await client.query(`select set_config('request.jwt.claims', $1, true)`, [
        JSON.stringify({ sub: bob, role: 'authenticated' }),
      ]);
      await client.query('set local role authenticated');
      const visible = await client.query('select user_id, auth.uid() as uid from public.orders');
      expect(visible.rows).toHaveLength(2);
      expect(visible.rows.every((r) => r.user_id === bob && r.uid === bob)).toBe(true);
      await client.query('rollback');
    } finally {
      await client.end();
    }
    const [index] = await pg.query<{ valid: boolean }>(
      url,
      `select i.indisvalid as valid from pg_index i join pg_class c on c.oid = i.indexrelid
        where c.relname = 'orders_user_id_created_at_idx'`,
    );
    expect(index).toEqual({ valid: true });

    // History as the Supabase CLI writes it, plus one checksum row per file; a second run finds nothing to do.
    const history = await pg.query<{ version: string; name: string; n: number; checksum: string }>(
      url,
      `select m.version, m.name, array_length(m.statements, 1) as n, c.checksum
         from supabase_migrations.schema_migrations m join supabase_migrations.shipline_checksums c using (version)
        order by 1`,
    );
    expect(history).toHaveLength(5);
    expect(history.every((h) => h.n > 0 && /^[0-9a-f]{64}$/.test(h.checksum))).toBe(true);
    const again = await migrate({ databaseUrl: url, migrationsDir: EXAMPLE_MIGRATIONS });
    expect(again.applied).toEqual([]);
    expect(again.headVersion).toBe('20240901094000');
    expect(logger.text()).toContain('Applied 20240901093000_index_orders_by_user.sql');
  });

  it('stops at a failing third file of five: two applied, nothing of the rest, error names file and line', async () => {
    const url = await pg.createDatabase();
    const dir = migrationsDir({
      '20240101000001_one.sql': 'create table one (id int);',
      '20240101000002_two.sql': 'create table two (id int);',
      '20240101000003_three.sql':
        'create table three (id int);\ninsert into three values (1);\n\ninsert into three\n  values (nope);\n',
      '20240101000004_four.sql': 'create table four (id int);',
      '20240101000005_five.sql': 'create table five (id int);',
    });
    const error = await failure(migrate({ databaseUrl: url, migrationsDir: dir }));
    expect(error.code).toBe('migration_failed');
    expect(error.file).toBe('20240101000003_three.sql');
    expect(error.line).toBe(5);
    expect(error.message).toContain('20240101000003_three.sql:5');
    expect(error.message).toContain('column "nope" does not exist');
    expect(error.postgres.statement).toContain('values (nope)');
    expect(error.appliedBeforeFailure.map((a) => a.name)).toEqual(['one', 'two']);
    const tables = await pg.query<{ t: string }>(
      url,
      `select table_name as t from information_schema.tables where table_schema = 'public' order by 1`,
    );
    expect(tables.map((r) => r.t)).toEqual(['one', 'two']);
    const versions = await pg.query(url, 'select version from supabase_migrations.schema_migrations order by 1');
    expect(versions).toEqual([{ version: '20240101000001' }, { version: '20240101000002' }]);
  });

  it('refuses an applied file that was edited afterwards, naming it, and changes nothing', async () => {
    const url = await pg.createDatabase();
    const { dir } = exampleProject();
    await migrate({ databaseUrl: url, migrationsDir: dir });
    const before = await pg.query(url, 'select version from supabase_migrations.schema_migrations order by 1');
    const edited = join(dir, '20240901091000_create_products.sql');
    writeFileSync(edited, "set lock_timeout = '5s';\ncreate table public.products (id int);\n");
    writeFileSync(join(dir, '20240901100000_more.sql'), 'create table public.more (id int);');
    const error = await failure(migrate({ databaseUrl: url, migrationsDir: dir }));
    expect(error.code).toBe('edited_applied_file');
    expect(error.file).toBe('20240901091000_create_products.sql');
    expect(error.message).toContain('20240901091000_create_products.sql');
    expect(await pg.query(url, 'select version from supabase_migrations.schema_migrations order by 1')).toEqual(before);
    expect(await pg.query(url, `select to_regclass('public.more') as t`)).toEqual([{ t: null }]);
  });

  it('refuses out-of-order and missing files; allows out of order when told', async () => {
    const url = await pg.createDatabase();
    const dir = migrationsDir({
      '20240101000001_a.sql': 'create table a (id int);',
      '20240101000003_c.sql': 'create table c (id int);',
    });
    await migrate({ databaseUrl: url, migrationsDir: dir });
    writeFileSync(join(dir, '20240101000002_b.sql'), 'create table b (id int);');
    expect((await failure(migrate({ databaseUrl: url, migrationsDir: dir }))).code).toBe('out_of_order');
    const late = await migrate({ databaseUrl: url, migrationsDir: dir, allowOutOfOrder: true });
    expect(late.applied.map((a) => a.version)).toEqual(['20240101000002']);
    const other = migrationsDir({ '20240101000003_c.sql': 'create table c (id int);' });
    const missing = await failure(migrate({ databaseUrl: url, migrationsDir: other, dryRun: true }));
    expect(missing.code).toBe('missing_local_file');
  });

  it('dry run plans without creating anything', async () => {
    const url = await pg.createDatabase();
    const result = await migrate({ databaseUrl: url, migrationsDir: EXAMPLE_MIGRATIONS, dryRun: true });
    expect(result.dryRun).toBe(true);
    expect(result.pending.map((p) => p.version)).toHaveLength(5);
    expect(result.applied).toEqual([]);
    expect(
      await pg.query(url, `select to_regnamespace('supabase_migrations') as s, to_regclass('public.profiles') as t`),
    ).toEqual([{ s: null, t: null }]);
  });

  it('refuses a transactional file that runs its own BEGIN/COMMIT', async () => {
    const url = await pg.createDatabase();
    const dir = migrationsDir({ '20240101000001_tx.sql': 'begin;\ncreate table tx (id int);\ncommit;\n' });
    const error = await failure(migrate({ databaseUrl: url, migrationsDir: dir }));
    expect(error).toMatchObject({ code: 'transaction_control', file: '20240101000001_tx.sql', line: 1 });
    expect(await pg.query(url, `select to_regclass('public.tx') as t`)).toEqual([{ t: null }]);
  });

  it('never prints the URL or password: failing connection and failing migration', async () => {
    const url = await pg.createDatabase();
    const { password } = pg.server;
    const logger = new MemoryLogger();
    const redactor = new Redactor();
    const badUrl = url.replace(encodeURIComponent(password), 'Wr0ng-S3cret-pw');
    const badConn = await failure(
      migrate({ databaseUrl: badUrl, migrationsDir: EXAMPLE_MIGRATIONS, logger, redactor }),
    );
    expect(badConn.code).toBe('connection_failed');
    const dir = migrationsDir({
      // PostgreSQL's own error text carries the password (invalid input syntax for type integer: "<password>").
      '20240101000001_leak.sql': `select '${password}'::int;\n`,
    });
    const badSql = await failure(
      migrate({ databaseUrl: url, migrationsDir: dir, logger, redactor, backupDir: undefined }),
    );
    expect(badSql.code).toBe('migration_failed');
    expect(badSql.postgres?.sqlState).toBe('22P02');
    expect(badSql.message).toContain('invalid input syntax for type integer: "***"');
    const everything = [
      badConn.message,
      badConn.hint,
      badSql.message,
      badSql.hint,
      JSON.stringify(badSql.postgres),
      logger.text(),
    ].join('\n');
    for (const secret of [password, 'Wr0ng-S3cret-pw', url, badUrl]) expect(everything).not.toContain(secret);
    expect(everything).toContain('***');
  });
});
