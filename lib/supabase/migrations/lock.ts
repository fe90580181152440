import type { Clock } from '../../core/clock.js';
import { MigrationError } from './errors.js';
import type { Queryable } from './history.js';

/** The advisory lock key pair every Shipline migrator takes ('SHIP', 'MIGR'); advisory locks are per database. */
export const MIGRATION_LOCK_KEY: readonly [number, number] = [0x53484950, 0x4d494752];

/** Who holds the migration lock, from pg_locks + pg_stat_activity. */
export interface LockHolder {
  pid: number;
  applicationName: string;
  clientAddr: string | null;
  /** When the holder's session started (advisory locks carry no acquisition time). */
  since: Date | null;
  state: string | null;
  query: string | null;
}

export interface AcquireLockOptions {
  /** Give up after this long. */
  timeoutMs: number;
  /** Poll interval; default 250 ms. */
  pollMs?: number;
  clock: Clock;
  /** Called once when the lock is busy, before waiting. */
  onWait?: (holder: LockHolder | null) => void;
}

/** Reads the session currently holding the migration lock in this database, or null. */
export async function findLockHolder(db: Queryable): Promise<LockHolder | null> {
  const result = await db.query<{
    pid: number;
    application_name: string;
    client_addr: string | null;
    backend_start: Date | null;
    state: string | null;
    query: string | null;
  }>(
    `select a.pid, a.application_name, host(a.client_addr) as client_addr, a.backend_start, a.state, a.query
       from pg_locks l
       join pg_stat_activity a on a.pid = l.pid
      where l.locktype = 'advisory' and l.granted
        and l.database = (select oid from pg_database where datname = current_database())
        and l.classid = $1::int::oid and l.objid = $2::int::oid and l.objsubid = 2
      limit 1`,
    [MIGRATION_LOCK_KEY[0], MIGRATION_LOCK_KEY[1]],
  );
  const row = result.rows[0];
  if (!row) return null;
  return {
    pid: row.pid,
    applicationName: row.application_name,
    clientAddr: row.client_addr,
    since: row.backend_start,
    state: row.state,
    query: row.query,
  };
}

/** One line describing a lock holder for people. */
export function describeHolder(holder: LockHolder | null): string {
  if (!holder) return 'an unknown session (it may have just released the lock)';
  const app = holder.applicationName ? `"${holder.applicationName}"` : 'an unnamed client';
  const from = holder.clientAddr ? ` from ${holder.clientAddr}` : ' over a local socket';
  const since = holder.since ? `, connected since ${holder.since.toISOString()}` : '';
  return `pid ${holder.pid} (${app}${from}${since}, ${holder.state ?? 'unknown state'})`;
}

/**
 * Takes the session-level migration advisory lock, polling `pg_try_advisory_lock` until `timeoutMs` has
 * passed; then throws MigrationError `lock_timeout` naming the holder (pid, application, address, since).
 */
export async function acquireMigrationLock(db: Queryable, options: AcquireLockOptions): Promise<void> {
  const pollMs = options.pollMs ?? 250;
  const deadline = options.clock.now().getTime() + options.timeoutMs;
  let warned = false;
  for (;;) {
    const result = await db.query<{ locked: boolean }>('select pg_try_advisory_lock($1, $2) as locked', [
      MIGRATION_LOCK_KEY[0],
      MIGRATION_LOCK_KEY[1],
    ]);
    if (result.rows[0]?.locked) return;
    if (!warned) {
      warned = true;
      options.onWait?.(await findLockHolder(db));
    }
    if (options.clock.now().getTime() >= deadline) {
      const holder = await findLockHolder(db);
      throw new MigrationError(
        'lock_timeout',
        `Another migration run holds the lock on this database: ${describeHolder(holder)}; gave up after ${options.timeoutMs} ms`,
        {
          hint:
            'Wait for that run to finish and retry. If it is stuck, end it with ' +
            `select pg_terminate_backend(${holder?.pid ?? '<pid>'}); its open transaction rolls back.`,
        },
      );
    }
    await options.clock.sleep(pollMs);
  }
}

/** Releases the migration lock taken by this session (no-op when not held). */
export async function releaseMigrationLock(db: Queryable): Promise<void> {
  await db.query('select pg_advisory_unlock($1, $2)', [MIGRATION_LOCK_KEY[0], MIGRATION_LOCK_KEY[1]]);
}
