import { resolve } from 'node:path';
import * as core from '@actions/core';
import type { Octokit } from '@octokit/rest';
import { systemClock } from '../../lib/core/clock.js';
import { describeError } from '../../lib/core/errors.js';
import { Redactor, redactingLogger } from '../../lib/core/redact.js';
import type { Outcome } from '../../lib/release/outcome.js';
import { versionTagOf } from '../../lib/release/tag-of-commit.js';
import type { GitContext } from '../../lib/vercel/meta.js';
import { coreLogger, maskSecretsWithRunner } from '../shared/core-logger.js';
import { getInputs, io, OVERRIDE_NAMES } from './inputs.js';

// The engine, the configuration schema and @actions/github are loaded once the inputs are known to be usable, so a
// misconfigured step fails in the time Node needs to start (bench/deploy measures it).
const load = () =>
  Promise.all([
    import('@actions/github'),
    import('../../lib/config/loader.js'),
    import('../../lib/config/schema.js'),
    import('../../lib/github/pr-comment.js'),
    import('../../lib/github/release-record.js'),
    import('../../lib/vercel/build-output.js'),
    import('../../lib/vercel/deploy.js'),
    import('../../lib/vercel/meta.js'),
    import('../../lib/vercel/promote.js'),
    import('../../lib/vercel/report.js'),
    import('../../lib/vercel/settings.js'),
  ]);

const PR_EVENTS = new Set(['pull_request', 'pull_request_target']);

type GitHubContext = Awaited<typeof import('@actions/github')>['context'];

/** The commit and people of this run, from the GitHub context (a PR deploys its head commit). */
function gitContext(context: GitHubContext): GitContext {
  const pr = context.payload.pull_request as { head?: { sha?: string; ref?: string }; title?: string } | undefined;
  const headCommit = context.payload.head_commit as { message?: string; author?: { name?: string } } | undefined;
  return {
    sha: pr?.head?.sha ?? context.sha,
    ref: context.ref,
    actor: context.actor,
    repository: `${context.repo.owner}/${context.repo.repo}`,
    serverUrl: context.serverUrl,
    runUrl: `${context.serverUrl}/${context.repo.owner}/${context.repo.repo}/actions/runs/${context.runId}`,
    headRef: pr?.head?.ref,
    commitMessage: headCommit?.message ?? pr?.title,
    commitAuthorName: headCommit?.author?.name,
  };
}

function setOutcomeOutputs(outcome: Outcome<unknown>): void {
  io.output('outcome', outcome.outcome);
  io.output('reason', outcome.reason);
}

/** The deploy-vercel action: deploys (or promotes), sets outputs, writes the summary and the PR comment. */
export async function run(): Promise<void> {
  const redactor = new Redactor();
  maskSecretsWithRunner(redactor);
  try {
    const inputs = getInputs('');
    redactor.add(inputs.vercelToken);
    redactor.add(inputs.githubToken);
    const [
      { context, getOctokit },
      { loadConfig },
      { DEFAULT_CONFIG_PATH },
      { upsertStickyComment },
      { recordDeployedRelease, recordPromotion },
      { staticFileFor },
      { deployToVercel },
      { releaseFor },
      { promoteDeployment },
      { deploySummaryLine, renderDeployMarkdown, renderPreviewComment, renderPromoteMarkdown },
      { vercelSettings },
    ] = await load();
    const isPr = PR_EVENTS.has(context.eventName);
    inputs.overrides.environment ||= isPr ? 'preview' : 'production';
    const logger = redactingLogger(coreLogger(), redactor);
    const workspace = process.env.GITHUB_WORKSPACE ?? process.cwd();
    const cwd = resolve(workspace, inputs.workingDirectory);
    const { config } = await loadConfig(inputs.config, { cwd, allowMissing: inputs.config === DEFAULT_CONFIG_PATH });
    const settings = vercelSettings(config, inputs.overrides, OVERRIDE_NAMES);
    // @vercel/client scopes its own requests to $VERCEL_TEAM_ID when set: use the same team everywhere.
    const teamId = settings.teamId ?? (process.env.VERCEL_TEAM_ID || undefined);
    const api = { token: inputs.vercelToken, apiUrl: inputs.apiUrl, teamId };

    if (inputs.promote) {
      const outputDir = resolve(cwd, settings.outputDir);
      const outcome = await promoteDeployment({
        ...api,
        project: settings.project,
        deployment: inputs.promote,
        timeoutMs: settings.buildTimeoutMs,
        serveCheck: {
          fetch: (url, init) => fetch(url, init),
          path: inputs.verifyPath,
          productionUrl: settings.target === 'production' ? settings.environmentUrl : undefined,
          expected: staticFileFor(outputDir, inputs.verifyPath),
        },
        clock: systemClock,
        logger,
      });
      setOutcomeOutputs(outcome);
      io.output('deployment-id', outcome.details.deploymentId ?? '');
      io.output('url', outcome.details.url ?? '');
      io.output('inspector-url', outcome.details.inspectorUrl ?? '');
      io.output('production-url', outcome.details.servingVerified ? (outcome.details.productionUrl ?? '') : '');
      io.output('ledger-deployment-id', inputs.ledgerDeploymentId ? String(inputs.ledgerDeploymentId) : '');
      if (inputs.ledgerDeploymentId && inputs.githubToken) {
        const octokit = getOctokit(inputs.githubToken) as unknown as Octokit;
        const ok = outcome.outcome === 'success';
        await recordPromotion(octokit, context.repo, inputs.ledgerDeploymentId, {
          ok,
          detail: ok ? `production serves ${outcome.details.url ?? inputs.promote}` : redactor.redact(outcome.message),
          logUrl: gitContext(context).runUrl ?? '',
          productionUrl: outcome.details.productionUrl,
        });
      }
      await core.summary
        .addHeading('Vercel promote', 2)
        .addRaw(redactor.redact(renderPromoteMarkdown(outcome)), true)
        .write();
      if (outcome.outcome !== 'success') core.setFailed(redactor.redact(outcome.message));
      return;
    }

    const git = gitContext(context);
    // A pushed commit that carries a vX.Y.Z tag is released as that version (the tag at the commit).
    const release = releaseFor(git.sha, git.ref, inputs.version || (await versionTagOf(git.sha, cwd)));
    const outcome = await deployToVercel({
      ...api,
      project: settings.project,
      target: settings.target,
      outputDir: settings.outputDir,
      cwd,
      release,
      git,
      force: inputs.force,
      stage: inputs.stage,
      buildTimeoutMs: settings.buildTimeoutMs,
      clock: systemClock,
      logger,
    });
    const d = outcome.details;
    setOutcomeOutputs(outcome);
    io.output('deployment-id', d.deploymentId ?? '');
    io.output('url', d.url ?? '');
    io.output('inspector-url', d.inspectorUrl ?? '');
    io.output('target', d.target);
    io.output('staged', String(d.staged));
    io.output('reused', String(d.reused));
    io.output('files-uploaded', String(d.filesUploaded));
    io.output('bytes-uploaded', String(d.bytesUploaded));
    io.output('production-url', '');
    io.output('ledger-deployment-id', '');
    if (outcome.outcome === 'success' && d.deploymentId && d.url && d.projectId && inputs.githubToken) {
      // The release is recorded once its Vercel deployment id is known: the ledger payload is immutable.
      try {
        const entry = await recordDeployedRelease(getOctokit(inputs.githubToken) as unknown as Octokit, context.repo, {
          environment: settings.environment,
          production: d.target === 'production',
          transient: d.target === 'preview',
          release,
          vercel: { projectId: d.projectId, deploymentId: d.deploymentId, url: d.url },
          edge: inputs.edgeHashes,
          migrationsHead: inputs.migrationsHead || null,
          requestedBy: git.actor,
          reason: inputs.reason || (isPr ? 'pull request preview' : `${context.eventName} on ${git.ref}`),
          source: git.runUrl ?? '',
          staged: d.staged,
        });
        io.output('ledger-deployment-id', String(entry.deploymentId));
        logger.info(
          `Recorded ${release.version} in the ledger of ${settings.environment} (deployment ${entry.deploymentId}).`,
        );
      } catch (error) {
        // Rollback relies on the ledger: an unrecorded production release fails the step (production is untouched,
        // the deployment is only staged); a preview goes on with a warning.
        const message = `Could not record ${release.version} in the release ledger: ${describeError(error)}`;
        if (d.target === 'preview') logger.warning(message);
        else throw new Error(message);
      }
    }
    logger.info(deploySummaryLine(outcome));
    await core.summary
      .addHeading(`Vercel deploy (${settings.environment})`, 2)
      .addRaw(
        redactor.redact(renderDeployMarkdown(outcome, { project: settings.project, version: release.version })),
        true,
      )
      .write();

    const prNumber = (context.payload.pull_request as { number?: number } | undefined)?.number;
    if (isPr && prNumber && inputs.prComment && inputs.githubToken && outcome.outcome !== 'refused') {
      try {
        const octokit = getOctokit(inputs.githubToken) as unknown as Octokit;
        const body = renderPreviewComment(outcome, { sha: git.sha, project: settings.project, runUrl: git.runUrl });
        const result = await upsertStickyComment(
          octokit,
          context.repo,
          prNumber,
          `vercel-preview:${settings.project}`,
          redactor.redact(body),
        );
        logger.info(`Pull request comment ${result.action}: ${result.url}`);
      } catch (error) {
        logger.warning(`Could not update the pull request comment: ${describeError(error)}`);
      }
    }
    if (outcome.outcome !== 'success') core.setFailed(redactor.redact(outcome.message));
  } catch (error) {
    core.setFailed(redactor.redact(describeError(error)));
  }
}
