/**
 * `/rollback`: resolve the target, take the environment lock, record the rollback in the ledger and dispatch the
 * rollback workflow. The bot holds no Vercel or Supabase credentials: the workflow acts; the lock is released when
 * the deployment finishes (lib/chatops/progress.ts), or here at once when anything after the lock fails.
 */
import { describeError } from '../core/errors.js';
import { createLedgerDeployment, type LedgerEntry, setLedgerStatus } from '../github/ledger.js';
import { acquireLock, releaseLock } from '../github/locks.js';
import { call } from '../github/repo.js';
import type { LockContent } from '../release/lock.js';
import { failed, type Outcome, refused, succeeded } from '../release/outcome.js';
import { LEDGER_TASK } from '../release/payload.js';
import type { ChatOpsDeps, Requester } from './deps.js';
import { type DispatchedRun, dispatchWorkflow } from './dispatch.js';
import { lockHeldRefusal } from './lock-holder.js';
import { resolveRollbackTarget } from './resolve-target.js';

export interface RollbackRequest {
  environment: string;
  version?: string;
  reason?: string;
}

export interface RollbackDetails {
  environment: string;
  version?: string;
  from?: string;
  deploymentId?: number;
  rollbackOf?: number;
  run?: DispatchedRun;
  holder?: LockContent;
  goodVersions?: string[];
}

/** Runs the bot's part of a rollback (authorization is the caller's). Every path returns an Outcome. */
export async function requestRollback(
  deps: ChatOpsDeps,
  requester: Requester,
  request: RollbackRequest,
): Promise<Outcome<RollbackDetails>> {
  const { octokit, repo, clock } = deps;
  const environment = request.environment;
  const resolved = await resolveRollbackTarget(deps, environment, request.version);
  if (resolved.outcome !== 'success' || !resolved.details.target || !resolved.details.current) {
    return {
      ...resolved,
      details: {
        environment,
        ...(resolved.details.current ? { from: resolved.details.current.release.version } : {}),
        ...(resolved.details.goodVersions ? { goodVersions: resolved.details.goodVersions } : {}),
      },
    };
  }
  const { current, target } = resolved.details;
  const reason = request.reason ?? '';
  const now = clock.now();
  const content: LockContent = {
    schema: 1,
    environment,
    holder: requester.login,
    purpose: 'rollback',
    reason: reason || `rollback to ${target.release.version}`,
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + deps.lockTtlMs).toISOString(),
    source: requester.source,
    version: target.release.version,
  };
  const claim = await acquireLock(octokit, repo, content);
  if (!claim.acquired) {
    return lockHeldRefusal(environment, claim.holder, now, 'roll back', {
      environment,
      version: target.release.version,
      from: current.release.version,
      ...(claim.holder ? { holder: claim.holder } : {}),
    });
  }
  const base = { environment, version: target.release.version, from: current.release.version };
  let deploymentId: number | undefined;
  try {
    // Someone may have released between our read and our lock: any deployment newer than the current release
    // means the environment moved (or is moving), so act only when there is none (one API call, fails closed).
    const newer = await newerDeployment(deps, environment, current.deploymentId);
    if (newer !== undefined) {
      await releaseLock(octokit, repo, environment, claim.sha);
      return refused(
        'ref-changed',
        `\`${environment}\` changed while I was preparing the rollback (deployment ${newer} is newer than ${current.release.version}). Nothing was done; run the command again.`,
        base,
      );
    }
    const entry = await createLedgerDeployment(octokit, repo, {
      environment,
      payload: rollbackPayload(current, target, requester, reason),
      production: deps.config.environments[environment]?.['vercel-target'] === 'production',
      transient: false,
      description: `rollback to ${target.release.version}`,
    });
    deploymentId = entry.deploymentId;
    const run = await dispatchWorkflow(octokit, repo, deps.workflows.rollback, deps.defaultBranch, {
      'deployment-id': String(entry.deploymentId),
      environment,
      version: target.release.version,
    });
    await setLedgerStatus(octokit, repo, entry.deploymentId, {
      state: 'queued',
      phase: 'lock',
      detail: run.runId ? `workflow run ${run.runId} started` : `${deps.workflows.rollback} dispatched`,
      ...(run.htmlUrl ? { logUrl: run.htmlUrl } : {}),
    });
    return succeeded(`Rolling \`${environment}\` back from ${current.release.version} to ${target.release.version}.`, {
      ...base,
      deploymentId: entry.deploymentId,
      rollbackOf: current.deploymentId,
      run,
    });
  } catch (error) {
    deps.logger.error(`Rollback of ${environment} failed after taking the lock: ${describeError(error)}`);
    if (deploymentId !== undefined) {
      await setLedgerStatus(octokit, repo, deploymentId, {
        state: 'error',
        phase: 'lock',
        detail: `could not start the rollback workflow: ${describeError(error).split('\n')[0]}`,
      }).catch((e) => deps.logger.warning(`Could not mark deployment ${deploymentId} as error: ${describeError(e)}`));
    }
    const released = await releaseLock(octokit, repo, environment, claim.sha).catch(() => false);
    return failed(
      'api-error',
      `The rollback of \`${environment}\` to ${target.release.version} could not start: ${describeError(error)}${released ? ' The lock was released; nothing changed in production. Try again.' : ` The lock could not be released; \`/unlock ${environment}\` frees it.`}`,
      { ...base, ...(deploymentId !== undefined ? { deploymentId } : {}), rollbackOf: current.deploymentId },
    );
  }
}

/** The ledger payload of a rollback: the target's Vercel deployment and edge functions; the schema stays as is. */
function rollbackPayload(current: LedgerEntry, target: LedgerEntry, requester: Requester, reason: string) {
  return {
    schema: 1 as const,
    kind: 'rollback' as const,
    version: target.release.version,
    sha: target.release.sha,
    vercel: target.payload.vercel,
    edge: target.payload.edge,
    // Migrations never run down: the database keeps the current release's schema.
    migrations: current.payload.migrations,
    requestedBy: requester.login,
    reason,
    source: requester.source,
    rollbackOf: current.deploymentId,
  };
}

/** The id of a Shipline deployment in `environment` newer than `deploymentId`, if any (newest first, one page). */
async function newerDeployment(
  deps: ChatOpsDeps,
  environment: string,
  deploymentId: number,
): Promise<number | undefined> {
  const res = await call(`list the deployments of ${environment}`, deps.repo, () =>
    deps.octokit.rest.repos.listDeployments({ ...deps.repo, environment, task: LEDGER_TASK, per_page: 1 }),
  );
  const newest = res.data[0];
  return newest && newest.id > deploymentId ? newest.id : undefined;
}
