/** Data kept by the Vercel emulator, close to what the real API stores and returns. */

export type ReadyState = 'QUEUED' | 'BUILDING' | 'READY' | 'ERROR' | 'CANCELED';
/** For READY production deployments: serving production (PROMOTED) or not (STAGED). */
export type ReadySubstate = 'STAGED' | 'PROMOTED';

/** One file of a deployment as the client declared it (`mode` keeps the S_IFLNK bit for symlinks). */
export interface DeploymentFile {
  file: string;
  sha: string;
  size: number;
  mode: number;
}

/** The `gitMetadata` a client sends with a deployment. */
export interface GitMetadata {
  commitSha?: string;
  commitRef?: string;
  commitMessage?: string;
  commitAuthorName?: string;
  remoteUrl?: string;
  dirty?: boolean;
}

/** One deployment as the emulator stores it. */
export interface Deployment {
  id: string;
  /** Host without scheme, e.g. `my-app-k2j3h4g5f-shipline.vercel.app`. */
  url: string;
  name: string;
  projectId: string;
  /** The account (team id or user id) that owns it. */
  ownerId: string;
  /** `production`, or null for preview and custom environments. */
  target: 'production' | null;
  customEnvironment: string | undefined;
  files: DeploymentFile[];
  meta: Record<string, string>;
  gitMetadata: GitMetadata | undefined;
  /** Runtime environment variables given on the deployment (`env`). */
  env: Record<string, string>;
  /** The project's variables for the deployment's environment, frozen at creation (changes need a new deployment). */
  projectEnv: Record<string, string>;
  buildEnv: Record<string, string>;
  projectSettings: Record<string, unknown>;
  /** When false the deployment does not take the production domain when it becomes ready (it is STAGED). */
  autoAssignCustomDomains: boolean;
  prebuilt: boolean;
  source: 'cli' | 'redeploy' | 'api-trigger-git-deploy' | 'import';
  createdAt: number;
  buildingAt: number;
  ready: number | undefined;
  canceledAt: number | undefined;
  readyState: ReadyState;
  readySubstate: ReadySubstate | undefined;
  aliasAssigned: boolean;
  aliasAssignedAt: number | undefined;
  /** Aliases currently pointing at this deployment. */
  alias: string[];
  errorCode: string | undefined;
  errorMessage: string | undefined;
  /** Forced build failure (from `failNextBuild`, a flag in `meta`, or a broken build output). */
  buildFailure: { code: string; message: string } | undefined;
  regions: string[];
  creator: { uid: string; username: string };
  /** The deployment this one was redeployed from, if any. */
  redeployOf: string | undefined;
}

/** The project's `lastAliasRequest`: the latest promote or rollback job, which the CLI polls. */
export interface AliasRequest {
  fromDeploymentId: string | null;
  toDeploymentId: string;
  jobStatus: 'pending' | 'in-progress' | 'succeeded' | 'failed' | 'skipped';
  requestedAt: number;
  type: 'promote' | 'rollback';
}

/** The Git repository a project is connected to (`link`), derived from the first `gitMetadata.remoteUrl`. */
export interface ProjectLink {
  type: 'github';
  org: string;
  repo: string;
  repoId: number;
  productionBranch: string;
}

/** One project as the emulator stores it. */
export interface Project {
  id: string;
  name: string;
  accountId: string;
  createdAt: number;
  updatedAt: number;
  /** The project's production domain (`<name>.vercel.app`). */
  productionDomain: string;
  /** Deployment currently serving production, if any. */
  productionDeploymentId: string | undefined;
  lastAliasRequest: AliasRequest | undefined;
  /** After a rollback, new production deployments are staged until something is promoted again. */
  rolledBack: boolean;
  /** Environment variables by target (`production`, `preview`, or a custom environment slug). */
  env: Record<string, Record<string, string>>;
  /** Deployment Protection: when set, deployment URLs need `x-vercel-protection-bypass: <secret>` (the first secret). */
  protectionBypassSecret: string | undefined;
  /** Every "Protection Bypass for Automation" secret (a project may hold several); any of them lets a request in. */
  protectionBypassSecrets: string[];
  /** Notes given to bypass secrets through the protection-bypass API, by secret. */
  protectionBypassNotes?: Record<string, string>;
  link: ProjectLink | undefined;
  customEnvironments: string[];
  /** Aliases the last promote/rollback job moved, with their status (`GET …/promote/aliases`). */
  promoteAliases: Array<{ alias: string; id: string; status: 'pending' | 'in-progress' | 'completed' | 'failed' }>;
}

/** The account an authenticated request acts for. */
export interface Scope {
  /** The token that authenticated the request. */
  token: string;
  /** Team id or user id the request acts for. */
  accountId: string;
  /** Slug used in generated hosts. */
  slug: string;
}
