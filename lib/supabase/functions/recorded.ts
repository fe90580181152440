/** The function hashes the release currently live in an environment recorded in the ledger (its payload's `edge`). */
import type { Octokit } from '@octokit/rest';
import { currentRelease } from '../../github/ledger.js';
import type { RepoRef } from '../../github/repo.js';

/** The current release's `edge` map, version and creation time; an empty map when the environment has no release yet. */
export async function recordedEdgeHashes(
  octokit: Octokit,
  repo: RepoRef,
  environment: string,
): Promise<{ version: string | undefined; hashes: Record<string, string>; recordedAt: string | undefined }> {
  const entry = await currentRelease(octokit, repo, environment);
  return { version: entry?.release.version, hashes: { ...(entry?.payload.edge ?? {}) }, recordedAt: entry?.createdAt };
}
