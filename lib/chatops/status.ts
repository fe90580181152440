/** `/status [<env>]`: what an environment runs, what it would roll back to, who holds its lock, recent releases. */
import { type LedgerEntry, lastKnownGood, listLedger } from '../github/ledger.js';
import { readLock } from '../github/locks.js';
import type { LockContent } from '../release/lock.js';
import { type Outcome, succeeded } from '../release/outcome.js';
import type { ChatOpsDeps } from './deps.js';

export interface EnvironmentStatus {
  environment: string;
  current?: LedgerEntry;
  lastKnownGood?: LedgerEntry;
  /** Present when the environment is locked; `lock` undefined when the lock cannot be read. */
  lock?: { lock?: LockContent };
  /** The Vercel deployment production is pinned to: set while the current release is a rollback (FACTS.md). */
  vercelPin?: { deploymentId: string; url: string };
  /** The last five releases, newest first. */
  recent: LedgerEntry[];
}

/** Reads one environment's status from the ledger and the lock. */
export async function environmentStatus(deps: ChatOpsDeps, environment: string): Promise<EnvironmentStatus> {
  const [recent, lock] = await Promise.all([
    listLedger(deps.octokit, deps.repo, environment, { limit: 5 }),
    readLock(deps.octokit, deps.repo, environment),
  ]);
  let current = recent.find((e) => e.state === 'success');
  if (!current && recent.length === 5) {
    const older = await listLedger(deps.octokit, deps.repo, environment, { limit: 50 });
    current = older.find((e) => e.state === 'success');
  }
  const good = current
    ? await lastKnownGood(deps.octokit, deps.repo, environment, { before: current.deploymentId })
    : undefined;
  const status: EnvironmentStatus = { environment, recent };
  if (current) status.current = current;
  if (good) status.lastKnownGood = good;
  if (lock) status.lock = lock.lock ? { lock: lock.lock } : {};
  if (current?.payload.kind === 'rollback' && current.payload.vercel) {
    status.vercelPin = { deploymentId: current.payload.vercel.deploymentId, url: current.payload.vercel.url };
  }
  return status;
}

/** Status of the environments asked for (all configured ones when none is named). */
export async function statusReport(
  deps: ChatOpsDeps,
  environments: string[],
): Promise<Outcome<{ environments: EnvironmentStatus[] }>> {
  const list = await Promise.all(environments.map((e) => environmentStatus(deps, e)));
  return succeeded(`Status of ${environments.join(', ')}.`, { environments: list });
}
