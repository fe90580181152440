import type { GitHubContext } from './context.js';
import { nodeId } from './ids.js';
import { repoJson, userJson } from './shapes.js';
import type { RepoRecord, WorkflowDispatchRecord, WorkflowRecord } from './state.js';

/** A workflow as GitHub's `workflow`. */
export function workflowJson(ctx: GitHubContext, repo: RepoRecord, w: WorkflowRecord): Record<string, unknown> {
  return {
    id: w.id,
    node_id: nodeId('W', w.id),
    name: w.name,
    path: w.path,
    state: w.state,
    created_at: w.createdAt,
    updated_at: w.updatedAt,
    url: `${ctx.urls.api}/repos/${repo.fullName}/actions/workflows/${w.id}`,
    html_url: `${ctx.urls.web}/${repo.fullName}/blob/${repo.defaultBranch}/${w.path}`,
    badge_url: `${ctx.urls.web}/${repo.fullName}/workflows/${encodeURIComponent(w.name)}/badge.svg`,
  };
}

/** A workflow run as GitHub's `workflow-run`. */
export function runJson(ctx: GitHubContext, repo: RepoRecord, d: WorkflowDispatchRecord): Record<string, unknown> {
  const r = `${ctx.urls.api}/repos/${repo.fullName}`;
  const run = `${r}/actions/runs/${d.runId}`;
  const commit = repo.commits.get(d.sha);
  const workflow = repo.workflows.find((w) => w.id === d.workflow);
  const fullRepo = repoJson(ctx.urls, repo, ctx.state);
  return {
    id: d.runId,
    name: workflow?.name ?? d.workflowId,
    node_id: nodeId('WFR', d.runId),
    check_suite_id: d.runId,
    check_suite_node_id: nodeId('CS', d.runId),
    head_branch: d.ref.replace(/^refs\/(heads|tags)\//, ''),
    head_sha: d.sha,
    path: workflow?.path ?? `.github/workflows/${d.workflowId}`,
    display_title: workflow?.name ?? d.workflowId,
    run_number: d.runNumber,
    event: 'workflow_dispatch',
    status: d.status,
    conclusion: d.conclusion,
    workflow_id: d.workflow,
    url: run,
    html_url: `${ctx.urls.web}/${repo.fullName}/actions/runs/${d.runId}`,
    pull_requests: [],
    created_at: d.createdAt,
    updated_at: d.updatedAt,
    actor: userJson(ctx.urls, d.actor),
    triggering_actor: userJson(ctx.urls, d.actor),
    run_attempt: 1,
    referenced_workflows: [],
    run_started_at: d.runStartedAt,
    jobs_url: `${run}/jobs`,
    logs_url: `${run}/logs`,
    check_suite_url: `${r}/check-suites/${d.runId}`,
    artifacts_url: `${run}/artifacts`,
    cancel_url: `${run}/cancel`,
    rerun_url: `${run}/rerun`,
    previous_attempt_url: null,
    workflow_url: `${r}/actions/workflows/${d.workflow}`,
    head_commit: commit
      ? {
          id: commit.sha,
          tree_id: commit.tree,
          message: commit.message,
          timestamp: commit.committer.date,
          author: { name: commit.author.name, email: commit.author.email },
          committer: { name: commit.committer.name, email: commit.committer.email },
        }
      : null,
    repository: fullRepo,
    head_repository: fullRepo,
  };
}
