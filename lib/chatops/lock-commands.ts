/** `/lock <env>` and `/unlock <env>`: a manual hold on an environment, and the way to break any lock. */
import { acquireLock, breakLock, readLock } from '../github/locks.js';
import { isLockStale, type LockContent, lockAgeSeconds } from '../release/lock.js';
import { type Outcome, refused, succeeded } from '../release/outcome.js';
import type { ChatOpsDeps, Requester } from './deps.js';
import { describeHolder, formatAge, lockHeldRefusal } from './lock-holder.js';

/** Takes the lock of `environment` for a person (purpose `manual`); refuses when someone holds it. */
export async function lockEnvironment(
  deps: ChatOpsDeps,
  requester: Requester,
  environment: string,
  reason: string | undefined,
): Promise<Outcome<{ environment: string; lock?: LockContent; holder?: LockContent }>> {
  const now = deps.clock.now();
  const content: LockContent = {
    schema: 1,
    environment,
    holder: requester.login,
    purpose: 'manual',
    reason: reason ?? '',
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + deps.lockTtlMs).toISOString(),
    source: requester.source,
  };
  const claim = await acquireLock(deps.octokit, deps.repo, content);
  if (!claim.acquired) {
    return lockHeldRefusal(environment, claim.holder, now, 'lock it', {
      environment,
      ...(claim.holder ? { holder: claim.holder } : {}),
    });
  }
  return succeeded(
    `\`${environment}\` is locked by @${requester.login}${reason ? ` ("${reason}")` : ''}: deploys and rollbacks are refused until \`/unlock ${environment}\` (or until it expires, ${formatAge(Math.floor(deps.lockTtlMs / 1000))} from now).`,
    { environment, lock: claim.lock },
  );
}

/** Frees the lock of `environment` whoever holds it, naming what was broken and its age. */
export async function unlockEnvironment(
  deps: ChatOpsDeps,
  environment: string,
): Promise<Outcome<{ environment: string; broken?: LockContent; ageSeconds?: number; stale?: boolean }>> {
  const now = deps.clock.now();
  const current = await readLock(deps.octokit, deps.repo, environment);
  if (!current) {
    return refused('lock-not-held', `\`${environment}\` is not locked; there is nothing to unlock.`, { environment });
  }
  await breakLock(deps.octokit, deps.repo, environment);
  if (!current.lock) {
    return succeeded(`Broke an unreadable lock on \`${environment}\`.`, { environment });
  }
  const ageSeconds = lockAgeSeconds(current.lock, now);
  const stale = isLockStale(current.lock, now);
  return succeeded(
    `Unlocked \`${environment}\`. The lock was ${formatAge(ageSeconds)} old${stale ? ' and stale' : ''}: ${describeHolder(current.lock, now)}${current.lock.purpose === 'manual' || stale ? '' : ' If that run is still going, it will not release the lock itself now.'}`,
    { environment, broken: current.lock, ageSeconds, stale },
  );
}
