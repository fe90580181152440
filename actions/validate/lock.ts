/**
 * The deploy's environment lock, taken by the validate step (`lock-environment`): the same git-ref lock the bot's
 * `/rollback` and auto-rollback take, so a rollback during a deploy is refused with the holder named.
 */
import type { Octokit } from '@octokit/rest';
import { describeError } from '../../lib/core/errors.js';
import { acquireLock } from '../../lib/github/locks.js';
import type { RepoRef } from '../../lib/github/repo.js';
import { DEFAULT_LOCK_TTL_MS, lockAgeSeconds } from '../../lib/release/lock.js';
import { isVersionTag, shaVersion } from '../../lib/release/release.js';

/** The version a run deploys: the tag it runs on, else `sha-<short>`. */
export function runVersion(sha: string, ref: string): string {
  const tag = ref.startsWith('refs/tags/') ? ref.slice('refs/tags/'.length) : '';
  return isVersionTag(tag) ? tag : shaVersion(sha);
}

/** Takes the lock; returns its commit sha, or an error message naming the holder. */
export async function takeDeployLock(
  octokit: Octokit,
  repo: RepoRef,
  options: { environment: string; actor: string; runUrl: string; version: string; now: Date },
): Promise<{ sha: string } | { error: string }> {
  try {
    const claim = await acquireLock(octokit, repo, {
      schema: 1,
      environment: options.environment,
      holder: options.actor,
      purpose: 'deploy',
      reason: `deploy ${options.version}`,
      createdAt: options.now.toISOString(),
      expiresAt: new Date(options.now.getTime() + DEFAULT_LOCK_TTL_MS).toISOString(),
      source: options.runUrl,
      version: options.version,
    });
    if (claim.acquired) return { sha: claim.sha };
    const h = claim.holder;
    return {
      error: h
        ? `[lock-held] ${options.environment} is locked by @${h.holder} for a ${h.purpose}${h.version ? ` of ${h.version}` : ''} (${h.source}, ${lockAgeSeconds(h, options.now)} s ago${claim.stale ? ', stale' : ''}). Retry when it is released (/unlock ${options.environment} frees it).`
        : `[lock-held] ${options.environment} is locked and the lock cannot be read; check it with /status.`,
    };
  } catch (error) {
    return { error: `[api-error] Could not take the lock of ${options.environment}: ${describeError(error)}` };
  }
}
