/** Keeps deployment issues in step with GitHub: the plan comment on open, ticks as statuses arrive, close on success. */
import { call } from '../github/repo.js';
import { type Outcome, refused, succeeded } from '../release/outcome.js';
import type { DeployPhase } from '../release/phases.js';
import { PLAN_MARKER, planDeployment, readDeploymentIssue, renderPlan, tickChecklist } from './deployment-issue.js';
import type { ChatOpsDeps } from './deps.js';
import type { ProgressView } from './progress.js';
import { renderProblem } from './render.js';

/** Writes (or rewrites) the plan comment of a deployment issue; ignores issues that are not deployment issues. */
export async function postPlan(
  deps: ChatOpsDeps,
  issue: { number: number; title: string; labels: string[] },
): Promise<Outcome<{ commentId?: number }>> {
  const target = readDeploymentIssue(issue.title, issue.labels);
  if (target.kind === 'not-deployment') return refused('invalid-input', 'Not a deployment issue.', {});
  let body: string;
  let outcome: Outcome<{ commentId?: number }>;
  if (target.kind === 'unreadable') {
    outcome = refused('invalid-input', target.message, {});
    body = `${PLAN_MARKER}\n${renderProblem(outcome)}`;
  } else {
    const plan = await planDeployment(deps, target.version, target.environment);
    outcome = { ...plan, details: {} };
    body =
      plan.outcome === 'success' ? renderPlan(deps.config, plan.details) : `${PLAN_MARKER}\n${renderProblem(plan)}`;
  }
  const existing = await findPlan(deps, issue.number);
  if (existing) {
    await call('update the plan', deps.repo, () =>
      deps.octokit.rest.issues.updateComment({ ...deps.repo, comment_id: existing.id, body }),
    );
    return { ...outcome, details: { commentId: existing.id } };
  }
  const res = await call('post the plan', deps.repo, () =>
    deps.octokit.rest.issues.createComment({ ...deps.repo, issue_number: issue.number, body }),
  );
  return { ...outcome, details: { commentId: res.data.id } };
}

async function findPlan(deps: ChatOpsDeps, issueNumber: number): Promise<{ id: number; body: string } | undefined> {
  const comments = await call('read the issue comments', deps.repo, () =>
    deps.octokit.paginate(deps.octokit.rest.issues.listComments, {
      ...deps.repo,
      issue_number: issueNumber,
      per_page: 100,
    }),
  );
  const plan = comments.find((c) => c.body?.startsWith(PLAN_MARKER));
  return plan ? { id: plan.id, body: plan.body ?? '' } : undefined;
}

/** Ticks the checklist of every open deployment issue for this deploy; closes them when it succeeded. */
export async function syncDeploymentIssues(
  deps: ChatOpsDeps,
  view: ProgressView,
): Promise<Outcome<{ issues: number[]; closed: number[] }>> {
  if (view.payload.kind !== 'deploy')
    return refused('invalid-input', 'Only deploys have deployment issues.', { issues: [], closed: [] });
  const open = await call('list open issues', deps.repo, () =>
    deps.octokit.paginate(deps.octokit.rest.issues.listForRepo, { ...deps.repo, state: 'open', per_page: 100 }),
  );
  const issues: number[] = [];
  const closed: number[] = [];
  for (const issue of open) {
    if (issue.pull_request) continue;
    const labels = issue.labels.map((l) => (typeof l === 'string' ? l : (l.name ?? '')));
    const target = readDeploymentIssue(issue.title, labels);
    if (target.kind !== 'target' || target.version !== view.payload.version || target.environment !== view.environment)
      continue;
    issues.push(issue.number);
    const plan = await findPlan(deps, issue.number);
    if (plan) {
      const phase = view.stage === 'done' ? 'done' : (view.phase?.phase as DeployPhase | undefined);
      const body = tickChecklist(plan.body, phase, view.state ?? '');
      if (body !== plan.body) {
        await call('tick the checklist', deps.repo, () =>
          deps.octokit.rest.issues.updateComment({ ...deps.repo, comment_id: plan.id, body }),
        );
      }
    }
    if (view.stage === 'done') {
      await call('close the deployment issue', deps.repo, () =>
        deps.octokit.rest.issues.update({
          ...deps.repo,
          issue_number: issue.number,
          state: 'closed',
          state_reason: 'completed',
        }),
      );
      closed.push(issue.number);
    }
  }
  return succeeded(`${issues.length} deployment issue(s) updated.`, { issues, closed });
}
