/**
 * `workflow_run`: a dispatched rollback or deploy run was queued, started or finished. Its deployment's reply shows
 * it; a run that ended without a final deployment status gets one (`error`), which frees the lock.
 */
import type { Octokit } from '@octokit/rest';
import type { Context } from 'probot';
import { findRunDeployment } from '../../lib/chatops/find-run-deployment.js';
import { followDeployment } from '../../lib/chatops/progress.js';
import { publishProgress } from '../../lib/chatops/publish-progress.js';
import { depsFor, repoOf } from '../context.js';
import type { ShiplineBotOptions } from '../options.js';

/** Handles one workflow_run event for Shipline's rollback and deploy workflows. */
export async function onWorkflowRun(context: Context<'workflow_run'>, options: ShiplineBotOptions): Promise<string> {
  const run = context.payload.workflow_run;
  const file = (run.path ?? '').split('/').pop() ?? '';
  const ours = [options.workflows?.rollback ?? 'rollback.yml', options.workflows?.deploy ?? 'deploy.yml'];
  if (run.event !== 'workflow_dispatch' || !ours.includes(file)) return 'ignored';
  const octokit = context.octokit as unknown as Octokit;
  const deploymentId = await findRunDeployment(octokit, repoOf(context), {
    displayTitle: (run as { display_title?: string | null }).display_title ?? null,
    htmlUrl: run.html_url,
  });
  if (deploymentId === undefined) return 'ignored';
  const deps = await depsFor(context, options);
  const followed = await followDeployment(deps, deploymentId, {
    id: run.id,
    status: run.status ?? 'queued',
    conclusion: run.conclusion ?? null,
    htmlUrl: run.html_url,
  });
  if (!followed.details) return 'ignored';
  await publishProgress(deps, followed.details);
  return followed.details.stage;
}
