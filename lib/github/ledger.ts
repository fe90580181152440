/**
 * The release ledger: one GitHub Deployment per (release, environment), its statuses telling which releases were
 * good. Every query pages through the Deployments API and treats an API failure as an error (never "no release").
 */
import type { Octokit } from '@octokit/rest';
import { ShiplineError } from '../core/errors.js';
import { buildPayload, LEDGER_TASK, type LedgerPayload, readPayload } from '../release/payload.js';
import { type Phase, parsePhaseDescription, phaseDescription } from '../release/phases.js';
import type { Release } from '../release/release.js';
import { call, type RepoRef, repoName } from './repo.js';

/** A deployment status state as GitHub names it. */
export type LedgerState = 'queued' | 'in_progress' | 'success' | 'failure' | 'error' | 'inactive' | 'pending';

/** One release recorded in an environment, with what its statuses say about it. */
export interface LedgerEntry {
  deploymentId: number;
  environment: string;
  release: Release;
  payload: LedgerPayload;
  /** The latest status; undefined when the deployment has none yet. */
  state: LedgerState | undefined;
  /** True when any status was ever `success`. */
  wasGood: boolean;
  createdAt: string;
  /** GitHub login of whoever created the deployment. */
  creator: string;
  /** The phase named by the newest status whose description names one. */
  phase?: { phase: Phase; detail: string };
  /** True when the deployment is for a transient (preview) environment. */
  transient: boolean;
  /** True when GitHub marks it as a production environment. */
  production: boolean;
  /** When the latest status was written (the deployment's creation time when it has none). */
  updatedAt: string;
  /** The run (or comment) URL of the newest status that names one. */
  logUrl?: string;
  /** Where the release was served, from the newest status that names it. */
  environmentUrl?: string;
}

/** What createLedgerDeployment records. */
export interface CreateLedgerOptions {
  environment: string;
  payload: LedgerPayload;
  production: boolean;
  transient: boolean;
  description?: string;
}

/** One status update of a ledger deployment. */
export interface LedgerStatusOptions {
  state: LedgerState;
  phase: Phase;
  detail?: string;
  /** The run (or comment) URL. */
  logUrl?: string;
  /** Where the environment is served. */
  environmentUrl?: string;
}

type DeploymentData = Awaited<ReturnType<Octokit['rest']['repos']['getDeployment']>>['data'];
type StatusData = Awaited<ReturnType<Octokit['rest']['repos']['listDeploymentStatuses']>>['data'][number];

/** How many deployments' statuses are read at once while walking the ledger. */
const STATUS_CONCURRENCY = 8;

/**
 * Records a release in `environment`: ref = the commit SHA, task LEDGER_TASK, no auto-merge and no required
 * contexts (otherwise GitHub may merge the default branch or refuse on failed checks).
 */
export async function createLedgerDeployment(
  octokit: Octokit,
  repo: RepoRef,
  options: CreateLedgerOptions,
): Promise<LedgerEntry> {
  const { schema: _schema, ...fields } = options.payload;
  const payload = buildPayload(fields);
  const res = await call(`record ${payload.version} in the ledger for ${options.environment}`, repo, () =>
    octokit.rest.repos.createDeployment({
      owner: repo.owner,
      repo: repo.repo,
      ref: payload.sha,
      task: LEDGER_TASK,
      auto_merge: false,
      required_contexts: [],
      environment: options.environment,
      payload: payload as unknown as Record<string, unknown>,
      production_environment: options.production,
      transient_environment: options.transient,
      description: options.description ?? `${payload.kind} ${payload.version}`,
    }),
  );
  if (res.status !== 201 || !('id' in res.data)) {
    throw new ShiplineError(
      'api-error',
      `GitHub did not create the deployment of ${payload.version} in ${repoName(repo)} (HTTP ${res.status}).`,
      { hint: 'Check that the commit exists on GitHub and retry.' },
    );
  }
  const entry = toEntry(res.data, []);
  if (!entry) throw new ShiplineError('api-error', 'GitHub returned a deployment without the ledger payload.');
  return entry;
}

/**
 * Adds a status to a ledger deployment; the description is `<phase>: <detail>`. When a non-transient release
 * becomes `success`, every other release of its environment still marked `success` gets an `inactive` status:
 * GitHub's `auto_inactive` is documented to skip production environments, so the ledger does it itself.
 */
export async function setLedgerStatus(
  octokit: Octokit,
  repo: RepoRef,
  deploymentId: number,
  options: LedgerStatusOptions,
): Promise<void> {
  await call(`set the ledger status of deployment ${deploymentId} to ${options.state}`, repo, () =>
    octokit.rest.repos.createDeploymentStatus({
      owner: repo.owner,
      repo: repo.repo,
      deployment_id: deploymentId,
      state: options.state,
      description: phaseDescription(options.phase, options.detail),
      ...(options.logUrl ? { log_url: options.logUrl } : {}),
      ...(options.environmentUrl ? { environment_url: options.environmentUrl } : {}),
      auto_inactive: true,
    }),
  );
  if (options.state !== 'success') return;
  try {
    await deactivateReplaced(octokit, repo, deploymentId);
  } catch (error) {
    const cause = error instanceof Error ? error.message : String(error);
    throw new ShiplineError(
      'api-error',
      `Recorded success for deployment ${deploymentId}, but could not mark the release it replaced inactive: ${cause}`,
      {
        hint: 'What is served is unaffected and the ledger already reads this release as current; setting the success status again finishes the job.',
        cause: error,
      },
    );
  }
}

/** Marks the releases replaced by `deploymentId` inactive (see setLedgerStatus). */
async function deactivateReplaced(octokit: Octokit, repo: RepoRef, deploymentId: number): Promise<void> {
  const res = await call(`read deployment ${deploymentId}`, repo, () =>
    octokit.rest.repos.getDeployment({ owner: repo.owner, repo: repo.repo, deployment_id: deploymentId }),
  );
  if (res.data.transient_environment) return;
  for await (const entry of iterateLedger(octokit, repo, res.data.environment)) {
    if (entry.deploymentId === deploymentId) continue;
    // Each success deactivated the releases before it, so the walk ends at the newest older release that was good
    // (whether it is still `success` or GitHub's auto_inactive already made it inactive).
    const last = entry.deploymentId < deploymentId && entry.wasGood;
    if (entry.state !== 'success') {
      if (last) return;
      continue;
    }
    await call(`mark deployment ${entry.deploymentId} inactive`, repo, () =>
      octokit.rest.repos.createDeploymentStatus({
        owner: repo.owner,
        repo: repo.repo,
        deployment_id: entry.deploymentId,
        state: 'inactive',
        description: `replaced by deployment ${deploymentId}`,
        auto_inactive: false,
      }),
    );
    if (last) return;
  }
}

/**
 * Walks the ledger of `environment` newest first, page by page (100 a page), reading each deployment's statuses.
 * Yields only Shipline's deployments (task LEDGER_TASK with a readable payload).
 */
export async function* iterateLedger(
  octokit: Octokit,
  repo: RepoRef,
  environment: string,
): AsyncGenerator<LedgerEntry, void, undefined> {
  const pages = octokit.paginate.iterator(octokit.rest.repos.listDeployments, {
    owner: repo.owner,
    repo: repo.repo,
    environment,
    task: LEDGER_TASK,
    per_page: 100,
  });
  const iterator = pages[Symbol.asyncIterator]();
  for (;;) {
    const next = await call(`list the deployments of ${environment}`, repo, () => iterator.next());
    if (next.done) return;
    const ours = next.value.data.filter((d) => d.task === LEDGER_TASK && d.environment === environment);
    for (let i = 0; i < ours.length; i += STATUS_CONCURRENCY) {
      const chunk = ours.slice(i, i + STATUS_CONCURRENCY);
      const statuses = await Promise.all(chunk.map((d) => listStatuses(octokit, repo, d.id)));
      for (const [j, deployment] of chunk.entries()) {
        const entry = toEntry(deployment, statuses[j] ?? []);
        if (entry) yield entry;
      }
    }
  }
}

/** Every status of a deployment, newest first (paginated). */
async function listStatuses(octokit: Octokit, repo: RepoRef, deploymentId: number): Promise<StatusData[]> {
  return call(`read the statuses of deployment ${deploymentId}`, repo, () =>
    octokit.paginate(octokit.rest.repos.listDeploymentStatuses, {
      owner: repo.owner,
      repo: repo.repo,
      deployment_id: deploymentId,
      per_page: 100,
    }),
  );
}

function toEntry(d: DeploymentData, statuses: StatusData[]): LedgerEntry | undefined {
  const payload = readPayload(d.payload);
  if (!payload || d.task !== LEDGER_TASK) return undefined;
  const ordered = [...statuses].sort((a, b) => b.id - a.id);
  let phase: LedgerEntry['phase'];
  for (const s of ordered) {
    phase = parsePhaseDescription(s.description);
    if (phase) break;
  }
  const logUrl = ordered.find((s) => s.log_url || s.target_url);
  const environmentUrl = ordered.find((s) => s.environment_url)?.environment_url;
  return {
    deploymentId: d.id,
    environment: d.environment,
    release: { version: payload.version, sha: payload.sha },
    payload,
    state: ordered[0]?.state as LedgerState | undefined,
    wasGood: ordered.some((s) => s.state === 'success'),
    createdAt: d.created_at,
    creator: d.creator?.login ?? '',
    ...(phase ? { phase } : {}),
    transient: d.transient_environment === true,
    production: d.production_environment === true,
    updatedAt: ordered[0]?.created_at ?? d.created_at,
    ...(logUrl ? { logUrl: logUrl.log_url || logUrl.target_url } : {}),
    ...(environmentUrl ? { environmentUrl } : {}),
  };
}

/** The ledger of `environment`, newest first; at most `limit` entries when given. */
export async function listLedger(
  octokit: Octokit,
  repo: RepoRef,
  environment: string,
  options: { limit?: number } = {},
): Promise<LedgerEntry[]> {
  const entries: LedgerEntry[] = [];
  if (options.limit !== undefined && options.limit <= 0) return entries;
  for await (const entry of iterateLedger(octokit, repo, environment)) {
    entries.push(entry);
    if (options.limit !== undefined && entries.length >= options.limit) break;
  }
  return entries;
}

/** The release `environment` serves now: the newest entry whose latest status is `success`. */
export async function currentRelease(
  octokit: Octokit,
  repo: RepoRef,
  environment: string,
): Promise<LedgerEntry | undefined> {
  for await (const entry of iterateLedger(octokit, repo, environment)) {
    if (entry.state === 'success') return entry;
  }
  return undefined;
}

/**
 * The newest release that was ever good in `environment` and is older than `before` (default: the current
 * release). Skipped: the version of the excluded release itself, and releases a later rollback rolled back.
 */
export async function lastKnownGood(
  octokit: Octokit,
  repo: RepoRef,
  environment: string,
  options: { before?: number } = {},
): Promise<LedgerEntry | undefined> {
  let before = options.before;
  let excludedVersion: string | undefined;
  const rolledBack = new Set<number>();
  let sawCurrent = false;
  for await (const entry of iterateLedger(octokit, repo, environment)) {
    if (entry.payload.kind === 'rollback' && entry.payload.rollbackOf !== undefined) {
      rolledBack.add(entry.payload.rollbackOf);
    }
    if (before === undefined && !sawCurrent && entry.state === 'success') {
      sawCurrent = true;
      before = entry.deploymentId;
    }
    if (entry.deploymentId === before) {
      excludedVersion = entry.release.version;
      continue;
    }
    if (before !== undefined && entry.deploymentId > before) continue;
    if (!entry.wasGood || rolledBack.has(entry.deploymentId) || entry.release.version === excludedVersion) continue;
    return entry;
  }
  return undefined;
}

/** The newest entry of `version` that was ever good in `environment`, and every version that ever was. */
export async function findGoodVersion(
  octokit: Octokit,
  repo: RepoRef,
  environment: string,
  version: string,
): Promise<{ entry?: LedgerEntry; goodVersions: string[] }> {
  let entry: LedgerEntry | undefined;
  const good = new Set<string>();
  for await (const e of iterateLedger(octokit, repo, environment)) {
    if (!e.wasGood) continue;
    good.add(e.release.version);
    if (!entry && e.release.version === version) entry = e;
  }
  return entry ? { entry, goodVersions: [...good] } : { goodVersions: [...good] };
}

/** The Vercel deployment a ledger entry recorded, if any. */
export function vercelDeploymentOf(
  entry: LedgerEntry,
): { projectId: string; deploymentId: string; url: string } | undefined {
  return entry.payload.vercel ?? undefined;
}
