/**
 * Which release a rollback restores — the one implementation shared by the bot's `/rollback`, the auto-rollback
 * action and `shipline rollback`: the version named, when it was ever good in the environment, or else the last
 * known-good release before the one being rolled back. Read-only; an API error throws (callers fail closed).
 */
import type { Octokit } from '@octokit/rest';
import { currentRelease, findGoodVersion, iterateLedger, type LedgerEntry, lastKnownGood } from '../github/ledger.js';
import type { RepoRef } from '../github/repo.js';
import { type Outcome, refused, succeeded } from '../release/outcome.js';

export interface RollbackTarget {
  environment: string;
  /** What the environment serves now (or the failed release being rolled back). */
  current: LedgerEntry;
  /** What the rollback restores. */
  target: LedgerEntry;
}

/** What resolving needs: the GitHub client, the repository and how many good versions a refusal lists. */
export interface ResolveDeps {
  octokit: Octokit;
  repo: RepoRef;
  /** Versions listed in a `never-good` refusal (config `rollback.keep`). Default 10. */
  keep?: number;
}

export interface ResolveOptions {
  /**
   * The ledger deployment of a release that failed after production was switched to it (auto-rollback): it is
   * "current" even though it never became `success`, and the target is the last known-good release before it.
   */
  failedDeploymentId?: number;
}

export type ResolveDetails = Partial<RollbackTarget> & { environment: string; goodVersions?: string[] };

/** Resolves the rollback target; refuses with the versions that would work when the one asked for cannot. */
export async function resolveRollbackTarget(
  deps: ResolveDeps,
  environment: string,
  version: string | undefined,
  options: ResolveOptions = {},
): Promise<Outcome<ResolveDetails>> {
  const { octokit, repo } = deps;
  const current =
    options.failedDeploymentId !== undefined
      ? await ledgerEntry(deps, environment, options.failedDeploymentId)
      : await currentRelease(octokit, repo, environment);
  if (!current) {
    return refused(
      'no-known-good',
      options.failedDeploymentId !== undefined
        ? `Deployment ${options.failedDeploymentId} is not a Shipline release of \`${environment}\`, so there is nothing to roll back from.`
        : `\`${environment}\` has no current release in the ledger, so there is nothing to roll back from. Deploy a release first (\`/deploy vX.Y.Z to ${environment}\`).`,
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
  if (!entry && !(await wasRecorded(deps, environment, version))) {
    const others = goodVersions.filter((v) => v !== current.release.version).slice(0, deps.keep ?? 10);
    return refused(
      'unknown-version',
      `${version} was never deployed to \`${environment}\`.${others.length > 0 ? ` Versions that were good there: ${others.map((v) => `\`${v}\``).join(', ')}.` : ''}`,
      { environment, current, goodVersions },
    );
  }
  if (!entry) {
    const others = goodVersions.filter((v) => v !== current.release.version);
    const list =
      others.length > 0
        ? others
            .slice(0, deps.keep ?? 10)
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

/** The ledger entry with `deploymentId` in `environment`, read through the ledger walk (undefined when absent). */
export async function ledgerEntry(
  deps: ResolveDeps,
  environment: string,
  deploymentId: number,
): Promise<LedgerEntry | undefined> {
  for await (const entry of iterateLedger(deps.octokit, deps.repo, environment)) {
    if (entry.deploymentId === deploymentId) return entry;
    if (entry.deploymentId < deploymentId) return undefined;
  }
  return undefined;
}

/** True when the ledger of `environment` holds any release of `version`, good or not. */
async function wasRecorded(deps: ResolveDeps, environment: string, version: string): Promise<boolean> {
  for await (const entry of iterateLedger(deps.octokit, deps.repo, environment)) {
    if (entry.release.version === version) return true;
  }
  return false;
}

async function suggestion(deps: ResolveDeps, environment: string, current: LedgerEntry): Promise<string> {
  const previous = await lastKnownGood(deps.octokit, deps.repo, environment, { before: current.deploymentId });
  return previous
    ? `The last known-good release before it is ${previous.release.version}: \`/rollback ${previous.release.version} to ${environment}\`.`
    : 'No earlier release was ever good there.';
}
