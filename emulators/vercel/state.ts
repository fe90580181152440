import { createHash } from 'node:crypto';
import { EmulatorLookupError } from './errors.js';
import { newId, newUrlHash, slugify } from './ids.js';
import type { AliasRequest, Deployment, DeploymentFile, GitMetadata, Project, ReadyState } from './types.js';

/** Meta key that makes a deployment's build fail (the value is the error message). */
export const FAIL_BUILD_META = 'emulatorFailBuild';

/** What the create-deployment route hands the state after validating the request. */
export interface NewDeployment {
  accountId: string;
  scopeSlug: string;
  creator: { uid: string; username: string };
  name: string;
  target: 'production' | null;
  customEnvironment: string | undefined;
  files: DeploymentFile[];
  meta: Record<string, string>;
  gitMetadata: GitMetadata | undefined;
  env: Record<string, string>;
  buildEnv: Record<string, string>;
  projectSettings: Record<string, unknown>;
  autoAssignCustomDomains: boolean | undefined;
  prebuilt: boolean;
  redeployOf: string | undefined;
}

type Listener = (deployment: Deployment) => void;

/**
 * The emulator's in-memory Vercel account data: uploaded files, projects, deployments and aliases, plus the
 * build simulation (QUEUED → BUILDING → READY over `buildMs`) and alias moves (promote, rollback, assign).
 */
export class VercelState {
  readonly files = new Map<string, Buffer>();
  readonly projects = new Map<string, Project>();
  readonly deployments = new Map<string, Deployment>();
  /** Alias host → deployment id (production domains included). */
  readonly aliases = new Map<string, { deploymentId: string; createdAt: number; uid: string }>();
  private failNext: { code: string; message: string }[] = [];
  private failAliasJobs = 0;
  /** Pending timed steps (build stages, alias jobs) by timer, each with a key so tests can run it early. */
  private readonly timers = new Map<NodeJS.Timeout, { key: string; run: () => void }>();
  private readonly readyListeners = new Set<Listener>();
  private readonly createdListeners = new Set<Listener>();
  private readonly projectListeners = new Set<(project: Project) => void>();
  private lastCreatedAt = 0;

  constructor(
    private readonly options: { buildMs: number; aliasMs: number; regions: string[] },
    private readonly clock: () => number = Date.now,
  ) {}

  /** Stores uploaded bytes under their SHA-1; returns the digest. */
  putFile(data: Buffer): string {
    const sha = createHash('sha1').update(data).digest('hex');
    this.files.set(sha, data);
    return sha;
  }

  /** The next build (of any deployment created afterwards) ends in ERROR with this message. */
  failNextBuild(message = 'Command "vercel build" exited with 1', code = 'BUILD_FAILED'): void {
    this.failNext.push({ code, message });
  }

  /** The next promote or rollback job ends `failed` and leaves production where it was. */
  failNextAliasJob(): void {
    this.failAliasJobs++;
  }

  /** Sets a project's environment variables for a target (`production`, `preview` or a custom environment). */
  setProjectEnv(projectIdOrName: string, target: string, vars: Record<string, string>): void {
    const project = this.requireProject(projectIdOrName);
    project.env[target] = { ...project.env[target], ...vars };
  }

  /** Turns Deployment Protection on (with this one automation bypass secret) or off (`undefined`). */
  setProtection(projectIdOrName: string, bypassSecret: string | undefined): void {
    const project = this.requireProject(projectIdOrName);
    project.protectionBypassSecrets = bypassSecret === undefined ? [] : [bypassSecret];
    project.protectionBypassSecret = bypassSecret;
  }

  /** Adds one more automation bypass secret (turning Deployment Protection on); the others stay valid. */
  addProtectionBypass(projectIdOrName: string, bypassSecret: string): void {
    const project = this.requireProject(projectIdOrName);
    if (bypassSecret === '') throw new EmulatorLookupError('A protection bypass secret cannot be empty');
    if (!project.protectionBypassSecrets.includes(bypassSecret)) project.protectionBypassSecrets.push(bypassSecret);
    project.protectionBypassSecret = project.protectionBypassSecrets[0];
  }

  /** Revokes one automation bypass secret; with none left, Deployment Protection is off. */
  revokeProtectionBypass(projectIdOrName: string, bypassSecret: string): void {
    const project = this.requireProject(projectIdOrName);
    project.protectionBypassSecrets = project.protectionBypassSecrets.filter((s) => s !== bypassSecret);
    project.protectionBypassSecret = project.protectionBypassSecrets[0];
  }

  /** Finds a project by id or name within an account (any account when omitted). */
  findProject(idOrName: string, accountId?: string): Project | undefined {
    for (const project of this.projects.values()) {
      if (accountId !== undefined && project.accountId !== accountId) continue;
      if (project.id === idOrName || project.name === idOrName || project.name === slugify(idOrName)) return project;
    }
    return undefined;
  }

  /** Finds a deployment by id, host or `https://host` within an account (any account when omitted). */
  findDeployment(idOrUrl: string, accountId?: string): Deployment | undefined {
    const key = idOrUrl.replace(/^https?:\/\//, '').replace(/\/.*$/, '');
    let found = this.deployments.get(key);
    if (!found) {
      const aliased = this.aliases.get(key);
      found = aliased ? this.deployments.get(aliased.deploymentId) : undefined;
    }
    if (!found) {
      for (const deployment of this.deployments.values()) {
        if (deployment.url === key) found = deployment;
      }
    }
    if (found && accountId !== undefined && found.ownerId !== accountId) return undefined;
    return found;
  }

  /** The deployment a host serves: an alias (production domains included) or a deployment's own URL. */
  deploymentForHost(host: string): { deployment: Deployment; viaAlias: boolean } | undefined {
    const aliased = this.aliases.get(host);
    const target = aliased ? this.deployments.get(aliased.deploymentId) : undefined;
    if (target) return { deployment: target, viaAlias: true };
    for (const deployment of this.deployments.values()) {
      if (deployment.url === host) return { deployment, viaAlias: false };
    }
    return undefined;
  }

  /** Creates the project on first use, like the API does on a project's first deployment (`id` fixes its id). */
  ensureProject(name: string, accountId: string, scopeSlug: string, id?: string): Project {
    const existing = this.findProject(name, accountId) ?? this.findProject(slugify(name), accountId);
    if (existing) return existing;
    const now = this.clock();
    const base = `${slugify(name)}.vercel.app`;
    const taken = [...this.projects.values()].some((p) => p.productionDomain === base);
    const project: Project = {
      id: id ?? newId('prj'),
      name: slugify(name),
      accountId,
      createdAt: now,
      updatedAt: now,
      productionDomain: taken ? `${slugify(name)}-${scopeSlug}.vercel.app` : base,
      productionDeploymentId: undefined,
      lastAliasRequest: undefined,
      rolledBack: false,
      env: {},
      protectionBypassSecret: undefined,
      protectionBypassSecrets: [],
      link: undefined,
      customEnvironments: [],
      promoteAliases: [],
    };
    this.projects.set(project.id, project);
    for (const listener of this.projectListeners) listener(project);
    return project;
  }

  /** Creates a deployment (files must already be uploaded) and starts its simulated build. */
  createDeployment(input: NewDeployment): Deployment {
    const project = this.ensureProject(input.name, input.accountId, input.scopeSlug);
    if (input.customEnvironment && !project.customEnvironments.includes(input.customEnvironment)) {
      project.customEnvironments.push(input.customEnvironment);
    }
    if (input.gitMetadata?.remoteUrl && !project.link) project.link = linkFrom(input.gitMetadata.remoteUrl);
    // createdAt is strictly increasing so `until`/`since` pagination is unambiguous.
    const createdAt = Math.max(this.clock(), this.lastCreatedAt + 1);
    this.lastCreatedAt = createdAt;
    const metaFailure = input.meta[FAIL_BUILD_META];
    const deployment: Deployment = {
      id: newId('dpl'),
      url: `${project.name}-${newUrlHash()}-${input.scopeSlug}.vercel.app`,
      name: project.name,
      projectId: project.id,
      ownerId: input.accountId,
      target: input.target,
      customEnvironment: input.customEnvironment,
      files: input.files,
      meta: input.meta,
      gitMetadata: input.gitMetadata,
      env: input.env,
      projectEnv: { ...(project.env[input.target ?? input.customEnvironment ?? 'preview'] ?? {}) },
      buildEnv: input.buildEnv,
      projectSettings: input.projectSettings,
      autoAssignCustomDomains: input.autoAssignCustomDomains ?? true,
      prebuilt: input.prebuilt,
      source: input.redeployOf ? 'redeploy' : 'cli',
      createdAt,
      buildingAt: createdAt,
      ready: undefined,
      canceledAt: undefined,
      readyState: 'QUEUED',
      readySubstate: undefined,
      aliasAssigned: false,
      aliasAssignedAt: undefined,
      alias: [],
      errorCode: undefined,
      errorMessage: undefined,
      buildFailure:
        this.failNext.shift() ??
        (metaFailure !== undefined ? { code: 'BUILD_FAILED', message: metaFailure || 'Build failed' } : undefined),
      regions: [...this.options.regions],
      creator: input.creator,
      redeployOf: input.redeployOf,
    };
    this.deployments.set(deployment.id, deployment);
    for (const listener of this.createdListeners) listener(deployment);
    this.scheduleBuild(deployment);
    return deployment;
  }

  /** Marks a deployment's build as failed before it finishes (used when its build output is unusable). */
  failBuild(deploymentId: string, code: string, message: string): void {
    const deployment = this.deployments.get(deploymentId);
    if (deployment && !deployment.buildFailure) deployment.buildFailure = { code, message };
  }

  /** Cancels a queued or building deployment; returns false when it already finished. */
  cancel(deployment: Deployment): boolean {
    if (deployment.readyState !== 'QUEUED' && deployment.readyState !== 'BUILDING') return false;
    deployment.readyState = 'CANCELED';
    deployment.canceledAt = this.clock();
    return true;
  }

  /**
   * Points the project's production domain at a READY deployment (promote or rollback). With `aliasMs` > 0 the
   * switch happens after that delay (the job is `in-progress` meanwhile); returns whether it completed already.
   */
  moveProduction(project: Project, deployment: Deployment, type: 'promote' | 'rollback'): boolean {
    const request: AliasRequest = {
      fromDeploymentId: project.productionDeploymentId ?? null,
      toDeploymentId: deployment.id,
      jobStatus: 'in-progress',
      requestedAt: this.clock(),
      type,
    };
    project.lastAliasRequest = request;
    const fails = this.failAliasJobs > 0;
    if (fails) this.failAliasJobs--;
    const job = {
      alias: project.productionDomain,
      id: this.aliases.get(project.productionDomain)?.uid ?? newId('alias'),
      status: 'in-progress' as const,
    };
    project.promoteAliases = [job];
    const finish = () => {
      if (project.lastAliasRequest !== request) {
        request.jobStatus = 'skipped';
        return;
      }
      if (fails) {
        request.jobStatus = 'failed';
        project.promoteAliases = [{ ...job, status: 'failed' }];
        return;
      }
      this.setProduction(project, deployment);
      project.rolledBack = type === 'rollback';
      request.jobStatus = 'succeeded';
      project.promoteAliases = [{ ...job, status: 'completed' }];
    };
    if (this.options.aliasMs <= 0) {
      finish();
      return true;
    }
    this.later(this.options.aliasMs, finish, `alias:${project.id}`);
    return false;
  }

  /** Points an alias host at a deployment (moving it away from any previous one); returns the previous target. */
  assignAlias(
    host: string,
    deployment: Deployment,
  ): { uid: string; createdAt: number; oldDeploymentId: string | null } {
    const previous = this.aliases.get(host);
    if (previous) {
      const old = this.deployments.get(previous.deploymentId);
      if (old) old.alias = old.alias.filter((a) => a !== host);
    }
    const entry = { deploymentId: deployment.id, createdAt: this.clock(), uid: previous?.uid ?? newId('alias') };
    this.aliases.set(host, entry);
    if (!deployment.alias.includes(host)) deployment.alias.push(host);
    return { uid: entry.uid, createdAt: entry.createdAt, oldDeploymentId: previous?.deploymentId ?? null };
  }

  /** Calls `listener` whenever a deployment becomes READY. */
  onReady(listener: Listener): void {
    this.readyListeners.add(listener);
  }

  /** Calls `listener` whenever a deployment is created. */
  onCreated(listener: Listener): void {
    this.createdListeners.add(listener);
  }

  /** Calls `listener` whenever a project is created. */
  onProject(listener: (project: Project) => void): void {
    this.projectListeners.add(listener);
  }

  /** Stops pending build and alias timers. */
  dispose(): void {
    for (const timer of this.timers.keys()) clearTimeout(timer);
    this.timers.clear();
  }

  /**
   * Runs a deployment's next pending build step now (QUEUED → BUILDING, or BUILDING → READY/ERROR) instead of
   * waiting for `buildMs`; returns false when no step is pending. Lets tests walk the states deterministically.
   */
  advanceBuild(deploymentId: string): boolean {
    return this.runNow((key) => key === `build:${deploymentId}`, 1) > 0;
  }

  /** Finishes every pending alias job (promote, rollback) now instead of after `aliasMs`; returns how many ran. */
  completeAliasJobs(): number {
    return this.runNow((key) => key.startsWith('alias:'), Number.POSITIVE_INFINITY);
  }

  private requireProject(idOrName: string): Project {
    const project = this.findProject(idOrName);
    if (!project) throw new EmulatorLookupError(`No such project: ${idOrName}`);
    return project;
  }

  private setProduction(project: Project, deployment: Deployment): void {
    this.assignAlias(project.productionDomain, deployment);
    project.productionDeploymentId = deployment.id;
    project.updatedAt = this.clock();
    for (const d of this.deployments.values()) {
      if (d.projectId === project.id && d.target === 'production' && d.readyState === 'READY') {
        d.readySubstate = d.id === deployment.id ? 'PROMOTED' : 'STAGED';
      }
    }
  }

  private scheduleBuild(deployment: Deployment): void {
    const buildMs = this.options.buildMs;
    const queuedMs = Math.floor(buildMs / 10);
    const advance = (state: ReadyState) => {
      if (deployment.readyState === 'CANCELED') return;
      if (state === 'BUILDING') {
        deployment.readyState = 'BUILDING';
        deployment.buildingAt = this.clock();
        return;
      }
      this.finishBuild(deployment);
    };
    if (buildMs <= 0) {
      advance('BUILDING');
      advance('READY');
      return;
    }
    this.later(queuedMs, () => advance('BUILDING'), `build:${deployment.id}`);
    this.later(buildMs, () => advance('READY'), `build:${deployment.id}`);
  }

  private finishBuild(deployment: Deployment): void {
    const now = this.clock();
    if (deployment.buildFailure) {
      deployment.readyState = 'ERROR';
      deployment.errorCode = deployment.buildFailure.code;
      deployment.errorMessage = deployment.buildFailure.message;
      deployment.ready = undefined;
      return;
    }
    deployment.readyState = 'READY';
    deployment.ready = now;
    const project = this.projects.get(deployment.projectId);
    if (project && deployment.target === 'production') {
      const takesDomain = deployment.autoAssignCustomDomains && !project.rolledBack;
      if (takesDomain) {
        project.lastAliasRequest = undefined;
        this.setProduction(project, deployment);
      } else {
        deployment.readySubstate = 'STAGED';
      }
    }
    deployment.aliasAssigned = true;
    deployment.aliasAssignedAt = now;
    for (const listener of this.readyListeners) listener(deployment);
  }

  private later(ms: number, fn: () => void, key: string): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      fn();
    }, ms);
    timer.unref();
    this.timers.set(timer, { key, run: fn });
  }

  /** Runs up to `limit` pending steps whose key matches, oldest first, cancelling their timers. */
  private runNow(matches: (key: string) => boolean, limit: number): number {
    let ran = 0;
    for (const [timer, step] of [...this.timers]) {
      if (ran >= limit) break;
      if (!matches(step.key) || !this.timers.has(timer)) continue;
      clearTimeout(timer);
      this.timers.delete(timer);
      step.run();
      ran++;
    }
    return ran;
  }
}

function linkFrom(remoteUrl: string): Project['link'] {
  const m = /github\.com[:/]([^/]+)\/([^/.]+)(?:\.git)?$/.exec(remoteUrl);
  if (!m?.[1] || !m[2]) return undefined;
  return { type: 'github', org: m[1], repo: m[2], repoId: 0, productionBranch: 'main' };
}
