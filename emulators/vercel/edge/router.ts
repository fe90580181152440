import { type BuildOutput, type OutputRoute, type RouteCondition, toJsRegExpSource } from './build-output.js';

/** A request as the router sees it. */
export interface RouteInput {
  method: string;
  path: string;
  query: URLSearchParams;
  host: string;
  headers: Record<string, string | string[] | undefined>;
}

/** What to do with a request, after `config.json` routes and the filesystem were consulted. */
export type RouteResult =
  | { kind: 'static'; file: string; contentType: string | undefined; status: number; headers: Record<string, string> }
  | {
      kind: 'function';
      funcDir: string;
      path: string;
      query: URLSearchParams;
      status: number | undefined;
      headers: Record<string, string>;
      /**
       * The captures of the rewrite that led here, as Vercel passes them in `x-now-route-matches`: a query string
       * of the numbered groups then the named ones (`1=hello&slug=hello`); undefined without captures.
       */
      routeMatches?: string;
    }
  | { kind: 'redirect'; status: number; location: string; headers: Record<string, string> }
  | { kind: 'not_found'; file: string | undefined; headers: Record<string, string> };

/** A middleware (`middlewarePath`) route matched: the edge function to run, and the request as routed so far. */
export interface MiddlewareCall {
  funcDir: string;
  path: string;
  query: URLSearchParams;
}

/**
 * What a middleware decided: go on routing (adding response headers), rewrite to another path (then go on), or
 * it answered the request itself (`respond`: the caller sends the middleware's response).
 */
export type MiddlewareOutcome =
  | { action: 'continue'; headers: Record<string, string> }
  | { action: 'rewrite'; path: string; query: URLSearchParams; headers: Record<string, string> }
  | { action: 'respond' };

/** `routeRequestWithMiddleware` result: a routing result, or `responded` when a middleware answered. */
export type MiddlewareRouteResult = RouteResult | { kind: 'responded' };

type Hit = { kind: 'static'; file: string; contentType: string | undefined } | { kind: 'function'; funcDir: string };

const regexCache = new Map<string, RegExp>();

function compile(src: string): RegExp {
  let re = regexCache.get(src);
  if (!re) {
    re = new RegExp(`^(?:${toJsRegExpSource(src)})$`, 'i');
    regexCache.set(src, re);
  }
  return re;
}

function headerValue(headers: RouteInput['headers'], key: string): string | undefined {
  const v = headers[key.toLowerCase()];
  return Array.isArray(v) ? v.join(', ') : v;
}

function conditionValue(input: RouteInput, c: RouteCondition): string | undefined {
  switch (c.type) {
    case 'host':
      return input.host;
    case 'header':
      return c.key ? headerValue(input.headers, c.key) : undefined;
    case 'query':
      return c.key ? (input.query.get(c.key) ?? undefined) : undefined;
    case 'cookie': {
      const cookies = headerValue(input.headers, 'cookie') ?? '';
      for (const part of cookies.split(';')) {
        const [k, ...rest] = part.trim().split('=');
        if (k === c.key) return rest.join('=');
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

function conditionHolds(input: RouteInput, c: RouteCondition): boolean {
  const actual = conditionValue(input, c);
  if (actual === undefined) return false;
  if (c.value === undefined) return true;
  try {
    return new RegExp(`^(?:${toJsRegExpSource(c.value)})$`).test(actual);
  } catch {
    return actual === c.value;
  }
}

function substitute(template: string, match: RegExpExecArray): string {
  return template.replace(/\$(\d+|[A-Za-z_][A-Za-z0-9_]*)/g, (whole, key: string) => {
    if (/^\d+$/.test(key)) return match[Number(key)] ?? '';
    return match.groups?.[key] ?? whole;
  });
}

/**
 * `x-now-route-matches` for a match: numbered groups then named ones, each `key=value` percent-encoded
 * (`1=a%20b&word=a%20b`); undefined without captures.
 */
function routeMatchesOf(match: RegExpExecArray): string | undefined {
  const pairs: string[] = [];
  const add = (key: string, value: string | undefined) => {
    if (value !== undefined) pairs.push(`${encodeURIComponent(key)}=${encodeURIComponent(value)}`);
  };
  for (let i = 1; i < match.length; i++) add(String(i), match[i]);
  for (const [name, value] of Object.entries(match.groups ?? {})) add(name, value);
  return pairs.length === 0 ? undefined : pairs.join('&');
}

function matchRoute(route: OutputRoute, input: RouteInput, path: string): RegExpExecArray | undefined {
  if (route.src === undefined) return undefined;
  if (route.methods && !route.methods.map((m) => m.toUpperCase()).includes(input.method)) return undefined;
  const match = compile(route.src).exec(path);
  if (!match) return undefined;
  if (route.has && !route.has.every((c) => conditionHolds(input, c))) return undefined;
  if (route.missing?.some((c) => conditionHolds(input, c))) return undefined;
  return match;
}

/** Looks a path up in the output's filesystem: static files (and `overrides`), then `functions/<path>.func`. */
export function lookupFilesystem(output: BuildOutput, rawPath: string): Hit | undefined {
  const path = rawPath.length > 1 ? rawPath.replace(/\/+$/, '') : rawPath;
  const rel = path.replace(/^\/+/, '');
  if (!output.isBuildOutput) {
    for (const candidate of [rel, rel === '' ? 'index.html' : `${rel}/index.html`]) {
      if (candidate && output.tree.readFile(candidate))
        return { kind: 'static', file: candidate, contentType: undefined };
    }
    return undefined;
  }
  const staticRoot = `${output.root}static/`;
  for (const [file, override] of Object.entries(output.overrides)) {
    if (override.path !== undefined && override.path.replace(/^\/+/, '') === rel) {
      if (output.tree.readFile(`${staticRoot}${file}`)) {
        return { kind: 'static', file: `${staticRoot}${file}`, contentType: override.contentType };
      }
    }
  }
  const candidates = rel === '' ? ['index.html'] : [rel, `${rel}/index.html`];
  for (const candidate of candidates) {
    const override = output.overrides[candidate];
    if (override?.path !== undefined && override.path.replace(/^\/+/, '') !== rel) continue;
    if (output.tree.readFile(`${staticRoot}${candidate}`)) {
      return { kind: 'static', file: `${staticRoot}${candidate}`, contentType: override?.contentType };
    }
  }
  const funcDir = `${output.root}functions/${rel === '' ? 'index' : rel}.func`;
  if (output.tree.readFile(`${funcDir}/.vc-config.json`)) return { kind: 'function', funcDir };
  return undefined;
}

function resolveHit(
  hit: Hit,
  path: string,
  query: URLSearchParams,
  status: number | undefined,
  headers: Record<string, string>,
  routeMatches: string | undefined,
): RouteResult {
  if (hit.kind === 'static') return { ...hit, status: status ?? 200, headers };
  return {
    kind: 'function',
    funcDir: hit.funcDir,
    path,
    query,
    status,
    headers,
    ...(routeMatches !== undefined ? { routeMatches } : {}),
  };
}

function notFound(output: BuildOutput, headers: Record<string, string>): RouteResult {
  const page = output.isBuildOutput ? `${output.root}static/404.html` : '404.html';
  return { kind: 'not_found', file: output.tree.readFile(page) ? page : undefined, headers };
}

/**
 * Routes a request through a Build Output API v3 `config.json`: header routes, redirects (`status` + `Location`),
 * `src` → `dest` rewrites (to static files or functions), `handle: filesystem`, then the filesystem itself.
 * Middleware routes (`middlewarePath`) are skipped here; `routeRequestWithMiddleware` runs them.
 */
export function routeRequest(output: BuildOutput, input: RouteInput): RouteResult {
  const steps = routeSteps(output, input);
  let step = steps.next();
  while (!step.done) step = steps.next({ action: 'continue', headers: {} });
  return step.value as RouteResult;
}

/** Like `routeRequest`, but runs each matching middleware (an Edge Function) and follows what it decided. */
export async function routeRequestWithMiddleware(
  output: BuildOutput,
  input: RouteInput,
  runMiddleware: (call: MiddlewareCall) => Promise<MiddlewareOutcome>,
): Promise<MiddlewareRouteResult> {
  const steps = routeSteps(output, input);
  let step = steps.next();
  while (!step.done) step = steps.next(await runMiddleware(step.value));
  return step.value;
}

/** The routing walk; yields at each matching middleware route and resumes with its outcome. */
function* routeSteps(
  output: BuildOutput,
  input: RouteInput,
): Generator<MiddlewareCall, MiddlewareRouteResult, MiddlewareOutcome> {
  let path = input.path;
  const query = new URLSearchParams(input.query);
  const headers: Record<string, string> = {};
  let status: number | undefined;
  let phase: OutputRoute['handle'] | undefined;
  let routeMatches: string | undefined;

  for (const route of output.routes) {
    if (route.handle) {
      phase = route.handle;
      if (phase === 'filesystem') {
        const hit = lookupFilesystem(output, path);
        if (hit) return resolveHit(hit, path, query, status, headers, routeMatches);
      }
      continue;
    }
    if (phase === 'hit' || phase === 'error' || phase === 'resource') continue;
    const match = matchRoute(route, input, path);
    if (!match) continue;
    if (route.middlewarePath !== undefined) {
      const funcDir = `${output.root}functions/${route.middlewarePath.replace(/^\/+/, '')}.func`;
      const outcome = yield { funcDir, path, query: new URLSearchParams(query) };
      if (outcome.action === 'respond') return { kind: 'responded' };
      for (const [k, v] of Object.entries(outcome.headers)) headers[k.toLowerCase()] = v;
      if (outcome.action === 'rewrite') {
        path = outcome.path;
        for (const [k, v] of outcome.query) query.set(k, v);
      }
      if (route.continue !== false) continue;
      const hit = lookupFilesystem(output, path);
      if (hit) return resolveHit(hit, path, query, status, headers, routeMatches);
      continue;
    }
    for (const [k, v] of Object.entries(route.headers ?? {})) headers[k.toLowerCase()] = substitute(v, match);
    if (route.status !== undefined) status = route.status;
    const location = headers.location;
    if (status !== undefined && status >= 300 && status < 400 && location !== undefined) {
      delete headers.location;
      return { kind: 'redirect', status, location, headers };
    }
    if (route.dest !== undefined) {
      const dest = new URL(substitute(route.dest, match), 'http://edge.invalid');
      path = decodeURIComponent(dest.pathname);
      for (const [k, v] of dest.searchParams) query.set(k, v);
      routeMatches = routeMatchesOf(match);
    }
    if (route.continue) continue;
    const hit = lookupFilesystem(output, path);
    if (hit) return resolveHit(hit, path, query, status, headers, routeMatches);
    if (!route.check) break;
  }
  const hit = lookupFilesystem(output, path);
  if (hit) return resolveHit(hit, path, query, status, headers, routeMatches);
  return notFound(output, headers);
}
