import { join, relative, resolve } from 'node:path';
import * as core from '@actions/core';
import { loadConfig } from '../../lib/config/loader.js';
import { migrationSettings } from '../../lib/config/migration-settings.js';
import { DEFAULT_CONFIG_PATH } from '../../lib/config/schema.js';
import { systemClock } from '../../lib/core/clock.js';
import { describeError } from '../../lib/core/errors.js';
import { Redactor, redactingLogger } from '../../lib/core/redact.js';
import { MigrationError } from '../../lib/supabase/migrations/errors.js';
import { migrate } from '../../lib/supabase/migrations/migrate.js';
import { renderFailureSummary, renderSummary, summaryLine } from '../../lib/supabase/migrations/report.js';
import { coreLogger, maskSecretsWithRunner } from '../shared/core-logger.js';
import { getInputs, io, OVERRIDE_INPUTS } from './inputs.js';

/**
 * Appends Markdown to the job summary. The summary is optional: without GITHUB_STEP_SUMMARY (a runner or a local
 * run that does not provide it) the migration result stands and a debug line says why nothing was written.
 */
async function writeSummary(markdown: string): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) {
    core.debug('No GITHUB_STEP_SUMMARY: the job summary is skipped');
    return;
  }
  await core.summary
    .addRaw(markdown, true)
    .write()
    .catch((error: unknown) =>
      core.warning(`Could not write the job summary: ${error instanceof Error ? error.message : String(error)}`),
    );
}

/** The migrate action: plans and applies supabase/migrations, sets outputs, writes the job summary and annotations. */
export async function run(): Promise<void> {
  const redactor = new Redactor();
  maskSecretsWithRunner(redactor);
  let migrationsPath = 'supabase/migrations';
  try {
    const inputs = getInputs();
    // Mask the whole URL and its password before anything can print them.
    redactor.add(inputs.databaseUrl);
    redactor.addUrlCredentials(inputs.databaseUrl);
    const logger = redactingLogger(coreLogger(redactor), redactor);

    const workspace = process.env.GITHUB_WORKSPACE ?? process.cwd();
    const cwd = resolve(workspace, inputs.workingDirectory);
    const { config } = await loadConfig(inputs.config, {
      cwd,
      allowMissing: inputs.config === DEFAULT_CONFIG_PATH,
    });
    const settings = migrationSettings(config, inputs.overrides, OVERRIDE_INPUTS);
    const migrationsDir = resolve(cwd, settings.migrationsDir);
    migrationsPath = relative(workspace, migrationsDir) || '.';
    const repo = process.env.GITHUB_REPOSITORY ?? 'local';
    const runId = process.env.GITHUB_RUN_ID ?? '0';

    const result = await migrate({
      databaseUrl: inputs.databaseUrl,
      env: { ...process.env },
      migrationsDir,
      dryRun: inputs.dryRun,
      allowOutOfOrder: settings.allowOutOfOrder,
      lockTimeout: settings.lockTimeout,
      statementTimeout: settings.statementTimeout,
      advisoryLockTimeoutMs: settings.advisoryLockTimeoutMs,
      backupDir: inputs.dryRun || !settings.backup ? undefined : inputs.backupDir,
      appliedBy: `github-actions:${repo}#${runId}`,
      logger,
      redactor,
      clock: systemClock,
    });
    io.output(
      'applied',
      JSON.stringify(result.applied.map(({ version, name, durationMs }) => ({ version, name, durationMs }))),
    );
    io.output('pending', JSON.stringify(result.pending.map(({ version, name }) => ({ version, name }))));
    io.output('adopted', JSON.stringify(result.adopted));
    io.output('head-version', result.headVersion ?? '');
    io.output('backup-path', result.backupPath ?? '');
    logger.info(summaryLine(result));
    await writeSummary(redactor.redact(renderSummary(result)));
  } catch (error) {
    const message = redactor.redact(describeError(error));
    if (error instanceof MigrationError) {
      io.output('applied', JSON.stringify(error.appliedBeforeFailure));
      if (error.file) {
        core.error(message, {
          file: join(migrationsPath, error.file),
          startLine: error.line ?? 1,
          ...(error.column ? { startColumn: error.column } : {}),
          title: `Migration ${error.code}`,
        });
      }
      await writeSummary(redactor.redact(renderFailureSummary(error.code, message, error.appliedBeforeFailure)));
      core.setFailed(redactor.redact(error.file ? `Migration failed (${error.code}) in ${error.file}` : message));
      return;
    }
    core.setFailed(message);
  }
}
