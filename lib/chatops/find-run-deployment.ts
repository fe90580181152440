/** Which ledger deployment a workflow run works on. */
import type { Octokit } from '@octokit/rest';
import { call, type RepoRef } from '../github/repo.js';
import { LEDGER_TASK } from '../release/payload.js';

/**
 * The deployment a run belongs to: named in its title (`run-name: … deployment ${{ inputs.deployment-id }}`), or
 * else the recent Shipline deployment whose status links to the run.
 */
export async function findRunDeployment(
  octokit: Octokit,
  repo: RepoRef,
  run: { displayTitle?: string | null; htmlUrl: string },
): Promise<number | undefined> {
  const named = /deployment[\s#:-]*(\d+)/i.exec(run.displayTitle ?? '');
  if (named) return Number(named[1]);
  const recent = await call('list recent deployments', repo, () =>
    octokit.rest.repos.listDeployments({ ...repo, task: LEDGER_TASK, per_page: 10 }),
  );
  for (const deployment of recent.data) {
    const statuses = await call(`read the statuses of deployment ${deployment.id}`, repo, () =>
      octokit.rest.repos.listDeploymentStatuses({ ...repo, deployment_id: deployment.id, per_page: 100 }),
    );
    if (statuses.data.some((s) => s.log_url === run.htmlUrl || s.target_url === run.htmlUrl)) return deployment.id;
  }
  return undefined;
}
