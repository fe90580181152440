/**
 * Following a release the bot started: reads the deployment and its statuses (the truth, whatever order events come
 * in), marks the deployment `error` when its workflow run ended without saying, and releases the lock the bot took
 * once the deployment has finished (compare-and-swap: only the lock this request took).
 */
import { describeError } from '../core/errors.js';
import { type LedgerState, setLedgerStatus } from '../github/ledger.js';
import { readLock, releaseLock } from '../github/locks.js';
import { call } from '../github/repo.js';
import { failed, type Outcome, refused, succeeded } from '../release/outcome.js';
import { type LedgerPayload, readPayload } from '../release/payload.js';
import { type Phase, parsePhaseDescription } from '../release/phases.js';
import type { ChatOpsDeps } from './deps.js';

/** A workflow run as a `workflow_run` event reports it. */
export interface RunInfo {
  id: number;
  status: string;
  conclusion: string | null;
  htmlUrl: string;
}

export type Stage = 'queued' | 'running' | 'done' | 'failed';

export interface ProgressView {
  deploymentId: number;
  environment: string;
  payload: LedgerPayload;
  /** The version the release replaced (rollbacks), when known. */
  from?: string;
  state: LedgerState | undefined;
  stage: Stage;
  phase?: { phase: Phase; detail: string };
  logUrl?: string;
  environmentUrl?: string;
  startedAt: string;
  finishedAt?: string;
  /** Seconds from the deployment's creation to its final status. */
  seconds?: number;
  run?: RunInfo;
  /** Set once the release has ended: true when the lock this request took is no longer held. */
  lockReleased?: boolean;
}

const TERMINAL: ReadonlySet<string> = new Set(['success', 'failure', 'error', 'inactive']);

/** Reads where a Shipline deployment stands and finishes the bot's part when it has ended. */
export async function followDeployment(
  deps: ChatOpsDeps,
  deploymentId: number,
  run?: RunInfo,
): Promise<Outcome<ProgressView | undefined>> {
  const { octokit, repo } = deps;
  const view = await readView(deps, deploymentId, run);
  if (!view) {
    return refused('deployment-missing', `Deployment ${deploymentId} is not a Shipline release.`, undefined);
  }
  if (run && run.status === 'completed' && !TERMINAL.has(view.state ?? '')) {
    // The run ended without a final status (it crashed or was cancelled): record that, so the lock is freed.
    const detail = `workflow run ${run.id} ended: ${run.conclusion ?? 'unknown'}`;
    if (run.conclusion !== 'success') {
      await setLedgerStatus(octokit, repo, deploymentId, {
        state: 'error',
        phase: view.phase?.phase ?? 'lock',
        detail,
        logUrl: run.htmlUrl,
      });
      return followDeployment(deps, deploymentId);
    }
  }
  if (view.stage === 'done' || view.stage === 'failed') {
    view.lockReleased = await releaseOwnLock(deps, view);
  }
  if (view.stage === 'failed') {
    return failed(
      view.payload.kind === 'rollback' ? 'rollback-failed' : 'api-error',
      `The ${view.payload.kind} of ${view.payload.version} in ${view.environment} ended with ${view.state}.`,
      view,
    );
  }
  return succeeded(
    `The ${view.payload.kind} of ${view.payload.version} in ${view.environment} is ${view.stage}.`,
    view,
  );
}

async function readView(deps: ChatOpsDeps, deploymentId: number, run?: RunInfo): Promise<ProgressView | undefined> {
  const { octokit, repo } = deps;
  const [deployment, statuses] = await Promise.all([
    call(`read deployment ${deploymentId}`, repo, () =>
      octokit.rest.repos.getDeployment({ ...repo, deployment_id: deploymentId }),
    ),
    call(`read the statuses of deployment ${deploymentId}`, repo, () =>
      octokit.paginate(octokit.rest.repos.listDeploymentStatuses, {
        ...repo,
        deployment_id: deploymentId,
        per_page: 100,
      }),
    ),
  ]);
  const payload = readPayload(deployment.data.payload);
  if (!payload) return undefined;
  const ordered = [...statuses].sort((a, b) => b.id - a.id);
  const latest = ordered[0];
  const state = latest?.state as LedgerState | undefined;
  const final =
    ordered.find((s) => TERMINAL.has(s.state) && s.state !== 'inactive') ?? (state === 'inactive' ? latest : undefined);
  const wasGood = ordered.some((s) => s.state === 'success');
  const stage: Stage =
    state === undefined || state === 'queued' || state === 'pending'
      ? run?.status === 'in_progress'
        ? 'running'
        : 'queued'
      : state === 'in_progress'
        ? 'running'
        : wasGood
          ? 'done'
          : state === 'inactive'
            ? 'done'
            : 'failed';
  let phase: ProgressView['phase'];
  for (const s of ordered) {
    phase = parsePhaseDescription(s.description);
    if (phase) break;
  }
  const logUrl = ordered.find((s) => s.log_url)?.log_url ?? run?.htmlUrl;
  const environmentUrl = ordered.find((s) => s.environment_url)?.environment_url;
  const view: ProgressView = {
    deploymentId,
    environment: deployment.data.environment,
    payload,
    state,
    stage,
    startedAt: deployment.data.created_at,
  };
  if (phase) view.phase = phase;
  if (logUrl) view.logUrl = logUrl;
  if (environmentUrl) view.environmentUrl = environmentUrl;
  if (run) view.run = run;
  if ((stage === 'done' || stage === 'failed') && final) {
    view.finishedAt = final.created_at;
    view.seconds = Math.max(0, Math.round((Date.parse(final.created_at) - Date.parse(view.startedAt)) / 1000));
  }
  if (payload.rollbackOf !== undefined) {
    try {
      const replaced = await octokit.rest.repos.getDeployment({ ...repo, deployment_id: payload.rollbackOf });
      const from = readPayload(replaced.data.payload)?.version;
      if (from) view.from = from;
    } catch (error) {
      deps.logger.debug(`Could not read the replaced deployment ${payload.rollbackOf}: ${describeError(error)}`);
    }
  }
  return view;
}

/**
 * Releases the environment lock when it is the one this request took (same source and purpose). True when this
 * request no longer holds it afterwards (released now, or earlier by another event about the same deployment).
 */
async function releaseOwnLock(deps: ChatOpsDeps, view: ProgressView): Promise<boolean> {
  const held = await readLock(deps.octokit, deps.repo, view.environment);
  const lock = held?.lock;
  if (!held || !lock || lock.source !== view.payload.source || lock.purpose !== view.payload.kind) return true;
  if (await releaseLock(deps.octokit, deps.repo, view.environment, held.sha)) {
    deps.logger.info(`Released the ${view.environment} lock taken by ${lock.source}.`);
    return true;
  }
  // Lost the compare-and-swap: another event about this deployment may have released it first.
  const after = await readLock(deps.octokit, deps.repo, view.environment);
  return !(after?.lock && after.lock.source === view.payload.source && after.lock.purpose === view.payload.kind);
}
