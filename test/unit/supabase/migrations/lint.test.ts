import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrationChecks } from '../../../../lib/checks/migration-checks.js';
import type { CheckContext } from '../../../../lib/checks/types.js';
import { parseConfig } from '../../../../lib/config/loader.js';
import { systemClock } from '../../../../lib/core/clock.js';
import { silentLogger } from '../../../../lib/core/logger.js';
import { Redactor } from '../../../../lib/core/redact.js';
import {
  formatFinding,
  lintMigration,
  lintMigrationSync,
  lintMigrations,
  lintOptionsFor,
  loadSqlParser,
  migrationLintCheck,
} from '../../../../lib/supabase/migrations/lint.js';

const FILE = 'supabase/migrations/20240101000000_change.sql';

describe('lintMigration', () => {
  it('returns nothing for a safe file, an empty file and a comment-only file', async () => {
    const safe = `set lock_timeout = '5s';
create table public.notes (
  id bigint generated always as identity primary key,
  body text not null check (length(body) < 10000),
  created_at timestamptz not null default now()
);
create index notes_created_idx on public.notes (created_at);
alter table public.notes enable row level security;
create policy "read own" on public.notes for select using (true);
create function public.touch() returns trigger language plpgsql as $fn$
begin
  new.created_at := now(); -- a ; inside the body
  return new;
end;
$fn$;
comment on table public.notes is 'Notes; one per line';
insert into public.notes (body) values ('a;b'), ('c');
alter table orders add column note text;
`;
    expect(await lintMigration({ file: FILE, sql: safe })).toEqual([]);
    expect(await lintMigration({ file: FILE, sql: '' })).toEqual([]);
    expect(await lintMigration({ file: FILE, sql: '  \n-- nothing here\n/* really */\n' })).toEqual([]);
  });

  it('reports file, line and column of the statement, skipping comments and blank lines before it', async () => {
    const sql = "set lock_timeout = '5s';\n\n-- drop the old table\n/* really */   drop table legacy;\n";
    const [finding] = await lintMigration({ file: FILE, sql });
    expect(finding).toEqual({
      rule: 'drop-table',
      severity: 'error',
      file: FILE,
      line: 4,
      column: 16,
      message: expect.stringContaining('legacy'),
      fix: expect.stringContaining('shipline:contract'),
    });
  });

  it('computes lines from byte offsets correctly after multi-byte characters', async () => {
    const sql = [
      "set lock_timeout = '5s';",
      '-- Größe, 日本語, emoji 😀🚀 and ‘quotes’ before the statements',
      "comment on table orders is 'Überblick über Bestellungen — 注文 😀';",
      "insert into orders (note) values ('ça coûte 10 €'), ('🍕🍕🍕');",
      '  alter table orders drop column note;',
      "select 'ÄÖÜ'; alter table orders rename column a to b;",
    ].join('\n');
    const findings = await lintMigration({ file: FILE, sql });
    expect(findings.map((f) => [f.rule, f.line, f.column])).toEqual([
      ['drop-column', 5, 3],
      ['rename-column', 6, 15],
    ]);
  });

  it('reports a syntax error with PostgreSQL’s message and the line it is on, even after multi-byte text', async () => {
    const sql =
      '-- Grüße 😀\ncreate table t (id int);\ninsert into t values (1); -- ünïcödé 🚀\ncreate tabel u (id int);\n';
    const findings = await lintMigration({ file: FILE, sql });
    expect(findings).toEqual([
      {
        rule: 'syntax-error',
        severity: 'error',
        file: FILE,
        line: 4,
        column: 8,
        message: expect.stringContaining('syntax error at or near "tabel"'),
        fix: expect.any(String),
      },
    ]);
  });

  it('reports an unterminated dollar-quoted body as a syntax error', async () => {
    const sql = 'create function f() returns int language plpgsql as $$\nbegin\n  return 1;\nend;\n';
    const [finding] = await lintMigration({ file: FILE, sql });
    expect(finding).toMatchObject({ rule: 'syntax-error', severity: 'error' });
    expect(finding?.message).toMatch(/unterminated dollar-quoted string/);
  });

  it('turns destructive errors into warnings in a file marked as a contract step, and leaves lock findings as they are', async () => {
    const sql =
      "-- shipline:contract\nset lock_timeout = '5s';\ndrop table legacy;\nalter table orders drop column note;\nalter table orders alter column id type bigint;";
    const findings = await lintMigration({ file: FILE, sql });
    expect(findings.map((f) => [f.rule, f.severity])).toEqual([
      ['drop-table', 'warning'],
      ['drop-column', 'warning'],
      ['change-column-type', 'warning'],
    ]);
    expect(findings[0]?.message).toMatch(/^\(contract step\)/);
  });

  it('accepts the marker with other spacing or case, but not inside other text', async () => {
    const drop = "set lock_timeout = '5s';\ndrop table legacy;";
    const [marked] = await lintMigration({ file: FILE, sql: `  --Shipline:Contract (remove v1 table)\n${drop}` });
    expect(marked?.severity).toBe('warning');
    const [unmarked] = await lintMigration({ file: FILE, sql: `select '-- shipline:contract';\n${drop}` });
    expect(unmarked?.severity).toBe('error');
  });

  it('treats CREATE TABLE IF NOT EXISTS as a new table: no index or constraint findings on it (issue 7 §6)', async () => {
    const sql = [
      'create table if not exists public.orders (id bigint, user_id uuid, total numeric);',
      'create index orders_user_idx on public.orders (user_id);',
      'alter table only public.orders add constraint orders_pkey primary key (id);',
      'alter table public.orders add constraint orders_total_check check (total >= 0);',
      'create table if not exists public.items as select 1 as id;',
      'create index items_idx on public.items (id);',
    ].join('\n');
    expect(await lintMigration({ file: FILE, sql })).toEqual([]);
  });

  it('does not ask for lock_timeout when the runner sets one for the session, unless the file turns it off', async () => {
    const sql = 'create index orders_idx on orders (id);';
    const onShipline = { sessionLockTimeout: true };
    expect((await lintMigration({ file: FILE, sql }, onShipline)).map((f) => f.rule)).toEqual([
      'index-without-concurrently',
    ]);
    expect((await lintMigration({ file: FILE, sql })).map((f) => f.rule)).toEqual([
      'index-without-concurrently',
      'missing-lock-timeout',
    ]);
    const off = `set lock_timeout = 0;\n${sql}`;
    expect((await lintMigration({ file: FILE, sql: off }, onShipline)).map((f) => f.rule)).toContain(
      'missing-lock-timeout',
    );
  });

  it('derives the session lock_timeout from who applies the files (config supabase.migrations)', () => {
    expect(lintOptionsFor({ 'apply-with': 'shipline', 'lock-timeout': '5s' })).toEqual({ sessionLockTimeout: true });
    expect(lintOptionsFor({ 'apply-with': 'shipline', 'lock-timeout': '0' })).toEqual({ sessionLockTimeout: false });
    expect(lintOptionsFor({ 'apply-with': 'shipline', 'lock-timeout': '0ms' })).toEqual({
      sessionLockTimeout: false,
    });
    expect(lintOptionsFor({ 'apply-with': 'other', 'lock-timeout': '5s' })).toEqual({ sessionLockTimeout: false });
  });

  it('matches schema-qualified and unqualified names of a table created in the file', async () => {
    const sql = 'create table public.t (id int);\ncreate index t_idx on t (id);\nalter table app.t drop column id;';
    const findings = await lintMigration({ file: FILE, sql });
    expect(findings.map((f) => [f.rule, f.line])).toEqual([
      ['drop-column', 3],
      ['missing-lock-timeout', 3],
    ]);
  });

  it('follows a table created then renamed in the same file', async () => {
    const sql =
      'create table draft (id int);\nalter table draft rename to final;\ncreate index final_idx on final (id);';
    expect(await lintMigration({ file: FILE, sql })).toEqual([]);
  });

  it('skips disabled rules', async () => {
    const findings = await lintMigration(
      { file: FILE, sql: 'create index orders_idx on orders (id);' },
      { disabledRules: ['missing-lock-timeout'] },
    );
    expect(findings.map((f) => f.rule)).toEqual(['index-without-concurrently']);
  });

  it('formats a finding on one line', async () => {
    const [finding] = await lintMigration({ file: FILE, sql: "set lock_timeout = '1s';\ndrop table legacy;" });
    expect(formatFinding(finding!)).toMatch(/^supabase\/migrations\/20240101000000_change\.sql:2:1 error drop-table: /);
  });
});

describe('lintMigrations', () => {
  it('lints each file on its own: a table created in an earlier file counts as existing', async () => {
    const findings = await lintMigrations([
      { file: 'a.sql', sql: 'create table t (id int);' },
      { file: 'b.sql', sql: "set lock_timeout = '5s';\ncreate index t_idx on t (id);" },
    ]);
    expect(findings.map((f) => [f.file, f.rule])).toEqual([['b.sql', 'index-without-concurrently']]);
  });
});

describe('lintMigrationSync', () => {
  it('works once the parser is loaded', async () => {
    await loadSqlParser();
    expect(lintMigrationSync({ file: FILE, sql: 'select 1;' })).toEqual([]);
  });
});

describe('migrationLintCheck', () => {
  const ctx: CheckContext = {
    cwd: '/nonexistent',
    logger: silentLogger,
    clock: systemClock,
    redactor: new Redactor(),
    env: {},
  };
  const sources = (files: Record<string, string>) =>
    Object.entries(files).map(([name, sql]) => ({ file: join('supabase', 'migrations', name), sql }));

  it('fails on an error finding and carries file and line for annotations', async () => {
    const files = sources({
      '20240101000000_init.sql': 'create table legacy (id int);',
      '20240102000000_drop.sql': "set lock_timeout = '5s';\n\ndrop table legacy;",
    });
    const result = await migrationLintCheck(files).run(ctx);
    expect(result.status).toBe('fail');
    expect(result.message).toMatch(/2 migration files linted: 1 error, 0 warnings/);
    expect(result.findings).toEqual([
      {
        severity: 'error',
        rule: 'drop-table',
        file: join('supabase', 'migrations', '20240102000000_drop.sql'),
        line: 3,
        message: expect.stringMatching(/legacy[\s\S]*\nFix: /),
      },
    ]);
    expect(result.details).toContain('20240102000000_drop.sql:3:1 error drop-table');
  });

  it('warns on warnings only, passes a clean set, skips when there is nothing to lint', async () => {
    const files = sources({
      '20240101000000_init.sql': 'create table t (id int);',
      '20240102000000_idx.sql': 'create index t_idx on t (id);',
    });
    expect((await migrationLintCheck(files).run(ctx)).status).toBe('warn');
    expect((await migrationLintCheck(files.slice(0, 1)).run(ctx)).status).toBe('pass');
    expect((await migrationLintCheck([]).run(ctx)).status).toBe('skip');
  });

  it('reports syntax errors as failures', async () => {
    const result = await migrationLintCheck(
      sources({ '20240101000000_bad.sql': 'alter tabel t add column x int;' }),
    ).run(ctx);
    expect(result.status).toBe('fail');
    expect(result.findings?.[0]).toMatchObject({ rule: 'syntax-error', line: 1 });
  });
});

describe('a realistic Supabase project (issue 7 §6: findings true for the path the user runs)', () => {
  // 18 files in pg_dump and Supabase CLI style: a remote-schema dump with `SET lock_timeout = 0`, auth-referencing
  // tables, RLS policies, dollar-quoted functions, IF NOT EXISTS, grants, storage policies, a contract step.
  const dir = join(import.meta.dirname, 'fixtures', 'realistic', 'supabase', 'migrations');
  const sources = () =>
    readdirSync(dir)
      .sort()
      .map((name) => ({ file: `supabase/migrations/${name}`, sql: readFileSync(join(dir, name), 'utf8') }));
  const count = (findings: Awaited<ReturnType<typeof lintMigrations>>) => {
    const out: Record<string, number> = {};
    for (const f of findings) out[`${f.rule} ${f.severity}`] = (out[`${f.rule} ${f.severity}`] ?? 0) + 1;
    return out;
  };
  /** Every true finding of the project, one per deliberate risk in the fixture. */
  const RISKS = {
    'index-without-concurrently warning': 1, // 20240104: unique index on the existing posts
    'set-not-null warning': 1, // 20240108
    'change-column-type warning': 1, // 20240109: varchar -> enum
    'constraint-without-not-valid warning': 1, // 20240111: check on the existing posts
    'drop-table warning': 1, // 20240113, a contract step
    'drop-column warning': 1, // 20240113, a contract step
    'rename-column error': 1, // 20240116
    'add-not-null-column-without-default warning': 1, // 20240117
  };

  it('has at least 15 files, all of which parse', () => {
    expect(sources().length).toBeGreaterThanOrEqual(15);
  });

  it('applied by Shipline (session lock_timeout): only the real risks, plus the dump that turns the timeout off', async () => {
    const findings = await lintMigrations(
      sources(),
      lintOptionsFor({ 'apply-with': 'shipline', 'lock-timeout': '5s' }),
    );
    expect(count(findings)).toEqual({ ...RISKS, 'missing-lock-timeout warning': 1 });
    // The one lock_timeout finding: pg_dump's `SET lock_timeout = 0`, then a foreign key that locks auth.users.
    expect(findings.filter((f) => f.rule === 'missing-lock-timeout').map((f) => [f.file, f.line])).toEqual([
      ['supabase/migrations/20240101000000_remote_schema.sql', 69],
    ]);
  });

  it('applied by another tool: every file that locks an existing table without its own lock_timeout', async () => {
    const findings = await lintMigrations(sources(), lintOptionsFor({ 'apply-with': 'other', 'lock-timeout': '5s' }));
    expect(count(findings)).toEqual({ ...RISKS, 'missing-lock-timeout warning': 13 });
  });

  it('validate follows the configuration: the default (Shipline applies) and apply-with: other', async () => {
    const cwd = join(import.meta.dirname, 'fixtures', 'realistic');
    const lint = async (yaml: string) => {
      const [check] = migrationChecks(parseConfig(yaml), { cwd, redactor: new Redactor() });
      return (await check?.run({} as CheckContext))?.message;
    };
    expect(await lint('version: 1\n')).toBe(
      '18 migration files linted: 1 error, 8 warnings. (no database URL: every file linted)',
    );
    expect(await lint('version: 1\nsupabase:\n  migrations:\n    apply-with: other\n')).toBe(
      '18 migration files linted: 1 error, 20 warnings. (no database URL: every file linted)',
    );
    expect(await lint("version: 1\nsupabase:\n  migrations:\n    lock-timeout: '0'\n")).toContain('20 warnings');
  });
});
