/**
 * `deployment_status.created`: for Shipline's own deployments, re-read the deployment, release the lock the bot took
 * once it has finished, edit the command's reply, react, and tick deployment issues.
 */
import type { Context } from 'probot';
import { followDeployment } from '../../lib/chatops/progress.js';
import { publishProgress } from '../../lib/chatops/publish-progress.js';
import { readPayload } from '../../lib/release/payload.js';
import { depsFor } from '../context.js';
import type { ShiplineBotOptions } from '../options.js';

/** Handles one deployment status event; returns the stage it saw. */
export async function onDeploymentStatus(
  context: Context<'deployment_status.created'>,
  options: ShiplineBotOptions,
): Promise<string> {
  const { deployment } = context.payload;
  if (!readPayload(deployment.payload)) return 'ignored';
  const deps = await depsFor(context, options);
  const followed = await followDeployment(deps, deployment.id);
  if (!followed.details) return 'ignored';
  await publishProgress(deps, followed.details);
  return followed.details.stage;
}
