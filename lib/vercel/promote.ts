/**
 * Promotes a staged production deployment: `POST /v10/projects/{id}/promote/{dpl}`, then waits until the alias job
 * succeeded (`lastAliasRequest`), the project's production target is the deployment, and — when a fetch is given —
 * the production domain serves the same bytes as the deployment's own URL. A promote also unpins production after
 * a rollback (FACTS.md: the rollback set `autoAssignCustomDomains` false; promote sets it back).
 */
import type { Clock } from '../core/clock.js';
import type { Logger } from '../core/logger.js';
import { failed, type Outcome, refused, succeeded } from '../release/outcome.js';
import { VercelApi } from './api.js';
import { VercelError } from './errors.js';
import { getProject, productionDomains, type VercelProject } from './project.js';
import type { DeploymentState } from './wait-ready.js';

/** Checks that the production domain serves the promoted deployment, by comparing bytes at `path`. */
export interface ServeCheck {
  /** Fetch used for both URLs (the emulator's routed fetch in tests; global fetch otherwise). */
  fetch: (url: string, init?: RequestInit) => Promise<Response>;
  /** Path compared on both hosts. Default `/`. */
  path?: string;
  /** Deployment Protection bypass secret for the deployment URL (sent only to that host). */
  bypassSecret?: string;
  /** The production URL to check; default `https://<first production domain>`. */
  productionUrl?: string;
  /**
   * Fallback bytes production must serve at `path` (e.g. the output's static file), used only when the deployment's
   * own URL cannot be read (unresolvable host, protected without a bypass secret).
   */
  expected?: Buffer;
}

export interface PromoteOptions {
  token: string;
  apiUrl: string;
  teamId?: string;
  project: string;
  /** Deployment id (`dpl_…`) or URL. */
  deployment: string;
  /** Deadline for the switch (alias job and serving), ms. */
  timeoutMs: number;
  pollIntervalMs?: number;
  idleTimeoutMs?: number;
  serveCheck?: ServeCheck;
  clock: Clock;
  logger: Logger;
  random?: () => number;
}

export interface PromoteDetails {
  projectId?: string;
  deploymentId?: string;
  url?: string;
  inspectorUrl?: string;
  /** The deployment production served before. */
  previousDeploymentId?: string;
  productionUrl?: string;
  /** Whether production was pinned by a rollback before this promote. */
  wasPinned: boolean;
  /** Whether the production domain was checked to serve the deployment's bytes. */
  servingVerified: boolean;
  timings: { promote: number; verify: number; total: number };
  errorCode?: string;
}

/** Promotes; returns an Outcome (refused when nothing was changed, failure when the switch did not complete). */
export async function promoteDeployment(options: PromoteOptions): Promise<Outcome<PromoteDetails>> {
  const { clock, logger } = options;
  const started = clock.now().getTime();
  const since = (t: number) => clock.now().getTime() - t;
  const details: PromoteDetails = {
    wasPinned: false,
    servingVerified: false,
    timings: { promote: 0, verify: 0, total: 0 },
  };
  const finish = <O extends Outcome<PromoteDetails>>(o: O): O => {
    details.timings.total = since(started);
    return o;
  };
  const api = new VercelApi({
    token: options.token,
    apiUrl: options.apiUrl,
    teamId: options.teamId,
    clock,
    logger,
    random: options.random,
    timeoutMs: options.idleTimeoutMs ?? 30_000,
  });
  let requested = false;
  try {
    const project = await getProject(api, options.project);
    details.projectId = project.id;
    details.previousDeploymentId = project.targets?.production?.id;
    details.wasPinned = project.autoAssignCustomDomains === false;
    const deployment = await api.json<DeploymentState & { target?: string | null; projectId?: string }>(
      'GET',
      `/v13/deployments/${encodeURIComponent(options.deployment.replace(/^https?:\/\//, '').replace(/\/.*$/, ''))}`,
      {
        what: `reading deployment ${options.deployment}`,
        notFound: {
          reason: 'deployment-missing',
          hint: 'Check the deployment id (the deploy step’s deployment-id output).',
        },
      },
    );
    details.deploymentId = deployment.id;
    details.url = `https://${deployment.url}`;
    details.inspectorUrl = deployment.inspectorUrl;
    if (deployment.projectId && deployment.projectId !== project.id) {
      return finish(
        refused(
          'invalid-input',
          `Deployment ${deployment.id} belongs to another project than ${project.name}.`,
          details,
        ),
      );
    }
    if (deployment.readyState !== 'READY') {
      return finish(
        refused(
          'invalid-input',
          `Deployment ${deployment.id} is ${deployment.readyState}, not READY; only a READY deployment can be promoted.`,
          details,
        ),
      );
    }
    if (deployment.target !== 'production') {
      return finish(
        refused(
          'invalid-input',
          `Deployment ${deployment.id} is a ${deployment.target ?? 'preview'} deployment; promote needs a production deployment (deploy with target production first).`,
          details,
        ),
      );
    }
    const domain = productionDomains(project)[0];
    details.productionUrl = options.serveCheck?.productionUrl ?? (domain ? `https://${domain}` : undefined);

    const res = await api.send(
      'POST',
      `/v10/projects/${encodeURIComponent(project.id)}/promote/${encodeURIComponent(deployment.id)}`,
      {
        what: `promoting ${deployment.id}`,
        // Promoting the same deployment twice is harmless, so a lost answer may be retried.
        retryUnsafe: true,
      },
    );
    requested = true;
    if (res.status !== 200 && res.status !== 201 && res.status !== 202) {
      throw api.errorFor(res, `promoting ${deployment.id}`, {
        reason: 'deployment-missing',
        hint: 'The deployment or project no longer exists.',
      });
    }
    logger.info(`Promote of ${deployment.id} requested (HTTP ${res.status}); waiting for the production alias`);
    const deadline = started + options.timeoutMs;
    await waitForAlias(api, project.id, deployment.id, deadline, options);
    details.timings.promote = since(started);
    if (options.serveCheck && details.productionUrl) {
      const t = clock.now().getTime();
      await waitForServing(options.serveCheck, details.productionUrl, details.url, deadline, options);
      details.servingVerified = true;
      details.timings.verify = since(t);
    }
    logger.info(`Production (${details.productionUrl ?? project.name}) now serves ${deployment.id}`);
    return finish(
      succeeded(
        `Promoted ${deployment.id} to production${details.previousDeploymentId ? ` (was ${details.previousDeploymentId})` : ''}${details.wasPinned ? '; production is no longer pinned' : ''}.`,
        details,
      ),
    );
  } catch (error) {
    if (!(error instanceof VercelError)) throw error;
    details.errorCode = error.code;
    const message = error.hint ? `${error.message} ${error.hint}` : error.message;
    if (
      !requested &&
      ['invalid-input', 'config-invalid', 'permission-denied', 'deployment-missing'].includes(error.reason)
    ) {
      return finish(refused(error.reason, message, details));
    }
    return finish(failed(error.reason === 'api-error' ? 'promote-failed' : error.reason, message, details));
  }
}

async function waitForAlias(
  api: VercelApi,
  projectId: string,
  deploymentId: string,
  deadline: number,
  options: PromoteOptions,
): Promise<VercelProject> {
  const { clock, logger } = options;
  let lastStatus = '';
  for (;;) {
    let project: VercelProject | undefined;
    try {
      project = await getProject(api, projectId);
    } catch (error) {
      if (!(error instanceof VercelError) || !(error.code === 'vercel_unreachable' || (error.status ?? 0) >= 500))
        throw error;
      logger.warning(`${error.message}; still waiting for the promote of ${deploymentId}`);
    }
    const job = project?.lastAliasRequest;
    if (project && job && job.toDeploymentId === deploymentId) {
      if (job.jobStatus !== lastStatus) {
        logger.info(`Alias job: ${job.jobStatus}`);
        lastStatus = job.jobStatus;
      }
      if (job.jobStatus === 'succeeded' && project.targets?.production?.id === deploymentId) return project;
      if (job.jobStatus === 'failed') {
        throw new VercelError(
          'vercel_promote_failed',
          `Vercel could not move the production domains to ${deploymentId} (alias job failed).`,
          {
            reason: 'promote-failed',
            hint: 'Production still serves the previous deployment. Retry the promote; if it fails again, check the domains in the Vercel dashboard.',
          },
        );
      }
    } else if (project && job && job.toDeploymentId !== deploymentId && job.requestedAt && lastStatus) {
      throw new VercelError(
        'vercel_promote_superseded',
        `Another promote or rollback (to ${job.toDeploymentId}) replaced this one.`,
        {
          reason: 'promote-failed',
          hint: 'Someone else changed production meanwhile; check who holds the environment lock.',
        },
      );
    } else if (project && !job && project.targets?.production?.id === deploymentId) {
      return project;
    }
    if (clock.now().getTime() >= deadline) {
      throw new VercelError(
        'vercel_promote_timeout',
        `The promote of ${deploymentId} did not complete in time (alias job: ${lastStatus || 'not seen'}).`,
        {
          reason: 'timeout',
          hint: 'Check the project in the Vercel dashboard; production may still switch. Rerun the promote to wait again.',
        },
      );
    }
    await clock.sleep(options.pollIntervalMs ?? 1_000);
  }
}

async function bodyOf(check: ServeCheck, url: string, bypass?: string): Promise<{ status: number; bytes: Buffer }> {
  const res = await check.fetch(url, {
    headers: bypass ? { 'x-vercel-protection-bypass': bypass } : {},
    redirect: 'manual',
    signal: AbortSignal.timeout(15_000),
  });
  return { status: res.status, bytes: Buffer.from(await res.arrayBuffer()) };
}

/** What production should serve: the deployment URL's answer, or `check.expected` when that URL is unreadable. */
async function expectedBody(check: ServeCheck, url: string): Promise<{ status: number; bytes: Buffer }> {
  try {
    const answer = await bodyOf(check, url, check.bypassSecret);
    if (answer.status === 401 && check.expected) return { status: 200, bytes: check.expected };
    return answer;
  } catch (error) {
    if (!check.expected) throw error;
    return { status: 200, bytes: check.expected };
  }
}

async function waitForServing(
  check: ServeCheck,
  productionUrl: string,
  deploymentUrl: string,
  deadline: number,
  options: PromoteOptions,
): Promise<void> {
  const path = check.path ?? '/';
  const { clock, logger } = options;
  let reason = '';
  for (;;) {
    try {
      const expected = await expectedBody(check, `${deploymentUrl}${path}`);
      const served = await bodyOf(check, `${productionUrl.replace(/\/$/, '')}${path}`);
      if (served.status === expected.status && served.bytes.equals(expected.bytes)) return;
      reason = `production answered ${served.status} with ${served.bytes.length} bytes, the deployment ${expected.status} with ${expected.bytes.length}`;
    } catch (error) {
      reason = (error as Error).message;
    }
    if (clock.now().getTime() >= deadline) {
      throw new VercelError(
        'vercel_not_serving',
        `${productionUrl}${path} does not serve the promoted deployment yet (${reason}).`,
        {
          reason: 'promote-failed',
          hint: 'The alias job succeeded but the domain answers differently; check DNS and caches for the production domain.',
        },
      );
    }
    logger.debug(`Waiting for ${productionUrl}${path} to serve the new deployment (${reason})`);
    await clock.sleep(options.pollIntervalMs ?? 1_000);
  }
}
