import type { GitHubContext } from './context.js';
import type { WebhookEventRecord } from './events.js';
import type { RepoRecord, RunConclusion, WorkflowDispatchRecord } from './state.js';

/** Thrown for a run that does not exist or cannot make the asked move. */
export class RunStateError extends Error {
  override name = 'RunStateError';
}

/** The run with this id in any repository. */
export function findRun(ctx: GitHubContext, runId: number): { repo: RepoRecord; run: WorkflowDispatchRecord } {
  for (const repo of ctx.state.repos.values()) {
    const run = repo.dispatches.find((d) => d.runId === runId);
    if (run) return { repo, run };
  }
  throw new RunStateError(`unknown workflow run ${runId}`);
}

/** queued → in_progress; delivers `workflow_run.in_progress` and resolves with that delivery. */
export function startRun(ctx: GitHubContext, runId: number): Promise<WebhookEventRecord> {
  const { repo, run } = findRun(ctx, runId);
  if (run.status !== 'queued') throw new RunStateError(`run ${runId} is ${run.status}, not queued`);
  run.status = 'in_progress';
  run.runStartedAt = ctx.state.timestamp();
  run.updatedAt = run.runStartedAt;
  return ctx.events.workflowRun(repo, run, 'in_progress');
}

/** → completed with `conclusion`; a queued run is started first, as GitHub never skips in_progress. */
export function completeRun(
  ctx: GitHubContext,
  runId: number,
  conclusion: RunConclusion = 'success',
): Promise<WebhookEventRecord> {
  const { repo, run } = findRun(ctx, runId);
  if (run.status === 'completed') throw new RunStateError(`run ${runId} is already completed`);
  if (run.status === 'queued') void startRun(ctx, runId);
  run.status = 'completed';
  run.conclusion = conclusion;
  run.updatedAt = ctx.state.timestamp();
  return ctx.events.workflowRun(repo, run, 'completed');
}
