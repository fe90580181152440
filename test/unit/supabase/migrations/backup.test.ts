import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../../../lib/core/clock.js';
import { Redactor } from '../../../../lib/core/redact.js';
import { backupDatabase } from '../../../../lib/supabase/migrations/backup.js';

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

  /** A pg_dump that records its argv and PG* environment, then fails, so the test can read what it was given. */
  function recordingPgDump(into: string): string {
    const stub = join(into, 'pg_dump');
    writeFileSync(
      stub,
      `#!/bin/sh\nprintf '%s\\n' "$@" > "${into}/argv"\nenv | grep '^PG' | sort > "${into}/env"\nexit 1\n`,
    );
    chmodSync(stub, 0o755);
    return stub;
  }

  it('passes every credential form through the environment, never argv (userinfo, ?password=, raw %)', async () => {
    dir = mkdtempSync(join(tmpdir(), 'shipline-backup-unit-'));
    const stub = recordingPgDump(dir);
    for (const [databaseUrl, expected] of [
      ['postgres://app:Query-pw-77@db.example.com:6000/shop?sslmode=require', 'Query-pw-77'],
      ['postgres://app@db.example.com:6000/shop?password=Query-pw-77&sslmode=require', 'Query-pw-77'],
      ['postgres://app:50%off-pw@db.example.com:6000/shop?sslmode=require', '50%off-pw'],
    ] as const) {
      await backupDatabase({
        databaseUrl,
        dir: join(dir, 'out'),
        clock: systemClock,
        redactor: new Redactor(),
        pgDump: stub,
        env: { PATH: process.env.PATH },
      }).catch(() => undefined);
      const argv = readFileSync(join(dir, 'argv'), 'utf8');
      expect(argv).not.toContain('pw');
      expect(argv).not.toContain('db.example.com');
      expect(readFileSync(join(dir, 'env'), 'utf8').split('\n')).toEqual(
        expect.arrayContaining([
          `PGPASSWORD=${expected}`,
          'PGHOST=db.example.com',
          'PGPORT=6000',
          'PGUSER=app',
          'PGDATABASE=shop',
          'PGSSLMODE=require',
        ]),
      );
    }
  });

  it('keeps an inherited PGPASSWORD when the URL has no password', async () => {
    dir = mkdtempSync(join(tmpdir(), 'shipline-backup-unit-'));
    const stub = recordingPgDump(dir);
    await backupDatabase({
      databaseUrl: 'postgres://app@db.example.com/shop',
      dir: join(dir, 'out'),
      clock: systemClock,
      redactor: new Redactor(),
      pgDump: stub,
      env: { PATH: process.env.PATH, PGPASSWORD: 'from-the-environment' },
    }).catch(() => undefined);
    expect(readFileSync(join(dir, 'env'), 'utf8')).toContain('PGPASSWORD=from-the-environment\n');
  });
});
