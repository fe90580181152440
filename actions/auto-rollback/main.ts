import { resolve } from 'node:path';
import * as core from '@actions/core';
import { context } from '@actions/github';
import { Octokit } from '@octokit/rest';
import { loadConfig } from '../../lib/config/loader.js';
import { DEFAULT_CONFIG_PATH } from '../../lib/config/schema.js';
import { systemClock } from '../../lib/core/clock.js';
import { ConfigError, describeError } from '../../lib/core/errors.js';
import { Redactor, redactingLogger } from '../../lib/core/redact.js';
import { autoRollback, type RollbackTrigger } from '../../lib/rollback/auto.js';
import { renderRollbackMarkdown } from '../../lib/rollback/report.js';
import { coreLogger, maskSecretsWithRunner } from '../shared/core-logger.js';
import { buildRollbackDeps } from './deps.js';
import { getInputs, io } from './inputs.js';

/** The auto-rollback action: one code path for the deploy finisher and manual rollbacks. */
export async function run(): Promise<void> {
  const redactor = new Redactor();
  try {
    maskSecretsWithRunner(redactor);
    const inputs = getInputs();
    for (const secret of [
      inputs.githubToken,
      inputs.vercelToken,
      inputs.supabaseAccessToken,
      inputs.supabaseAnonKey,
      inputs.bypassSecret,
      inputs.databaseUrl,
    ]) {
      redactor.add(secret);
    }
    redactor.addUrlCredentials(inputs.databaseUrl);
    const logger = redactingLogger(coreLogger(redactor), redactor);
    if (!inputs.githubToken) {
      throw new ConfigError('input_missing', 'Input github-token is empty: the ledger and the lock live on GitHub.', {
        // biome-ignore lint/suspicious/noTemplateCurlyInString: a workflow expression shown to the user
        hint: 'Leave the default (${{ github.token }}) and grant deployments, contents and issues write.',
      });
    }
    if (!inputs.finisher && inputs.mode !== 'rollback' && context.eventName !== 'workflow_dispatch') {
      throw new ConfigError(
        'input_invalid',
        `No finisher input was given and this run is a ${context.eventName} event, so this would be a manual rollback of ${inputs.environment}; refused.`,
        {
          hint: 'In deploy.yml’s last step set mode: finish-deploy (with the step outcomes); for a rollback outside workflow_dispatch set mode: rollback.',
        },
      );
    }
    const workspace = process.env.GITHUB_WORKSPACE ?? process.cwd();
    const cwd = resolve(workspace, inputs.workingDirectory);
    const { config } = await loadConfig(inputs.config, { cwd, allowMissing: inputs.config === DEFAULT_CONFIG_PATH });
    const runUrl = `${context.serverUrl}/${context.repo.owner}/${context.repo.repo}/actions/runs/${context.runId}`;
    const { deps, close } = buildRollbackDeps({
      config,
      environment: inputs.environment,
      cwd,
      octokit: new Octokit({
        auth: inputs.githubToken,
        baseUrl: process.env.GITHUB_API_URL ?? 'https://api.github.com',
      }),
      repo: context.repo,
      vercelToken: inputs.vercelToken,
      vercelApiUrl: inputs.vercelApiUrl,
      supabaseAccessToken: inputs.supabaseAccessToken,
      supabaseApiUrl: inputs.supabaseApiUrl,
      supabaseProjectRef: inputs.supabaseProjectRef,
      bypassSecret: inputs.bypassSecret,
      supabaseUrl: inputs.supabaseUrl,
      supabaseAnonKey: inputs.supabaseAnonKey,
      databaseUrl: inputs.databaseUrl,
      verify: inputs.verify,
      requestedBy: context.actor,
      reason: inputs.reason,
      source: runUrl,
      logUrl: runUrl,
      clock: systemClock,
      logger,
      redact: (t) => redactor.redact(t),
    });
    const trigger: RollbackTrigger = inputs.finisher
      ? {
          kind: 'deploy-finished',
          environment: inputs.environment,
          ...(inputs.ledgerDeploymentId !== undefined ? { ledgerDeploymentId: inputs.ledgerDeploymentId } : {}),
          ...(inputs.lockSha ? { lockSha: inputs.lockSha } : {}),
          migrate: inputs.migrateOutcome,
          deploy: inputs.deployOutcome,
          smokeVerdict: inputs.smokeVerdict,
          smokeReport: inputs.smokeReport,
          promoted: inputs.promoted,
          auto: config.rollback.auto,
        }
      : {
          kind: 'manual',
          environment: inputs.environment,
          ...(inputs.version ? { version: inputs.version } : {}),
          ...(inputs.deploymentId !== undefined ? { deploymentId: inputs.deploymentId } : {}),
        };
    try {
      const outcome = await autoRollback(deps, trigger);
      const rb = outcome.details.rollback?.details;
      io.output('outcome', outcome.outcome);
      io.output('reason', outcome.reason);
      io.output('rolled-back', String(outcome.details.rolledBack));
      io.output('target-version', rb?.targetVersion ?? '');
      io.output('rollback-deployment-id', rb?.rollbackDeploymentId ? String(rb.rollbackDeploymentId) : '');
      io.output('incident-url', outcome.details.incident?.url ?? '');
      if (process.env.GITHUB_STEP_SUMMARY) {
        await core.summary.addRaw(redactor.redact(renderRollbackMarkdown(outcome)), true).write();
      }
      if (outcome.outcome === 'success') logger.info(outcome.message);
      else core.setFailed(redactor.redact(`[${outcome.reason}] ${outcome.message}`));
    } finally {
      await close();
    }
  } catch (error) {
    core.setFailed(redactor.redact(describeError(error)));
  }
}
