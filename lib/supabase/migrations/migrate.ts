import pg from 'pg';
import { type Clock, systemClock } from '../../core/clock.js';
import { type Logger, silentLogger } from '../../core/logger.js';
import { Redactor } from '../../core/redact.js';
import { parseConnectionUrl } from '../../postgres/connection-url.js';
import { type AppliedMigration, applyMigrations, preflight } from './apply.js';
import { backupDatabase } from './backup.js';
import { MigrationError } from './errors.js';
import { compareVersions, type MigrationFile, readMigrationsDir, type SkippedFile } from './files.js';
import { ensureHistoryTables, type HistoryRow, readHistory, recordChecksum } from './history.js';
import { acquireMigrationLock, describeHolder, releaseMigrationLock } from './lock.js';
import { type MigrationPlan, planMigrations, refusalError } from './plan.js';

export interface MigrateOptions {
  databaseUrl: string;
  /** Directory holding `<version>_<name>.sql` files (usually `supabase/migrations`). */
  migrationsDir: string;
  /** The files of `migrationsDir` when the caller has read them already (readMigrationFiles); read otherwise. */
  files?: MigrationFile[];
  /** Plan only: read the history (without creating anything), change nothing. */
  dryRun?: boolean;
  allowOutOfOrder?: boolean;
  /** Session lock_timeout while applying (PostgreSQL interval text). Default `5s`. */
  lockTimeout?: string;
  /** Session statement_timeout while applying. Default `15min`. */
  statementTimeout?: string;
  /** How long to wait for another run's advisory lock. Default 60 000 ms. */
  advisoryLockTimeoutMs?: number;
  /** When set, pg_dump the database into this directory before applying anything (skipped when nothing is pending). */
  backupDir?: string;
  /** pg_dump binary for the backup. */
  pgDump?: string;
  /** Environment for pg_dump (PATH, PG* settings); adapters pass theirs. */
  env?: Record<string, string | undefined>;
  /** Recorded as applied_by (e.g. `github-actions:acme/shop#1234`). Default `shipline`. */
  appliedBy?: string;
  /** Connection timeout. Default 15 000 ms. */
  connectTimeoutMs?: number;
  logger?: Logger;
  redactor?: Redactor;
  clock?: Clock;
}

export interface PendingMigration {
  version: string;
  name: string;
  fileName: string;
  noTransaction: boolean;
}

export interface MigrateResult {
  dryRun: boolean;
  applied: Array<Pick<AppliedMigration, 'version' | 'name' | 'durationMs' | 'fileName'>>;
  /** Files still pending after the run (all of the plan's pending ones in a dry run). */
  pending: PendingMigration[];
  /** Versions applied by another tool whose checksum this run recorded (or would record, in a dry run). */
  adopted: Array<{ version: string; name: string }>;
  /** Highest applied version after the run (before it, in a dry run), or null when nothing is applied. */
  headVersion: string | null;
  backupPath: string | null;
  /** The history as read before applying, for reports. */
  history: HistoryRow[];
  /** `.sql` files in the folder that are not migrations (e.g. seed.sql), skipped like the Supabase CLI does. */
  skipped: SkippedFile[];
}

/** `postgres://user:***@host:port/db` — for log lines; the password never prints. */
export function describeDatabaseUrl(databaseUrl: string): string {
  try {
    const u = new URL(databaseUrl);
    return `${u.protocol}//${u.username ? `${u.username}${u.password ? ':***' : ''}@` : ''}${u.host}${u.pathname}`;
  } catch {
    return '(unparseable database URL)';
  }
}

/** Supabase's transaction-mode pooler listens on 6543; migrations need a session (direct or session pooler). */
export function usesTransactionPooler(databaseUrl: string): boolean {
  try {
    return new URL(databaseUrl).port === '6543';
  } catch {
    return false;
  }
}

function pending(plan: MigrationPlan): PendingMigration[] {
  return plan.pending.map((f) => ({
    version: f.version,
    name: f.name,
    fileName: f.fileName,
    noTransaction: f.noTransaction,
  }));
}

/** A connected session, and whether the server knows client_connection_check_interval (PostgreSQL 14+). */
async function connect(
  options: MigrateOptions,
  redactor: Redactor,
): Promise<{ client: pg.Client; connectionCheck: boolean }> {
  let client: pg.Client;
  try {
    client = new pg.Client({
      connectionString: options.databaseUrl,
      application_name: 'shipline-migrate',
      connectionTimeoutMillis: options.connectTimeoutMs ?? 15_000,
      // Pipeline mode: a file, its history rows and COMMIT leave in one write and cost one round trip.
      pipeline: true,
    } as pg.ClientConfig);
  } catch (error) {
    throw connectionError(error, options.databaseUrl, redactor);
  }
  // A dropped connection surfaces on the next query; do not crash the process on the 'error' event.
  client.on('error', () => undefined);
  let connectionCheck = false;
  try {
    await client.connect();
    // If this process dies mid-statement, the server notices within a second and rolls back + frees the lock.
    // (PostgreSQL 14+; older servers only lack this safety net.) Each file sets it again after the session reset.
    connectionCheck = await client
      .query(`select set_config('client_connection_check_interval', '1000', false)`)
      .then(() => true)
      .catch(() => false);
  } catch (error) {
    await client.end().catch(() => undefined);
    throw connectionError(error, options.databaseUrl, redactor);
  }
  return { client, connectionCheck };
}

function connectionError(error: unknown, databaseUrl: string, redactor: Redactor): MigrationError {
  const reason = redactor.redact(error instanceof Error ? error.message : String(error));
  return new MigrationError('connection_failed', `Cannot connect to ${describeDatabaseUrl(databaseUrl)}: ${reason}`, {
    hint: 'Check the database URL secret (host, port, user, password) and that the runner can reach the database; on Supabase use the session pooler or direct connection string.',
  });
}

/**
 * Plans and applies the migrations in `migrationsDir` to `databaseUrl`: one session-level advisory lock for
 * the whole run, history in `supabase_migrations.schema_migrations` (compatible with the Supabase CLI) plus
 * checksums, optional pg_dump first. Throws MigrationError on a refused plan or a failed file.
 */
export async function migrate(options: MigrateOptions): Promise<MigrateResult> {
  const redactor = options.redactor ?? new Redactor();
  redactor.add(options.databaseUrl);
  redactor.addUrlCredentials(options.databaseUrl);
  redactor.add(options.env?.PGPASSWORD);
  // Refuse a malformed or oddly formed URL before anything could print a piece of it.
  parseConnectionUrl(options.databaseUrl);
  const logger = options.logger ?? silentLogger;
  const clock = options.clock ?? systemClock;
  const dryRun = options.dryRun ?? false;

  if (usesTransactionPooler(options.databaseUrl)) {
    logger.warning(
      'The database URL points at port 6543 (a transaction-mode pooler): session advisory locks and SET do not hold ' +
        'across statements there. Use the direct connection or the session pooler (port 5432) for migrations.',
    );
  }
  // Reading the files and connecting overlap: neither needs the other.
  const [read, connected] = await Promise.allSettled([
    options.files ? Promise.resolve({ files: options.files, skipped: [] }) : readMigrationsDir(options.migrationsDir),
    connect(options, redactor),
  ]);
  if (read.status === 'rejected') {
    if (connected.status === 'fulfilled') await connected.value.client.end().catch(() => undefined);
    throw read.reason;
  }
  if (connected.status === 'rejected') throw connected.reason;
  const { files, skipped } = read.value;
  const { client, connectionCheck } = connected.value;
  logger.info(`Found ${files.length} migration file(s) in ${options.migrationsDir}`);
  for (const file of skipped)
    logger.warning(`Skipping ${file.fileName}: ${file.reason} (not a migration; the Supabase CLI skips it too)`);
  for (const file of files) {
    if (file.symlinkTarget !== undefined)
      logger.info(`${file.fileName} is a symlink to ${file.symlinkTarget}: following it`);
  }
  logger.info(`Connected to ${describeDatabaseUrl(options.databaseUrl)}`);
  let locked = false;
  try {
    if (!dryRun) {
      await acquireMigrationLock(client, {
        timeoutMs: options.advisoryLockTimeoutMs ?? 60_000,
        clock,
        onWait: (holder) => logger.info(`Waiting for another migration run to finish: ${describeHolder(holder)}`),
      });
      locked = true;
    }
    // Nothing is written before the plan passes: the history is read (an empty one when the tables are missing),
    // planned and every pending file checked first; the tables are created only when there is something to record.
    const history = await readHistory(client);
    const decision = planMigrations(files, history, { allowOutOfOrder: options.allowOutOfOrder });
    if (!decision.ok) throw refusalError(decision.refusals);
    const plan = decision.plan;
    await preflight(plan.pending);
    const adopted = plan.adopted.map((f) => ({ version: f.version, name: f.name }));
    if (dryRun) {
      return {
        dryRun,
        applied: [],
        pending: pending(plan),
        adopted,
        headVersion: plan.headVersion,
        backupPath: null,
        history,
        skipped,
      };
    }
    if (plan.pending.length === 0 && plan.adopted.length === 0) {
      logger.info('Database is up to date: nothing to apply');
      return {
        dryRun,
        applied: [],
        pending: [],
        adopted,
        headVersion: plan.headVersion,
        backupPath: null,
        history,
        skipped,
      };
    }
    let backupPath: string | null = null;
    if (options.backupDir && plan.pending.length > 0) {
      backupPath = await backupDatabase({
        databaseUrl: options.databaseUrl,
        dir: options.backupDir,
        clock,
        redactor,
        label: plan.headVersion ?? 'empty',
        pgDump: options.pgDump,
        ...(options.env ? { env: options.env } : {}),
      });
      logger.info(`Backup written to ${backupPath}`);
    }
    await ensureHistoryTables(client);
    for (const file of plan.adopted) {
      await recordChecksum(client, {
        version: file.version,
        checksum: file.checksum,
        appliedBy: options.appliedBy ?? 'shipline',
      });
      logger.info(`Adopted ${file.fileName} (applied earlier by another tool): checksum recorded, not re-run`);
    }
    if (plan.pending.length === 0) {
      logger.info('Database is up to date: nothing to apply');
      return {
        dryRun,
        applied: [],
        pending: [],
        adopted,
        headVersion: plan.headVersion,
        backupPath: null,
        history,
        skipped,
      };
    }
    const applied = await applyMigrations(client, plan.pending, {
      logger,
      redactor,
      clock,
      appliedBy: options.appliedBy ?? 'shipline',
      lockTimeout: options.lockTimeout ?? '5s',
      statementTimeout: options.statementTimeout ?? '15min',
      connectionCheck,
      preflighted: true,
    });
    const versions = [plan.headVersion, ...applied.map((a) => a.version)].filter((v): v is string => v !== null);
    const headVersion = versions.sort(compareVersions).at(-1) ?? null;
    return {
      dryRun,
      applied: applied.map(({ version, name, durationMs, fileName }) => ({ version, name, durationMs, fileName })),
      pending: [],
      adopted,
      headVersion,
      backupPath,
      history,
      skipped,
    };
  } catch (error) {
    if (error instanceof MigrationError) throw error;
    throw new MigrationError(
      'migration_failed',
      `Migration run failed: ${redactor.redact(error instanceof Error ? error.message : String(error))}`,
      {
        hint: 'Nothing after the last "Applied" line was applied; the advisory lock is released when the session ends.',
      },
    );
  } finally {
    if (locked) await releaseMigrationLock(client).catch(() => undefined);
    await client.end().catch(() => undefined);
  }
}
