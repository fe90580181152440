import pg_ from 'pg';
import { describe, expect, it } from 'vitest';
import { MemoryLogger } from '../../../lib/core/logger.js';
import { MigrationError } from '../../../lib/supabase/migrations/errors.js';
import { MIGRATION_LOCK_KEY } from '../../../lib/supabase/migrations/lock.js';
import { migrate } from '../../../lib/supabase/migrations/migrate.js';
import { usePostgres } from '../../support/postgres.js';
import { migrationsDir, spawnMigrate } from './helpers.js';

const pg = usePostgres();

/** Five files, each leaving one side-effect row; the first sleeps so that the other runs really have to wait. */
function filesWithSideEffects(sleepSeconds: number): Record<string, string> {
  const files: Record<string, string> = {};
  for (let i = 1; i <= 5; i++) {
    files[`2024010100000${i}_step${i}.sql`] =
      `${i === 1 ? `select pg_sleep(${sleepSeconds});\n` : ''}create table step${i} (id int);\ninsert into public.side_effects values ('step${i}');\n`;
  }
  return files;
}

async function assertEachAppliedOnce(url: string): Promise<void> {
  const effects = await pg.query<{ file: string; n: number }>(
    url,
    'select file, count(*)::int as n from public.side_effects group by file order by file',
  );
  expect(effects).toEqual([1, 2, 3, 4, 5].map((i) => ({ file: `step${i}`, n: 1 })));
  const history = await pg.query<{ n: number; distinct: number }>(
    url,
    `select count(*)::int as n, count(distinct version)::int as distinct from supabase_migrations.schema_migrations`,
  );
  expect(history).toEqual([{ n: 5, distinct: 5 }]);
  const checksums = await pg.query(url, 'select count(*)::int as n from supabase_migrations.shipline_checksums');
  expect(checksums).toEqual([{ n: 5 }]);
}

describe('concurrent migrators on one database', () => {
  it('four runs at once on separate connections apply each file exactly once', async () => {
    const url = await pg.createDatabase();
    await pg.query(url, 'create table public.side_effects (file text not null)');
    const dir = migrationsDir(filesWithSideEffects(0.1));
    // A test-owned session holds the migration lock until all four runs are queued behind it, so they overlap.
    const holder = new pg_.Client({ connectionString: url });
    await holder.connect();
    await holder.query('select pg_advisory_lock($1, $2)', [...MIGRATION_LOCK_KEY]);
    const loggers = [1, 2, 3, 4].map(() => new MemoryLogger());
    const running = Promise.all(loggers.map((logger) => migrate({ databaseUrl: url, migrationsDir: dir, logger })));
    const isWaiting = (l: MemoryLogger) => l.text().includes('Waiting for another migration run to finish: pid');
    for (let i = 0; i < 600 && !loggers.every(isWaiting); i++) await new Promise((r) => setTimeout(r, 50));
    // Every run was told who held the lock.
    expect(loggers.filter(isWaiting)).toHaveLength(4);
    await holder.query('select pg_advisory_unlock($1, $2)', [...MIGRATION_LOCK_KEY]);
    await holder.end();
    const results = await running;
    expect(results.map((r) => r.applied.length).sort()).toEqual([0, 0, 0, 5]);
    expect(results.every((r) => r.pending.length === 0 && r.headVersion === '20240101000005')).toBe(true);
    await assertEachAppliedOnce(url);
  });

  it('four separate `shipline migrate` processes apply each file exactly once', async () => {
    const url = await pg.createDatabase();
    await pg.query(url, 'create table public.side_effects (file text not null)');
    const dir = migrationsDir(filesWithSideEffects(2));
    const runs = await Promise.all(
      [1, 2, 3, 4].map(() => spawnMigrate(['--db-url', url, '--dir', dir, '--no-backup', '--wait', '60']).done),
    );
    for (const run of runs) expect(run, run.stderr).toMatchObject({ code: 0 });
    // The first file sleeps 2 s under the lock: at least one of the other processes had to wait, and said so.
    const waited = runs.filter((r) => `${r.stdout}\n${r.stderr}`.includes('Waiting for another migration run'));
    expect(waited.length).toBeGreaterThan(0);
    const appliedCounts = runs.map((r) => (r.stdout.match(/applied now/g) ?? []).length).sort();
    expect(appliedCounts).toEqual([0, 0, 0, 5]);
    await assertEachAppliedOnce(url);
  });

  it('gives up after the advisory lock timeout and names the holder', async () => {
    const url = await pg.createDatabase();
    const holder = new pg_.Client({ connectionString: url, application_name: 'release-bot-7' });
    await holder.connect();
    try {
      const [{ pid }] = (await holder.query('select pg_backend_pid() as pid')).rows as [{ pid: number }];
      await holder.query('select pg_advisory_lock($1, $2)', [...MIGRATION_LOCK_KEY]);
      const dir = migrationsDir({ '20240101000001_a.sql': 'create table a (id int);' });
      const error = await migrate({ databaseUrl: url, migrationsDir: dir, advisoryLockTimeoutMs: 300 }).catch((e) => e);
      expect(error).toBeInstanceOf(MigrationError);
      expect(error.code).toBe('lock_timeout');
      expect(error.message).toContain(`pid ${pid}`);
      expect(error.message).toContain('release-bot-7');
      expect(error.message).toContain('127.0.0.1');
      expect(error.hint).toContain(`pg_terminate_backend(${pid})`);
      expect(await pg.query(url, `select to_regclass('public.a') as t`)).toEqual([{ t: null }]);
    } finally {
      await holder.end();
    }
  });
});
