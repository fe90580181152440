/** How a held lock is described to the person who ran into it. */
import { isLockStale, type LockContent, lockAgeSeconds } from '../release/lock.js';
import { type Outcome, refused } from '../release/outcome.js';

/** `42 s`, `5 min`, `3 h 5 min`, `2 d 3 h`. */
export function formatAge(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
  const days = Math.floor(hours / 24);
  return hours % 24 ? `${days} d ${hours % 24} h` : `${days} d`;
}

/** One sentence: who holds the lock, why, since when, from where, and whether it is stale. */
export function describeHolder(lock: LockContent, now: Date): string {
  const age = formatAge(lockAgeSeconds(lock, now));
  const what =
    lock.purpose === 'manual'
      ? 'locked it'
      : `holds it for a ${lock.purpose}${lock.version ? ` of ${lock.version}` : ''}`;
  const reason = lock.reason ? ` ("${lock.reason}")` : '';
  const stale = isLockStale(lock, now)
    ? ` The lock is stale (it expired ${formatAge(Math.max(0, Math.floor((now.getTime() - Date.parse(lock.expiresAt)) / 1000)))} ago).`
    : '';
  return `@${lock.holder} ${what}${reason}, taken ${age} ago from ${lock.source}.${stale}`;
}

/** The refusal for a held (or unreadable) lock, naming the holder and what would work. */
export function lockHeldRefusal<D>(
  environment: string,
  holder: LockContent | undefined,
  now: Date,
  action: string,
  details: D,
): Outcome<D> {
  if (!holder) {
    return refused(
      'lock-held',
      `\`${environment}\` is locked, but the lock cannot be read, so I did not ${action}. If no deploy or rollback is running, \`/unlock ${environment}\` frees it.`,
      details,
    );
  }
  const stale = isLockStale(holder, now);
  const next = stale
    ? `If that run is gone, \`/unlock ${environment}\` frees it; then try again.`
    : `Wait for it to finish, or ask @${holder.holder}; \`/unlock ${environment}\` breaks it if it is stuck.`;
  return refused('lock-held', `\`${environment}\` is locked: ${describeHolder(holder, now)} ${next}`, details);
}
