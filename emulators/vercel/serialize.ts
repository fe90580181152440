import type { Deployment, Project } from './types.js';

/** Context a serializer needs besides the record: the owning project and the account slug. */
export interface SerializeContext {
  project: Project | undefined;
  slug: string;
}

/** The dashboard URL of a deployment (`https://vercel.com/<scope slug>/<project>/<id without dpl_>`). */
export function inspectorUrl(deployment: Pick<Deployment, 'id' | 'name'>, slug: string): string {
  return `https://vercel.com/${slug}/${deployment.name}/${deployment.id.replace(/^dpl_/, '')}`;
}

function gitSource(deployment: Deployment): Record<string, unknown> | undefined {
  const git = deployment.gitMetadata;
  const m = git?.remoteUrl ? /github\.com[:/]([^/]+)\/([^/.]+)(?:\.git)?$/.exec(git.remoteUrl) : null;
  if (!git || !m?.[1] || !m[2] || !git.commitSha) return undefined;
  return { type: 'github', org: m[1], repo: m[2], ref: git.commitRef ?? '', sha: git.commitSha, repoId: 0 };
}

/** The deployment as `GET /v13/deployments/:id` and `POST /v13/deployments` return it. */
export function deploymentJson(deployment: Deployment, ctx: SerializeContext): Record<string, unknown> {
  const body: Record<string, unknown> = {
    id: deployment.id,
    url: deployment.url,
    name: deployment.name,
    ownerId: deployment.ownerId,
    projectId: deployment.projectId,
    project: { id: deployment.projectId, name: deployment.name, framework: null },
    meta: deployment.meta,
    target: deployment.target,
    type: 'LAMBDAS',
    version: 2,
    public: false,
    plan: 'pro',
    source: deployment.source,
    prebuilt: deployment.prebuilt,
    createdAt: deployment.createdAt,
    createdIn: 'sfo1',
    buildingAt: deployment.buildingAt,
    bootedAt: deployment.createdAt,
    readyState: deployment.readyState,
    status: deployment.readyState,
    aliasAssigned: deployment.aliasAssigned,
    aliasError: null,
    alias: [...deployment.alias],
    automaticAliases: [],
    autoAssignCustomDomains: deployment.autoAssignCustomDomains,
    buildSkipped: false,
    isInConcurrentBuildsQueue: false,
    isInSystemBuildsQueue: false,
    inspectorUrl: inspectorUrl(deployment, ctx.slug),
    creator: { uid: deployment.creator.uid, username: deployment.creator.username },
    regions: [...deployment.regions],
    routes: null,
    env: Object.keys(deployment.env),
    build: { env: Object.keys(deployment.buildEnv) },
    projectSettings: deployment.projectSettings,
    gitSource: gitSource(deployment),
    readySubstate: deployment.readySubstate,
    ready: deployment.ready,
    aliasAssignedAt: deployment.aliasAssignedAt,
    canceledAt: deployment.canceledAt,
    errorCode: deployment.errorCode,
    errorMessage: deployment.errorMessage,
    errorStep: deployment.errorCode ? 'build' : undefined,
    customEnvironment: deployment.customEnvironment
      ? { id: `env_${deployment.customEnvironment}`, slug: deployment.customEnvironment }
      : undefined,
  };
  return dropUndefined(body);
}

/** The deployment as an item of `GET /v6|v7/deployments`. */
export function deploymentListItem(deployment: Deployment, ctx: SerializeContext): Record<string, unknown> {
  return dropUndefined({
    uid: deployment.id,
    name: deployment.name,
    url: deployment.url,
    created: deployment.createdAt,
    createdAt: deployment.createdAt,
    buildingAt: deployment.buildingAt,
    ready: deployment.ready,
    state: deployment.readyState,
    readyState: deployment.readyState,
    readySubstate: deployment.readySubstate,
    type: 'LAMBDAS',
    creator: { uid: deployment.creator.uid, username: deployment.creator.username },
    meta: deployment.meta,
    target: deployment.target,
    aliasAssigned: deployment.aliasAssigned ? (deployment.aliasAssignedAt ?? true) : null,
    aliasError: null,
    inspectorUrl: inspectorUrl(deployment, ctx.slug),
    projectId: deployment.projectId,
    source: deployment.source,
    isRollbackCandidate:
      deployment.target === 'production' && deployment.readyState === 'READY' && ctx.project !== undefined,
    customEnvironment: deployment.customEnvironment
      ? { id: `env_${deployment.customEnvironment}`, slug: deployment.customEnvironment }
      : undefined,
  });
}

function dropUndefined<T extends Record<string, unknown>>(value: T): T {
  for (const key of Object.keys(value)) if (value[key] === undefined) delete value[key];
  return value;
}

/** The project as `GET /v9/projects/:idOrName` returns it. */
export function projectJson(
  project: Project,
  production: Deployment | undefined,
  latest: Deployment[],
  slug: string,
): Record<string, unknown> {
  const summary = (d: Deployment) =>
    dropUndefined({
      id: d.id,
      url: d.url,
      name: d.name,
      alias: [...d.alias],
      aliasAssigned: d.aliasAssigned ? (d.aliasAssignedAt ?? true) : null,
      aliasError: null,
      builds: [],
      createdAt: d.createdAt,
      createdIn: 'sfo1',
      creator: { uid: d.creator.uid, username: d.creator.username, email: `${d.creator.username}@example.com` },
      deploymentHostname: d.url,
      forced: false,
      meta: d.meta,
      plan: 'pro',
      previewCommentsEnabled: false,
      private: true,
      readyState: d.readyState,
      readySubstate: d.readySubstate,
      target: d.target,
      type: 'LAMBDAS',
      userId: d.creator.uid,
      withCache: false,
      ready: d.ready,
      buildingAt: d.buildingAt,
      inspectorUrl: inspectorUrl(d, slug),
    });
  return dropUndefined({
    id: project.id,
    name: project.name,
    accountId: project.accountId,
    createdAt: project.createdAt,
    updatedAt: project.updatedAt,
    framework: null,
    nodeVersion: '22.x',
    directoryListing: false,
    live: false,
    defaultResourceConfig: { functionDefaultRegions: ['iad1'] },
    resourceConfig: { functionDefaultRegions: ['iad1'] },
    deploymentExpiration: {
      expirationDays: 180,
      expirationDaysProduction: 365,
      expirationDaysCanceled: 30,
      expirationDaysErrored: 90,
      deploymentsToKeep: 10,
    },
    // A rollback pins production (false) until the next promote (true), as on Vercel.
    autoAssignCustomDomains: !project.rolledBack,
    alias: [
      {
        domain: project.productionDomain,
        environment: 'production',
        target: 'PRODUCTION',
        configuredBy: null,
        configuredChangedAt: null,
        createdAt: project.createdAt,
        deployment: null,
        redirect: null,
        redirectStatusCode: null,
      },
    ],
    targets: production ? { production: summary(production) } : {},
    latestDeployments: latest.map(summary),
    lastAliasRequest: project.lastAliasRequest ? { ...project.lastAliasRequest } : null,
    link: project.link
      ? {
          type: 'github',
          org: project.link.org,
          repo: project.link.repo,
          repoId: project.link.repoId,
          repoOwnerId: 0,
          productionBranch: project.link.productionBranch,
          gitCredentialId: '',
          sourceless: true,
          createdAt: project.createdAt,
          updatedAt: project.updatedAt,
          deployHooks: [],
        }
      : undefined,
    ssoProtection: project.protectionBypassSecrets.length > 0 ? { deploymentType: 'all_except_custom_domains' } : null,
    protectionBypass: project.protectionBypassSecrets.length > 0 ? protectionBypassJson(project) : undefined,
    env: [],
    crons: undefined,
  });
}

/** A project's automation bypass secrets as `protectionBypass` (the first one is the `VERCEL_AUTOMATION_BYPASS_SECRET`). */
export function protectionBypassJson(project: Project): Record<string, Record<string, unknown>> {
  return Object.fromEntries(
    project.protectionBypassSecrets.map((secret, i) => [
      secret,
      dropUndefined({
        createdAt: project.createdAt,
        createdBy: 'system',
        scope: 'automation-bypass',
        isEnvVar: i === 0,
        note: project.protectionBypassNotes?.[secret],
      }),
    ]),
  );
}
