import type { EmulatorRequest, EmulatorResponse } from '../../core/server.js';
import { vercelError } from '../errors.js';
import { deploymentJson, deploymentListItem } from '../serialize.js';
import type { VercelState } from '../state.js';
import type { Deployment, DeploymentFile, GitMetadata, Scope } from '../types.js';

const S_IFREG = 0o100000;
const DEFAULT_MODE = S_IFREG | 0o644;

interface FileEntry {
  file?: unknown;
  sha?: unknown;
  size?: unknown;
  mode?: unknown;
  data?: unknown;
  encoding?: unknown;
}

interface CreateBody {
  name?: unknown;
  project?: unknown;
  target?: unknown;
  customEnvironmentSlugOrId?: unknown;
  files?: unknown;
  meta?: unknown;
  gitMetadata?: unknown;
  projectSettings?: unknown;
  autoAssignCustomDomains?: unknown;
  deploymentId?: unknown;
  env?: unknown;
  build?: { env?: unknown };
}

function stringRecord(value: unknown, field: string): Record<string, string> {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw vercelError(400, 'bad_request', `Invalid request: \`${field}\` should be object.`);
  }
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) {
    if (typeof v !== 'string') {
      throw vercelError(400, 'bad_request', `Invalid request: \`${field}.${k}\` should be string.`);
    }
    out[k] = v;
  }
  return out;
}

/** Reads the `files` array: references by sha, or inlined data (stored on the spot). Returns missing shas too. */
function readFiles(value: unknown, state: VercelState): { files: DeploymentFile[]; missing: string[] } {
  if (value === undefined) return { files: [], missing: [] };
  if (!Array.isArray(value)) throw vercelError(400, 'bad_request', 'Invalid request: `files` should be array.');
  const files: DeploymentFile[] = [];
  const missing = new Set<string>();
  for (const raw of value as FileEntry[]) {
    if (typeof raw?.file !== 'string' || raw.file === '') {
      throw vercelError(400, 'bad_request', "Invalid request: `files` items should have required property 'file'.");
    }
    const mode = typeof raw.mode === 'number' ? raw.mode : DEFAULT_MODE;
    if (typeof raw.data === 'string') {
      const data = Buffer.from(raw.data, raw.encoding === 'base64' ? 'base64' : 'utf8');
      const sha = state.putFile(data);
      files.push({ file: raw.file, sha, size: data.length, mode });
      continue;
    }
    if (typeof raw.sha !== 'string') {
      throw vercelError(400, 'bad_request', "Invalid request: `files` items should have required property 'sha'.");
    }
    const stored = state.files.get(raw.sha);
    if (!stored) missing.add(raw.sha);
    files.push({ file: raw.file, sha: raw.sha, size: stored?.length ?? Number(raw.size ?? 0), mode });
  }
  return { files, missing: [...missing] };
}

function readGitMetadata(value: unknown): GitMetadata | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const v = value as Record<string, unknown>;
  const str = (k: string) => (typeof v[k] === 'string' ? (v[k] as string) : undefined);
  return {
    commitSha: str('commitSha'),
    commitRef: str('commitRef'),
    commitMessage: str('commitMessage'),
    commitAuthorName: str('commitAuthorName'),
    remoteUrl: str('remoteUrl'),
    dirty: typeof v.dirty === 'boolean' ? v.dirty : undefined,
  };
}

/** Dependencies the deployment routes share. */
export interface DeploymentRouteContext {
  state: VercelState;
  creator: { uid: string; username: string };
  slugOf(accountId: string): string;
}

function serialize(ctx: DeploymentRouteContext, deployment: Deployment): Record<string, unknown> {
  return deploymentJson(deployment, {
    project: ctx.state.projects.get(deployment.projectId),
    slug: ctx.slugOf(deployment.ownerId),
  });
}

/**
 * `POST /v13/deployments`: answers `missing_files` until every referenced sha is uploaded, then creates the
 * deployment (and the project on its first deployment) and starts the simulated build.
 */
export function createDeployment(req: EmulatorRequest, scope: Scope, ctx: DeploymentRouteContext): EmulatorResponse {
  const body = req.json<CreateBody>() ?? {};
  if (typeof body !== 'object' || Array.isArray(body)) {
    throw vercelError(400, 'bad_request', 'Invalid request: body should be object.');
  }
  let source: Deployment | undefined;
  if (body.deploymentId !== undefined) {
    if (typeof body.deploymentId !== 'string') {
      throw vercelError(400, 'bad_request', 'Invalid request: `deploymentId` should be string.');
    }
    source = ctx.state.findDeployment(body.deploymentId, scope.accountId);
    if (!source) throw vercelError(404, 'not_found', 'Deployment not found', { deploymentId: body.deploymentId });
  }
  const projectRef = typeof body.project === 'string' ? body.project : undefined;
  const existingProject = projectRef ? ctx.state.findProject(projectRef, scope.accountId) : undefined;
  if (projectRef && !existingProject && projectRef.startsWith('prj_')) {
    throw vercelError(404, 'not_found', 'Project not found.');
  }
  // `project` (id or name) picks the project; otherwise `name` does (and names a new project).
  const name =
    existingProject?.name ??
    (typeof body.name === 'string' && body.name !== '' ? body.name : (projectRef ?? source?.name ?? undefined));
  if (!name) throw vercelError(400, 'bad_request', "Invalid request: should have required property 'name'.");

  // `production`, `preview` (= null), or the slug of a custom environment (the client sends those as
  // `customEnvironmentSlugOrId`, the REST API also accepts them as `target`).
  let target: 'production' | null = null;
  let customEnvironment: string | undefined;
  if (body.target === 'production') target = 'production';
  else if (typeof body.target === 'string' && body.target !== 'preview') customEnvironment = body.target;
  if (typeof body.customEnvironmentSlugOrId === 'string') customEnvironment = body.customEnvironmentSlugOrId;
  if (body.target === undefined && source && !customEnvironment) target = source.target;

  const { files, missing } = source ? { files: source.files, missing: [] } : readFiles(body.files, ctx.state);
  if (missing.length > 0) {
    throw vercelError(400, 'missing_files', 'Missing files', { missing });
  }
  const projectExists = existingProject ?? ctx.state.findProject(name, scope.accountId);
  const confirmed =
    req.query.get('skipAutoDetectionConfirmation') === '1' ||
    req.query.get('prebuilt') === '1' ||
    body.projectSettings !== undefined ||
    source !== undefined;
  if (!projectExists && !confirmed) {
    throw vercelError(
      400,
      'missing_project_settings',
      'The `projectSettings` object is required for new projects, but is missing in the deployment payload',
      { framework: null },
    );
  }
  const deployment = ctx.state.createDeployment({
    accountId: scope.accountId,
    scopeSlug: scope.slug,
    creator: ctx.creator,
    name,
    target,
    customEnvironment,
    files,
    meta: body.meta === undefined && source ? { ...source.meta } : stringRecord(body.meta, 'meta'),
    gitMetadata: readGitMetadata(body.gitMetadata) ?? source?.gitMetadata,
    env: body.env === undefined && source ? { ...source.env } : stringRecord(body.env, 'env'),
    buildEnv: stringRecord(body.build?.env, 'build.env'),
    projectSettings:
      body.projectSettings && typeof body.projectSettings === 'object'
        ? (body.projectSettings as Record<string, unknown>)
        : (source?.projectSettings ?? {}),
    autoAssignCustomDomains:
      typeof body.autoAssignCustomDomains === 'boolean' ? body.autoAssignCustomDomains : undefined,
    prebuilt: req.query.get('prebuilt') === '1' || (source?.prebuilt ?? false),
    redeployOf: source?.id,
  });
  return { status: 200, body: serialize(ctx, deployment) };
}

/** `GET /v13/deployments/:idOrUrl`: one deployment of the caller's account, 404 for other accounts. */
export function getDeployment(req: EmulatorRequest, scope: Scope, ctx: DeploymentRouteContext): EmulatorResponse {
  const deployment = ctx.state.findDeployment(req.params.idOrUrl ?? '', scope.accountId);
  if (!deployment) throw vercelError(404, 'not_found', 'Deployment not found');
  return { status: 200, body: serialize(ctx, deployment) };
}

/** `PATCH /v12/deployments/:id/cancel`: cancels a queued or building deployment. */
export function cancelDeployment(req: EmulatorRequest, scope: Scope, ctx: DeploymentRouteContext): EmulatorResponse {
  const deployment = ctx.state.findDeployment(req.params.id ?? '', scope.accountId);
  if (!deployment) throw vercelError(404, 'not_found', 'Deployment not found');
  if (!ctx.state.cancel(deployment)) {
    throw vercelError(
      400,
      'deployment_not_cancelable',
      `The deployment cannot be canceled because it is ${deployment.readyState}`,
    );
  }
  return { status: 200, body: serialize(ctx, deployment) };
}

const MAX_LIMIT = 100;

/**
 * `GET /v6/deployments` and `/v7/deployments`: newest first, filtered by `projectId`, `app`, `target`, `state`,
 * `since`/`until` (createdAt, exclusive) and `meta-<key>=<value>`, with `pagination { count, next, prev }`.
 */
export function listDeployments(req: EmulatorRequest, scope: Scope, ctx: DeploymentRouteContext): EmulatorResponse {
  const q = req.query;
  const limitRaw = q.get('limit');
  const limit = limitRaw === null ? 20 : Number(limitRaw);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    throw vercelError(400, 'bad_request', `Invalid request: \`limit\` should be integer between 1 and ${MAX_LIMIT}.`);
  }
  const projectRef = q.get('projectId');
  const project = projectRef ? ctx.state.findProject(projectRef, scope.accountId) : undefined;
  if (projectRef && !project) throw vercelError(404, 'not_found', 'Project not found');
  const app = q.get('app');
  const target = q.get('target');
  const states = q
    .get('state')
    ?.split(',')
    .map((s) => s.trim().toUpperCase());
  const until = q.get('until') === null ? undefined : Number(q.get('until'));
  const since = q.get('since') === null ? undefined : Number(q.get('since'));
  const metaFilters: [string, string][] = [];
  for (const [key, value] of q) if (key.startsWith('meta-')) metaFilters.push([key.slice(5), value]);

  const matching = [...ctx.state.deployments.values()]
    .filter((d) => d.ownerId === scope.accountId)
    .filter((d) => !project || d.projectId === project.id)
    .filter((d) => !app || d.name === app)
    .filter((d) => !target || (target === 'production' ? d.target === 'production' : d.target === null))
    .filter((d) => !states || states.includes(d.readyState))
    .filter((d) => metaFilters.every(([k, v]) => d.meta[k] === v))
    .sort((a, b) => b.createdAt - a.createdAt);
  const windowed = matching
    .filter((d) => until === undefined || d.createdAt < until)
    .filter((d) => since === undefined || d.createdAt > since);
  const page = since !== undefined && until === undefined ? windowed.slice(-limit) : windowed.slice(0, limit);
  const last = page[page.length - 1];
  const first = page[0];
  const hasOlder = last !== undefined && matching.some((d) => d.createdAt < last.createdAt);
  const hasNewer = first !== undefined && matching.some((d) => d.createdAt > first.createdAt);
  return {
    status: 200,
    body: {
      deployments: page.map((d) =>
        deploymentListItem(d, { project: ctx.state.projects.get(d.projectId), slug: scope.slug }),
      ),
      pagination: {
        count: page.length,
        next: hasOlder && last ? last.createdAt : null,
        prev: hasNewer && first ? first.createdAt : null,
      },
    },
  };
}
