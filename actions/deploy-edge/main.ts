import { join, resolve } from 'node:path';
import * as core from '@actions/core';
import { Octokit } from '@octokit/rest';
import { loadConfig } from '../../lib/config/loader.js';
import { DEFAULT_CONFIG_PATH } from '../../lib/config/schema.js';
import { systemClock } from '../../lib/core/clock.js';
import { ConfigError, describeError } from '../../lib/core/errors.js';
import { Redactor, redactingLogger } from '../../lib/core/redact.js';
import { ManagementApi } from '../../lib/supabase/functions/api.js';
import { deployEdge } from '../../lib/supabase/functions/deploy.js';
import { EdgeFunctionError } from '../../lib/supabase/functions/errors.js';
import { recordedEdgeHashes } from '../../lib/supabase/functions/recorded.js';
import { edgeSummaryLine, renderEdgeMarkdown } from '../../lib/supabase/functions/report.js';
import { coreLogger, maskSecretsWithRunner } from '../shared/core-logger.js';
import { getInputs, io } from './inputs.js';

/** The deploy-edge action: deploys supabase/functions, sets outputs and the job summary. */
export async function run(): Promise<void> {
  const redactor = new Redactor();
  maskSecretsWithRunner(redactor);
  let workingDirectory = '.';
  try {
    const inputs = getInputs();
    workingDirectory = inputs.workingDirectory;
    redactor.add(inputs.accessToken);
    redactor.add(inputs.githubToken);
    const logger = redactingLogger(coreLogger(), redactor);
    const workspace = process.env.GITHUB_WORKSPACE ?? process.cwd();
    const root = resolve(workspace, inputs.workingDirectory);
    const { config } = await loadConfig(inputs.config, {
      cwd: root,
      allowMissing: inputs.config === DEFAULT_CONFIG_PATH,
    });
    const ref = inputs.projectRef || config.supabase['project-ref'] || '';
    if (!/^[a-z]{20}$/.test(ref)) {
      throw new ConfigError('input_missing', `No valid Supabase project ref (got ${JSON.stringify(ref)})`, {
        hint: 'Set supabase.project-ref in .github/shipline.yml, the project-ref input or SUPABASE_PROJECT_REF.',
      });
    }

    let recorded: Record<string, string> = {};
    let recordedAt: string | undefined;
    const [owner = '', repo = ''] = (process.env.GITHUB_REPOSITORY ?? '').split('/');
    if (inputs.githubToken && owner && repo && !inputs.force) {
      const octokit = new Octokit({
        auth: inputs.githubToken,
        baseUrl: process.env.GITHUB_API_URL ?? 'https://api.github.com',
      });
      try {
        const current = await recordedEdgeHashes(octokit, { owner, repo }, inputs.environment);
        recorded = current.hashes;
        recordedAt = current.recordedAt;
        logger.info(
          current.version
            ? `Current release in ${inputs.environment}: ${current.version} (${Object.keys(recorded).length} function hash(es) recorded)`
            : `No release recorded in ${inputs.environment} yet: every function deploys`,
        );
      } catch (error) {
        // Skipping is an optimisation: without the ledger every function deploys, which is always safe.
        logger.warning(`Could not read the ledger, deploying every function: ${describeError(error)}`);
      }
    }

    const api = new ManagementApi({
      baseUrl: inputs.apiUrl,
      token: inputs.accessToken,
      clock: systemClock,
      onWait: ({ what, delayMs, reason }) =>
        logger.info(`Waiting ${delayMs} ms before retrying to ${what} (${reason})`),
    });
    const outcome = await deployEdge({
      api,
      ref,
      root,
      functionsDir: inputs.functionsDir || config.supabase['functions-dir'],
      recorded,
      recordedAt,
      force: inputs.force,
      prune: inputs.prune,
      concurrency: inputs.concurrency,
      secrets: inputs.secrets,
      env: Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('INPUT_'))),
      mask: (value) => redactor.add(value),
      logger,
      clock: systemClock,
    });
    const d = outcome.details;
    io.output('deployed', JSON.stringify(d.deployed));
    io.output('skipped', JSON.stringify(d.skipped));
    io.output('versions', JSON.stringify(d.versions));
    io.output('hashes', JSON.stringify(d.hashes));
    logger.info(edgeSummaryLine(outcome));
    await core.summary
      .addHeading('Edge functions', 2)
      .addRaw(redactor.redact(renderEdgeMarkdown(outcome)), true)
      .write()
      .catch(() => undefined);
    if (outcome.outcome !== 'success') core.setFailed(redactor.redact(outcome.message));
  } catch (error) {
    const message = redactor.redact(describeError(error));
    if (error instanceof EdgeFunctionError && error.file) {
      core.error(message, {
        file: join(workingDirectory, error.file),
        startLine: error.line ?? 1,
        title: `deploy-edge ${error.code}`,
      });
    }
    core.setFailed(message);
  }
}
