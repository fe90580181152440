import { execFile } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { MemoryLogger } from '../../../lib/core/logger.js';
import { Redactor } from '../../../lib/core/redact.js';
import { libpqEnvironment, parseConnectionUrl } from '../../../lib/postgres/connection-url.js';
import { migrate } from '../../../lib/supabase/migrations/migrate.js';
import { usePostgres } from '../../support/postgres.js';
import { EXAMPLE_MIGRATIONS, migrationsDir, tempDir } from './helpers.js';

const pg = usePostgres();
const run = promisify(execFile);

describe('backup before applying', () => {
  it('writes a pg_dump custom-format file that pg_restore restores into a new database', async () => {
    const url = await pg.createDatabase();
    const first = migrationsDir({
      '20240101000001_seed.sql': "create table keep (v text);\ninsert into keep values ('before');",
    });
    await migrate({ databaseUrl: url, migrationsDir: first });
    const backupDir = join(tempDir('backup'), 'nested');
    const dir = migrationsDir({
      '20240101000001_seed.sql': "create table keep (v text);\ninsert into keep values ('before');",
      '20240101000002_more.sql': "insert into keep values ('after');",
    });
    const logger = new MemoryLogger();
    const result = await migrate({ databaseUrl: url, migrationsDir: dir, backupDir, logger });
    expect(result.backupPath).toMatch(/shipline-\d{8}T\d{6}Z-before-20240101000001\.dump$/);
    const path = result.backupPath as string;
    expect(statSync(path).size).toBeGreaterThan(0);

    // Restore into a fresh database (roles exist cluster-wide): the state is the one before the run.
    const target = await pg.createDatabase({ baseline: false });
    const connection = parseConnectionUrl(target);
    await run('pg_restore', ['--no-owner', '--exit-on-error', `--dbname=${connection.database}`, path], {
      env: libpqEnvironment(connection, process.env),
    });
    expect(await pg.query(target, 'select v from keep order by v')).toEqual([{ v: 'before' }]);
    expect(await pg.query(target, 'select version from supabase_migrations.schema_migrations')).toEqual([
      { version: '20240101000001' },
    ]);
    expect(logger.text()).not.toContain(pg.server.password);
  });

  it('is skipped when nothing is pending, and in a dry run', async () => {
    const url = await pg.createDatabase();
    const backupDir = join(tempDir('backup'), 'out');
    const dry = await migrate({ databaseUrl: url, migrationsDir: EXAMPLE_MIGRATIONS, backupDir, dryRun: true });
    expect(dry.backupPath).toBeNull();
    await migrate({ databaseUrl: url, migrationsDir: EXAMPLE_MIGRATIONS });
    const again = await migrate({ databaseUrl: url, migrationsDir: EXAMPLE_MIGRATIONS, backupDir });
    expect(again.backupPath).toBeNull();
    expect(existsSync(backupDir)).toBe(false);
  });

  it('fails before applying anything when pg_dump fails, without leaking the password', async () => {
    const url = await pg.createDatabase();
    const backupDir = tempDir('backup');
    const redactor = new Redactor();
    const error = await migrate({
      databaseUrl: url,
      migrationsDir: EXAMPLE_MIGRATIONS,
      backupDir,
      pgDump: '/nonexistent/pg_dump',
      redactor,
    }).catch((e) => e);
    expect(error.code).toBe('backup_failed');
    expect(await pg.query(url, `select to_regclass('public.profiles') as t`)).toEqual([{ t: null }]);
    expect(`${error.message}${error.hint}`).not.toContain(pg.server.password);
  });
});
