import { createHash } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { headerValue } from '../core/headers.js';
import { randomHex } from '../core/ids.js';
import { type EmulatorRequest, type EmulatorResponse, HttpProblem, type RouteHandler } from '../core/server.js';
import { authenticate } from './auth.js';
import type { GitHubContext } from './context.js';
import { docsUrlFor } from './docs-urls.js';
import { DOCS, githubErrorBody } from './errors.js';

/** What the route modules register on: `route(method, pattern, handler)`. */
export interface RouteRegistrar {
  route(method: string, pattern: string, handler: RouteHandler): unknown;
}

/** Who a request counts against, and that identity's limit per hour. */
interface Bucket {
  key: string;
  limit: number;
}

/** A rate-limit window as GitHub reports it. */
export interface RateWindow {
  limit: number;
  used: number;
  remaining: number;
  /** Epoch seconds when the window resets. */
  reset: number;
}

/**
 * GitHub's primary rate limit, per identity and hour: 5,000 for a user token, 5,000 for an installation, 60 for
 * unauthenticated callers. Tests lower a limit (setLimit) to provoke the 403 GitHub answers when it runs out.
 */
export class RateLimiter {
  readonly limits = { user: 5000, installation: 5000, unauthenticated: 60 };
  private readonly windows = new Map<string, { used: number; reset: number }>();

  constructor(private readonly now: () => Date) {}

  /** The bucket of a request (never throws: bad credentials count as unauthenticated). */
  bucket(ctx: GitHubContext, req: EmulatorRequest): Bucket {
    try {
      const caller = authenticate(ctx, req);
      if (caller.kind === 'user') return { key: `user:${caller.user.id}`, limit: this.limits.user };
      if (caller.kind === 'installation') {
        return { key: `installation:${caller.installationId}`, limit: this.limits.installation };
      }
      return { key: 'app', limit: this.limits.installation };
    } catch {
      return { key: `ip:${req.raw.socket.remoteAddress ?? ''}`, limit: this.limits.unauthenticated };
    }
  }

  /** The window of a bucket now (a fresh hour once the last one has passed). */
  peek(bucket: Bucket): RateWindow {
    const nowSec = Math.floor(this.now().getTime() / 1000);
    let window = this.windows.get(bucket.key);
    if (!window || window.reset <= nowSec) {
      window = { used: 0, reset: nowSec + 3600 };
      this.windows.set(bucket.key, window);
    }
    return {
      limit: bucket.limit,
      used: window.used,
      remaining: Math.max(0, bucket.limit - window.used),
      reset: window.reset,
    };
  }

  /** Counts one request; undefined when the bucket is already empty (the request is refused). */
  consume(bucket: Bucket): RateWindow | undefined {
    const current = this.peek(bucket);
    if (current.remaining <= 0) return undefined;
    const window = this.windows.get(bucket.key)!;
    window.used++;
    return this.peek(bucket);
  }

  /** Gives one request back (a 304 does not count against the limit). */
  refund(bucket: Bucket): void {
    const window = this.windows.get(bucket.key);
    if (window && window.used > 0) window.used--;
  }

  /** Forgets every window (limits stay). */
  reset(): void {
    this.windows.clear();
  }
}

function rateHeaders(w: RateWindow): Record<string, string> {
  return {
    'x-ratelimit-limit': String(w.limit),
    'x-ratelimit-remaining': String(w.remaining),
    'x-ratelimit-reset': String(w.reset),
    'x-ratelimit-used': String(w.used),
    'x-ratelimit-resource': 'core',
  };
}

/** Headers on every answer: a request id (GitHub's `XXXX:XXXX:…` form), the API version and media type. */
function baseHeaders(): Record<string, string> {
  const id = [randomHex(2), randomHex(3), randomHex(4), randomHex(4), randomHex(4)].join(':').toUpperCase();
  return {
    'x-github-request-id': id,
    'x-github-api-version-selected': '2022-11-28',
    'x-github-media-type': 'github.v3; format=json',
  };
}

/** Routes that do not count against the rate limit. */
const FREE = new Set(['GET /rate_limit']);

/**
 * Registers routes the way GitHub answers them: request id and rate-limit headers on every answer, a 403 once the
 * caller's limit is used up, a weak `etag` on every JSON GET with 304 for a matching `If-None-Match`, and errors
 * that link the endpoint's own documentation page (the generic link is kept for 401s and for paths no endpoint
 * serves).
 */
export function githubRoutes(server: RouteRegistrar, ctx: GitHubContext): RouteRegistrar {
  const registrar: RouteRegistrar = {
    route(method, pattern, handler) {
      server.route(method, pattern, wrap(ctx, method.toUpperCase(), pattern, handler));
      return registrar;
    },
  };
  return registrar;
}

function wrap(ctx: GitHubContext, method: string, pattern: string, handler: RouteHandler): RouteHandler {
  const docs = docsUrlFor(method, pattern);
  return async (req: EmulatorRequest, res: ServerResponse): Promise<EmulatorResponse> => {
    const headers = baseHeaders();
    const bucket = ctx.rate.bucket(ctx, req);
    if (!FREE.has(`${method} ${pattern}`)) {
      const window = ctx.rate.consume(bucket);
      if (!window) {
        const empty = ctx.rate.peek(bucket);
        throw new HttpProblem(
          403,
          {
            message: `API rate limit exceeded for ${bucket.key.replace(':', ' ID ')}.`,
            documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api',
            status: '403',
          },
          { ...headers, ...rateHeaders(empty) },
        );
      }
      Object.assign(headers, rateHeaders(window));
    }
    let out: EmulatorResponse;
    try {
      out = await handler(req, res);
    } catch (error) {
      if (!(error instanceof HttpProblem)) throw error;
      let body = error.body;
      // GitHub links the endpoint's page in its errors; only credential failures (401) keep the generic link.
      if (error.status !== 401 && docs && isRecord(body) && body.documentation_url === DOCS) {
        body = { ...body, documentation_url: docs };
      }
      throw new HttpProblem(error.status, body, { ...headers, ...error.headers });
    }
    if ('raw' in out) return out;
    const merged = { ...headers, ...out.headers };
    if ((req.method === 'GET' || req.method === 'HEAD') && out.status === 200 && out.body !== undefined) {
      const etag = `W/"${createHash('sha256').update(JSON.stringify(out.body)).digest('hex').slice(0, 40)}"`;
      merged.etag = etag;
      const match = headerValue(req, 'if-none-match');
      if (match?.split(',').some((m) => m.trim() === etag || m.trim() === '*')) {
        ctx.rate.refund(bucket);
        const refunded = ctx.rate.peek(bucket);
        return { status: 304, headers: { ...merged, ...rateHeaders(refunded) } };
      }
    }
    return { ...out, headers: merged };
  };
}

/** The answer for a path no endpoint serves: GitHub's bare 404 with the generic documentation link. */
export function unrouted(req: EmulatorRequest): EmulatorResponse {
  return {
    status: 404,
    headers: { ...baseHeaders(), 'x-emulator-reason': `no route for ${req.method} ${req.path}` },
    body: githubErrorBody(404, 'Not Found'),
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
