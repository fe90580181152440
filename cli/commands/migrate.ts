/** `shipline migrate`: plan and apply supabase/migrations against a database; exit 0 (done), 1 (refused or failed), 2 (usage). */
import { join, resolve } from 'node:path';
import { loadConfig } from '../../lib/config/loader.js';
import { migrationSettings } from '../../lib/config/migration-settings.js';
import { DEFAULT_CONFIG_PATH } from '../../lib/config/schema.js';
import { describeError } from '../../lib/core/errors.js';
import { Redactor, redactingLogger } from '../../lib/core/redact.js';
import { parseConnectionUrl } from '../../lib/postgres/connection-url.js';
import { MigrationError } from '../../lib/supabase/migrations/errors.js';
import { migrate } from '../../lib/supabase/migrations/migrate.js';
import { renderText } from '../../lib/supabase/migrations/report.js';
import { formatOptions, type OptionSpecs, parseArgs, UsageError } from '../args.js';
import { type CliIO, processIO, terminalLogger } from '../terminal-logger.js';

/** Exit codes of `shipline migrate`. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

export const OPTIONS: OptionSpecs = {
  'db-url': { type: 'string', description: 'PostgreSQL URL (default: $SUPABASE_DB_URL)' },
  config: {
    type: 'string',
    description: 'Configuration file whose supabase settings are the defaults (default .github/shipline.yml)',
  },
  dir: { type: 'string', description: "Migrations directory (default: the config's supabase.migrations-dir)" },
  'dry-run': { type: 'boolean', description: 'Only show the plan; change nothing' },
  'allow-out-of-order': { type: 'boolean', description: 'Apply pending files older than the newest applied one' },
  'no-backup': { type: 'boolean', description: 'Skip the pg_dump backup before applying' },
  'backup-dir': { type: 'string', description: 'Where the backup goes (default: .shipline/backups)' },
  'lock-timeout': { type: 'string', description: "lock_timeout for the session (default: the config's, 5s)" },
  'statement-timeout': {
    type: 'string',
    description: "statement_timeout for the session (default: the config's, 15min)",
  },
  wait: {
    type: 'string',
    description: "Seconds to wait for another run holding the migration lock (default: the config's, 60)",
  },
  verbose: { type: 'boolean', short: 'v', description: 'Show debug output' },
  help: { type: 'boolean', short: 'h', description: 'Show this help' },
};

export const USAGE = `Usage: shipline migrate [options]

Applies supabase/migrations/<version>_<name>.sql files that the database has not run yet, under one advisory
lock, each file in its own transaction with its history row (compatible with \`supabase migration list\`).
Every file starts from the same session state. \`.sql\` files that are not migrations (seed.sql) are skipped with a
notice. Prints the plan/history table. Exit code 0: done (or nothing to do), 1: refused or failed, 2: usage error
(including a malformed or non-PostgreSQL database URL).

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
    throw new UsageError('usage', 'No database URL: pass --db-url or set SUPABASE_DB_URL', {
      hint: 'e.g. --db-url postgres://postgres:<password>@<host>:5432/postgres (the session pooler or a direct connection).',
    });
  }
  // A malformed or non-PostgreSQL URL is a usage error (exit 2); the message never echoes the URL.
  parseConnectionUrl(databaseUrl);
  const redactor = new Redactor();
  redactor.add(databaseUrl);
  redactor.addUrlCredentials(databaseUrl);
  const logger = redactingLogger(terminalLogger(io, { verbose: values.verbose === true }), redactor);
  const configPath = str('config') ?? DEFAULT_CONFIG_PATH;
  const { config } = await loadConfig(configPath, { cwd: io.cwd, allowMissing: str('config') === undefined });
  const settings = migrationSettings(
    config,
    {
      migrationsDir: str('dir'),
      lockTimeout: str('lock-timeout'),
      statementTimeout: str('statement-timeout'),
      advisoryLockTimeout: str('wait'),
      ...(values['allow-out-of-order'] === true ? { allowOutOfOrder: true } : {}),
      ...(values['no-backup'] === true ? { backup: false } : {}),
    },
    { lockTimeout: '--lock-timeout', statementTimeout: '--statement-timeout', advisoryLockTimeout: '--wait' },
  );
  const migrationsDir = resolve(io.cwd, settings.migrationsDir);
  try {
    const result = await migrate({
      databaseUrl,
      env: io.env,
      migrationsDir,
      dryRun: values['dry-run'] === true,
      allowOutOfOrder: settings.allowOutOfOrder,
      backupDir: settings.backup ? resolve(io.cwd, str('backup-dir') ?? join('.shipline', 'backups')) : undefined,
      lockTimeout: settings.lockTimeout,
      statementTimeout: settings.statementTimeout,
      advisoryLockTimeoutMs: settings.advisoryLockTimeoutMs,
      appliedBy: `shipline-cli:${io.env.USER ?? 'unknown'}`,
      logger,
      redactor,
      clock: io.clock,
    });
    io.stdout(`${redactor.redact(renderText(result))}\n`);
    if (result.backupPath) io.stdout(`Backup: ${result.backupPath}\n`);
    return EXIT.ok;
  } catch (error) {
    const where =
      error instanceof MigrationError && error.file
        ? ` (${join(migrationsDir, error.file)}${error.line ? `:${error.line}${error.column ? `:${error.column}` : ''}` : ''})`
        : '';
    io.stderr(`error: ${redactor.redact(describeError(error))}${where}\n`);
    return EXIT.failed;
  }
}
