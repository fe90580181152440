import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { FaultInjector, type FaultInjector as FaultInjectorType, type FaultRule, RequestLog } from './faults.js';

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
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
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
    const server = createServer((req, res) => {
      void this.handle(req, res);
    });
    server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    server.keepAliveTimeout = 5_000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
    this.server = server;
    const address = server.address() as AddressInfo;
    this.baseUrl = `http://${host}:${address.port}`;
    return this.baseUrl;
  }

  /** Stops the server and destroys open (including stalled) connections. */
  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
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
      this.send(res, await this.admin(method, path, body));
      return;
    }

    const found = this.match(method, path);
    const routeKey = found ? found.route.pattern : path;
    const fault = this.faults.take(method, path);
    if (fault) {
      if (fault.delayMs) await new Promise((r) => setTimeout(r, fault.delayMs));
      if (fault.reset) {
        this.requests.record(method, path, routeKey, 0);
        req.socket.destroy();
        return;
      }
      if (fault.stall) {
        this.requests.record(method, path, routeKey, 0);
        return; // never answer; close() destroys the socket
      }
      if (fault.status) {
        this.requests.record(method, path, routeKey, fault.status);
        this.send(res, {
          status: fault.status,
          headers: fault.headers,
          body: fault.body ?? this.errorBody(fault.status, `Injected fault: HTTP ${fault.status}`),
        });
        return;
      }
    }

    let response: EmulatorResponse;
    try {
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
        params[key] = decodeURIComponent(m[i + 1] ?? '');
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

  private async admin(method: string, path: string, body: Buffer): Promise<Exclude<EmulatorResponse, { raw: true }>> {
    if (path === '/__emulator/faults' && method === 'POST') {
      const rule = JSON.parse(body.toString('utf8') || '{}') as FaultRule;
      return { status: 201, body: { id: this.faults.add(rule) } };
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

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
