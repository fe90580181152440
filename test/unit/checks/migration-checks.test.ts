import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { migrationChecks } from '../../../lib/checks/migration-checks.js';
import { runChecks } from '../../../lib/checks/runner.js';
import { parseConfig } from '../../../lib/config/loader.js';
import { MemoryLogger } from '../../../lib/core/logger.js';
import { Redactor } from '../../../lib/core/redact.js';
import { migrate } from '../../../lib/supabase/migrations/migrate.js';
import { usePostgres } from '../../support/postgres.js';
import { fixedClock } from './check-context.js';

const pgt = usePostgres();
const temp = mkdtempSync(join(tmpdir(), 'shipline-migration-checks-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));
const config = parseConfig('version: 1\n');

function repo(files: Record<string, string>): string {
  const cwd = mkdtempSync(join(temp, 'repo-'));
  mkdirSync(join(cwd, 'supabase', 'migrations'), { recursive: true });
  for (const [name, sql] of Object.entries(files)) writeFileSync(join(cwd, 'supabase', 'migrations', name), sql);
  return cwd;
}

async function validate(cwd: string, databaseUrl?: string) {
  const redactor = new Redactor();
  const checks = migrationChecks(config, { cwd, redactor, ...(databaseUrl ? { databaseUrl } : {}) });
  const ctx = { cwd, logger: new MemoryLogger(), clock: fixedClock('2026-11-22T12:00:00Z'), redactor, env: {} };
  return { checks, summary: await runChecks(checks, ctx) };
}

const SAFE = "set lock_timeout = '5s';\ncreate table public.items (id bigint primary key, title text);\n";
const DROP = "set lock_timeout = '5s';\nalter table public.items drop column title;\n";

describe('migrationChecks', () => {
  it('adds nothing when the repository has no migrations folder', () => {
    expect(migrationChecks(config, { cwd: temp, redactor: new Redactor() })).toEqual([]);
  });

  it('without a database lints every file and fails on a destructive one, pointing at its line', async () => {
    const cwd = repo({ '20240101000000_items.sql': SAFE, '20240102000000_drop_title.sql': DROP });
    const { checks, summary } = await validate(cwd);
    expect(checks.map((c) => c.id)).toEqual(['migration-lint']);
    const lint = summary.results[0];
    expect(lint?.status).toBe('fail');
    expect(lint?.findings).toContainEqual(
      expect.objectContaining({
        rule: 'drop-column',
        file: 'supabase/migrations/20240102000000_drop_title.sql',
        line: 2,
      }),
    );
  });

  it('with a database lists pending files and lints only those', async () => {
    const url = await pgt.createDatabase();
    const cwd = repo({ '20240101000000_items.sql': SAFE });
    await migrate({ databaseUrl: url, migrationsDir: join(cwd, 'supabase', 'migrations') });
    // The applied file is not linted again; only the new one is.
    writeFileSync(
      join(cwd, 'supabase', 'migrations', '20240102000000_add_price.sql'),
      "set lock_timeout = '5s';\nalter table public.items add column price int;\n",
    );
    const { summary } = await validate(cwd, url);
    const [plan, lint] = summary.results;
    expect(plan?.status).toBe('pass');
    expect(plan?.message).toContain('1 pending: 20240102000000');
    expect(lint?.status).toBe('pass');
    expect(lint?.message).toContain('1 migration file linted');
    expect(lint?.message).toContain('pending files only');
    // Read-only: the plan applied nothing.
    const rows = await pgt.query(url, 'select version from supabase_migrations.schema_migrations order by version');
    expect(rows.map((r) => r.version)).toEqual(['20240101000000']);
  });

  it('fails the gate when an applied file was edited, naming the file, without changing the database', async () => {
    const url = await pgt.createDatabase();
    const cwd = repo({ '20240101000000_items.sql': SAFE });
    await migrate({ databaseUrl: url, migrationsDir: join(cwd, 'supabase', 'migrations') });
    writeFileSync(join(cwd, 'supabase', 'migrations', '20240101000000_items.sql'), `${SAFE}-- edited\n`);
    const { summary } = await validate(cwd, url);
    const plan = summary.results[0];
    expect(plan?.status).toBe('fail');
    expect(plan?.message).toContain('20240101000000_items.sql');
    expect(plan?.findings?.[0]).toMatchObject({ file: 'supabase/migrations/20240101000000_items.sql' });
    expect(summary.passed).toBe(false);
  });

  it('never prints the database password', async () => {
    const url = await pgt.createDatabase();
    const wrong = url.replace(/:([^:@/]+)@/, ':not-the-password-123@');
    const cwd = repo({ '20240101000000_items.sql': SAFE });
    const { summary } = await validate(cwd, wrong);
    const text = JSON.stringify(summary.results);
    expect(summary.results[0]?.status).toBe('fail');
    expect(text).not.toContain('not-the-password-123');
  });
});
