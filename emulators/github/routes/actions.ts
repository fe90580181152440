import type { EmulatorServer } from '../../core/server.js';
import { repoAccess } from '../auth.js';
import type { GitHubContext } from '../context.js';
import { githubError, validationFailed } from '../errors.js';
import { hashId, nodeId } from '../ids.js';
import { paginate } from '../pagination.js';
import { repoJson, userJson } from '../shapes.js';
import type { RepoRecord, WorkflowDispatchRecord } from '../state.js';

/** `workflow_dispatch` (recorded with its inputs for tests) and a minimal workflow-runs list. */
export function registerActionsRoutes(server: EmulatorServer, ctx: GitHubContext): void {
  server.route('POST', '/repos/:owner/:repo/actions/workflows/:workflow_id/dispatches', (req) => {
    const { repo, actor } = repoAccess(ctx, req, 'write');
    const body = req.json<{ ref?: unknown; inputs?: unknown }>() ?? {};
    if (typeof body.ref !== 'string' || body.ref === '') throw validationFailed('Workflow', 'ref', 'missing_field');
    const sha = ctx.state.resolveRef(repo, body.ref);
    if (!sha) throw githubError(422, `No ref found for: ${body.ref}`);
    const inputs =
      typeof body.inputs === 'object' && body.inputs !== null ? (body.inputs as Record<string, unknown>) : {};
    if (Object.keys(inputs).length > 25)
      throw githubError(422, 'you may only define up to 25 `inputs` for a `workflow_dispatch` event');
    repo.dispatches.push({
      workflowId: req.params.workflow_id ?? '',
      ref: body.ref,
      sha,
      inputs,
      actor: actor.user,
      createdAt: ctx.state.timestamp(),
      runId: ctx.state.id(),
    });
    return { status: 204 };
  });

  server.route('GET', '/repos/:owner/:repo/actions/runs', (req) => {
    const { repo } = repoAccess(ctx, req, 'read');
    const event = req.query.get('event');
    // Number runs in dispatch order before filtering and paginating so a run keeps its number on every page.
    const runs = repo.dispatches
      .map((dispatch, i) => ({ dispatch, runNumber: i + 1 }))
      .reverse()
      .filter(() => !event || event === 'workflow_dispatch');
    const { page, headers } = paginate(req, runs);
    return {
      status: 200,
      headers,
      body: {
        total_count: runs.length,
        workflow_runs: page.map(({ dispatch, runNumber }) => runJson(ctx, repo, dispatch, runNumber)),
      },
    };
  });
}

function runJson(ctx: GitHubContext, repo: RepoRecord, d: WorkflowDispatchRecord, runNumber: number): unknown {
  const r = `${ctx.urls.api}/repos/${repo.fullName}`;
  const run = `${r}/actions/runs/${d.runId}`;
  const commit = repo.commits.get(d.sha);
  const workflowPath = /^\d+$/.test(d.workflowId)
    ? `.github/workflows/${d.workflowId}.yml`
    : `.github/workflows/${d.workflowId}`;
  const fullRepo = repoJson(ctx.urls, repo, ctx.state);
  return {
    id: d.runId,
    name: d.workflowId.replace(/\.ya?ml$/, ''),
    node_id: nodeId('WFR', d.runId),
    head_branch: d.ref.replace(/^refs\/heads\//, ''),
    head_sha: d.sha,
    path: workflowPath,
    display_title: d.workflowId,
    run_number: runNumber,
    event: 'workflow_dispatch',
    status: 'queued',
    conclusion: null,
    workflow_id: workflowNumber(d.workflowId),
    url: run,
    html_url: `${ctx.urls.web}/${repo.fullName}/actions/runs/${d.runId}`,
    pull_requests: [],
    created_at: d.createdAt,
    updated_at: d.createdAt,
    actor: userJson(ctx.urls, d.actor),
    triggering_actor: userJson(ctx.urls, d.actor),
    run_attempt: 1,
    run_started_at: d.createdAt,
    jobs_url: `${run}/jobs`,
    logs_url: `${run}/logs`,
    check_suite_url: `${r}/check-suites/${d.runId}`,
    artifacts_url: `${run}/artifacts`,
    cancel_url: `${run}/cancel`,
    rerun_url: `${run}/rerun`,
    previous_attempt_url: null,
    workflow_url: `${r}/actions/workflows/${workflowNumber(d.workflowId)}`,
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

/** A stable numeric id for a workflow file name (GitHub accepts either). */
function workflowNumber(id: string): number {
  return /^\d+$/.test(id) ? Number(id) : hashId(id) % 100_000_000;
}
