/**
 * Which release a `/rollback` restores: the version named, when it was ever good in the environment, or else the
 * last known-good release before the current one.
 */
import { currentRelease, findGoodVersion, type LedgerEntry, lastKnownGood } from '../github/ledger.js';
import { type Outcome, refused, succeeded } from '../release/outcome.js';
import type { ChatOpsDeps } from './deps.js';

export interface RollbackTarget {
  environment: string;
  /** What the environment serves now. */
  current: LedgerEntry;
  /** What the rollback restores. */
  target: LedgerEntry;
}

/** Resolves the rollback target; refuses with the versions that would work when the one asked for cannot. */
export async function resolveRollbackTarget(
  deps: ChatOpsDeps,
  environment: string,
  version: string | undefined,
): Promise<Outcome<Partial<RollbackTarget> & { environment: string; goodVersions?: string[] }>> {
  const { octokit, repo } = deps;
  const current = await currentRelease(octokit, repo, environment);
  if (!current) {
    return refused(
      'no-known-good',
      `\`${environment}\` has no current release in the ledger, so there is nothing to roll back from. Deploy a release first (\`/deploy vX.Y.Z to ${environment}\`).`,
      { environment },
    );
  }
  if (version === undefined) {
    const target = await lastKnownGood(octokit, repo, environment, { before: current.deploymentId });
    if (!target) {
      return refused(
        'no-known-good',
        `\`${environment}\` runs ${current.release.version} and no earlier release was ever good there, so there is nothing to roll back to.`,
        { environment, current },
      );
    }
    return succeeded(`Rolling ${environment} back to ${target.release.version}.`, { environment, current, target });
  }
  if (version === current.release.version) {
    return refused(
      'already-current',
      `\`${environment}\` already runs ${version}. ${await suggestion(deps, environment, current)}`,
      { environment, current },
    );
  }
  const { entry, goodVersions } = await findGoodVersion(octokit, repo, environment, version);
  if (!entry) {
    const others = goodVersions.filter((v) => v !== current.release.version);
    const list =
      others.length > 0
        ? others
            .slice(0, deps.config.rollback.keep)
            .map((v) => `\`${v}\``)
            .join(', ')
        : '';
    return refused(
      'never-good',
      list
        ? `${version} was never good in \`${environment}\`. Versions that were: ${list}. Try \`/rollback ${others[0]} to ${environment}\`.`
        : `${version} was never good in \`${environment}\`, and no other release was either.`,
      { environment, current, goodVersions },
    );
  }
  return succeeded(`Rolling ${environment} back to ${version}.`, { environment, current, target: entry });
}

async function suggestion(deps: ChatOpsDeps, environment: string, current: LedgerEntry): Promise<string> {
  const previous = await lastKnownGood(deps.octokit, deps.repo, environment, { before: current.deploymentId });
  return previous
    ? `The last known-good release before it is ${previous.release.version}: \`/rollback ${previous.release.version} to ${environment}\`.`
    : 'No earlier release was ever good there.';
}
