/**
 * The content of an environment lock. One lock per environment guards anything that changes what production serves:
 * the deploy workflow, auto-rollback and the bot's `/rollback` all take it. The lock itself is a git ref
 * (lib/github/locks.ts); this module defines what it holds and how it is named, shared by every holder.
 */
import { z } from 'zod';

/** What a lock records: who holds it, why, since when, from where, and until when it counts as live. */
export const lockContentSchema = z.object({
  schema: z.literal(1),
  environment: z.string().min(1),
  /** GitHub login of the person or app that took it. */
  holder: z.string().min(1),
  /** `deploy`, `rollback`, `manual` (a `/lock` command). */
  purpose: z.enum(['deploy', 'rollback', 'manual']),
  reason: z.string(),
  createdAt: z.string().datetime(),
  /** After this time the lock is stale: it may be broken with `/unlock`, and holders say so. */
  expiresAt: z.string().datetime(),
  /** The run or comment URL that took it. */
  source: z.string(),
  /** The version being deployed or restored, when known. */
  version: z.string().optional(),
  /** The GitHub Deployment (ledger entry) the holder is working on; the workflow it dispatched acts under this lock. */
  deploymentId: z.number().int().positive().optional(),
});

export type LockContent = z.infer<typeof lockContentSchema>;

/** How long a lock lives by default before it counts as stale (a crashed holder never released it). */
export const DEFAULT_LOCK_TTL_MS = 60 * 60 * 1000;

/**
 * The git ref name (without `refs/`) of the lock of `environment`. Not under `heads/` or `tags/`: branch protection
 * and `on: push` workflows apply there, and locks would show in the branch list. GitHub's create-ref accepts any
 * `refs/<a>/<b>` name and its matching-refs lists every namespace. Every byte outside `[A-Za-z0-9_-]` is written as
 * `%XX` (one-to-one, and always a valid ref name: no `.`, `~`, `*`, `:`, spaces or `..` reach git).
 */
export function lockRefName(environment: string): string {
  const encoded = [...Buffer.from(environment, 'utf8')]
    .map((b) => {
      const c = String.fromCharCode(b);
      return /[A-Za-z0-9_-]/.test(c) ? c : `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
    })
    .join('');
  return `shipline/locks/${encoded}`;
}

/** True when the lock's expiry lies before `now`. */
export function isLockStale(lock: LockContent, now: Date): boolean {
  return Date.parse(lock.expiresAt) <= now.getTime();
}

/** A lock's age in whole seconds at `now` (never negative). */
export function lockAgeSeconds(lock: LockContent, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - Date.parse(lock.createdAt)) / 1000));
}

/** Parses lock content read back from the ref's blob; undefined when unreadable (callers fail closed). */
export function readLockContent(text: string): LockContent | undefined {
  try {
    const result = lockContentSchema.safeParse(JSON.parse(text));
    return result.success ? result.data : undefined;
  } catch {
    return undefined;
  }
}
