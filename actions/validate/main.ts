import { statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import * as core from '@actions/core';
import { Octokit } from '@octokit/rest';
import { loadConfigOutcome } from '../../lib/checks/config-check.js';
import { registerConfigSecrets, validationChecks } from '../../lib/checks/from-config.js';
import { migrationChecks } from '../../lib/checks/migration-checks.js';
import { buildJsonReport, renderMarkdown, summaryLine } from '../../lib/checks/report.js';
import { runChecks } from '../../lib/checks/runner.js';
import type { CheckResult } from '../../lib/checks/types.js';
import { DEFAULT_CONFIG_PATH } from '../../lib/config/schema.js';
import { systemClock } from '../../lib/core/clock.js';
import { ConfigError, describeError } from '../../lib/core/errors.js';
import type { Logger } from '../../lib/core/logger.js';
import { Redactor, redactingLogger } from '../../lib/core/redact.js';
import { coreLogger, maskSecretsWithRunner } from '../shared/core-logger.js';
import { getInputs } from './inputs.js';

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
      else if (finding.severity === 'warning') logger.warning(finding.message, location);
      else core.notice(finding.message, location ? { file: location.file, startLine: location.line } : undefined);
    }
    if (result.status === 'warn' && !result.findings?.length) logger.warning(`${result.title}: ${result.message}`);
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** The validate action: loads the config, runs every configured check, writes outputs, summary and annotations. */
export async function run(): Promise<void> {
  const redactor = new Redactor();
  try {
    maskSecretsWithRunner(redactor);
    const inputs = getInputs();
    redactor.add(inputs.githubToken);
    redactor.add(inputs.databaseUrl);
    redactor.addUrlCredentials(inputs.databaseUrl);
    const logger = redactingLogger(coreLogger(), redactor);

    const workspace = process.env.GITHUB_WORKSPACE ?? process.cwd();
    const cwd = resolve(workspace, inputs.workingDirectory);
    if (!isDirectory(cwd)) {
      throw new ConfigError('input_invalid', `working-directory ${inputs.workingDirectory} is not a directory`, {
        hint: 'Check out the repository first (actions/checkout) and give a path relative to the workspace.',
      });
    }
    const configAbsolute = resolve(cwd, inputs.config);
    const fromRoot = relative(workspace, configAbsolute);
    const displayPath = fromRoot.startsWith('..') || isAbsolute(fromRoot) ? inputs.config : fromRoot;

    const outcome = await loadConfigOutcome(inputs.config, {
      cwd,
      displayPath,
      allowMissing: inputs.config === DEFAULT_CONFIG_PATH,
    });
    if (outcome.ok) registerConfigSecrets(outcome.config, process.env, redactor);

    const [owner, repo] = (process.env.GITHUB_REPOSITORY ?? '').split('/');
    const octokit = inputs.githubToken
      ? new Octokit({ auth: inputs.githubToken, baseUrl: process.env.GITHUB_API_URL ?? 'https://api.github.com' })
      : undefined;
    const extra = outcome.ok
      ? migrationChecks(outcome.config, {
          cwd,
          redactor,
          ...(inputs.databaseUrl ? { databaseUrl: inputs.databaseUrl } : {}),
        })
      : [];
    const checks = validationChecks(outcome, { octokit, owner, repo, environment: inputs.environment, extra });

    const summary = await runChecks(
      checks,
      { cwd, logger, clock: systemClock, redactor, env: { ...process.env } },
      { onResult: (r) => logger.info(`${r.status.toUpperCase().padEnd(4)} ${r.title}: ${r.message}`) },
    );
    annotate(summary.results, logger, relative(workspace, cwd));

    const warned = summary.results.some((r) => r.status === 'warn');
    const passed = summary.passed && !(inputs.failOnWarn && warned);
    core.setOutput('passed', passed ? 'true' : 'false');
    core.setOutput('report', redactor.redact(JSON.stringify(buildJsonReport(summary.results, passed))));
    if (process.env.GITHUB_STEP_SUMMARY) {
      await core.summary.addRaw(redactor.redact(renderMarkdown(summary.results))).write();
    }

    if (!passed) {
      const failing = summary.results.filter((r) => r.status === 'fail' || (inputs.failOnWarn && r.status === 'warn'));
      core.setFailed(
        redactor.redact(
          `Validation failed (${summaryLine(summary.results)}): ${failing.map((r) => `${r.title}: ${r.message}`).join('; ')}`,
        ),
      );
    } else {
      logger.info(`Validation passed: ${summaryLine(summary.results)}`);
    }
  } catch (error) {
    core.setFailed(redactor.redact(describeError(error)));
  }
}
