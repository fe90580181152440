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
import { renderMarkdown, summaryLine } from '../../lib/supabase/migrations/report.js';
import { coreLogger, maskSecretsWithRunner } from '../shared/core-logger.js';
import { getInputs, io, OVERRIDE_INPUTS } from './inputs.js';

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
    const logger = redactingLogger(coreLogger(), redactor);

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
    await core.summary
      .addHeading('Database migrations', 2)
      .addRaw(redactor.redact(renderMarkdown(result)), true)
      .write();
  } catch (error) {
    const message = redactor.redact(describeError(error));
    if (error instanceof MigrationError) {
      io.output('applied', JSON.stringify(error.appliedBeforeFailure));
      if (error.file) {
        core.error(message, {
          file: join(migrationsPath, error.file),
          startLine: error.line ?? 1,
          title: `Migration ${error.code}`,
        });
      }
      await core.summary
        .addHeading('Database migrations', 2)
        .addRaw(`**Failed** (\`${error.code}\`)`, true)
        .addCodeBlock(message)
        .addRaw(
          redactor.redact(
            error.appliedBeforeFailure.length
              ? `Applied before the failure: ${error.appliedBeforeFailure.map((a) => `\`${a.version}\` ${a.name} (${a.durationMs} ms)`).join(', ')}`
              : 'Nothing was applied by this run.',
          ),
          true,
        )
        .write()
        .catch(() => undefined);
      core.setFailed(redactor.redact(error.file ? `Migration failed (${error.code}) in ${error.file}` : message));
      return;
    }
    core.setFailed(message);
  }
}
