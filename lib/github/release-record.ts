/**
 * Records a forward release in the ledger at the moments the deploy workflow reaches them: the GitHub Deployment is
 * created once the Vercel deployment id is known (the payload is immutable), then each phase adds a status.
 */
import type { Octokit } from '@octokit/rest';
import { ShiplineError } from '../core/errors.js';
import type { Release } from '../release/release.js';
import { createLedgerDeployment, type LedgerEntry, setLedgerStatus } from './ledger.js';
import type { RepoRef } from './repo.js';

const SHA256 = /^[0-9a-f]{64}$/;

/** Parses the `hashes` output of deploy-edge (JSON: slug → sha256); empty text is no functions. */
export function parseEdgeHashes(text: string): Record<string, string> {
  if (!text.trim()) return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ShiplineError('invalid-input', 'Input edge-hashes is not JSON.', {
      hint: 'Pass the `hashes` output of the deploy-edge step: edge-hashes: ${{ steps.edge.outputs.hashes }}',
    });
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new ShiplineError('invalid-input', 'Input edge-hashes must be a JSON object of function slug → sha256.');
  }
  const out: Record<string, string> = {};
  for (const [slug, hash] of Object.entries(value as Record<string, unknown>)) {
    if (typeof hash !== 'string' || !SHA256.test(hash)) {
      throw new ShiplineError('invalid-input', `Input edge-hashes: the hash of "${slug}" is not a sha256 hex digest.`);
    }
    out[slug] = hash;
  }
  return out;
}

export interface StagedReleaseRecord {
  environment: string;
  production: boolean;
  /** Previews are transient environments. */
  transient: boolean;
  release: Release;
  vercel: { projectId: string; deploymentId: string; url: string };
  edge: Record<string, string>;
  migrationsHead: string | null;
  requestedBy: string;
  reason: string;
  /** The run URL (log_url). */
  source: string;
  /** True when production was deployed without domains (a promote follows); false when the URL serves at once. */
  staged: boolean;
}

/**
 * Creates the ledger deployment of a Vercel deployment that just became READY. Staged: `in_progress` with phase
 * `stage`. Not staged (previews, `stage: false`): `success` with phase `done`, since the URL already serves it.
 */
export async function recordDeployedRelease(
  octokit: Octokit,
  repo: RepoRef,
  record: StagedReleaseRecord,
): Promise<LedgerEntry> {
  const entry = await createLedgerDeployment(octokit, repo, {
    environment: record.environment,
    production: record.production,
    transient: record.transient,
    payload: {
      schema: 1,
      kind: 'deploy',
      version: record.release.version,
      sha: record.release.sha,
      vercel: record.vercel,
      edge: record.edge,
      migrations: { head: record.migrationsHead },
      requestedBy: record.requestedBy,
      reason: record.reason,
      source: record.source,
    },
  });
  await setLedgerStatus(octokit, repo, entry.deploymentId, {
    state: record.staged ? 'in_progress' : 'success',
    phase: record.staged ? 'stage' : 'done',
    detail: record.staged
      ? `${record.vercel.url} ready, not serving production yet`
      : `${record.vercel.url} serves ${record.release.version}`,
    logUrl: record.source,
    environmentUrl: record.vercel.url,
  });
  return entry;
}

/** Records the outcome of a promote on the ledger deployment of that release. */
export async function recordPromotion(
  octokit: Octokit,
  repo: RepoRef,
  deploymentId: number,
  result: { ok: boolean; detail: string; logUrl: string; productionUrl?: string },
): Promise<void> {
  await setLedgerStatus(octokit, repo, deploymentId, {
    state: result.ok ? 'in_progress' : 'failure',
    phase: 'promote',
    detail: result.detail,
    logUrl: result.logUrl,
    ...(result.productionUrl ? { environmentUrl: result.productionUrl } : {}),
  });
}
