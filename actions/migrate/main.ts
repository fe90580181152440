import { join, relative, resolve } from 'node:path';
import * as core from '@actions/core';
import { systemClock } from '../../lib/core/clock.js';
import { describeError } from '../../lib/core/errors.js';
import { Redactor, redactingLogger } from '../../lib/core/redact.js';
import { MigrationError } from '../../lib/supabase/migrations/errors.js';
import { migrate } from '../../lib/supabase/migrations/migrate.js';
import { renderMarkdown, summaryLine } from '../../lib/supabase/migrations/report.js';
import { coreLogger, maskSecretsWithRunner } from '../shared/core-logger.js';
import { getInputs } from './inputs.js';

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
    const migrationsDir = resolve(cwd, inputs.migrationsDir);
    migrationsPath = relative(workspace, migrationsDir) || '.';
    const repo = process.env.GITHUB_REPOSITORY ?? 'local';
    const runId = process.env.GITHUB_RUN_ID ?? '0';

    const result = await migrate({
      databaseUrl: inputs.databaseUrl,
      env: { ...process.env },
      migrationsDir,
      dryRun: inputs.dryRun,
      allowOutOfOrder: inputs.allowOutOfOrder,
      lockTimeout: inputs.lockTimeout,
      statementTimeout: inputs.statementTimeout,
      advisoryLockTimeoutMs: inputs.advisoryLockTimeoutMs,
      backupDir: inputs.dryRun ? undefined : inputs.backupDir,
      appliedBy: `github-actions:${repo}#${runId}`,
      logger,
      redactor,
      clock: systemClock,
    });
    core.setOutput(
      'applied',
      JSON.stringify(result.applied.map(({ version, name, durationMs }) => ({ version, name, durationMs }))),
    );
    core.setOutput('pending', JSON.stringify(result.pending.map(({ version, name }) => ({ version, name }))));
    core.setOutput('adopted', JSON.stringify(result.adopted));
    core.setOutput('head-version', result.headVersion ?? '');
    core.setOutput('backup-path', result.backupPath ?? '');
    core.info(summaryLine(result));
    await core.summary
      .addHeading('Database migrations', 2)
      .addRaw(redactor.redact(renderMarkdown(result)), true)
      .write();
  } catch (error) {
    const message = redactor.redact(describeError(error));
    if (error instanceof MigrationError) {
      core.setOutput('applied', JSON.stringify(error.appliedBeforeFailure));
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
          error.appliedBeforeFailure.length
            ? `Applied before the failure: ${error.appliedBeforeFailure.map((a) => `\`${a.version}\` ${a.name} (${a.durationMs} ms)`).join(', ')}`
            : 'Nothing was applied by this run.',
          true,
        )
        .write()
        .catch(() => undefined);
      core.setFailed(error.file ? `Migration failed (${error.code}) in ${error.file}` : message);
      return;
    }
    core.setFailed(message);
  }
}
