/** `shipline migrate`: plan and apply supabase/migrations against a database; exit 0 (done), 1 (refused or failed), 2 (usage). */
import { join, resolve } from 'node:path';
import { systemClock } from '../../lib/core/clock.js';
import { describeError } from '../../lib/core/errors.js';
import { Redactor, redactingLogger } from '../../lib/core/redact.js';
import { MigrationError } from '../../lib/supabase/migrations/errors.js';
import { migrate } from '../../lib/supabase/migrations/migrate.js';
import { renderText } from '../../lib/supabase/migrations/report.js';
import { formatOptions, type OptionSpecs, parseArgs, UsageError } from '../args.js';
import { type CliIO, processIO, terminalLogger } from '../terminal-logger.js';

/** Exit codes of `shipline migrate`. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

export const OPTIONS: OptionSpecs = {
  'db-url': { type: 'string', description: 'PostgreSQL URL (default: $SUPABASE_DB_URL)' },
  dir: { type: 'string', description: 'Migrations directory (default: supabase/migrations)' },
  'dry-run': { type: 'boolean', description: 'Only show the plan; change nothing' },
  'allow-out-of-order': { type: 'boolean', description: 'Apply pending files older than the newest applied one' },
  'no-backup': { type: 'boolean', description: 'Skip the pg_dump backup before applying' },
  'backup-dir': { type: 'string', description: 'Where the backup goes (default: .shipline/backups)' },
  'lock-timeout': { type: 'string', description: 'lock_timeout for the session (default 5s)' },
  'statement-timeout': { type: 'string', description: 'statement_timeout for the session (default 15min)' },
  wait: { type: 'string', description: 'Seconds to wait for another run holding the migration lock (default 60)' },
  verbose: { type: 'boolean', short: 'v', description: 'Show debug output' },
  help: { type: 'boolean', short: 'h', description: 'Show this help' },
};

export const USAGE = `Usage: shipline migrate [options]

Applies supabase/migrations/<version>_<name>.sql files that the database has not run yet, under one advisory
lock, each file in its own transaction with its history row (compatible with \`supabase migration list\`).
Prints the plan/history table. Exit code 0: done (or nothing to do), 1: refused or failed, 2: usage error.

Options:
${formatOptions(OPTIONS)}
`;

/** Runs `shipline migrate` with `argv` (the words after `migrate`); returns the exit code. */
export async function run(argv: string[], io: CliIO = processIO()): Promise<number> {
  const { values } = parseArgs(argv, OPTIONS);
  if (values.help) {
    io.stdout(USAGE);
    return EXIT.ok;
  }
  const str = (name: string) => (typeof values[name] === 'string' ? (values[name] as string) : undefined);
  const databaseUrl = str('db-url') ?? io.env.SUPABASE_DB_URL ?? '';
  if (!databaseUrl) {
    throw new UsageError('usage', 'No database URL: pass --db-url or set SUPABASE_DB_URL');
  }
  const wait = Number(str('wait') ?? '60');
  if (!Number.isFinite(wait) || wait < 0) throw new UsageError('usage', '--wait takes a number of seconds');
  const redactor = new Redactor();
  redactor.add(databaseUrl);
  redactor.addUrlCredentials(databaseUrl);
  const logger = redactingLogger(terminalLogger(io, { verbose: values.verbose === true }), redactor);
  const migrationsDir = resolve(io.cwd, str('dir') ?? 'supabase/migrations');
  try {
    const result = await migrate({
      databaseUrl,
      env: io.env,
      migrationsDir,
      dryRun: values['dry-run'] === true,
      allowOutOfOrder: values['allow-out-of-order'] === true,
      backupDir:
        values['no-backup'] === true ? undefined : resolve(io.cwd, str('backup-dir') ?? join('.shipline', 'backups')),
      lockTimeout: str('lock-timeout'),
      statementTimeout: str('statement-timeout'),
      advisoryLockTimeoutMs: Math.round(wait * 1000),
      appliedBy: `shipline-cli:${io.env.USER ?? 'unknown'}`,
      logger,
      redactor,
      clock: systemClock,
    });
    io.stdout(`${redactor.redact(renderText(result))}\n`);
    if (result.backupPath) io.stdout(`Backup: ${result.backupPath}\n`);
    return EXIT.ok;
  } catch (error) {
    const where =
      error instanceof MigrationError && error.file ? ` (${join(migrationsDir, error.file)}:${error.line ?? 1})` : '';
    io.stderr(`error: ${redactor.redact(describeError(error))}${where}\n`);
    return EXIT.failed;
  }
}
