import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { applyFault, FaultInjector } from '../../core/faults.js';
import { headerValue } from '../../core/headers.js';
import { randomHex } from '../../core/ids.js';
import { type LoopbackListener, listenLoopback } from '../../core/loopback.js';
import { inspectorUrl } from '../serialize.js';
import type { VercelState } from '../state.js';
import type { Deployment, Project } from '../types.js';
import { type BuildOutput, loadBuildOutput } from './build-output.js';
import { contentTypeFor } from './content-type.js';
import {
  EdgeFunctionHost,
  type EdgeFunctionTarget,
  MIDDLEWARE_NEXT_HEADER,
  MIDDLEWARE_REWRITE_HEADER,
  writeAnswer,
} from './edge-functions.js';
import { FunctionHost, FunctionStartError, isEdgeConfig, parseVcConfig, readVcConfig } from './functions.js';
import { type MiddlewareOutcome, routeRequestWithMiddleware } from './router.js';
import { DeploymentTree } from './vfs.js';

/** Header naming the host to serve when a request cannot carry a `Host` header (Node's fetch drops it). */
export const DEPLOYMENT_URL_HEADER = 'x-vercel-deployment-url';
/** Header (or query parameter) that lets automation through Deployment Protection. */
export const BYPASS_HEADER = 'x-vercel-protection-bypass';
/** Header carrying a rewrite's captures to the function (`1=hello&slug=hello`), as Vercel sets it. */
export const ROUTE_MATCHES_HEADER = 'x-now-route-matches';

/** Cookie Vercel sets once a protection bypass was presented with `x-vercel-set-bypass-cookie`. */
const BYPASS_COOKIE = '_vercel_jwt';
const SET_COOKIE_FLAG = 'x-vercel-set-bypass-cookie';

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'proxy-connection']);

/**
 * The emulator's "edge": serves READY deployments over HTTP from their Build Output API v3 files. One listener
 * routes by `Host` (or `x-vercel-deployment-url`); in addition every deployment host and production domain gets
 * its own loopback port so a plain `fetch('http://127.0.0.1:<port>/path')` reaches it without DNS.
 */
export class Edge {
  readonly functions = new FunctionHost();
  /** Edge Functions (`runtime: "edge"`, middleware included), run in Vercel's `edge-runtime`. */
  readonly edgeFunctions = new EdgeFunctionHost();
  /** Fault rules for served traffic (every host): status with headers, delay, stall or reset, by method and path. */
  readonly faults = new FaultInjector();
  private readonly outputs = new Map<string, BuildOutput>();
  private readonly hosts = new Map<string, LoopbackListener>();
  private readonly pending = new Map<string, Promise<LoopbackListener>>();
  private main: LoopbackListener | undefined;
  /** Signs the bypass cookies this edge issues. */
  private readonly cookieKey = randomBytes(32);

  constructor(
    private readonly state: VercelState,
    private readonly region: string,
    /** Scope slug of an owner (team id or user id), for inspector URLs; the owner id itself when omitted. */
    private readonly slugOf: (ownerId: string) => string = (ownerId) => ownerId,
  ) {}

  /** The Host-routed listener's base URL. */
  get url(): string {
    return this.main?.url ?? '';
  }

  /** Starts the Host-routed listener. */
  async listen(port = 0): Promise<string> {
    this.main = await this.open(undefined, port);
    return this.main.url;
  }

  /** Ensures a dedicated loopback listener for a host; returns its base URL. */
  async ensureHost(host: string): Promise<string> {
    const key = host.toLowerCase();
    const existing = this.hosts.get(key);
    if (existing) return existing.url;
    let pending = this.pending.get(key);
    if (!pending) {
      pending = this.open(key, 0);
      this.pending.set(key, pending);
    }
    const listener = await pending;
    this.hosts.set(key, listener);
    this.pending.delete(key);
    return listener.url;
  }

  /** The dedicated listener URL of a host, if one was created. */
  hostUrl(host: string): string | undefined {
    return this.hosts.get(host.toLowerCase())?.url;
  }

  /** Parses a deployment's build output, remembering it; throws BuildOutputError when it is unusable. */
  output(deployment: Deployment): BuildOutput {
    let output = this.outputs.get(deployment.id);
    if (!output) {
      output = loadBuildOutput(new DeploymentTree(deployment.files, (sha) => this.state.files.get(sha)));
      this.outputs.set(deployment.id, output);
    }
    return output;
  }

  /**
   * Checks, as a build would, that every function of a deployment can run: Node.js functions need a `nodejs*`
   * runtime and their handler; Edge Functions are bundled and loaded now. Throws BuildOutputError or
   * FunctionStartError (the deployment then ends in ERROR instead of serving 500s).
   */
  prepare(deployment: Deployment): void {
    const output = this.output(deployment);
    for (const path of output.tree.paths()) {
      if (!path.startsWith(`${output.root}functions/`) || !path.endsWith('.func/.vc-config.json')) continue;
      const funcDir = path.slice(0, -'/.vc-config.json'.length);
      const config = parseVcConfig(output.tree, funcDir);
      if (isEdgeConfig(config)) this.edgeFunctions.prepare(this.edgeTarget(deployment, funcDir));
      else readVcConfig(output.tree, funcDir);
    }
    for (const route of output.routes) {
      if (route.middlewarePath === undefined) continue;
      const funcDir = `${output.root}functions/${route.middlewarePath.replace(/^\/+/, '')}.func`;
      if (!output.tree.readFile(`${funcDir}/.vc-config.json`)) {
        throw new FunctionStartError(
          `config.json routes name middleware "${route.middlewarePath}" but ${funcDir} does not exist`,
        );
      }
    }
  }

  private edgeTarget(deployment: Deployment, funcDir: string): EdgeFunctionTarget {
    const output = this.output(deployment);
    return {
      key: `${deployment.id}:${funcDir}`,
      tree: output.tree,
      funcDir,
      config: parseVcConfig(output.tree, funcDir),
      env: this.functionEnv(deployment),
    };
  }

  /** Stops every listener and function process. */
  async close(): Promise<void> {
    const all = [...this.hosts.values(), ...(this.main ? [this.main] : [])];
    this.hosts.clear();
    this.main = undefined;
    await Promise.all(all.map((l) => l.close()));
    this.edgeFunctions.close();
    await this.functions.close();
  }

  private open(fixedHost: string | undefined, port: number): Promise<LoopbackListener> {
    return listenLoopback((req, res) => this.handle(req, res, fixedHost), {
      port,
      onError: (error, _req, res) => {
        res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8', 'x-vercel-error': 'INTERNAL_EDGE_ERROR' });
        res.end(`An internal error occurred\n\n${(error as Error).message}\n`);
      },
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse, fixedHost: string | undefined): Promise<void> {
    const requestId = `${this.region}::${randomHex(6)}-${Date.now()}`;
    const base: Record<string, string> = { server: 'Vercel', 'x-vercel-id': requestId };
    const headerHost = headerValue(req, DEPLOYMENT_URL_HEADER);
    const host = (
      fixedHost ??
      (headerHost !== undefined ? headerHost.replace(/^https?:\/\//, '').replace(/\/.*$/, '') : undefined) ??
      req.headers.host ??
      ''
    )
      .replace(/:\d+$/, '')
      .toLowerCase();
    const url = new URL(req.url ?? '/', 'http://edge.invalid');
    const fault = this.faults.take(req.method ?? 'GET', url.pathname);
    if (fault) {
      const answered = await applyFault(fault, req.socket, (status, headers, body) => {
        const json = body !== undefined;
        res.writeHead(status, {
          ...base,
          'content-type': json ? 'application/json; charset=utf-8' : 'text/plain; charset=utf-8',
          ...headers,
        });
        res.end(json ? JSON.stringify(body) : `Injected fault: HTTP ${status}\n`);
      });
      if (answered !== undefined) return;
    }
    const served = this.state.deploymentForHost(host);
    const deployment = served?.deployment;
    if (!deployment || deployment.readyState === 'ERROR' || deployment.readyState === 'CANCELED') {
      return this.error(res, base, 404, 'DEPLOYMENT_NOT_FOUND', 'The deployment could not be found on Vercel.');
    }
    if (deployment.readyState !== 'READY') {
      res.writeHead(303, {
        ...base,
        location: inspectorUrl(deployment, this.slugOf(deployment.ownerId)),
        'x-vercel-error': 'DEPLOYMENT_NOT_READY_REDIRECTING',
      });
      res.end();
      return;
    }
    const project = this.state.projects.get(deployment.projectId);
    if (
      project &&
      project.protectionBypassSecrets.length > 0 &&
      !isPublicHost(project, host, deployment, served.viaAlias)
    ) {
      const access = checkBypass(req, url, project.protectionBypassSecrets, host, this.cookieKey);
      if (!access.allowed) {
        res.writeHead(401, {
          ...base,
          'content-type': 'text/html; charset=utf-8',
          'cache-control': 'no-store, max-age=0',
        });
        res.end('<!doctype html><title>Authentication Required</title><h1>Authentication Required</h1>\n');
        return;
      }
      if (access.setCookie) base['set-cookie'] = access.setCookie;
    }
    const output = this.output(deployment);
    const method = (req.method ?? 'GET').toUpperCase();
    const forwarded: Record<string, string | string[] | undefined> = {};
    for (const [k, v] of Object.entries(req.headers)) {
      if (!HOP_BY_HOP.has(k) && k !== ROUTE_MATCHES_HEADER) forwarded[k] = v;
    }
    Object.assign(forwarded, {
      host,
      'x-forwarded-host': host,
      'x-forwarded-proto': 'https',
      'x-forwarded-for': req.socket.remoteAddress ?? '127.0.0.1',
      'x-real-ip': req.socket.remoteAddress ?? '127.0.0.1',
      'x-vercel-id': requestId,
      [DEPLOYMENT_URL_HEADER]: deployment.url,
    });
    const result = await routeRequestWithMiddleware(
      output,
      { method, path: decodeURIComponent(url.pathname), query: url.searchParams, host, headers: req.headers },
      (call) =>
        this.runMiddleware(
          deployment,
          call.funcDir,
          {
            url: `https://${host}${call.path}${call.query.size > 0 ? `?${call.query}` : ''}`,
            method,
            headers: forwarded,
          },
          res,
          base,
        ),
    );
    switch (result.kind) {
      case 'responded':
        return;
      case 'redirect':
        res.writeHead(result.status, { ...base, ...result.headers, location: result.location });
        res.end();
        return;
      case 'not_found': {
        const page = result.file ? output.tree.readFile(result.file) : undefined;
        if (page) {
          res.writeHead(404, {
            ...base,
            ...result.headers,
            'content-type': 'text/html; charset=utf-8',
            'x-vercel-error': 'NOT_FOUND',
          });
          res.end(method === 'HEAD' ? undefined : page);
          return;
        }
        return this.error(res, { ...base, ...result.headers }, 404, 'NOT_FOUND', 'The page could not be found.');
      }
      case 'static': {
        const data = output.tree.readFile(result.file) ?? Buffer.alloc(0);
        const etag = `"${deployment.files.find((f) => f.file === result.file)?.sha ?? ''}"`;
        const headers = {
          ...base,
          'content-type': result.contentType ?? contentTypeFor(result.file),
          'cache-control': 'public, max-age=0, must-revalidate',
          'x-vercel-cache': 'HIT',
          etag,
          ...result.headers,
        };
        if (headerValue(req, 'if-none-match') === etag && result.status === 200) {
          res.writeHead(304, headers);
          res.end();
          return;
        }
        res.writeHead(result.status, { ...headers, 'content-length': String(data.length) });
        res.end(method === 'HEAD' ? undefined : data);
        return;
      }
      case 'function': {
        if (result.routeMatches !== undefined) forwarded[ROUTE_MATCHES_HEADER] = result.routeMatches;
        const query = result.query.toString();
        const extra = { ...base, 'x-vercel-cache': 'MISS', ...result.headers };
        if (isEdgeConfig(parseVcConfig(output.tree, result.funcDir))) {
          await this.edgeFunctions.invoke(
            this.edgeTarget(deployment, result.funcDir),
            req,
            res,
            { url: `https://${host}${result.path}${query ? `?${query}` : ''}`, method, headers: forwarded },
            extra,
            result.status,
          );
          return;
        }
        await this.functions.invoke(
          {
            key: `${deployment.id}:${result.funcDir}`,
            tree: output.tree,
            funcDir: result.funcDir,
            env: this.functionEnv(deployment),
          },
          req,
          res,
          `${result.path}${query ? `?${query}` : ''}`,
          forwarded,
          { ...base, 'x-vercel-cache': 'MISS', ...result.headers },
          result.status,
        );
        return;
      }
    }
  }

  /**
   * Runs a middleware Edge Function: `x-middleware-rewrite` rewrites, `x-middleware-next` (or no Response) goes on
   * routing with the other headers it set; any other Response is sent as the answer.
   */
  private async runMiddleware(
    deployment: Deployment,
    funcDir: string,
    request: { url: string; method: string; headers: Record<string, string | string[] | undefined> },
    res: ServerResponse,
    base: Record<string, string>,
  ): Promise<MiddlewareOutcome> {
    let answer: Awaited<ReturnType<EdgeFunctionHost['dispatch']>>;
    try {
      answer = await this.edgeFunctions.dispatch(this.edgeTarget(deployment, funcDir), { ...request, body: undefined });
    } catch (error) {
      this.edgeFunctions.logs.get(`${deployment.id}:${funcDir}`)?.push(String((error as Error).message));
      this.error(res, base, 500, 'MIDDLEWARE_INVOCATION_FAILED', 'A server error has occurred');
      return { action: 'respond' };
    }
    const headers: Record<string, string> = {};
    let rewrite: string | undefined;
    let next = false;
    for (const [k, v] of answer.headers) {
      if (k === MIDDLEWARE_REWRITE_HEADER) rewrite = v;
      else if (k === MIDDLEWARE_NEXT_HEADER) next = true;
      else if (!k.startsWith('x-middleware-') && k !== 'content-length') headers[k] = v;
    }
    const overrides = answer.headers.find(([k]) => k === MIDDLEWARE_OVERRIDE_HEADERS)?.[1];
    if (overrides !== undefined && (rewrite !== undefined || next)) {
      overrideRequestHeaders(request.headers, overrides, answer.headers);
    }
    if (rewrite !== undefined) {
      const target = new URL(rewrite, request.url);
      return { action: 'rewrite', path: decodeURIComponent(target.pathname), query: target.searchParams, headers };
    }
    if (next) return { action: 'continue', headers };
    writeAnswer(res, answer, base, undefined, request.method);
    return { action: 'respond' };
  }

  private functionEnv(deployment: Deployment): Record<string, string> {
    const project = this.state.projects.get(deployment.projectId);
    const envName = deployment.target ?? deployment.customEnvironment ?? 'preview';
    return {
      ...deployment.projectEnv,
      ...deployment.env,
      VERCEL: '1',
      VERCEL_ENV: deployment.target === 'production' ? 'production' : 'preview',
      VERCEL_TARGET_ENV: envName,
      VERCEL_URL: deployment.url,
      VERCEL_REGION: this.region,
      VERCEL_DEPLOYMENT_ID: deployment.id,
      ...(project ? { VERCEL_PROJECT_PRODUCTION_URL: project.productionDomain, VERCEL_PROJECT_ID: project.id } : {}),
      ...(deployment.gitMetadata?.commitSha ? { VERCEL_GIT_COMMIT_SHA: deployment.gitMetadata.commitSha } : {}),
      ...(deployment.gitMetadata?.commitRef ? { VERCEL_GIT_COMMIT_REF: deployment.gitMetadata.commitRef } : {}),
    };
  }

  private error(
    res: ServerResponse,
    headers: Record<string, string>,
    status: number,
    code: string,
    message: string,
  ): void {
    res.writeHead(status, { ...headers, 'content-type': 'text/plain; charset=utf-8', 'x-vercel-error': code });
    res.end(`${message}\n\n${code}\n`);
  }
}

/** Middleware's `NextResponse.next({ request: { headers } })`: the request headers functions see from then on. */
const MIDDLEWARE_OVERRIDE_HEADERS = 'x-middleware-override-headers';
const MIDDLEWARE_REQUEST_PREFIX = 'x-middleware-request-';
/** Headers the edge itself sets on forwarded requests; a middleware override leaves them alone. */
const EDGE_SET_HEADERS = new Set([
  'host',
  'x-forwarded-host',
  'x-forwarded-proto',
  'x-forwarded-for',
  'x-real-ip',
  'x-vercel-id',
  DEPLOYMENT_URL_HEADER,
]);

/**
 * Applies a middleware's request-header override: the listed names (`x-middleware-override-headers`) take their
 * `x-middleware-request-<name>` values, and client headers not listed are removed.
 */
function overrideRequestHeaders(
  forwarded: Record<string, string | string[] | undefined>,
  list: string,
  answer: Array<[string, string]>,
): void {
  const names = new Set(
    list
      .split(',')
      .map((n) => n.trim().toLowerCase())
      .filter(Boolean),
  );
  for (const key of Object.keys(forwarded)) if (!names.has(key) && !EDGE_SET_HEADERS.has(key)) delete forwarded[key];
  for (const [k, v] of answer) {
    if (!k.startsWith(MIDDLEWARE_REQUEST_PREFIX)) continue;
    const name = k.slice(MIDDLEWARE_REQUEST_PREFIX.length);
    if (names.has(name) && !EDGE_SET_HEADERS.has(name)) forwarded[name] = v;
  }
}

/**
 * Standard Deployment Protection: the production domain and custom domains aimed at the production deployment are
 * public; deployment URLs (previews and staged, not-yet-promoted production deployments) and preview aliases are not.
 */
function isPublicHost(project: Project, host: string, deployment: Deployment, viaAlias: boolean): boolean {
  if (host === project.productionDomain) return true;
  return viaAlias && project.productionDeploymentId === deployment.id;
}

/**
 * Deployment Protection check: one of the project's bypass secrets as header or query parameter, or the cookie
 * issued for this host when a request asked for one (`x-vercel-set-bypass-cookie: true | samesitenone`, header or
 * query parameter).
 */
function checkBypass(
  req: IncomingMessage,
  url: URL,
  secrets: readonly string[],
  host: string,
  cookieKey: Buffer,
): { allowed: boolean; setCookie?: string } {
  const token = createHmac('sha256', cookieKey).update(host).digest('hex');
  const cookies = String(req.headers.cookie ?? '')
    .split(';')
    .map((c) => c.trim());
  for (const cookie of cookies) {
    if (cookie.startsWith(`${BYPASS_COOKIE}=`) && sameSecret(cookie.slice(BYPASS_COOKIE.length + 1), token)) {
      return { allowed: true };
    }
  }
  const given = headerValue(req, BYPASS_HEADER) ?? url.searchParams.get(BYPASS_HEADER) ?? '';
  // Compare with every secret (no early exit), each in constant time.
  let matched = false;
  for (const secret of secrets) matched = sameSecret(given, secret) || matched;
  if (!matched) return { allowed: false };
  const flag = headerValue(req, SET_COOKIE_FLAG) ?? url.searchParams.get(SET_COOKIE_FLAG) ?? undefined;
  if (flag !== 'true' && flag !== 'samesitenone') return { allowed: true };
  const sameSite = flag === 'samesitenone' ? 'None' : 'Lax';
  return { allowed: true, setCookie: `${BYPASS_COOKIE}=${token}; Path=/; HttpOnly; Secure; SameSite=${sameSite}` };
}

/** Constant-time comparison of a presented secret with an expected one (hashed first, so lengths do not leak). */
function sameSecret(given: string, expected: string): boolean {
  const a = createHmac('sha256', 'bypass').update(given).digest();
  const b = createHmac('sha256', 'bypass').update(expected).digest();
  return timingSafeEqual(a, b) && given.length === expected.length;
}
