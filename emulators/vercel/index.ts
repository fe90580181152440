import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { TimeoutError } from '../../lib/core/errors.js';
import { randomString } from '../core/ids.js';
import type { EmulatorRequest, EmulatorResponse } from '../core/server.js';
import { EmulatorServer } from '../core/server.js';
import { type Account, authenticate } from './auth.js';
import { BuildOutputError } from './edge/build-output.js';
import { FunctionStartError } from './edge/functions.js';
import { BYPASS_HEADER, DEPLOYMENT_URL_HEADER, Edge } from './edge/server.js';
import { EmulatorLookupError, vercelErrorBody } from './errors.js';
import { newId } from './ids.js';
import { getTeam, getUser, listTeams } from './routes/account.js';
import { deploymentBuilds, deploymentEvents } from './routes/cli.js';
import {
  cancelDeployment,
  createDeployment,
  type DeploymentRouteContext,
  getDeployment,
  listDeployments,
} from './routes/deployments.js';
import { uploadFile } from './routes/files.js';
import {
  assignAlias,
  getProject,
  listPromoteAliases,
  promote,
  rollback,
  updateProtectionBypass,
} from './routes/projects.js';
import { FAIL_BUILD_META, VercelState } from './state.js';
import { createLocalCa, type LocalCa, listenTls, type TlsFront } from './tls.js';
import type { Deployment, Project, Scope } from './types.js';

export type { Deployment, Project };
export { BYPASS_HEADER, DEPLOYMENT_URL_HEADER, FAIL_BUILD_META, VercelState };

/** Options of `startVercelEmulator`. */
export interface VercelEmulatorOptions {
  /** The accepted bearer token (alias of a one-element `tokens`). */
  token?: string;
  /** Accepted bearer tokens; default `['vercel-test-token']` when neither `token` nor `tokens` is given. */
  tokens?: string[];
  /** How long a build takes: QUEUED for the first tenth, then BUILDING, then READY (or ERROR). Default 1500. */
  buildMs?: number;
  /** When > 0, promote/rollback switch production after this delay (job `in-progress` meanwhile). Default 0. */
  aliasMs?: number;
  /** A team the tokens may act for with `?teamId=`; its slug is `teamSlug` (default `shipline-team`). */
  teamId?: string;
  teamSlug?: string;
  /** More teams (id → slug). */
  teams?: Record<string, string>;
  /** Username of the personal account (default `shipline`). */
  username?: string;
  /** API port (default: any free port). */
  port?: number;
  /** Host-routed edge port (default: any free port). */
  edgePort?: number;
  /** Region reported to functions as `VERCEL_REGION` (default `iad1`). */
  region?: string;
  /** Also serve the API over https with a freshly generated local CA (default true). */
  https?: boolean;
  /** https port (default: any free port). */
  httpsPort?: number;
  /** Folder for the CA files (default: a temporary folder, removed on stop). */
  caDir?: string;
  /**
   * Seed a team and a protected project (fixed ids, see `SEED_TEAM_ID`, `SEED_PROJECT_ID`) so the vercel CLI works
   * on a fresh emulator with `.vercel/project.json` `{ orgId: SEED_TEAM_ID, projectId: SEED_PROJECT_ID }`.
   * `bypassSecret` fixes the seeded project's automation bypass secret (random by default). Default false.
   */
  seed?: boolean | { bypassSecret?: string };
}

/** Id, slug of the seeded team (`seed: true`). */
export const SEED_TEAM_ID = 'team_LocalCloudShiplineTeam01';
export const SEED_TEAM_SLUG = 'shipline-local';
/** Id and name of the seeded project (`seed: true`), owned by the seeded team. */
export const SEED_PROJECT_ID = 'prj_LocalCloudShiplineProject001';
export const SEED_PROJECT_NAME = 'shipline-app';

/** What `seed: true` created. */
export interface VercelSeed {
  teamId: string;
  teamSlug: string;
  projectId: string;
  projectName: string;
  /** The seeded project's "Protection Bypass for Automation" secret. */
  bypassSecret: string;
}

/** A running Vercel emulator. */
export interface VercelEmulator {
  /** REST API base URL, for `apiUrl` (`@vercel/client`), `serverURL` (`@vercel/sdk`) or `vercel --api`. */
  url: string;
  /** The Host-routed edge: send `Host: <deployment host>` or `x-vercel-deployment-url: <host>`. */
  edgeUrl: string;
  server: EmulatorServer;
  state: VercelState;
  edge: Edge;
  /** The tokens the API accepts (the first one is handy for tests). */
  tokens: string[];
  /** The same API over https (`https://127.0.0.1:<port>`), for the vercel CLI (`--api`); '' when `https: false`. */
  httpsUrl: string;
  /** PEM file of the emulator's local CA (trust it for `httpsUrl`); '' when `https: false`. */
  caPath: string;
  /** The local CA certificate (PEM); '' when `https: false`. */
  caCert: string;
  /**
   * A PEM bundle for `NODE_EXTRA_CA_CERTS`: the file that variable named when the emulator started (this machine
   * presets it to the system bundle) followed by the local CA; '' when `https: false`.
   */
  caBundlePath: string;
  /** The seeded team and project (`seed: true`), else undefined. */
  seed: VercelSeed | undefined;
  /** `METHOD /path` of every request no route matched (what a client needs that the emulator lacks). */
  unknownRoutes: string[];
  /** Stops the API, the edge listeners and every function process. */
  stop(): Promise<void>;
  /** A project's production domain (`<name>.vercel.app`), by project id or name. */
  productionUrl(project: string): string;
  /**
   * A plain loopback base URL serving a host — a deployment URL, id, `https://` URL or a production domain —
   * e.g. `http://127.0.0.1:40123`. Works with Node's fetch (no DNS needed).
   */
  httpUrl(hostOrIdOrUrl: string): string;
  /** `fetch` for a Vercel URL (`https://my-app.vercel.app/api/health`): routed to the emulator's edge. */
  fetch(url: string, init?: RequestInit): Promise<Response>;
  /**
   * Creates a project before its first deployment (as the dashboard would), with environment variables by target
   * (`production`, `preview`, custom environment slug) and optionally Deployment Protection with a bypass secret.
   */
  createProject(
    name: string,
    options?: { teamId?: string; env?: Record<string, Record<string, string>>; protectionBypassSecret?: string },
  ): Promise<Project>;
  /** Promotes a READY production deployment (as the promote API does). */
  promote(deploymentIdOrUrl: string): Deployment;
  /** Resolves once the deployment reaches READY, ERROR or CANCELED. */
  waitForDeployment(deploymentIdOrUrl: string, timeoutMs?: number): Promise<Deployment>;
}

type ScopedHandler = (req: EmulatorRequest, scope: Scope) => EmulatorResponse | Promise<EmulatorResponse>;

/** Starts the Vercel API emulator and its edge on loopback. */
export async function startVercelEmulator(options: VercelEmulatorOptions = {}): Promise<VercelEmulator> {
  const tokens = [...(options.tokens ?? []), ...(options.token ? [options.token] : [])];
  if (tokens.length === 0) tokens.push('vercel-test-token');
  const teams = new Map<string, string>(Object.entries(options.teams ?? {}));
  if (options.teamId) teams.set(options.teamId, options.teamSlug ?? 'shipline-team');
  const username = options.username ?? 'shipline';
  const account: Account = { userId: newId('user'), username, tokens: new Set(tokens), teams };
  const region = options.region ?? 'iad1';
  const state = new VercelState({ buildMs: options.buildMs ?? 1500, aliasMs: options.aliasMs ?? 0, regions: [region] });
  const slugOf = (accountId: string) => teams.get(accountId) ?? username;
  const edge = new Edge(state, region, slugOf);
  const ctx: DeploymentRouteContext = { state, creator: { uid: account.userId, username }, slugOf };

  state.onCreated((deployment) => checkBuildOutput(state, edge, deployment));

  const unknownRoutes: string[] = [];
  const server = new EmulatorServer({
    name: 'vercel',
    errorBody: vercelErrorBody,
    fallback: (req) => {
      if (unknownRoutes.length < 1000) unknownRoutes.push(`${req.method} ${req.path}`);
      if (process.env.VERCEL_EMULATOR_DEBUG)
        process.stderr.write(`[vercel emulator] no route: ${req.method} ${req.url.pathname}${req.url.search}\n`);
      return { status: 404, body: vercelErrorBody(404, `The requested path (${req.path}) does not exist`) };
    },
  });
  const scoped =
    (handler: ScopedHandler) =>
    (req: EmulatorRequest): EmulatorResponse | Promise<EmulatorResponse> =>
      handler(req, authenticate(req, account));
  const withHosts =
    (handler: ScopedHandler): ScopedHandler =>
    async (req, scope) => {
      const response = await handler(req, scope);
      await exposeHosts(state, edge);
      return response;
    };

  const routes: Array<[method: string, path: string, handler: ScopedHandler]> = [
    ['GET', '/v2/user', () => getUser(account)],
    ['GET', '/v1/teams', () => listTeams(account)],
    ['GET', '/v2/teams', () => listTeams(account)],
    ['GET', '/teams/:teamId', (req) => getTeam(req, account)],
    ['GET', '/v1/teams/:teamId', (req) => getTeam(req, account)],
    ['GET', '/v2/teams/:teamId', (req) => getTeam(req, account)],
    ['GET', '/v11/deployments/:id/builds', (req, scope) => deploymentBuilds(req, scope, state, edge)],
    ['PATCH', '/v1/projects/:idOrName/protection-bypass', (req, scope) => updateProtectionBypass(req, scope, state)],
    ['POST', '/v2/files', (req) => uploadFile(req, state)],
    ['POST', '/v2/now/files', (req) => uploadFile(req, state)],
    ['POST', '/v13/deployments', withHosts((req, scope) => createDeployment(req, scope, ctx))],
    ['GET', '/v13/deployments/:idOrUrl', (req, scope) => getDeployment(req, scope, ctx)],
    ['PATCH', '/v12/deployments/:id/cancel', (req, scope) => cancelDeployment(req, scope, ctx)],
    ['GET', '/v6/deployments', (req, scope) => listDeployments(req, scope, ctx)],
    ['GET', '/v7/deployments', (req, scope) => listDeployments(req, scope, ctx)],
    ['GET', '/v9/projects/:idOrName', (req, scope) => getProject(req, scope, state)],
    ['POST', '/v10/projects/:projectId/promote/:deploymentId', (req, scope) => promote(req, scope, state)],
    ['GET', '/v1/projects/:projectId/promote/aliases', (req, scope) => listPromoteAliases(req, scope, state)],
    ['GET', '/v9/projects/:projectId/promote/aliases', (req, scope) => listPromoteAliases(req, scope, state)],
    ['POST', '/v1/projects/:projectId/rollback/:deploymentId', (req, scope) => rollback(req, scope, state)],
    ['POST', '/v9/projects/:projectId/rollback/:deploymentId', (req, scope) => rollback(req, scope, state)],
    ['POST', '/v2/deployments/:id/aliases', withHosts((req, scope) => assignAlias(req, scope, state))],
  ];
  for (const [method, path, handler] of routes) server.route(method, path, scoped(handler));
  for (const path of ['/v3/now/deployments/:idOrUrl/events', '/v3/deployments/:idOrUrl/events']) {
    server.route('GET', path, (req, res) => deploymentEvents(req, res, authenticate(req, account), state));
  }

  const seed = options.seed ? seedAccount(state, teams, options.seed === true ? {} : options.seed) : undefined;
  if (seed) account.defaultTeamId = seed.teamId;

  const url = await server.listen(options.port ?? 0);
  const edgeUrl = await edge.listen(options.edgePort ?? 0);
  let ca: LocalCa | undefined;
  let tls: TlsFront | undefined;
  let caBundlePath = '';
  if (options.https !== false) {
    ca = await createLocalCa(options.caDir);
    tls = await listenTls(ca, Number(new URL(url).port), options.httpsPort ?? 0);
    caBundlePath = join(dirname(ca.caPath), 'vercel-emulator-ca-bundle.pem');
    writeFileSync(caBundlePath, `${readPreset(process.env.NODE_EXTRA_CA_CERTS)}${ca.caCert}`);
  }
  if (seed) await exposeHosts(state, edge);

  const resolveHost = (hostOrIdOrUrl: string): string => {
    const key = hostOrIdOrUrl
      .replace(/^https?:\/\//, '')
      .replace(/\/.*$/, '')
      .toLowerCase();
    if (edge.hostUrl(key)) return key;
    const deployment = state.deployments.get(hostOrIdOrUrl);
    if (deployment) return deployment.url;
    const project = state.findProject(hostOrIdOrUrl);
    if (project) return project.productionDomain;
    return key;
  };

  const emulator: VercelEmulator = {
    url,
    edgeUrl,
    server,
    state,
    edge,
    tokens,
    httpsUrl: tls?.url ?? '',
    caPath: ca?.caPath ?? '',
    caCert: ca?.caCert ?? '',
    caBundlePath,
    seed,
    unknownRoutes,
    async stop() {
      state.dispose();
      await Promise.all([server.close(), edge.close(), tls?.close()]);
      ca?.dispose();
    },
    productionUrl(project: string) {
      const found = state.findProject(project);
      if (!found) throw new EmulatorLookupError(`No such project: ${project}`);
      return found.productionDomain;
    },
    httpUrl(hostOrIdOrUrl: string) {
      const base = edge.hostUrl(resolveHost(hostOrIdOrUrl));
      if (!base) throw new EmulatorLookupError(`The emulator serves no host ${hostOrIdOrUrl}`);
      return base;
    },
    async fetch(target: string, init?: RequestInit) {
      const parsed = new URL(target.includes('://') ? target : `https://${target}`);
      const base = await edge.ensureHost(resolveHost(parsed.host));
      return fetch(`${base}${parsed.pathname}${parsed.search}`, init);
    },
    async createProject(name, projectOptions = {}) {
      const accountId = projectOptions.teamId ?? account.userId;
      if (projectOptions.teamId && !teams.has(projectOptions.teamId))
        throw new EmulatorLookupError(`Unknown team ${projectOptions.teamId}`);
      const project = state.ensureProject(name, accountId, slugOf(accountId));
      for (const [target, vars] of Object.entries(projectOptions.env ?? {}))
        state.setProjectEnv(project.id, target, vars);
      if (projectOptions.protectionBypassSecret) state.setProtection(project.id, projectOptions.protectionBypassSecret);
      await exposeHosts(state, edge);
      return project;
    },
    promote(deploymentIdOrUrl: string) {
      const deployment = state.findDeployment(deploymentIdOrUrl);
      const project = deployment ? state.projects.get(deployment.projectId) : undefined;
      if (!deployment || !project) throw new EmulatorLookupError(`No such deployment: ${deploymentIdOrUrl}`);
      if (deployment.readyState !== 'READY')
        throw new EmulatorLookupError(`Deployment ${deployment.id} is ${deployment.readyState}`);
      state.moveProduction(project, deployment, 'promote');
      return deployment;
    },
    async waitForDeployment(deploymentIdOrUrl: string, timeoutMs = 30_000) {
      const started = Date.now();
      for (;;) {
        const deployment = state.findDeployment(deploymentIdOrUrl);
        if (!deployment) throw new EmulatorLookupError(`No such deployment: ${deploymentIdOrUrl}`);
        if (['READY', 'ERROR', 'CANCELED'].includes(deployment.readyState)) return deployment;
        if (Date.now() - started > timeoutMs)
          throw new TimeoutError(
            'emulator_wait_timeout',
            `Deployment ${deployment.id} is still ${deployment.readyState}`,
          );
        await new Promise((r) => setTimeout(r, 20));
      }
    },
  };
  return emulator;
}

/** Creates the seeded team (added to the account's teams) and its protected project. */
function seedAccount(state: VercelState, teams: Map<string, string>, options: { bypassSecret?: string }): VercelSeed {
  teams.set(SEED_TEAM_ID, SEED_TEAM_SLUG);
  const project = state.ensureProject(SEED_PROJECT_NAME, SEED_TEAM_ID, SEED_TEAM_SLUG, SEED_PROJECT_ID);
  const bypassSecret = options.bypassSecret ?? randomString(32);
  state.addProtectionBypass(project.id, bypassSecret);
  return {
    teamId: SEED_TEAM_ID,
    teamSlug: SEED_TEAM_SLUG,
    projectId: project.id,
    projectName: project.name,
    bypassSecret,
  };
}

/** The PEM text of a preset `NODE_EXTRA_CA_CERTS` file (newline-terminated), or '' when unset or unreadable. */
function readPreset(path: string | undefined): string {
  if (!path) return '';
  try {
    const text = readFileSync(path, 'utf8');
    return text.endsWith('\n') ? text : `${text}\n`;
  } catch {
    return '';
  }
}

/** Fails the build of a deployment whose build output or functions cannot run (like a real build would). */
function checkBuildOutput(state: VercelState, edge: Edge, deployment: Deployment): void {
  try {
    edge.prepare(deployment);
  } catch (error) {
    if (!(error instanceof BuildOutputError) && !(error instanceof FunctionStartError)) throw error;
    state.failBuild(deployment.id, 'BUILD_FAILED', error.message);
  }
}

/** Opens a loopback listener for every deployment host, production domain and alias not served yet. */
async function exposeHosts(state: VercelState, edge: Edge): Promise<void> {
  const hosts = new Set<string>();
  for (const d of state.deployments.values()) hosts.add(d.url);
  for (const p of state.projects.values()) hosts.add(p.productionDomain);
  for (const alias of state.aliases.keys()) hosts.add(alias);
  await Promise.all([...hosts].filter((h) => !edge.hostUrl(h)).map((h) => edge.ensureHost(h)));
}
