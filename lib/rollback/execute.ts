/**
 * A rollback, end to end: resolve the target from the ledger (fail closed on any API error), hold the environment
 * lock, record a ledger deployment of kind `rollback`, re-point Vercel production to the deployment recorded for the
 * target (no rebuild), redeploy the target's edge functions from its source, verify production with smoke, and end
 * the record with `done`. Migrations never run down. Idempotent: a re-run of the same run (same `source`) after
 * success changes nothing, and after a crash continues the same ledger deployment.
 */
import type { Octokit } from '@octokit/rest';
import type { Clock } from '../core/clock.js';
import { describeError } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import {
  createLedgerDeployment,
  currentRelease,
  findGoodVersion,
  iterateLedger,
  type LedgerEntry,
  type LedgerState,
  setLedgerStatus,
} from '../github/ledger.js';
import { acquireLock, readLock, releaseLock } from '../github/locks.js';
import type { RepoRef } from '../github/repo.js';
import { DEFAULT_LOCK_TTL_MS, type LockContent } from '../release/lock.js';
import { failed, type Outcome, type ReasonCode, refused, succeeded } from '../release/outcome.js';
import type { LedgerPayload } from '../release/payload.js';
import type { RollbackPhase } from '../release/phases.js';
import type { SmokeDetails } from '../smoke/smoke.js';
import type { ManagementApi } from '../supabase/functions/api.js';
import { promoteDeployment, type ServeCheck } from '../vercel/promote.js';
import { type MigrationsNote, migrationsNote } from './migrations.js';
import { ledgerEntry, resolveRollbackTarget } from './resolve.js';
import { type RestoreEdgeResult, restoreEdge } from './restore-edge.js';

/** What was asked: the same shape for the deploy finisher, a manual dispatch, the bot's dispatch and the CLI. */
export interface RollbackRequest {
  environment: string;
  /** The version to restore; undefined = the last known-good release before the current (or failed) one. */
  version?: string;
  /** Auto-rollback: the ledger deployment of the release that failed after production was switched to it. */
  failedDeploymentId?: number;
  /** Dispatched by the bot: the rollback ledger deployment it created; the bot holds the lock for it. */
  deploymentId?: number;
  /** The commit of a lock the caller holds (the deploy workflow's); the rollback acts under it, never releases it. */
  heldLockSha?: string;
  /** GitHub login of whoever asked. */
  requestedBy: string;
  reason: string;
  /** The run (or comment) URL; also the idempotency key: a re-run of the same run finds its rollback deployment. */
  source: string;
  /** When the failure was detected (auto-rollback); for the timeline. */
  detectedAt?: Date;
}

/** Vercel access for restore-vercel. */
export interface RollbackVercel {
  token: string;
  apiUrl: string;
  teamId?: string;
  /** Deadline of the switch, ms. */
  timeoutMs: number;
  pollIntervalMs?: number;
  idleTimeoutMs?: number;
  serveCheck?: ServeCheck;
  random?: () => number;
}

/** Supabase access for restore-edge: the adapter turns a commit into a folder holding its functions. */
export interface RollbackEdge {
  api: ManagementApi;
  ref: string;
  /** Functions folder relative to the checked-out root (config `supabase.functions-dir`). */
  functionsDir: string;
  /** Extracts the functions folder (and its config.toml) of commit `sha` into a directory; cleanup removes it. */
  checkout(sha: string): Promise<{ root: string; cleanup(): Promise<void> }>;
}

export interface RollbackDeps {
  octokit: Octokit;
  repo: RepoRef;
  clock: Clock;
  logger: Logger;
  /** Versions listed by a `never-good` refusal (config `rollback.keep`). */
  keep?: number;
  /** Whether GitHub should mark the environment as production. */
  production: boolean;
  lockTtlMs?: number;
  /** Where the environment is served (status `environment_url`, smoke target). */
  environmentUrl?: string;
  /** The run URL written as each status's log URL. */
  logUrl?: string;
  vercel?: RollbackVercel;
  edge?: RollbackEdge;
  /** Smoke on production after the restore (see verify.ts); skipped when absent. */
  verify?: (productionUrl: string | undefined) => Promise<Outcome<SmokeDetails>>;
}

/** ISO timestamps of the rollback, for reports and incidents. */
export interface RollbackTimeline {
  detected?: string;
  started: string;
  rollbackStarted?: string;
  restored?: string;
  finished?: string;
}

export interface RollbackDetails {
  environment: string;
  fromVersion?: string;
  targetVersion?: string;
  targetSha?: string;
  rollbackDeploymentId?: number;
  rollbackOf?: number;
  goodVersions?: string[];
  vercel?: {
    deploymentId: string;
    url: string;
    productionUrl?: string;
    servingVerified: boolean;
    previousDeploymentId?: string;
  };
  edge?: RestoreEdgeResult;
  migrations?: MigrationsNote;
  smoke?: Outcome<SmokeDetails>;
  /** True when this run took the lock (and released it). */
  lockTaken: boolean;
  holder?: LockContent;
  /** The last phase reached. */
  phase?: RollbackPhase;
  timeline: RollbackTimeline;
}

/** What a rollback acts on, whether freshly resolved or read back from an existing rollback deployment. */
interface Plan {
  current: LedgerEntry;
  target: { version: string; sha: string; vercel: LedgerPayload['vercel']; edge: Record<string, string> };
  targetMigrationsHead: string | null | undefined;
  rollback?: LedgerEntry;
}

/** Runs a rollback; every path returns an Outcome (see the module comment). */
export async function rollback(deps: RollbackDeps, request: RollbackRequest): Promise<Outcome<RollbackDetails>> {
  const { clock, logger } = deps;
  const details: RollbackDetails = {
    environment: request.environment,
    lockTaken: false,
    timeline: {
      started: clock.now().toISOString(),
      ...(request.detectedAt ? { detected: request.detectedAt.toISOString() } : {}),
    },
  };

  // resolve: read-only; any API error means "change nothing".
  let plan: Plan;
  try {
    const resolved = await planRollback(deps, request, details);
    if ('outcome' in resolved) return resolved;
    plan = resolved;
  } catch (error) {
    return failed(
      'api-error',
      `Could not resolve the rollback target of \`${request.environment}\`: ${describeError(error)} Nothing was changed.`,
      details,
    );
  }
  details.fromVersion = plan.current.release.version;
  details.targetVersion = plan.target.version;
  details.targetSha = plan.target.sha;
  details.rollbackOf = plan.current.deploymentId;
  details.migrations = migrationsNote(plan.current, plan.target.version, plan.targetMigrationsHead);
  if (plan.rollback) details.rollbackDeploymentId = plan.rollback.deploymentId;
  if (plan.rollback?.state === 'success') {
    details.phase = 'done';
    return succeeded(
      `\`${request.environment}\` was already rolled back to ${plan.target.version} by deployment ${plan.rollback.deploymentId}; nothing changed.`,
      details,
      'already-done',
    );
  }
  const edgeNeeded = !sameEdge(plan.current.payload.edge, plan.target.edge);
  if (edgeNeeded && !deps.edge) {
    return refused(
      'invalid-input',
      `The edge functions of ${plan.target.version} differ from those of ${plan.current.release.version}, and no Supabase access was given to redeploy them. Nothing was changed; pass a Supabase access token and project ref.`,
      details,
    );
  }
  if (plan.target.vercel && !deps.vercel) {
    return refused(
      'invalid-input',
      `${plan.target.version} was served by Vercel deployment ${plan.target.vercel.deploymentId}, and no Vercel token was given. Nothing was changed.`,
      details,
    );
  }

  // lock
  let lockSha: string | undefined;
  try {
    const lock = await holdLock(deps, request, plan, details);
    if ('outcome' in lock) return lock;
    lockSha = lock.releaseSha;
  } catch (error) {
    return failed(
      'api-error',
      `Could not take the lock of \`${request.environment}\`: ${describeError(error)} Nothing was changed.`,
      details,
    );
  }
  try {
    return await act(deps, request, plan, details);
  } finally {
    if (lockSha) {
      const released = await releaseLock(deps.octokit, deps.repo, request.environment, lockSha).catch((error) => {
        logger.warning(`Could not release the lock of ${request.environment}: ${describeError(error)}`);
        return false;
      });
      if (!released) logger.warning(`The lock of ${request.environment} was no longer this run's when releasing it.`);
    }
  }
}

async function planRollback(
  deps: RollbackDeps,
  request: RollbackRequest,
  details: RollbackDetails,
): Promise<Plan | Outcome<RollbackDetails>> {
  const { environment } = request;
  if (request.deploymentId !== undefined) {
    const entry = await ledgerEntry(deps, environment, request.deploymentId);
    if (entry?.payload.kind !== 'rollback' || entry.payload.rollbackOf === undefined) {
      return refused(
        'deployment-missing',
        `Deployment ${request.deploymentId} is not a Shipline rollback of \`${environment}\`. Nothing was changed.`,
        details,
      );
    }
    return planFromRollback(deps, environment, entry, details);
  }
  // A re-run of the same run: its rollback deployment already exists.
  for await (const entry of iterateLedger(deps.octokit, deps.repo, environment)) {
    if (entry.payload.kind !== 'rollback' || entry.payload.source !== request.source) continue;
    if (request.failedDeploymentId !== undefined && entry.payload.rollbackOf !== request.failedDeploymentId) continue;
    if (request.version !== undefined && entry.release.version !== request.version) continue;
    deps.logger.info(`Found rollback deployment ${entry.deploymentId} of this run (${entry.state ?? 'no status'})`);
    return planFromRollback(deps, environment, entry, details);
  }
  const resolved = await resolveRollbackTarget(deps, environment, request.version, {
    ...(request.failedDeploymentId !== undefined ? { failedDeploymentId: request.failedDeploymentId } : {}),
  });
  if (resolved.outcome !== 'success' || !resolved.details.current || !resolved.details.target) {
    if (resolved.details.current) details.fromVersion = resolved.details.current.release.version;
    if (resolved.details.goodVersions) details.goodVersions = resolved.details.goodVersions;
    return { ...resolved, details };
  }
  const { current, target } = resolved.details;
  return {
    current,
    target: {
      version: target.release.version,
      sha: target.release.sha,
      vercel: target.payload.vercel,
      edge: target.payload.edge,
    },
    targetMigrationsHead: target.payload.migrations.head,
  };
}

async function planFromRollback(
  deps: RollbackDeps,
  environment: string,
  entry: LedgerEntry,
  details: RollbackDetails,
): Promise<Plan | Outcome<RollbackDetails>> {
  const rollbackOf = entry.payload.rollbackOf as number;
  const current = await ledgerEntry(deps, environment, rollbackOf);
  if (!current) {
    return refused(
      'deployment-missing',
      `Rollback deployment ${entry.deploymentId} names deployment ${rollbackOf}, which is not in the ledger of \`${environment}\`. Nothing was changed.`,
      details,
    );
  }
  const { entry: target } = await findGoodVersion(deps.octokit, deps.repo, environment, entry.release.version);
  return {
    current,
    target: {
      version: entry.release.version,
      sha: entry.release.sha,
      vercel: entry.payload.vercel,
      edge: entry.payload.edge,
    },
    targetMigrationsHead: target?.payload.migrations.head,
    rollback: entry,
  };
}

/** Makes sure this run may act; returns the sha to release at the end when this run took the lock. */
async function holdLock(
  deps: RollbackDeps,
  request: RollbackRequest,
  plan: Plan,
  details: RollbackDetails,
): Promise<{ releaseSha?: string } | Outcome<RollbackDetails>> {
  const { octokit, repo, clock } = deps;
  const { environment } = request;
  if (request.deploymentId !== undefined || request.heldLockSha !== undefined) {
    const held = await readLock(octokit, repo, environment);
    const lock = held?.lock;
    const ours =
      request.heldLockSha !== undefined
        ? held?.sha === request.heldLockSha
        : lock !== undefined &&
          (lock.deploymentId === request.deploymentId ||
            (lock.deploymentId === undefined &&
              lock.purpose === 'rollback' &&
              lock.source === plan.rollback?.payload.source));
    if (!ours) {
      if (lock) details.holder = lock;
      return refused(
        lock ? 'lock-held' : 'lock-not-held',
        lock
          ? `The lock of \`${environment}\` is held by @${lock.holder} for a ${lock.purpose} (${lock.source}), not for this rollback. Nothing was changed.`
          : `The lock of \`${environment}\` that this rollback should act under is not held any more. Nothing was changed; start the rollback again.`,
        details,
      );
    }
    return {};
  }
  const now = clock.now();
  const content: LockContent = {
    schema: 1,
    environment,
    holder: request.requestedBy,
    purpose: 'rollback',
    reason: request.reason || `rollback to ${plan.target.version}`,
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + (deps.lockTtlMs ?? DEFAULT_LOCK_TTL_MS)).toISOString(),
    source: request.source,
    version: plan.target.version,
    ...(plan.rollback ? { deploymentId: plan.rollback.deploymentId } : {}),
  };
  const claim = await acquireLock(octokit, repo, content);
  if (claim.acquired) {
    details.lockTaken = true;
    // Under the lock, act only on what is current: someone may have released meanwhile.
    if (!plan.rollback && request.failedDeploymentId === undefined) {
      const now2 = await currentRelease(octokit, repo, environment);
      if (now2?.deploymentId !== plan.current.deploymentId) {
        await releaseLock(octokit, repo, environment, claim.sha);
        details.lockTaken = false;
        return refused(
          'ref-changed',
          `\`${environment}\` changed while preparing the rollback (it now runs ${now2?.release.version ?? 'nothing'}). Nothing was done; run it again.`,
          details,
        );
      }
    }
    return { releaseSha: claim.sha };
  }
  // Our own crashed attempt still holds it: carry on under it.
  if (claim.holder && claim.holder.source === request.source && claim.holder.purpose === 'rollback' && claim.sha) {
    deps.logger.info(`The lock of ${environment} is still held by an earlier attempt of this run; continuing under it`);
    details.lockTaken = true;
    return { releaseSha: claim.sha };
  }
  if (claim.holder) details.holder = claim.holder;
  return refused(
    'lock-held',
    claim.holder
      ? `\`${environment}\` is locked by @${claim.holder.holder} for a ${claim.holder.purpose}${claim.holder.version ? ` of ${claim.holder.version}` : ''} (${claim.holder.source})${claim.stale ? '; the lock is stale' : ''}. Nothing was changed; retry when it is released.`
      : `\`${environment}\` is locked and the lock cannot be read. Nothing was changed.`,
    details,
  );
}

async function act(
  deps: RollbackDeps,
  request: RollbackRequest,
  plan: Plan,
  details: RollbackDetails,
): Promise<Outcome<RollbackDetails>> {
  const { octokit, repo, clock, logger } = deps;
  const { environment } = request;
  const since = Date.parse(details.timeline.started);
  let deploymentId = plan.rollback?.deploymentId;
  const status = async (state: LedgerState, phase: RollbackPhase, detail: string) => {
    details.phase = phase;
    if (deploymentId === undefined) return;
    await setLedgerStatus(octokit, repo, deploymentId, {
      state,
      phase,
      detail,
      ...(deps.logUrl ? { logUrl: deps.logUrl } : {}),
      ...(state === 'success' && (deps.environmentUrl ?? details.vercel?.productionUrl)
        ? { environmentUrl: deps.environmentUrl ?? details.vercel?.productionUrl }
        : {}),
    });
  };
  const fail = async (reason: ReasonCode, phase: RollbackPhase, message: string) => {
    await status('failure', phase, message).catch((error) =>
      logger.warning(`Could not record the failure in the ledger: ${describeError(error)}`),
    );
    details.timeline.finished = clock.now().toISOString();
    return failed(reason, message, details);
  };
  const from = plan.current.release.version;
  const to = plan.target.version;

  try {
    if (deploymentId === undefined) {
      const entry = await createLedgerDeployment(octokit, repo, {
        environment,
        payload: {
          schema: 1,
          kind: 'rollback',
          version: to,
          sha: plan.target.sha,
          vercel: plan.target.vercel,
          edge: plan.target.edge,
          // Migrations never run down: the database keeps the current release's schema.
          migrations: plan.current.payload.migrations,
          requestedBy: request.requestedBy,
          reason: request.reason,
          source: request.source,
          rollbackOf: plan.current.deploymentId,
        },
        production: deps.production,
        transient: false,
        description: `rollback to ${to}`,
      });
      deploymentId = entry.deploymentId;
      details.rollbackDeploymentId = deploymentId;
      await status('in_progress', 'resolve', `${from} → ${to}`);
    }
    await status('in_progress', 'lock', details.lockTaken ? `taken by ${request.requestedBy}` : 'held by the caller');
  } catch (error) {
    return fail('api-error', 'lock', `Could not record the rollback in the ledger: ${describeError(error)}`);
  }

  // restore-vercel
  details.timeline.rollbackStarted = clock.now().toISOString();
  const vercel = plan.target.vercel;
  if (vercel && deps.vercel) {
    await status('in_progress', 'restore-vercel', `promoting ${vercel.deploymentId}`);
    const promoted = await promoteDeployment({
      ...deps.vercel,
      project: vercel.projectId,
      deployment: vercel.deploymentId,
      clock,
      logger,
    });
    const d = promoted.details;
    details.vercel = {
      deploymentId: vercel.deploymentId,
      url: d.url ?? `https://${vercel.url}`,
      servingVerified: d.servingVerified,
      ...(d.productionUrl ? { productionUrl: d.productionUrl } : {}),
      ...(d.previousDeploymentId ? { previousDeploymentId: d.previousDeploymentId } : {}),
    };
    if (promoted.outcome !== 'success') {
      if (promoted.reason === 'deployment-missing') {
        return fail(
          'deployment-missing',
          'restore-vercel',
          `The Vercel deployment ${vercel.deploymentId} recorded for ${to} no longer exists (deleted?). Production was not changed and still serves ${from}; deploy ${to} again with the deploy workflow instead.`,
        );
      }
      return fail(
        promoted.reason === 'timeout' ? 'timeout' : 'rollback-failed',
        'restore-vercel',
        `Vercel could not switch production to ${to}: ${promoted.message}`,
      );
    }
    logger.info(`Production serves ${to} again (${vercel.deploymentId})`);
  } else {
    await status('in_progress', 'restore-vercel', `no Vercel deployment recorded for ${to}`);
  }

  // restore-edge
  if (!sameEdge(plan.current.payload.edge, plan.target.edge) && deps.edge) {
    await status('in_progress', 'restore-edge', `redeploying functions of ${plan.target.sha.slice(0, 7)}`);
    try {
      details.edge = await restoreEdge(deps.edge, plan.target.sha, plan.current.payload.edge, { clock, logger });
    } catch (error) {
      return fail(
        'deploy-edge-failed',
        'restore-edge',
        `Could not redeploy the edge functions of ${to}: ${describeError(error)}`,
      );
    }
    if (details.edge.failed.length > 0) {
      return fail(
        'deploy-edge-failed',
        'restore-edge',
        `Edge functions ${details.edge.failed.join(', ')} of ${to} could not be redeployed; Vercel production serves ${to}.`,
      );
    }
  } else {
    await status('in_progress', 'restore-edge', 'edge functions unchanged');
  }
  details.timeline.restored = clock.now().toISOString();
  if (details.migrations?.differs) logger.warning(details.migrations.message);
  else if (details.migrations) logger.info(details.migrations.message);

  // smoke-production
  if (deps.verify) {
    await status(
      'in_progress',
      'smoke-production',
      `checking ${deps.environmentUrl ?? details.vercel?.productionUrl ?? environment}`,
    );
    const smoke = await deps.verify(deps.environmentUrl ?? details.vercel?.productionUrl);
    details.smoke = smoke;
    if (smoke.outcome !== 'success') {
      return fail(
        'smoke-failed',
        'smoke-production',
        `Production was restored to ${to}, but its smoke did not pass: ${smoke.message}`,
      );
    }
  }

  const seconds = Math.round((clock.now().getTime() - since) / 100) / 10;
  try {
    await status('success', 'done', `restored ${to} (rollback of ${from}) in ${seconds} s`);
  } catch (error) {
    return fail(
      'api-error',
      'done',
      `Production serves ${to}, but the ledger could not record it: ${describeError(error)}`,
    );
  }
  details.timeline.finished = clock.now().toISOString();
  return succeeded(`Rolled \`${environment}\` back from ${from} to ${to} in ${seconds} s.`, details);
}

/** True when two edge maps name the same functions with the same hashes. */
function sameEdge(a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): boolean {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => a[k] === b[k]);
}
