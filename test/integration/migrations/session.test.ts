/**
 * Issue 7 §2–4 against real PostgreSQL 15: each file starts from the same session state, the server and Shipline
 * read a file the same way (a COMMIT is refused before anything runs), nothing is written before the plan passes,
 * errors point at the file's real line and column, and BOM / CRLF is not an edit.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MemoryLogger } from '../../../lib/core/logger.js';
import { MigrationError } from '../../../lib/supabase/migrations/errors.js';
import { migrate } from '../../../lib/supabase/migrations/migrate.js';
import { usePostgres } from '../../support/postgres.js';
import { migrationsDir } from './helpers.js';

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

const PG_DUMP_HEADER = `--
-- PostgreSQL database dump
--

SET statement_timeout = 0;
SET lock_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET client_min_messages = warning;

CREATE TABLE public.dumped (id integer NOT NULL);
`;

const tables = (url: string) =>
  pg
    .query<{ t: string }>(
      url,
      `select table_name as t from information_schema.tables where table_schema = 'public' order by 1`,
    )
    .then((rows) => rows.map((r) => r.t));

/** Whether the run created Shipline's history schema (nothing may be written before the plan passes). */
const historySchema = (url: string) =>
  pg
    .query<{ s: string | null }>(url, `select to_regnamespace('supabase_migrations')::text as s`)
    .then((rows) => rows[0]?.s ?? null);

describe('each file starts from the same session state (issue 7 §2)', () => {
  it('applies a pg_dump-style file and then a file with unqualified names, like supabase db push', async () => {
    const url = await pg.createDatabase();
    const dir = migrationsDir({
      '20240101000001_dump.sql': PG_DUMP_HEADER,
      '20240101000002_plain.sql': 'create table plain (id int);\ninsert into plain values (1);\n',
    });
    const result = await migrate({ databaseUrl: url, migrationsDir: dir });
    expect(result.applied.map((a) => a.name)).toEqual(['dump', 'plain']);
    expect(await tables(url)).toEqual(['dumped', 'plain']);
  });

  it('does not carry SET ROLE, SET SESSION AUTHORIZATION, settings or temp tables into the next file', async () => {
    const url = await pg.createDatabase();
    await pg.query(url, `create role shipline_limited nologin; create role shipline_other nologin`);
    const dir = migrationsDir({
      '20240101000001_role.sql':
        "set role shipline_limited;\nset application_name = 'leaky';\nset timezone = 'Asia/Tokyo';\ncreate temp table scratch (id int);\n",
      '20240101000002_auth.sql': 'set session authorization shipline_other;\n',
      '20240101000003_check.sql': `create table observed as
  select current_user::text as who, session_user::text as sess, current_setting('application_name') as app,
         current_setting('TimeZone') as tz, current_setting('search_path') as path,
         current_setting('standard_conforming_strings') as scs, current_setting('lock_timeout') as lock,
         (select count(*) from pg_class where relname = 'scratch' and relpersistence = 't')::int as temps;
create temp table scratch (id int);
`,
    });
    await migrate({ databaseUrl: url, migrationsDir: dir, lockTimeout: '7s' });
    const [observed] = await pg.query(url, 'select * from observed');
    const [server] = await pg.query<{ tz: string }>(url, `select current_setting('TimeZone') as tz`);
    expect(observed).toEqual({
      who: pg.server.user,
      sess: pg.server.user,
      app: 'shipline-migrate',
      tz: server?.tz,
      path: '"$user", public',
      scs: 'on',
      lock: '7s',
      temps: 0,
    });
  });

  it('resets standard_conforming_strings after a file that turned it off with set_config in a function', async () => {
    const url = await pg.createDatabase();
    // The setting is changed at run time by a function: no scanner can see it; the session reset undoes it.
    const dir = migrationsDir({
      '20240101000001_fn.sql': `create function public.legacy_strings() returns void language plpgsql as $$
begin
  perform set_config('standard_' || 'conforming_strings', 'off', false);
end $$;
select public.legacy_strings();
`,
      // With the setting still off, '\\' would open a string that swallows the COMMIT below on the server.
      '20240101000002_strings.sql': "create table s (v text);\ninsert into s values ('a\\'); select 1; --');\n",
    });
    await migrate({ databaseUrl: url, migrationsDir: dir });
    expect(await pg.query(url, 'select v from s')).toEqual([{ v: 'a\\' }]);
  });
});

describe('each file starts from the same session state: no-transaction files and database defaults', () => {
  it("does not carry a no-transaction file's search_path into the next file", async () => {
    const url = await pg.createDatabase();
    await pg.query(url, 'create table public.items (id int)');
    const dir = migrationsDir({
      '20240101000001_concurrent.sql':
        "-- shipline:no-transaction\nselect pg_catalog.set_config('search_path', '', false);\ncreate index concurrently items_id on public.items (id);\n",
      '20240101000002_plain.sql': 'create table plain (id int);\n',
    });
    const result = await migrate({ databaseUrl: url, migrationsDir: dir });
    expect(result.applied.map((a) => a.name)).toEqual(['concurrent', 'plain']);
  });

  it('reads every file with standard_conforming_strings on, even when the database default is off', async () => {
    const url = await pg.createDatabase();
    const name = new URL(url).pathname.slice(1);
    await pg.query(url, `alter database "${name}" set standard_conforming_strings = off`);
    const dir = migrationsDir({
      '20240101000001_strings.sql': "create table s (v text);\ninsert into s values ('a\\');\n",
    });
    await migrate({ databaseUrl: url, migrationsDir: dir });
    expect(await pg.query(url, 'select v from s')).toEqual([{ v: 'a\\' }]);
  });
});

describe('the file runs as PostgreSQL reads it; transaction control is refused first (issue 7 §3)', () => {
  it.each([
    ['a -- comment ended by a lone CR', 'create table a (id int); -- note\rcommit;\ncreate table b (id int);\n'],
    ['a dollar quote with a 300-character tag', `select $t${'x'.repeat(300)}$ ; $t${'x'.repeat(300)}$;\ncommit;\n`],
    ['a nested comment', 'create table a (id int); /* x /* y */ */ commit; create table b (id int);'],
  ])('refuses a COMMIT after %s before any file runs, and writes nothing', async (_, sql) => {
    const url = await pg.createDatabase();
    const dir = migrationsDir({
      '20240101000001_first.sql': 'create table first (id int);',
      '20240101000002_tx.sql': sql,
    });
    const error = await failure(migrate({ databaseUrl: url, migrationsDir: dir }));
    expect(error).toMatchObject({ code: 'transaction_control', file: '20240101000002_tx.sql' });
    expect(await tables(url)).toEqual([]);
    expect(await historySchema(url)).toBe(null);
  });

  it('refuses a file that turns standard_conforming_strings off, naming line and column', async () => {
    const url = await pg.createDatabase();
    const dir = migrationsDir({
      '20240101000001_legacy.sql':
        "create table s (v text);\nSET standard_conforming_strings = off;\ninsert into s values ('a\\'');\n",
    });
    const error = await failure(migrate({ databaseUrl: url, migrationsDir: dir }));
    expect(error).toMatchObject({ code: 'string_mode', line: 2, column: 5 });
    expect(await tables(url)).toEqual([]);
  });
});

describe('smaller defects (issue 7 §4)', () => {
  it('writes nothing when the plan is refused: no history schema, no checksum table', async () => {
    const url = await pg.createDatabase();
    const dir = migrationsDir({ '1_a.sql': 'create table a (id int);', '001_b.sql': 'create table b (id int);' });
    const error = await failure(migrate({ databaseUrl: url, migrationsDir: dir }));
    expect(error.code).toBe('ambiguous_order');
    expect(await historySchema(url)).toBe(null);
  });

  it('reports a syntax error at its line and column (as lint does), not at line 1 blaming the connection', async () => {
    const url = await pg.createDatabase();
    const sql =
      '-- orders\ncreate table orders (id int);\n\n/* totals */\ncreate view totals as\n  select count(*)\n  from orders where id >> = 1;\n';
    const dir = migrationsDir({ '20240101000001_syntax.sql': sql });
    const error = await failure(migrate({ databaseUrl: url, migrationsDir: dir }));
    const column = (sql.split('\n')[6] ?? '').indexOf('=') + 1;
    expect(column).toBe(27);
    expect(error).toMatchObject({ code: 'migration_failed', line: 7, column });
    expect(error.message).toContain(`20240101000001_syntax.sql:7:${column}: syntax error at or near "="`);
    expect(error.hint).not.toContain('connection');
    expect(await tables(url)).toEqual([]);
  });

  it('reports an error without a position at the statement, not at the comment above it', async () => {
    const url = await pg.createDatabase();
    const sql = 'create table t (id int);\n\n-- a comment\n-- over two lines\n  select 1/0;\n';
    const dir = migrationsDir({ '20240101000001_div.sql': sql });
    const error = await failure(migrate({ databaseUrl: url, migrationsDir: dir }));
    expect(error).toMatchObject({ code: 'migration_failed', line: 5, column: 3, postgres: { sqlState: '22012' } });
  });

  it('maps positions in text with multi-byte characters and CRLF line ends', async () => {
    const url = await pg.createDatabase();
    const sql = "select 'é😀';\r\ncreate table t (id int);\r\ninsert into t values ('ü', nope);\r\n";
    const dir = migrationsDir({ '20240101000001_utf8.sql': sql });
    const error = await failure(migrate({ databaseUrl: url, migrationsDir: dir }));
    // Characters, not UTF-16 units or bytes: 'ü' is one column.
    expect(error).toMatchObject({ line: 3, column: "insert into t values ('ü', ".length + 1 });
    expect(error.message).toContain('column "nope" does not exist');
  });

  it('does not count a CRLF or BOM checkout of an applied file as an edit', async () => {
    const url = await pg.createDatabase();
    const sql = "-- users\ncreate table people (id int);\ncomment on table people is 'x';\n";
    const dir = migrationsDir({ '20240101000001_people.sql': sql });
    await migrate({ databaseUrl: url, migrationsDir: dir });
    writeFileSync(join(dir, '20240101000001_people.sql'), `\uFEFF${sql.replace(/\n/g, '\r\n')}`);
    const again = await migrate({ databaseUrl: url, migrationsDir: dir });
    expect(again.applied).toEqual([]);
    // A history row written by an older Shipline (sha256 of the raw CRLF bytes) is not an edit either.
    await pg.query(
      url,
      `update supabase_migrations.shipline_checksums set checksum = encode(sha256(convert_to($1, 'UTF8')), 'hex')`,
      [sql.replace(/\n/g, '\r\n')],
    );
    writeFileSync(join(dir, '20240101000001_people.sql'), sql);
    expect((await migrate({ databaseUrl: url, migrationsDir: dir })).applied).toEqual([]);
  });

  it('skips seed.sql with a notice and applies the migrations, like the Supabase CLI', async () => {
    const url = await pg.createDatabase();
    const dir = migrationsDir({
      '20240101000001_a.sql': 'create table a (id int);',
      'seed.sql': 'insert into a values (1);',
    });
    const logger = new MemoryLogger();
    const result = await migrate({ databaseUrl: url, migrationsDir: dir, logger });
    expect(result.applied.map((a) => a.name)).toEqual(['a']);
    expect(result.skipped.map((s) => s.fileName)).toEqual(['seed.sql']);
    expect(logger.text()).toContain('Skipping seed.sql');
    expect(await pg.query(url, 'select count(*)::int as n from a')).toEqual([{ n: 0 }]);
  });
});
