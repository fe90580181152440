/** `/deploy vX.Y.Z to <env>`: checks the tag and the lock, then dispatches the deploy workflow (which takes the lock). */
import { readLock } from '../github/locks.js';
import { call, errorStatus } from '../github/repo.js';
import { type Outcome, refused, succeeded } from '../release/outcome.js';
import type { ChatOpsDeps, Requester } from './deps.js';
import { type DispatchedRun, dispatchWorkflow } from './dispatch.js';
import { lockHeldRefusal } from './lock-holder.js';

/** Dispatches the deploy workflow for `version` (a tag that must exist) to `environment`. */
export async function requestDeploy(
  deps: ChatOpsDeps,
  requester: Requester,
  version: string,
  environment: string,
): Promise<Outcome<{ environment: string; version: string; run?: DispatchedRun }>> {
  const { octokit, repo } = deps;
  try {
    await octokit.rest.git.getRef({ ...repo, ref: `tags/${version}` });
  } catch (error) {
    if (errorStatus(error) !== 404) await call(`read the tag ${version}`, repo, () => Promise.reject(error));
    return refused(
      'unknown-version',
      `There is no tag \`${version}\` in this repository. Push it first (\`git tag ${version} && git push origin ${version}\`), then run \`/deploy ${version} to ${environment}\` again.`,
      { environment, version },
    );
  }
  const lock = await readLock(octokit, repo, environment);
  if (lock) {
    return lockHeldRefusal(environment, lock.lock, deps.clock.now(), `deploy ${version}`, { environment, version });
  }
  const run = await dispatchWorkflow(octokit, repo, deps.workflows.deploy, `refs/tags/${version}`, {
    version,
    environment,
    'requested-by': requester.login,
    source: requester.source,
  });
  return succeeded(`Deploying ${version} to \`${environment}\`: ${deps.workflows.deploy} dispatched.`, {
    environment,
    version,
    run,
  });
}
