import type { EmulatorRequest } from '../../core/server.js';
import { repoAccess } from '../auth.js';
import type { GitHubContext } from '../context.js';
import { githubError, notFound, validationFailed } from '../errors.js';
import { paginate } from '../pagination.js';
import type { RouteRegistrar } from '../routing.js';
import { deploymentJson, deploymentStatusJson } from '../shapes.js';
import type { Actor, DeploymentRecord, DeploymentState, DeploymentStatusRecord, RepoRecord } from '../state.js';

const STATES: readonly DeploymentState[] = [
  'error',
  'failure',
  'inactive',
  'in_progress',
  'queued',
  'pending',
  'success',
];

interface CreateDeploymentBody {
  ref?: unknown;
  task?: unknown;
  auto_merge?: unknown;
  required_contexts?: unknown;
  payload?: unknown;
  environment?: unknown;
  description?: unknown;
  transient_environment?: unknown;
  production_environment?: unknown;
}

interface CreateStatusBody {
  state?: unknown;
  target_url?: unknown;
  log_url?: unknown;
  description?: unknown;
  environment?: unknown;
  environment_url?: unknown;
  auto_inactive?: unknown;
}

/** The Deployments API: create/list/get/delete deployments and their statuses. */
export function registerDeploymentRoutes(server: RouteRegistrar, ctx: GitHubContext): void {
  const base = '/repos/:owner/:repo/deployments';

  server.route('POST', base, (req) => {
    const { repo, actor } = repoAccess(ctx, req, 'write');
    const body = req.json<CreateDeploymentBody>() ?? {};
    if (typeof body.ref !== 'string' || body.ref === '') throw validationFailed('Deployment', 'ref', 'missing_field');
    const sha = ctx.state.resolveRef(repo, body.ref);
    if (!sha) throw githubError(422, `No ref found for: ${body.ref}`);
    const environment = typeof body.environment === 'string' ? body.environment : 'production';
    const now = ctx.state.timestamp();
    const deployment: DeploymentRecord = {
      id: ctx.state.id(),
      sha,
      ref: body.ref,
      task: typeof body.task === 'string' ? body.task : 'deploy',
      payload: parsePayload(body.payload),
      environment,
      originalEnvironment: environment,
      description: typeof body.description === 'string' ? body.description : null,
      creator: actor,
      transientEnvironment: body.transient_environment === true,
      productionEnvironment:
        typeof body.production_environment === 'boolean' ? body.production_environment : environment === 'production',
      createdAt: now,
      updatedAt: now,
      statuses: [],
    };
    repo.deployments.push(deployment);
    ctx.state.ensureEnvironment(repo, environment);
    void ctx.events.deployment(repo, deployment);
    return { status: 201, body: deploymentJson(ctx.urls, repo, deployment, ctx.state) };
  });

  server.route('GET', base, (req) => {
    const { repo } = repoAccess(ctx, req, 'read');
    const filters: Array<[string, (d: DeploymentRecord) => string]> = [
      ['sha', (d) => d.sha],
      ['ref', (d) => d.ref],
      ['task', (d) => d.task],
      ['environment', (d) => d.environment],
    ];
    let list = [...repo.deployments].reverse();
    for (const [name, field] of filters) {
      const value = req.query.get(name);
      if (value !== null && value !== 'none') list = list.filter((d) => field(d) === value);
    }
    const { page, headers } = paginate(req, list);
    return { status: 200, headers, body: page.map((d) => deploymentJson(ctx.urls, repo, d, ctx.state)) };
  });

  server.route('GET', `${base}/:id`, (req) => {
    const { repo } = repoAccess(ctx, req, 'read');
    return { status: 200, body: deploymentJson(ctx.urls, repo, findDeployment(repo, req), ctx.state) };
  });

  server.route('DELETE', `${base}/:id`, (req) => {
    const { repo } = repoAccess(ctx, req, 'write');
    const deployment = findDeployment(repo, req);
    const others = repo.deployments.filter((d) => d !== deployment && d.environment === deployment.environment);
    if (latestState(deployment) !== 'inactive' && others.length > 0) {
      throw githubError(
        422,
        'We cannot delete an active deployment unless it is the only deployment in a given environment.',
      );
    }
    repo.deployments.splice(repo.deployments.indexOf(deployment), 1);
    return { status: 204 };
  });

  server.route('POST', `${base}/:id/statuses`, (req) => {
    const { repo, actor } = repoAccess(ctx, req, 'write');
    const deployment = findDeployment(repo, req);
    const body = req.json<CreateStatusBody>() ?? {};
    if (typeof body.state !== 'string' || !STATES.includes(body.state as DeploymentState)) {
      throw validationFailed('DeploymentStatus', 'state', body.state === undefined ? 'missing_field' : 'invalid');
    }
    if (typeof body.description === 'string' && body.description.length > 140) {
      throw validationFailed(
        'DeploymentStatus',
        'description',
        'custom',
        'description is too long (maximum is 140 characters)',
      );
    }
    if (typeof body.environment === 'string' && body.environment !== '') {
      deployment.environment = body.environment;
      ctx.state.ensureEnvironment(repo, body.environment);
    }
    const targetUrl = str(body.log_url) ?? str(body.target_url) ?? '';
    const status = addStatus(ctx, repo, deployment, actor, {
      state: body.state as DeploymentState,
      description: str(body.description) ?? '',
      targetUrl,
      logUrl: targetUrl,
      environmentUrl: str(body.environment_url) ?? '',
    });
    if (status.state === 'success' && body.auto_inactive !== false) deactivateOthers(ctx, repo, deployment, actor);
    return { status: 201, body: deploymentStatusJson(ctx.urls, repo, status, ctx.state) };
  });

  server.route('GET', `${base}/:id/statuses`, (req) => {
    const { repo } = repoAccess(ctx, req, 'read');
    const deployment = findDeployment(repo, req);
    const { page, headers } = paginate(req, [...deployment.statuses].reverse());
    return { status: 200, headers, body: page.map((s) => deploymentStatusJson(ctx.urls, repo, s, ctx.state)) };
  });

  server.route('GET', `${base}/:id/statuses/:status_id`, (req) => {
    const { repo } = repoAccess(ctx, req, 'read');
    const deployment = findDeployment(repo, req);
    const status = deployment.statuses.find((s) => String(s.id) === req.params.status_id);
    if (!status) throw notFound();
    return { status: 200, body: deploymentStatusJson(ctx.urls, repo, status, ctx.state) };
  });
}

/** GitHub accepts the payload as an object or a JSON string and stores it as JSON. */
function parsePayload(payload: unknown): unknown {
  if (payload === undefined || payload === null || payload === '') return {};
  if (typeof payload === 'string') {
    try {
      return JSON.parse(payload);
    } catch {
      return payload;
    }
  }
  return payload;
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function findDeployment(repo: RepoRecord, req: EmulatorRequest): DeploymentRecord {
  const deployment = repo.deployments.find((d) => String(d.id) === req.params.id);
  if (!deployment) throw notFound();
  return deployment;
}

function latestState(deployment: DeploymentRecord): DeploymentState | undefined {
  return deployment.statuses.at(-1)?.state;
}

function addStatus(
  ctx: GitHubContext,
  repo: RepoRecord,
  deployment: DeploymentRecord,
  actor: Actor,
  fields: Pick<DeploymentStatusRecord, 'state' | 'description' | 'targetUrl' | 'logUrl' | 'environmentUrl'>,
): DeploymentStatusRecord {
  const now = ctx.state.timestamp();
  const status: DeploymentStatusRecord = {
    id: ctx.state.id(),
    deploymentId: deployment.id,
    creator: actor,
    environment: deployment.environment,
    createdAt: now,
    ...fields,
  };
  deployment.statuses.push(status);
  deployment.updatedAt = now;
  void ctx.events.deploymentStatus(repo, deployment, status);
  return status;
}

/**
 * `auto_inactive` as GitHub documents it: a new `success` adds an `inactive` status to every *prior* deployment of the
 * same environment that is neither transient nor a production environment and whose latest status is `success`.
 * Production deployments are left alone (a client that wants them inactive must say so itself).
 */
function deactivateOthers(ctx: GitHubContext, repo: RepoRecord, current: DeploymentRecord, actor: Actor): void {
  for (const d of repo.deployments) {
    if (d === current || d.id > current.id || d.environment !== current.environment) continue;
    if (d.transientEnvironment || d.productionEnvironment) continue;
    if (latestState(d) !== 'success') continue;
    const last = d.statuses.at(-1)!;
    addStatus(ctx, repo, d, actor, {
      state: 'inactive',
      description: '',
      targetUrl: last.targetUrl,
      logUrl: last.logUrl,
      environmentUrl: last.environmentUrl,
    });
  }
}
