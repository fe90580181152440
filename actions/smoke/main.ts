import { resolve } from 'node:path';
import * as core from '@actions/core';
import { context } from '@actions/github';
import { Octokit } from '@octokit/rest';
import { loadConfig } from '../../lib/config/loader.js';
import { DEFAULT_CONFIG_PATH, smokeFor } from '../../lib/config/schema.js';
import { systemClock } from '../../lib/core/clock.js';
import { describeError } from '../../lib/core/errors.js';
import { Redactor, redactingLogger } from '../../lib/core/redact.js';
import { probesFromConfig } from '../../lib/smoke/from-config.js';
import { recordSmokeEnd, recordSmokeStart, type SmokeLedgerOptions } from '../../lib/smoke/record.js';
import { smokeReportJson, smokeSummaryMarkdown } from '../../lib/smoke/report.js';
import { smokeDeployment } from '../../lib/smoke/smoke.js';
import { openProbeTargets } from '../../lib/smoke/targets.js';
import { coreLogger, maskSecretsWithRunner } from '../shared/core-logger.js';
import { getInputs, io } from './inputs.js';

/** The smoke action: runs the configured probes against `url`, writes outputs, the summary and ledger statuses. */
export async function run(): Promise<void> {
  const redactor = new Redactor();
  try {
    maskSecretsWithRunner(redactor);
    const inputs = getInputs();
    redactor.add(inputs.bypassSecret);
    redactor.add(inputs.supabaseAnonKey);
    redactor.add(inputs.githubToken);
    redactor.add(inputs.databaseUrl);
    redactor.addUrlCredentials(inputs.databaseUrl);
    const logger = redactingLogger(coreLogger(redactor), redactor);
    const redact = (text: string) => redactor.redact(text);

    const workspace = process.env.GITHUB_WORKSPACE ?? process.cwd();
    const cwd = resolve(workspace, inputs.workingDirectory);
    const { config } = await loadConfig(inputs.config, { cwd, allowMissing: inputs.config === DEFAULT_CONFIG_PATH });
    const smoke = smokeFor(config, inputs.environment);
    const runUrl = `${context.serverUrl}/${context.repo.owner}/${context.repo.repo}/actions/runs/${context.runId}`;
    const ledger: SmokeLedgerOptions | undefined =
      inputs.ledgerDeploymentId !== undefined && inputs.githubToken
        ? {
            octokit: new Octokit({
              auth: inputs.githubToken,
              baseUrl: process.env.GITHUB_API_URL ?? 'https://api.github.com',
            }),
            repo: context.repo,
            deploymentId: inputs.ledgerDeploymentId,
            phase: inputs.phase,
            logUrl: runUrl,
            environmentUrl: config.environments[inputs.environment]?.url ?? inputs.url,
          }
        : undefined;

    const { targets, close } = openProbeTargets({
      baseUrl: inputs.url,
      bypassSecret: inputs.bypassSecret,
      supabaseUrl: inputs.supabaseUrl,
      supabaseAnonKey: inputs.supabaseAnonKey,
      databaseUrl: inputs.databaseUrl,
      redact,
    });
    try {
      if (ledger) {
        await recordSmokeStart(ledger, inputs.url, probesFromConfig(smoke, targets).probes.length).catch((error) =>
          logger.warning(`Could not record the smoke phase in the ledger: ${describeError(error)}`),
        );
      }
      const outcome = await smokeDeployment(smoke, targets, { clock: systemClock, logger });
      const { run: smokeRun } = outcome.details;
      io.output('verdict', smokeRun.analysis.verdict);
      io.output('report', redact(smokeReportJson(smokeRun, inputs.url)));
      io.output('reason', outcome.reason);
      if (process.env.GITHUB_STEP_SUMMARY) {
        await core.summary.addRaw(redact(smokeSummaryMarkdown(smokeRun, inputs.url)), true).write();
      }
      if (ledger) {
        await recordSmokeEnd(ledger, outcome).catch((error) =>
          logger.warning(`Could not record the smoke result in the ledger: ${describeError(error)}`),
        );
      }
      if (outcome.outcome === 'success') logger.info(outcome.message);
      else core.setFailed(redact(outcome.message));
    } finally {
      await close();
    }
  } catch (error) {
    core.setFailed(redactor.redact(describeError(error)));
  }
}
