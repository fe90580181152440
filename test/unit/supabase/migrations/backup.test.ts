import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../../../lib/core/clock.js';
import { Redactor } from '../../../../lib/core/redact.js';
import { backupDatabase, splitPassword } from '../../../../lib/supabase/migrations/backup.js';

describe('splitPassword', () => {
  it('takes the password out of the URL for PGPASSWORD, decoded', () => {
    const { url, password } = splitPassword(
      'postgres://postgres.abc:p%40ss%2Fw0rd@db.example.com:5432/postgres?sslmode=require',
    );
    expect(password).toBe('p@ss/w0rd');
    expect(url).toBe('postgres://postgres.abc@db.example.com:5432/postgres?sslmode=require');
    expect(url).not.toContain('w0rd');
  });
});

describe('backupDatabase', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('redacts the password from pg_dump’s stderr when it fails', async () => {
    dir = mkdtempSync(join(tmpdir(), 'shipline-backup-unit-'));
    const stub = join(dir, 'pg_dump');
    // A pg_dump that leaks what it was given: the password from PGPASSWORD, on stderr, then fails.
    writeFileSync(stub, '#!/bin/sh\necho "pg_dump: error: auth failed for password $PGPASSWORD" >&2\nexit 1\n');
    chmodSync(stub, 0o755);
    const password = 'S3cret-Backup-pw';
    const redactor = new Redactor();
    redactor.add(password);
    const error = await backupDatabase({
      databaseUrl: `postgres://postgres:${password}@127.0.0.1:1/postgres`,
      dir: join(dir, 'out'),
      clock: systemClock,
      redactor,
      pgDump: stub,
      env: { PATH: process.env.PATH },
    }).catch((e) => e);
    expect(error).toMatchObject({ code: 'backup_failed' });
    expect(error.message).toContain('pg_dump: error: auth failed for password ***');
    expect(error.message).not.toContain(password);
  });
});
