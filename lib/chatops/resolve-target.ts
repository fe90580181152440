/**
 * Which release a `/rollback` restores. The one implementation lives in lib/rollback/resolve.ts (shared with the
 * auto-rollback action and `shipline rollback`); this adapts the bot's dependencies to it.
 */

import type { Outcome } from '../release/outcome.js';
import { type ResolveDetails, resolveRollbackTarget as resolveTarget } from '../rollback/resolve.js';
import type { ChatOpsDeps } from './deps.js';

export type { RollbackTarget } from '../rollback/resolve.js';

/** Resolves the rollback target; refuses with the versions that would work when the one asked for cannot. */
export async function resolveRollbackTarget(
  deps: ChatOpsDeps,
  environment: string,
  version: string | undefined,
): Promise<Outcome<ResolveDetails>> {
  return resolveTarget(
    { octokit: deps.octokit, repo: deps.repo, keep: deps.config.rollback.keep },
    environment,
    version,
  );
}
