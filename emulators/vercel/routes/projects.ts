import { randomString } from '../../core/ids.js';
import type { EmulatorRequest, EmulatorResponse } from '../../core/server.js';
import { vercelError } from '../errors.js';
import { projectJson, protectionBypassJson } from '../serialize.js';
import type { VercelState } from '../state.js';
import type { Deployment, Project, Scope } from '../types.js';

function requireProject(state: VercelState, idOrName: string, scope: Scope): Project {
  const project = state.findProject(idOrName, scope.accountId);
  if (!project) throw vercelError(404, 'not_found', 'Project not found.');
  return project;
}

function requireDeploymentOf(state: VercelState, project: Project, id: string, scope: Scope): Deployment {
  const deployment = state.findDeployment(id, scope.accountId);
  if (!deployment || deployment.projectId !== project.id) {
    throw vercelError(404, 'not_found', 'Deployment not found.');
  }
  if (deployment.readyState !== 'READY') {
    throw vercelError(
      400,
      'deployment_not_ready',
      `The deployment ${deployment.id} is not ready (it is ${deployment.readyState}).`,
    );
  }
  return deployment;
}

/** `GET /v9/projects/:idOrName`: the project with `targets.production`, `latestDeployments` and `lastAliasRequest`. */
export function getProject(req: EmulatorRequest, scope: Scope, state: VercelState): EmulatorResponse {
  const project = requireProject(state, req.params.idOrName ?? '', scope);
  const production = project.productionDeploymentId ? state.deployments.get(project.productionDeploymentId) : undefined;
  const latest = [...state.deployments.values()]
    .filter((d) => d.projectId === project.id)
    .sort((a, b) => b.createdAt - a.createdAt)
    .slice(0, 5);
  return { status: 200, body: projectJson(project, production, latest, scope.slug) };
}

/**
 * `POST /v10/projects/:projectId/promote/:deploymentId`: points the production domain at a READY production
 * deployment. 201, whether the alias job is done or still running (`lastAliasRequest.jobStatus`, which the CLI
 * polls); Vercel keeps 202 for a promote queued behind an active rolling release.
 */
export function promote(req: EmulatorRequest, scope: Scope, state: VercelState): EmulatorResponse {
  const project = requireProject(state, req.params.projectId ?? '', scope);
  const deployment = requireDeploymentOf(state, project, req.params.deploymentId ?? '', scope);
  if (deployment.target !== 'production') {
    throw vercelError(
      400,
      'invalid_target',
      'Only deployments with a production target can be promoted without a rebuild. Redeploy it to production instead.',
    );
  }
  state.moveProduction(project, deployment, 'promote');
  return { status: 201, text: '' };
}

/** `POST /v1|v9/projects/:projectId/rollback/:deploymentId`: instant rollback of production to a previous deployment. */
export function rollback(req: EmulatorRequest, scope: Scope, state: VercelState): EmulatorResponse {
  const project = requireProject(state, req.params.projectId ?? '', scope);
  const deployment = requireDeploymentOf(state, project, req.params.deploymentId ?? '', scope);
  if (deployment.target !== 'production') {
    throw vercelError(400, 'invalid_target', 'Only production deployments can be rollback targets.');
  }
  if (project.productionDeploymentId === deployment.id) {
    throw vercelError(409, 'deployment_already_production', 'This deployment is already serving production.');
  }
  state.moveProduction(project, deployment, 'rollback');
  return { status: 201, text: '' };
}

/** `POST /v2/deployments/:id/aliases`: assigns an alias host to a deployment (moving it from its previous one). */
export function assignAlias(req: EmulatorRequest, scope: Scope, state: VercelState): EmulatorResponse {
  const deployment = state.findDeployment(req.params.id ?? '', scope.accountId);
  if (!deployment) throw vercelError(404, 'not_found', 'Deployment not found.');
  const body = req.json<{ alias?: unknown }>() ?? {};
  if (typeof body.alias !== 'string' || body.alias === '') {
    throw vercelError(400, 'bad_request', "Invalid request: should have required property 'alias'.");
  }
  const alias = body.alias
    .replace(/^https?:\/\//, '')
    .replace(/\/.*$/, '')
    .toLowerCase();
  if (!/^[a-z0-9.-]+$/.test(alias)) throw vercelError(400, 'invalid_alias', `Invalid alias: ${body.alias}`);
  if (deployment.readyState !== 'READY') {
    throw vercelError(400, 'deployment_not_ready', 'The deployment is not READY yet.');
  }
  const project = state.projects.get(deployment.projectId);
  const result = state.assignAlias(alias, deployment);
  if (project && alias === project.productionDomain) project.productionDeploymentId = deployment.id;
  return {
    status: 200,
    body: {
      uid: result.uid,
      alias,
      created: new Date(result.createdAt).toISOString(),
      oldDeploymentId: result.oldDeploymentId,
    },
  };
}

/**
 * `GET /v1/projects/:projectId/promote/aliases` (the CLI uses `/v9/…`): the aliases the last promote or rollback
 * job moved and their status; `failedOnly=true` keeps the failed ones.
 */
export function listPromoteAliases(req: EmulatorRequest, scope: Scope, state: VercelState): EmulatorResponse {
  const project = requireProject(state, req.params.projectId ?? '', scope);
  const failedOnly = req.query.get('failedOnly') === 'true' || req.query.get('failedOnly') === '1';
  const limit = Math.min(Math.max(Number(req.query.get('limit') ?? 20) || 20, 1), 100);
  const aliases = project.promoteAliases.filter((a) => !failedOnly || a.status === 'failed').slice(0, limit);
  return {
    status: 200,
    body: { aliases: aliases.map((a) => ({ ...a })), pagination: { count: aliases.length, next: null, prev: null } },
  };
}

interface ProtectionBypassBody {
  generate?: { secret?: unknown; note?: unknown };
  revoke?: { secret?: unknown; regenerate?: unknown };
  update?: { secret?: unknown; isEnvVar?: unknown; note?: unknown };
}

/**
 * `PATCH /v1/projects/:idOrName/protection-bypass`: generates (`generate`, a given or random 32-character secret),
 * revokes (`revoke`, optionally `regenerate`) or updates (`update`: `isEnvVar` makes it the first, `note`) the
 * project's "Protection Bypass for Automation" secrets; answers `{ protectionBypass }`.
 */
export function updateProtectionBypass(req: EmulatorRequest, scope: Scope, state: VercelState): EmulatorResponse {
  const project = requireProject(state, req.params.idOrName ?? '', scope);
  const body = req.json<ProtectionBypassBody>() ?? {};
  project.protectionBypassNotes ??= {};
  const notes = project.protectionBypassNotes;
  if (body.generate) {
    const secret = body.generate.secret === undefined ? randomString(32) : body.generate.secret;
    if (typeof secret !== 'string' || !/^[A-Za-z0-9]{32}$/.test(secret)) {
      throw vercelError(400, 'bad_request', 'Invalid request: `generate.secret` should be 32 letters or digits.');
    }
    state.addProtectionBypass(project.id, secret);
    if (typeof body.generate.note === 'string') notes[secret] = body.generate.note;
  }
  if (body.revoke) {
    const secret = body.revoke.secret;
    if (typeof secret !== 'string' || !project.protectionBypassSecrets.includes(secret)) {
      throw vercelError(404, 'not_found', 'The protection bypass secret was not found.');
    }
    state.revokeProtectionBypass(project.id, secret);
    delete notes[secret];
    if (body.revoke.regenerate === true) state.addProtectionBypass(project.id, randomString(32));
  }
  if (body.update) {
    const secret = body.update.secret;
    if (typeof secret !== 'string' || !project.protectionBypassSecrets.includes(secret)) {
      throw vercelError(404, 'not_found', 'The protection bypass secret was not found.');
    }
    if (body.update.isEnvVar === true) {
      project.protectionBypassSecrets = [secret, ...project.protectionBypassSecrets.filter((s) => s !== secret)];
      project.protectionBypassSecret = secret;
    }
    if (typeof body.update.note === 'string') notes[secret] = body.update.note;
  }
  return { status: 200, body: { protectionBypass: protectionBypassJson(project) } };
}
