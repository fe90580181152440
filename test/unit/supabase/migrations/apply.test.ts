import type pg_ from 'pg';
import { describe, expect, it } from 'vitest';
import { systemClock } from '../../../../lib/core/clock.js';
import { MemoryLogger } from '../../../../lib/core/logger.js';
import { Redactor } from '../../../../lib/core/redact.js';
import { applyMigrations, statementError } from '../../../../lib/supabase/migrations/apply.js';
import { checksumOf, type MigrationFile, NO_TRANSACTION_MARKER } from '../../../../lib/supabase/migrations/files.js';
import { ensureHistoryTables } from '../../../../lib/supabase/migrations/history.js';
import { blankComments } from '../../../../lib/supabase/migrations/statements.js';
import { usePostgres, withClient } from '../../../support/postgres.js';

const pg = usePostgres();

function file(version: string, sql: string): MigrationFile {
  return {
    version,
    name: `f${version}`,
    fileName: `${version}_f${version}.sql`,
    path: `/x/${version}.sql`,
    sql,
    checksum: checksumOf(sql),
    noTransaction: NO_TRANSACTION_MARKER.test(sql),
  };
}

/** A client on `url` whose database has the history tables. */
function withHistory<T>(url: string, fn: (c: pg_.Client) => Promise<T>): Promise<T> {
  return withClient(url, async (client) => {
    await ensureHistoryTables(client);
    return fn(client);
  });
}

const options = () => ({
  logger: new MemoryLogger(),
  redactor: new Redactor(),
  clock: systemClock,
  appliedBy: 'test',
  lockTimeout: '5s',
  statementTimeout: '1min',
});

describe('applyMigrations', () => {
  it('points at the line inside a multi-line statement and rolls the file back', async () => {
    const url = await pg.createDatabase({ baseline: false });
    const bad = file('2', 'create table ok2 (id int);\n\ncreate table t (\n  id int,\n  x nosuchtype\n);\n');
    const error = await withHistory(url, (c) =>
      applyMigrations(c, [file('1', 'create table ok1 (id int);'), bad], options()),
    ).catch((e) => e);
    expect(error).toMatchObject({ code: 'migration_failed', file: bad.fileName, line: 5 });
    expect(error.postgres).toMatchObject({ sqlState: '42704' });
    expect(error.message).toContain('Line 5: x nosuchtype');
    expect(error.appliedBeforeFailure.map((a: { version: string }) => a.version)).toEqual(['1']);
    expect(await pg.query(url, `select to_regclass('ok1')::text as a, to_regclass('ok2')::text as b`)).toEqual([
      { a: 'ok1', b: null },
    ]);
  });

  it('runs a no-transaction file statement by statement and records it after the last one', async () => {
    const url = await pg.createDatabase({ baseline: false });
    await pg.query(url, 'create table items (id int)');
    const concurrent = file('1', '-- shipline:no-transaction\ncreate index concurrently items_id on items (id);\n');
    const applied = await withHistory(url, (c) => applyMigrations(c, [concurrent], options()));
    expect(applied).toMatchObject([{ version: '1', noTransaction: true }]);
    expect(await pg.query(url, 'select version from supabase_migrations.schema_migrations')).toEqual([
      { version: '1' },
    ]);
  });

  it('says what stayed applied when a no-transaction file fails half-way, and records nothing', async () => {
    const url = await pg.createDatabase({ baseline: false });
    const half = file(
      '1',
      '-- shipline:no-transaction\ncreate table kept (id int);\ncreate index concurrently nope on missing (id);\n',
    );
    const error = await withHistory(url, (c) => applyMigrations(c, [half], options())).catch((e) => e);
    expect(error).toMatchObject({ code: 'migration_failed', line: 3 });
    expect(error.hint).toContain('outside a transaction');
    expect(await pg.query(url, `select to_regclass('kept')::text as t`)).toEqual([{ t: 'kept' }]);
    expect(await pg.query(url, 'select count(*)::int as n from supabase_migrations.schema_migrations')).toEqual([
      { n: 0 },
    ]);
  });

  it('sees a COMMIT behind a nested block comment and applies nothing of the file', async () => {
    const url = await pg.createDatabase({ baseline: false });
    const sql = 'create table a (id int); /* x /* y */ */ commit; create table b (id int); select 1/0;';
    const error = await withHistory(url, (c) => applyMigrations(c, [file('1', sql)], options())).catch((e) => e);
    expect(error).toMatchObject({ code: 'transaction_control', line: 1 });
    expect(await pg.query(url, `select to_regclass('a')::text as a`)).toEqual([{ a: null }]);
    expect(await pg.query(url, 'select count(*)::int as n from supabase_migrations.schema_migrations')).toEqual([
      { n: 0 },
    ]);
  });

  it('names the failing statement after a comment-only piece with a nested comment (no error position)', async () => {
    const url = await pg.createDatabase({ baseline: false });
    const sql = 'create table a (id int);\n/* x /* y */ */;\ncreate table b (id int);\nselect 1/0;\n';
    const error = await withHistory(url, (c) => applyMigrations(c, [file('1', sql)], options())).catch((e) => e);
    expect(error).toMatchObject({ code: 'migration_failed', line: 4, postgres: { sqlState: '22012' } });
    expect(error.message).toContain('Statement (line 4): select 1/0');
    expect(await pg.query(url, `select to_regclass('a')::text as a`)).toEqual([{ a: null }]);
  });

  it('honours statement_timeout', async () => {
    const url = await pg.createDatabase({ baseline: false });
    const slow = file('1', 'select pg_sleep(5);');
    const error = await withHistory(url, (c) =>
      applyMigrations(c, [slow], { ...options(), statementTimeout: '200ms' }),
    ).catch((e) => e);
    expect(error).toMatchObject({ code: 'migration_failed', postgres: { sqlState: '57014' } });
    expect(error.hint).toContain('statement_timeout');
  });
});

describe('no-transaction files and invalid indexes', () => {
  it('refuses to record a file whose concurrent index exists but is INVALID', async () => {
    const url = await pg.createDatabase({ baseline: false });
    await pg.query(url, 'create table dupes (v int); insert into dupes values (1), (1)');
    // A failed concurrent build leaves an INVALID index behind.
    await pg.query(url, 'create unique index concurrently dupes_v on dupes (v)').catch(() => undefined);
    const sql = '-- shipline:no-transaction\n\ncreate unique index concurrently if not exists dupes_v on dupes (v);\n';
    const error = await withHistory(url, (c) => applyMigrations(c, [file('1', sql)], options())).catch((e) => e);
    expect(error).toMatchObject({ code: 'invalid_index', line: 3 });
    expect(error.hint).toContain('drop index concurrently public.dupes_v');
    expect(await pg.query(url, 'select count(*)::int as n from supabase_migrations.schema_migrations')).toEqual([
      { n: 0 },
    ]);
  });

  it('ignores an unrelated INVALID index that the file only mentions in a comment or inside a longer name', async () => {
    const url = await pg.createDatabase({ baseline: false });
    await pg.query(url, 'create table dupes (v int); insert into dupes values (1), (1); create table t (c int)');
    await pg.query(url, 'create unique index concurrently dupes_v on dupes (v)').catch(() => undefined);
    const sql =
      '-- shipline:no-transaction\n-- unlike dupes_v, this one builds fine\ncreate index concurrently if not exists dupes_v2 on t (c);\n';
    await withHistory(url, (c) => applyMigrations(c, [file('1', sql)], options()));
    expect(await pg.query(url, 'select count(*)::int as n from supabase_migrations.schema_migrations')).toEqual([
      { n: 1 },
    ]);
  });
});

describe('blankComments', () => {
  it('blanks line and nested block comments but keeps offsets and newlines', () => {
    const sql = 'select 1; -- note\n/* a /* b */ c */ select 2;';
    const blanked = blankComments(sql);
    expect(blanked).toHaveLength(sql.length);
    expect(blanked.split('\n')).toHaveLength(2);
    expect(blanked.replace(/\s+/g, ' ').trim()).toBe('select 1; select 2;');
  });

  it('keeps comment markers inside string literals, quoted identifiers and dollar quotes', () => {
    const sql = `select '--', '/*', "a--b", $$ /* x $$; -- gone\nselect 2;`;
    expect(blankComments(sql)).toBe(`select '--', '/*', "a--b", $$ /* x $$;        \nselect 2;`);
  });
});

describe('statementError excerpts (issue 7 §5: redact first, then cut)', () => {
  it('never prints part of a secret that straddles the 200-character cut of a statement or error line', () => {
    const secret = 'Straddling-Secret-0123456789';
    const sql = `insert into t values ('${'x'.repeat(163)}', '${secret}');\nselect 1;\n`;
    const redactor = new Redactor();
    redactor.add(secret);
    const error = statementError(
      file('20240101000000', sql),
      { statement: { start: 0, code: 0, end: sql.indexOf(';'), text: sql.slice(0, sql.indexOf(';')) } },
      new Error('boom'),
      redactor,
      false,
    );
    // The cut falls inside the secret: before the fix its first half ("Straddling-Sec…") was printed.
    expect(error.message).not.toContain(secret.slice(0, 8));
    expect(error.message).toContain('***');
  });
});

describe('what travels to the server (issue 7 §10)', () => {
  it('sends the file text once: the history statements are a bound parameter, not a second copy of the SQL', async () => {
    const url = await pg.createDatabase({ baseline: false });
    const marker = 'marker_7c1d';
    const sent: Array<{ text: string; values?: unknown[] }> = [];
    await withHistory(url, (c) => {
      const recording = {
        query: (...args: Parameters<pg_.Client['query']>) => {
          const [config, values] = args as unknown as [unknown, unknown];
          const text = typeof config === 'string' ? config : ((config as { text?: string }).text ?? '');
          sent.push({ text, ...(Array.isArray(values) ? { values } : {}) });
          return (c.query as (...a: unknown[]) => unknown)(...args);
        },
      } as unknown as pg_.Client;
      return applyMigrations(recording, [file('1', `create table ${marker} (id int);\nselect 1;\n`)], options());
    });
    const copies = sent.reduce((n, q) => n + q.text.split(marker).length - 1, 0);
    expect(copies).toBe(1);
    const history = sent.find((q) => q.values?.some((v) => Array.isArray(v)));
    expect(history?.values).toContainEqual([`create table ${marker} (id int)`, 'select 1']);
    expect(await pg.query(url, 'select statements from supabase_migrations.schema_migrations')).toEqual([
      { statements: [`create table ${marker} (id int)`, 'select 1'] },
    ]);
  });
});

describe('the history guard (a COMMIT that got past the checks)', () => {
  it('writes no history row when the file ended the transaction, and says part may be committed', async () => {
    const url = await pg.createDatabase({ baseline: false });
    // preflighted: true skips the parser's refusal, standing in for a COMMIT it could not see.
    const sql = 'create table early (id int);\ncommit;\ncreate table late (id int);\n';
    const error = await withHistory(url, (c) =>
      applyMigrations(c, [file('1', sql)], { ...options(), preflighted: true }),
    ).catch((e) => e);
    expect(error).toMatchObject({ code: 'transaction_control' });
    expect(error.message).toContain('history row was NOT written');
    expect(await pg.query(url, 'select count(*)::int as n from supabase_migrations.schema_migrations')).toEqual([
      { n: 0 },
    ]);
  });
});
