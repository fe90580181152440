import type { EmulatorRequest } from '../../core/server.js';
import { repoAccess } from '../auth.js';
import type { GitHubContext } from '../context.js';
import { githubError, notFound, validationFailed } from '../errors.js';
import { paginate } from '../pagination.js';
import type { RouteRegistrar } from '../routing.js';
import { runJson, workflowJson } from '../run-shapes.js';
import { completeRun } from '../runs.js';
import type { RepoRecord, WorkflowDispatchRecord, WorkflowRecord } from '../state.js';

/**
 * GitHub Actions: workflows (seeded; the emulator reads no YAML), `workflow_dispatch` (404 for an unknown workflow,
 * the run's details with `return_run_details`), and workflow runs. Runs stay `queued` until the emulator's owner
 * moves them on (GitHubEmulator.startRun / completeRun), which delivers `workflow_run` webhooks.
 */
export function registerActionsRoutes(server: RouteRegistrar, ctx: GitHubContext): void {
  const base = '/repos/:owner/:repo/actions';

  server.route('POST', `${base}/workflows/:workflow_id/dispatches`, (req) => {
    const { repo, actor } = repoAccess(ctx, req, 'write');
    const workflow = findWorkflow(ctx, repo, req);
    const body = req.json<{ ref?: unknown; inputs?: unknown; return_run_details?: unknown }>() ?? {};
    if (typeof body.ref !== 'string' || body.ref === '') throw validationFailed('Workflow', 'ref', 'missing_field');
    if (workflow.state !== 'active') {
      throw githubError(422, "Cannot trigger a 'workflow_dispatch' on a disabled workflow");
    }
    if (!workflow.triggers.includes('workflow_dispatch')) {
      throw githubError(422, "Workflow does not have 'workflow_dispatch' trigger");
    }
    const sha = ctx.state.resolveRef(repo, body.ref);
    if (!sha) throw githubError(422, `No ref found for: ${body.ref}`);
    const inputs =
      typeof body.inputs === 'object' && body.inputs !== null ? (body.inputs as Record<string, unknown>) : {};
    if (Object.keys(inputs).length > 25)
      throw githubError(422, 'you may only define up to 25 `inputs` for a `workflow_dispatch` event');
    checkInputs(workflow, inputs);
    const now = ctx.state.timestamp();
    const run: WorkflowDispatchRecord = {
      workflowId: req.params.workflow_id ?? '',
      workflow: workflow.id,
      ref: body.ref,
      sha,
      inputs: { ...defaults(workflow), ...inputs },
      actor: actor.user,
      createdAt: now,
      updatedAt: now,
      runStartedAt: now,
      runId: ctx.state.id(),
      runNumber: repo.dispatches.filter((d) => d.workflow === workflow.id).length + 1,
      status: 'queued',
      conclusion: null,
    };
    repo.dispatches.push(run);
    void ctx.events.workflowRun(repo, run, 'requested');
    if (body.return_run_details !== true) return { status: 204 };
    return {
      status: 200,
      body: {
        workflow_run_id: run.runId,
        run_url: `${ctx.urls.api}/repos/${repo.fullName}/actions/runs/${run.runId}`,
        html_url: `${ctx.urls.web}/${repo.fullName}/actions/runs/${run.runId}`,
      },
    };
  });

  server.route('GET', `${base}/workflows`, (req) => {
    const { repo } = repoAccess(ctx, req, 'read');
    const { page, headers } = paginate(req, repo.workflows);
    return {
      status: 200,
      headers,
      body: { total_count: repo.workflows.length, workflows: page.map((w) => workflowJson(ctx, repo, w)) },
    };
  });

  server.route('GET', `${base}/workflows/:workflow_id`, (req) => {
    const { repo } = repoAccess(ctx, req, 'read');
    return { status: 200, body: workflowJson(ctx, repo, findWorkflow(ctx, repo, req)) };
  });

  server.route('GET', `${base}/workflows/:workflow_id/runs`, (req) => {
    const { repo } = repoAccess(ctx, req, 'read');
    const workflow = findWorkflow(ctx, repo, req);
    return listRuns(ctx, repo, req, (d) => d.workflow === workflow.id);
  });

  server.route('GET', `${base}/runs`, (req) => {
    const { repo } = repoAccess(ctx, req, 'read');
    return listRuns(ctx, repo, req, () => true);
  });

  server.route('POST', `${base}/runs/:run_id/cancel`, (req) => {
    const { repo } = repoAccess(ctx, req, 'write');
    const run = repo.dispatches.find((d) => String(d.runId) === req.params.run_id);
    if (!run) throw notFound();
    if (run.status === 'completed') throw githubError(409, 'Cannot cancel a workflow run that is completed.');
    void completeRun(ctx, run.runId, 'cancelled');
    return { status: 202, body: {} };
  });

  server.route('GET', `${base}/runs/:run_id`, (req) => {
    const { repo } = repoAccess(ctx, req, 'read');
    const run = repo.dispatches.find((d) => String(d.runId) === req.params.run_id);
    if (!run) throw notFound();
    return { status: 200, body: runJson(ctx, repo, run) };
  });
}

function findWorkflow(ctx: GitHubContext, repo: RepoRecord, req: EmulatorRequest): WorkflowRecord {
  const id = req.params.workflow_id ?? '';
  const workflow = ctx.state.findWorkflow(repo, id);
  if (!workflow) {
    throw notFound({ 'x-emulator-reason': `no workflow "${id}" in ${repo.fullName} (seed it: seedWorkflow)` });
  }
  return workflow;
}

/** Declared inputs only: GitHub refuses unknown inputs and missing required ones. */
function checkInputs(workflow: WorkflowRecord, inputs: Record<string, unknown>): void {
  if (!workflow.inputs) return;
  const unexpected = Object.keys(inputs).filter((k) => !(k in (workflow.inputs ?? {})));
  if (unexpected.length > 0) throw githubError(422, `Unexpected inputs provided: ${JSON.stringify(unexpected)}`);
  for (const [name, spec] of Object.entries(workflow.inputs)) {
    if (spec.required && spec.default === undefined && (inputs[name] === undefined || inputs[name] === '')) {
      throw githubError(422, `Required input '${name}' not provided`);
    }
  }
}

function defaults(workflow: WorkflowRecord): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(workflow.inputs ?? {})) {
    if (spec.default !== undefined) out[name] = spec.default;
  }
  return out;
}

/** Runs newest first, filtered by `status` (a status or a conclusion), `event`, `branch`, `head_sha`, `actor`. */
function listRuns(
  ctx: GitHubContext,
  repo: RepoRecord,
  req: EmulatorRequest,
  keep: (d: WorkflowDispatchRecord) => boolean,
): { status: number; headers: Record<string, string>; body: unknown } {
  const q = (name: string) => req.query.get(name);
  const runs = [...repo.dispatches].reverse().filter((d) => {
    if (!keep(d)) return false;
    const status = q('status');
    if (status && d.status !== status && d.conclusion !== status) return false;
    const event = q('event');
    if (event && event !== 'workflow_dispatch') return false;
    const branch = q('branch');
    if (branch && d.ref.replace(/^refs\/(heads|tags)\//, '') !== branch) return false;
    const headSha = q('head_sha');
    if (headSha && d.sha !== headSha) return false;
    const actor = q('actor');
    if (actor && d.actor.login.toLowerCase() !== actor.toLowerCase()) return false;
    return true;
  });
  const { page, headers } = paginate(req, runs);
  return {
    status: 200,
    headers,
    body: { total_count: runs.length, workflow_runs: page.map((d) => runJson(ctx, repo, d)) },
  };
}
