/**
 * Migration checks for `validate` (the plug-in point the migrate engine fills): migration lint always, and, when a
 * database URL is available, the migration plan — refusals (edited applied files, unknown versions, out-of-order
 * files) fail the gate, pending files are listed, and only those pending files are linted.
 */
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { ShiplineConfig } from '../config/schema.js';
import { describeError } from '../core/errors.js';
import type { Redactor } from '../core/redact.js';
import { MigrationError } from '../supabase/migrations/errors.js';
import { type MigrationFile, readMigrationFiles } from '../supabase/migrations/files.js';
import { lintCheckResult, lintOptionsFor } from '../supabase/migrations/lint.js';
import { type MigrateResult, migrate } from '../supabase/migrations/migrate.js';
import type { Check, CheckFinding } from './types.js';

export interface MigrationChecksOptions {
  /** Repository root the config's `supabase.migrations-dir` is relative to. */
  cwd: string;
  /** Database to plan against (read-only: a dry run takes no lock and creates nothing); lint alone without it. */
  databaseUrl?: string;
  redactor: Redactor;
}

/** The migration checks for this repository; none when it has no migrations folder. */
export function migrationChecks(config: ShiplineConfig, options: MigrationChecksOptions): Check[] {
  const dir = join(options.cwd, config.supabase['migrations-dir']);
  if (!existsSync(dir)) return [];
  const migrations = config.supabase.migrations;
  // Findings true for the path the project runs (who applies the files, with which session lock_timeout).
  const lintOptions = lintOptionsFor(migrations);
  // Read once: the plan and the lint share the files.
  let read: Promise<MigrationFile[]> | undefined;
  const files = () => {
    read ??= readMigrationFiles(dir);
    return read;
  };
  let planned: Promise<MigrateResult> | undefined;
  const plan = () => {
    planned ??= files().then((all) =>
      migrate({
        databaseUrl: options.databaseUrl ?? '',
        migrationsDir: dir,
        files: all,
        dryRun: true,
        allowOutOfOrder: migrations['allow-out-of-order'],
        redactor: options.redactor,
      }),
    );
    return planned;
  };

  const lintCheck: Check = {
    id: 'migration-lint',
    title: 'Migration lint',
    async run() {
      const all = await files();
      const source = (f: MigrationFile) => ({ file: relative(options.cwd, f.path), sql: f.sql });
      const lintAll = async (why: string) => {
        const result = await lintCheckResult(all.map(source), lintOptions);
        return { ...result, message: `${result.message} (${why}: every file linted)` };
      };
      if (!options.databaseUrl) return lintAll('no database URL');
      let pending: MigrationFile[];
      try {
        const names = new Set((await plan()).pending.map((p) => p.fileName));
        pending = all.filter((f) => names.has(f.fileName));
      } catch {
        // The plan check reports why; without a plan the pending set is unknown, so every file is linted.
        return lintAll('no migration plan');
      }
      if (pending.length === 0) return { status: 'pass', message: 'no pending migration files to lint' };
      const result = await lintCheckResult(pending.map(source), lintOptions);
      return { ...result, message: `${result.message} (pending files only)` };
    },
  };
  if (!options.databaseUrl) return [lintCheck];

  const planCheck: Check = {
    id: 'migration-plan',
    title: 'Migration plan',
    async run() {
      try {
        const result = await plan();
        const head = result.headVersion ? `database at ${result.headVersion}` : 'empty history';
        const adopted = result.adopted.length > 0 ? `; ${result.adopted.length} applied by the Supabase CLI` : '';
        if (result.pending.length === 0) return { status: 'pass', message: `up to date (${head}${adopted})` };
        return {
          status: 'pass',
          message: `${result.pending.length} pending: ${result.pending.map((p) => p.version).join(', ')} (${head}${adopted})`,
        };
      } catch (error) {
        const problems = error instanceof MigrationError ? [error, ...error.others] : [];
        const findings: CheckFinding[] = problems.map((p) => ({
          severity: 'error',
          message: p.message,
          rule: p.code,
          ...(p.file ? { file: relative(options.cwd, join(dir, p.file)), line: p.line ?? 1 } : {}),
        }));
        return {
          status: 'fail',
          message: options.redactor.redact(describeError(error)),
          ...(findings.length > 0 ? { findings } : {}),
        };
      }
    },
  };
  return [planCheck, lintCheck];
}
