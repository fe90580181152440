import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  applyFault,
  FaultInjector,
  type FaultInjector as FaultInjectorType,
  type FaultRule,
  RequestLog,
} from './faults.js';
import { type LoopbackListener, listenLoopback } from './loopback.js';

/** What a route handler receives. */
export interface EmulatorRequest {
  method: string;
  /** Path without the query string. */
  path: string;
  url: URL;
  params: Record<string, string>;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  /** Raw body bytes (already fully read). */
  body: Buffer;
  /** The body parsed as JSON; throws an HttpProblem(400) when it is not JSON. */
  json<T = unknown>(): T;
  raw: IncomingMessage;
}

/** What a route handler returns; `raw: true` means the handler wrote to `res` itself. */
export type EmulatorResponse =
  | { status: number; body?: unknown; headers?: Record<string, string>; text?: string | Buffer }
  | { raw: true };

export type RouteHandler = (req: EmulatorRequest, res: ServerResponse) => Promise<EmulatorResponse> | EmulatorResponse;

/** Throw from a handler to answer with a status and a JSON body. */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Record<string, string> = {},
  ) {
    super(typeof body === 'string' ? body : JSON.stringify(body));
  }
}

interface Route {
  method: string;
  pattern: string;
  regex: RegExp;
  keys: string[];
  handler: RouteHandler;
}

function compile(pattern: string): { regex: RegExp; keys: string[] } {
  const keys: string[] = [];
  const source = pattern
    .split('/')
    .map((segment) => {
      if (segment.startsWith(':')) {
        const greedy = segment.endsWith('*');
        keys.push(segment.slice(1, greedy ? -1 : undefined));
        return greedy ? '(.+)' : '([^/]+)';
      }
      return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('/');
  return { regex: new RegExp(`^${source}/?$`), keys };
}

export interface EmulatorServerOptions {
  /** Name used in logs and the default error body. */
  name: string;
  /** Shape of an error body for a fault status (each API words its errors differently). */
  errorBody?: (status: number, message: string) => unknown;
  /** Called for requests no route matched; default 404 JSON. */
  fallback?: RouteHandler;
}

/**
 * A small HTTP server for the emulators: method + path routing with `:params`, JSON helpers, per-route request
 * counting, fault injection, and an admin API under `/__emulator/` (faults, request counts) so a test or another
 * process can drive faults over HTTP.
 */
export class EmulatorServer {
  readonly faults: FaultInjectorType = new FaultInjector();
  readonly requests = new RequestLog();
  private readonly routes: Route[] = [];
  private listener: LoopbackListener | undefined;
  private baseUrl = '';

  constructor(private readonly options: EmulatorServerOptions) {}

  /** Registers a handler for `METHOD /path/:param` (a trailing `*` on a param matches the rest of the path). */
  route(method: string, pattern: string, handler: RouteHandler): this {
    const { regex, keys } = compile(pattern);
    this.routes.push({ method: method.toUpperCase(), pattern, regex, keys, handler });
    return this;
  }

  /** The server's base URL (`http://127.0.0.1:<port>`); empty before `listen`. */
  get url(): string {
    return this.baseUrl;
  }

  /** Starts listening on loopback; port 0 picks a free one. */
  async listen(port = 0, host = '127.0.0.1'): Promise<string> {
    this.listener = await listenLoopback((req, res) => this.handle(req, res), {
      port,
      host,
      onError: (error, _req, res) => this.send(res, { status: 500, body: this.internalErrorBody(error) }),
    });
    this.baseUrl = this.listener.url;
    return this.baseUrl;
  }

  /** Stops the server and destroys open (including stalled) connections. */
  async close(): Promise<void> {
    const listener = this.listener;
    if (!listener) return;
    this.listener = undefined;
    await listener.close();
  }

  /** The 500 body for an unexpected failure; falls back to the default shape if the API's own builder throws. */
  private internalErrorBody(error: unknown): unknown {
    const message = error instanceof Error ? error.message : String(error);
    try {
      return this.errorBody(500, message);
    } catch {
      return { error: { code: '500', message } };
    }
  }

  private errorBody(status: number, message: string): unknown {
    return this.options.errorBody
      ? this.options.errorBody(status, message)
      : { error: { code: String(status), message } };
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = (req.method ?? 'GET').toUpperCase();
    const url = new URL(req.url ?? '/', this.baseUrl || 'http://127.0.0.1');
    const path = url.pathname;
    let body: Buffer;
    try {
      body = await readBody(req);
    } catch {
      res.destroy();
      return;
    }

    if (path.startsWith('/__emulator/')) {
      this.send(res, this.admin(method, path, body));
      return;
    }

    let routeKey = path;
    let response: EmulatorResponse;
    try {
      const found = this.match(method, path);
      if (found) routeKey = found.route.pattern;
      const fault = this.faults.take(method, path);
      if (fault) {
        const status = await applyFault(fault, req.socket, (faultStatus, headers, faultBody) =>
          this.send(res, {
            status: faultStatus,
            headers,
            body: faultBody ?? this.errorBody(faultStatus, `Injected fault: HTTP ${faultStatus}`),
          }),
        );
        if (status !== undefined) {
          this.requests.record(method, path, routeKey, status);
          return;
        }
      }
      if (!found) {
        response = this.options.fallback
          ? await this.options.fallback(this.request(req, url, {}, body), res)
          : { status: 404, body: this.errorBody(404, `No route for ${method} ${path}`) };
      } else {
        response = await found.route.handler(this.request(req, url, found.params, body), res);
      }
    } catch (error) {
      if (error instanceof HttpProblem) {
        response = { status: error.status, body: error.body, headers: error.headers };
      } else {
        response = { status: 500, body: this.errorBody(500, (error as Error).message) };
      }
    }
    this.requests.record(method, path, routeKey, 'raw' in response ? res.statusCode : response.status);
    if (!('raw' in response)) this.send(res, response);
  }

  private match(method: string, path: string): { route: Route; params: Record<string, string> } | undefined {
    for (const route of this.routes) {
      if (route.method !== method && !(route.method === 'GET' && method === 'HEAD')) continue;
      const m = route.regex.exec(path);
      if (!m) continue;
      const params: Record<string, string> = {};
      route.keys.forEach((key, i) => {
        params[key] = decodeParam(m[i + 1] ?? '', (message) => new HttpProblem(400, this.errorBody(400, message)));
      });
      return { route, params };
    }
    return undefined;
  }

  private request(req: IncomingMessage, url: URL, params: Record<string, string>, body: Buffer): EmulatorRequest {
    return {
      method: (req.method ?? 'GET').toUpperCase(),
      path: url.pathname,
      url,
      params,
      query: url.searchParams,
      headers: req.headers,
      body,
      raw: req,
      json: <T>() => {
        try {
          return JSON.parse(body.toString('utf8') || 'null') as T;
        } catch {
          throw new HttpProblem(400, this.errorBody(400, 'Request body is not valid JSON'));
        }
      },
    };
  }

  private send(res: ServerResponse, response: Exclude<EmulatorResponse, { raw: true }>): void {
    if (res.headersSent || res.destroyed) return;
    const headers: Record<string, string> = { ...response.headers };
    let payload: string | Buffer | undefined;
    if (response.text !== undefined) {
      payload = response.text;
    } else if (response.body !== undefined) {
      payload = JSON.stringify(response.body);
      if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) {
        headers['content-type'] = 'application/json; charset=utf-8';
      }
    }
    res.writeHead(response.status, headers);
    res.end(payload);
  }

  private admin(method: string, path: string, body: Buffer): Exclude<EmulatorResponse, { raw: true }> {
    if (path === '/__emulator/faults' && method === 'POST') {
      let rule: FaultRule;
      try {
        rule = JSON.parse(body.toString('utf8') || '{}') as FaultRule;
      } catch {
        return { status: 400, body: this.errorBody(400, 'Fault rule is not valid JSON') };
      }
      if (rule === null || typeof rule !== 'object' || Array.isArray(rule)) {
        return { status: 400, body: this.errorBody(400, 'Fault rule must be a JSON object') };
      }
      try {
        return { status: 201, body: { id: this.faults.add(rule) } };
      } catch (error) {
        return { status: 400, body: this.errorBody(400, `Invalid fault rule: ${(error as Error).message}`) };
      }
    }
    if (path === '/__emulator/faults' && method === 'DELETE') {
      this.faults.clear();
      return { status: 204 };
    }
    if (path === '/__emulator/faults' && method === 'GET') return { status: 200, body: this.faults.list() };
    if (path === '/__emulator/requests' && method === 'GET') return { status: 200, body: this.requests.snapshot() };
    if (path === '/__emulator/requests' && method === 'DELETE') {
      this.requests.reset();
      return { status: 204 };
    }
    return { status: 404, body: { error: 'unknown admin endpoint' } };
  }
}

/** Decodes a path parameter; a malformed percent-escape becomes the error `problem` builds (a 400). */
function decodeParam(raw: string, problem: (message: string) => Error): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw problem(`Malformed percent-encoding in path: ${raw}`);
  }
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
