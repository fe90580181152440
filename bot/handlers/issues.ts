/** `issues.opened`, `issues.labeled`, `issues.edited`: a deployment issue gets (or refreshes) its plan comment. */
import type { Context } from 'probot';
import { DEPLOYMENT_LABEL, readDeploymentIssue } from '../../lib/chatops/deployment-issue.js';
import { postPlan } from '../../lib/chatops/deployment-issue-sync.js';
import { depsFor } from '../context.js';
import type { ShiplineBotOptions } from '../options.js';

/** Handles one issues event. */
export async function onIssue(
  context: Context<'issues.opened' | 'issues.labeled' | 'issues.edited'>,
  options: ShiplineBotOptions,
): Promise<string> {
  const { issue } = context.payload;
  if (issue.state !== 'open') return 'ignored';
  if (context.payload.action === 'labeled') {
    const label = (context.payload as { label?: { name?: string } }).label?.name ?? '';
    if (label.toLowerCase() !== DEPLOYMENT_LABEL) return 'ignored';
  }
  if (context.payload.action === 'edited' && !(context.payload as { changes?: { title?: unknown } }).changes?.title) {
    return 'ignored';
  }
  const labels = (issue.labels ?? []).map((l) => (typeof l === 'string' ? l : (l.name ?? '')));
  if (readDeploymentIssue(issue.title, labels).kind === 'not-deployment') return 'ignored';
  const deps = await depsFor(context, options);
  const outcome = await postPlan(deps, { number: issue.number, title: issue.title, labels });
  return outcome.outcome;
}
