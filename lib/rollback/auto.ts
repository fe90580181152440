/**
 * auto-rollback: one code path for every trigger. The deploy workflow's finisher step passes the outcomes of the
 * earlier steps: when production was switched and something after failed, it rolls back; in every case it writes
 * the failed release's final ledger status, opens (or comments on) the incident, and releases the deploy's lock.
 * A manual request (workflow_dispatch `version`, the bot's dispatch with `deployment-id`, `shipline rollback`) runs
 * the same rollback().
 */
import { describeError } from '../core/errors.js';
import { type IncidentFacts, type IncidentOptions, type IncidentResult, reportIncident } from '../github/incidents.js';
import { type LedgerEntry, setLedgerStatus } from '../github/ledger.js';
import { releaseLock } from '../github/locks.js';
import { failed, type Outcome, type ReasonCode, succeeded } from '../release/outcome.js';
import type { Phase } from '../release/phases.js';
import { type RollbackDeps, type RollbackDetails, rollback } from './execute.js';
import { ledgerEntry } from './resolve.js';

/** A step's `steps.<id>.outcome` as GitHub writes it (empty when the step did not exist or was not wired). */
export type StepOutcome = 'success' | 'failure' | 'cancelled' | 'skipped' | '';

/** The deploy workflow's finisher: what the earlier steps did. */
export interface DeployFinishedTrigger {
  kind: 'deploy-finished';
  environment: string;
  /** The ledger deployment of the release being deployed (empty when the run failed before recording it). */
  ledgerDeploymentId?: number;
  /** The commit of the lock the deploy took; released (compare-and-swap) whatever happens. */
  lockSha?: string;
  migrate: StepOutcome;
  deploy: StepOutcome;
  /** The last smoke verdict (`pass`, `fail`, `inconclusive`; empty when smoke did not run). */
  smokeVerdict: string;
  /** The smoke action's `report` output (JSON), for the incident's numbers. */
  smokeReport?: string;
  /** Whether production was switched to the new release (the promote step succeeded). */
  promoted: boolean;
  /** config `rollback.auto`. */
  auto: boolean;
}

/** A rollback someone asked for. */
export interface ManualTrigger {
  kind: 'manual';
  environment: string;
  version?: string;
  /** The rollback ledger deployment the bot created (it holds the lock for it). */
  deploymentId?: number;
}

export type RollbackTrigger = DeployFinishedTrigger | ManualTrigger;

export interface AutoRollbackDeps extends RollbackDeps {
  requestedBy: string;
  reason: string;
  /** The run URL (idempotency key of the rollback, and the incident's link). */
  source: string;
  /** Incident issue settings; undefined = no incident issues. */
  incidents?: IncidentOptions;
}

export interface AutoRollbackDetails {
  environment: string;
  /** What tripped (deploy-finished only). */
  trigger?: { reason: ReasonCode; message: string };
  rolledBack: boolean;
  rollback?: Outcome<RollbackDetails>;
  incident?: IncidentResult;
  /** Whether the deploy's lock was released (deploy-finished with a lock-sha). */
  lockReleased?: boolean;
}

/** Runs the trigger; every path returns an Outcome. */
export async function autoRollback(
  deps: AutoRollbackDeps,
  trigger: RollbackTrigger,
): Promise<Outcome<AutoRollbackDetails>> {
  if (trigger.kind === 'manual') {
    const result = await rollback(deps, {
      environment: trigger.environment,
      ...(trigger.version !== undefined ? { version: trigger.version } : {}),
      ...(trigger.deploymentId !== undefined ? { deploymentId: trigger.deploymentId } : {}),
      requestedBy: deps.requestedBy,
      reason: deps.reason,
      source: deps.source,
    });
    return {
      ...result,
      details: { environment: trigger.environment, rolledBack: result.outcome === 'success', rollback: result },
    };
  }
  return finishDeploy(deps, trigger);
}

/** What tripped, in the order the steps run; undefined when every step that ran passed. */
export function tripped(
  trigger: DeployFinishedTrigger,
): { reason: ReasonCode; message: string; phase: Phase } | undefined {
  const bad = (o: StepOutcome) => o === 'failure' || o === 'cancelled';
  if (bad(trigger.migrate))
    return { reason: 'migrate-failed', message: `the migrate step ended ${trigger.migrate}.`, phase: 'migrate' };
  if (bad(trigger.deploy))
    return { reason: 'stage-failed', message: `the deploy step ended ${trigger.deploy}.`, phase: 'stage' };
  const phase: Phase = trigger.promoted ? 'smoke-production' : 'smoke-staged';
  if (trigger.smokeVerdict === 'fail')
    return {
      reason: 'smoke-failed',
      message: `smoke failed on ${trigger.promoted ? 'production' : 'the staged deployment'}.`,
      phase,
    };
  if (trigger.smokeVerdict === 'inconclusive') {
    return {
      reason: 'too-few-answers',
      message: `smoke was inconclusive on ${trigger.promoted ? 'production' : 'the staged deployment'}.`,
      phase,
    };
  }
  return undefined;
}

async function finishDeploy(
  deps: AutoRollbackDeps,
  trigger: DeployFinishedTrigger,
): Promise<Outcome<AutoRollbackDetails>> {
  const { logger, clock } = deps;
  const details: AutoRollbackDetails = { environment: trigger.environment, rolledBack: false };
  try {
    const what = tripped(trigger);
    if (!what) return succeeded(`The deploy to \`${trigger.environment}\` finished; nothing to roll back.`, details);
    details.trigger = { reason: what.reason, message: what.message };
    const detectedAt = clock.now();
    let failedEntry: LedgerEntry | undefined;
    if (trigger.ledgerDeploymentId !== undefined) {
      failedEntry = await ledgerEntry(deps, trigger.environment, trigger.ledgerDeploymentId).catch((error) => {
        logger.warning(`Could not read ledger deployment ${trigger.ledgerDeploymentId}: ${describeError(error)}`);
        return undefined;
      });
    }
    let result: Outcome<AutoRollbackDetails>;
    if (trigger.promoted && trigger.auto && trigger.ledgerDeploymentId !== undefined) {
      logger.info(`Production was switched and ${what.message} Rolling back.`);
      const rb = await rollback(deps, {
        environment: trigger.environment,
        failedDeploymentId: trigger.ledgerDeploymentId,
        ...(trigger.lockSha ? { heldLockSha: trigger.lockSha } : {}),
        requestedBy: deps.requestedBy,
        reason: deps.reason || `automatic: ${what.message}`,
        source: deps.source,
        detectedAt,
      });
      details.rollback = rb;
      details.rolledBack = rb.outcome === 'success';
      result =
        rb.outcome === 'success'
          ? succeeded(`${what.message} ${rb.message}`, details, rb.reason)
          : {
              outcome: rb.outcome === 'refused' ? 'refused' : 'failure',
              reason: rb.reason,
              message: `${what.message} The rollback did not complete: ${rb.message}`,
              details,
            };
    } else if (trigger.promoted) {
      result = failed(
        what.reason,
        trigger.ledgerDeploymentId === undefined
          ? `${what.message} Production was switched, but no ledger-deployment-id was given, so the release to roll back from is unknown.`
          : `${what.message} Automatic rollback is off (rollback.auto: false): production still serves the failed release.`,
        details,
      );
    } else {
      result = succeeded(`${what.message} Production was not switched; nothing to roll back.`, details);
    }

    if (trigger.ledgerDeploymentId !== undefined) {
      const restored = details.rollback?.details.targetVersion;
      await setLedgerStatus(deps.octokit, deps.repo, trigger.ledgerDeploymentId, {
        state: 'failure',
        phase: what.phase,
        detail: `${what.message}${details.rolledBack && restored ? ` Rolled back to ${restored}.` : ''}`,
        ...(deps.logUrl ? { logUrl: deps.logUrl } : {}),
      }).catch((error) => logger.warning(`Could not record the failure in the ledger: ${describeError(error)}`));
    }
    // A re-run of a finisher whose rollback already happened reported its incident the first time.
    const rerun = details.rollback?.reason === 'already-done';
    if (deps.incidents && !rerun && (deps.production || details.rollback)) {
      details.incident = await reportIncident(
        deps.octokit,
        deps.repo,
        incidentFacts(trigger, what, detectedAt, failedEntry, details, deps),
        deps.incidents,
      ).catch((error) => {
        logger.warning(`Could not open the incident issue: ${describeError(error)}`);
        return undefined;
      });
      if (details.incident) logger.info(`Incident ${details.incident.action}: ${details.incident.url}`);
    }
    return result;
  } finally {
    if (trigger.lockSha) {
      details.lockReleased = await releaseLock(deps.octokit, deps.repo, trigger.environment, trigger.lockSha).catch(
        (error) => {
          logger.warning(`Could not release the lock of ${trigger.environment}: ${describeError(error)}`);
          return false;
        },
      );
    }
  }
}

function incidentFacts(
  trigger: DeployFinishedTrigger,
  what: { reason: ReasonCode; message: string },
  detectedAt: Date,
  failedEntry: LedgerEntry | undefined,
  details: AutoRollbackDetails,
  deps: AutoRollbackDeps,
): IncidentFacts {
  const rb = details.rollback;
  const rd = rb?.details;
  const resolution = !rb
    ? trigger.promoted
      ? 'Production still serves the failed release (no automatic rollback).'
      : 'Production was not switched; it still serves the previous release.'
    : rb.outcome === 'success'
      ? `Shipline rolled production back to ${rd?.targetVersion}: Vercel production re-pointed to ${rd?.vercel?.deploymentId ?? 'the recorded deployment'}${rd?.edge ? `, edge functions redeployed (${rd.edge.deployed.join(', ') || 'none changed'})` : ''}${rd?.smoke ? `, smoke on production ${rd.smoke.outcome === 'success' ? 'passed' : 'did not pass'}` : ''}.`
      : `The automatic rollback did not complete (${rb.reason}): ${rb.message}`;
  return {
    environment: trigger.environment,
    version: failedEntry?.release.version ?? rd?.fromVersion ?? 'unknown',
    sha: failedEntry?.release.sha ?? '',
    trigger: what,
    ...(smokeFromReport(trigger.smokeReport) ? { smoke: smokeFromReport(trigger.smokeReport) } : {}),
    timeline: {
      detected: detectedAt.toISOString(),
      ...(rd?.timeline.rollbackStarted ? { rollbackStarted: rd.timeline.rollbackStarted } : {}),
      ...(rb?.outcome === 'success' && rd?.timeline.restored ? { restored: rd.timeline.restored } : {}),
    },
    runUrl: deps.source,
    failedDeployment: {
      ...(trigger.ledgerDeploymentId !== undefined ? { ledgerId: trigger.ledgerDeploymentId } : {}),
      ...(failedEntry?.payload.vercel ? { url: httpsUrl(failedEntry.payload.vercel.url) } : {}),
    },
    ...(rb?.outcome === 'success' && rd?.targetVersion
      ? {
          restored: {
            version: rd.targetVersion,
            ...(rd.rollbackDeploymentId ? { ledgerId: rd.rollbackDeploymentId } : {}),
            ...(rd.vercel ? { url: rd.vercel.url } : {}),
          },
        }
      : {}),
    resolution,
    ...(rd?.migrations ? { migrations: rd.migrations.message } : {}),
  };
}

const httpsUrl = (url: string) => (/^https?:\/\//.test(url) ? url : `https://${url}`);

/** The numbers of a smoke `report` output (JSON); undefined when absent or unreadable. */
export function smokeFromReport(report: string | undefined): IncidentFacts['smoke'] {
  if (!report) return undefined;
  try {
    const r = JSON.parse(report) as {
      verdict?: string;
      reasons?: Array<{ code?: string; message?: string }>;
      overall?: { errorRate?: number; p95?: number; samples?: number; errors?: number };
    };
    if (typeof r.verdict !== 'string') return undefined;
    return {
      verdict: r.verdict,
      ...(typeof r.overall?.errorRate === 'number' ? { errorRate: r.overall.errorRate } : {}),
      ...(typeof r.overall?.p95 === 'number' ? { p95: r.overall.p95 } : {}),
      ...(typeof r.overall?.samples === 'number' ? { samples: r.overall.samples } : {}),
      ...(typeof r.overall?.errors === 'number' ? { errors: r.overall.errors } : {}),
      reasons: (r.reasons ?? []).map((x) => `${x.code ?? ''}: ${x.message ?? ''}`),
    };
  } catch {
    return undefined;
  }
}
