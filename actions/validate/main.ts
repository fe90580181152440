import { isAbsolute, join, relative, resolve } from 'node:path';
import * as core from '@actions/core';
import { Octokit } from '@octokit/rest';
import { buildJsonReport, renderMarkdown, summaryLine } from '../../lib/checks/report.js';
import type { CheckResult } from '../../lib/checks/types.js';
import { runValidation } from '../../lib/checks/validate.js';
import { DEFAULT_CONFIG_PATH } from '../../lib/config/schema.js';
import { systemClock } from '../../lib/core/clock.js';
import { ConfigError, describeError } from '../../lib/core/errors.js';
import { isDirectory } from '../../lib/core/fs.js';
import type { Logger } from '../../lib/core/logger.js';
import { Redactor, redactingLogger } from '../../lib/core/redact.js';
import { coreLogger, maskSecretsWithRunner } from '../shared/core-logger.js';
import { getInputs, io } from './inputs.js';
import { runVersion, takeDeployLock } from './lock.js';

/** Emits one annotation per finding, and a warning annotation per warning result without findings. */
function annotate(results: readonly CheckResult[], logger: Logger, workingDirectory: string): void {
  for (const result of results) {
    for (const finding of result.findings ?? []) {
      // Annotations name files from the repository root; checks name them from the working directory.
      const file =
        finding.file && result.id !== 'config' && workingDirectory
          ? join(workingDirectory, finding.file)
          : finding.file;
      const location = file
        ? { file, ...(finding.line === undefined ? {} : { line: finding.line }), title: result.title }
        : undefined;
      if (finding.severity === 'error') logger.error(finding.message, location);
      else logger.warning(finding.message, location);
    }
    if (result.status === 'warn' && !result.findings?.length) logger.warning(`${result.title}: ${result.message}`);
  }
}

/** The validate action: runs the validation of lib/checks, writes outputs, summary and annotations. */
export async function run(): Promise<void> {
  const redactor = new Redactor();
  try {
    maskSecretsWithRunner(redactor);
    const inputs = getInputs();
    redactor.add(inputs.githubToken);
    redactor.add(inputs.databaseUrl);
    redactor.addUrlCredentials(inputs.databaseUrl);
    const logger = redactingLogger(coreLogger(redactor), redactor);

    const workspace = process.env.GITHUB_WORKSPACE ?? process.cwd();
    const cwd = resolve(workspace, inputs.workingDirectory);
    if (!isDirectory(cwd)) {
      throw new ConfigError('input_invalid', `working-directory ${inputs.workingDirectory} is not a directory`, {
        hint: 'Check out the repository first (actions/checkout) and give a path relative to the workspace.',
      });
    }
    const fromRoot = relative(workspace, resolve(cwd, inputs.config));
    const [owner = '', repo = ''] = (process.env.GITHUB_REPOSITORY ?? '').split('/');
    const octokit = inputs.githubToken
      ? new Octokit({ auth: inputs.githubToken, baseUrl: process.env.GITHUB_API_URL ?? 'https://api.github.com' })
      : undefined;

    const { results, passed } = await runValidation({
      cwd,
      configPath: inputs.config,
      allowMissing: inputs.config === DEFAULT_CONFIG_PATH,
      displayPath: fromRoot.startsWith('..') || isAbsolute(fromRoot) ? inputs.config : fromRoot,
      // The runner passes inputs (the token, the database URL) as INPUT_* variables: commands never see them.
      env: Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('INPUT_'))),
      ...(inputs.environment !== undefined ? { environment: inputs.environment } : {}),
      ...(octokit && owner && repo ? { github: { octokit, owner, repo } } : {}),
      ...(inputs.databaseUrl ? { databaseUrl: inputs.databaseUrl } : {}),
      failOnWarn: inputs.failOnWarn,
      logger,
      redactor,
      clock: systemClock,
      onResult: (r) => logger.info(`${r.status.toUpperCase().padEnd(4)} ${r.title}: ${r.message}`),
    });
    annotate(results, logger, relative(workspace, cwd));

    io.output('passed', passed ? 'true' : 'false');
    io.output('report', redactor.redact(JSON.stringify(buildJsonReport(results, passed))));
    if (process.env.GITHUB_STEP_SUMMARY) {
      await core.summary.addRaw(redactor.redact(renderMarkdown(results))).write();
    }

    if (!passed) {
      const failing = results.filter((r) => r.status === 'fail' || (inputs.failOnWarn && r.status === 'warn'));
      core.setFailed(
        redactor.redact(
          `Validation failed (${summaryLine(results)}): ${failing.map((r) => `${r.title}: ${r.message}`).join('; ')}`,
        ),
      );
    } else {
      logger.info(`Validation passed: ${summaryLine(results)}`);
      if (inputs.lockEnvironment) {
        if (!octokit) {
          throw new ConfigError('input_missing', 'lock-environment needs github-token (the lock is a git ref).', {
            // biome-ignore lint/suspicious/noTemplateCurlyInString: a workflow expression shown to the user
            hint: 'Pass github-token: ${{ github.token }} with contents: write permission.',
          });
        }
        const taken = await takeDeployLock(
          octokit,
          { owner, repo },
          {
            environment: inputs.lockEnvironment,
            actor: process.env.GITHUB_ACTOR ?? 'unknown',
            runUrl: `${process.env.GITHUB_SERVER_URL ?? 'https://github.com'}/${owner}/${repo}/actions/runs/${process.env.GITHUB_RUN_ID ?? ''}`,
            version: runVersion(process.env.GITHUB_SHA ?? '', process.env.GITHUB_REF ?? ''),
            now: systemClock.now(),
          },
        );
        if ('sha' in taken) {
          io.output('lock-sha', taken.sha);
          logger.info(`Took the lock of ${inputs.lockEnvironment} (${taken.sha.slice(0, 7)})`);
        } else {
          io.output('passed', 'false');
          core.setFailed(redactor.redact(taken.error));
        }
      }
    }
  } catch (error) {
    core.setFailed(redactor.redact(describeError(error)));
  }
}
