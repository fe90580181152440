import { execFile } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Clock } from '../../core/clock.js';
import type { Redactor } from '../../core/redact.js';
import { libpqEnvironment, parseConnectionUrl } from '../../postgres/connection-url.js';
import { MigrationError } from './errors.js';

export interface BackupOptions {
  databaseUrl: string;
  /** Directory the dump is written to (created when missing). */
  dir: string;
  clock: Clock;
  redactor: Redactor;
  /** Label in the file name, e.g. the head version before the run. */
  label?: string;
  /** pg_dump binary; default `pg_dump` from PATH. */
  pgDump?: string;
  /** Environment for pg_dump (adapters pass theirs); the URL's parts are added as PG* variables. Default: a standard PATH. */
  env?: Record<string, string | undefined>;
}

/** PATH used when the caller passes no environment (pg_dump lives in /usr/bin on runners and Debian). */
const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/**
 * Dumps the database with `pg_dump --format=custom` (restorable with pg_restore) and returns the file path.
 * The connection (host, user, password, database, sslmode…) travels in libpq's PG* environment variables, never on
 * the command line; pg_dump's errors are redacted.
 */
export async function backupDatabase(options: BackupOptions): Promise<string> {
  const env = libpqEnvironment(parseConnectionUrl(options.databaseUrl), options.env ?? { PATH: DEFAULT_PATH });
  await mkdir(options.dir, { recursive: true });
  const stamp = options.clock.now().toISOString().replace(/[-:]/g, '').replace(/\..*$/, 'Z');
  const label = options.label ? `-before-${options.label.replace(/[^A-Za-z0-9_.-]/g, '_')}` : '';
  const path = join(options.dir, `shipline-${stamp}${label}.dump`);
  const argv = ['--format=custom', '--no-password', `--file=${path}`];
  await new Promise<void>((resolve, reject) => {
    execFile(options.pgDump ?? 'pg_dump', argv, { env, maxBuffer: 16 * 1024 * 1024 }, (error, _stdout, stderr) => {
      if (!error) {
        resolve();
        return;
      }
      const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
      reject(
        new MigrationError(
          'backup_failed',
          missing
            ? `pg_dump was not found (${options.pgDump ?? 'pg_dump'}); no backup was taken and nothing was applied`
            : `pg_dump failed; nothing was applied: ${options.redactor.redact(String(stderr || error.message).trim())}`,
          {
            hint: missing
              ? 'Install the PostgreSQL client matching the server version (apt-get install postgresql-client), or set backup: false.'
              : 'Check that the database user may read every schema, and that pg_dump is at least the server version.',
          },
        ),
      );
    });
  });
  return path;
}
