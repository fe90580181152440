import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { bundleAction } from './bundle.js';
import { runProcess } from './processes.js';

const repoRoot = resolve(import.meta.dirname, '..', '..');
/** The migrate action's production bundle, as the GitHub runner starts it (`runs.main`). */
export const MIGRATE_BUNDLE = join(repoRoot, 'dist', 'migrate', 'index.js');

/**
 * The migrate bundle to measure: with `useDist`, dist/migrate (built with `node scripts/build.mjs dist migrate` when
 * missing); otherwise a fresh bundle of the current sources in `tempDir` (bundleAction), so a stale dist/ is
 * never what gets measured.
 */
export async function ensureMigrateBundle(tempDir: string, useDist = false): Promise<string> {
  if (!useDist) return bundleAction('migrate', tempDir);
  if (!existsSync(MIGRATE_BUNDLE)) {
    await runProcess(process.execPath, [join(repoRoot, 'scripts', 'build.mjs'), 'dist', 'migrate'], { cwd: repoRoot });
  }
  return MIGRATE_BUNDLE;
}

/**
 * One `node dist/migrate/index.js` process with the environment a GitHub runner gives the action: every input as
 * `INPUT_<NAME>` (action.yml defaults, backup off), the workspace `root` holding `supabase/migrations`, and fresh
 * GITHUB_OUTPUT / GITHUB_STEP_SUMMARY files under a RUNNER_TEMP that is removed afterwards.
 */
export async function applyWithShipline(databaseUrl: string, root: string, bundle = MIGRATE_BUNDLE): Promise<void> {
  const runnerTemp = mkdtempSync(join(tmpdir(), 'shipline-bench-runner-'));
  const output = join(runnerTemp, 'github-output');
  const summary = join(runnerTemp, 'step-summary');
  writeFileSync(output, '');
  writeFileSync(summary, '');
  try {
    await runProcess(process.execPath, [bundle], {
      cwd: root,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        CI: 'true',
        GITHUB_ACTIONS: 'true',
        GITHUB_WORKSPACE: root,
        GITHUB_OUTPUT: output,
        GITHUB_STEP_SUMMARY: summary,
        RUNNER_TEMP: runnerTemp,
        'INPUT_DATABASE-URL': databaseUrl,
        'INPUT_WORKING-DIRECTORY': '.',
        'INPUT_MIGRATIONS-DIR': 'supabase/migrations',
        'INPUT_DRY-RUN': 'false',
        'INPUT_ALLOW-OUT-OF-ORDER': 'false',
        INPUT_BACKUP: 'false',
        'INPUT_BACKUP-DIR': '',
        'INPUT_LOCK-TIMEOUT': '5s',
        'INPUT_STATEMENT-TIMEOUT': '15min',
        'INPUT_ADVISORY-LOCK-TIMEOUT': '60',
      },
      redact: (text) => text.replaceAll(databaseUrl, '<database-url>'),
    });
  } finally {
    rmSync(runnerTemp, { recursive: true, force: true });
  }
}
