/**
 * The Management API's rate limit: 120 requests per minute per access token and project. Every answer carries
 * `X-RateLimit-Limit`, `X-RateLimit-Remaining` and `X-RateLimit-Reset` (seconds until the window resets); a request
 * over the limit gets 429 with `Retry-After`.
 */
import { bearerToken } from '../core/headers.js';
import { type EmulatorServer, HttpProblem, type RouteHandler } from '../core/server.js';

export interface RateLimitOptions {
  /** Requests per window. Default 120. */
  limit?: number;
  /** Window length in ms. Default 60 000. */
  windowMs?: number;
}

/** The registration surface routes use; the rate limiter stands between it and the server. */
export type RouteRegistrar = Pick<EmulatorServer, 'route'>;

/** Fixed windows per (token, project). */
export class RateLimiter {
  private readonly windows = new Map<string, { start: number; used: number }>();
  readonly limit: number;
  readonly windowMs: number;

  constructor(
    options: RateLimitOptions = {},
    private readonly now: () => number = Date.now,
  ) {
    this.limit = options.limit ?? 120;
    this.windowMs = options.windowMs ?? 60_000;
  }

  /** Counts one request; returns the headers to send and whether it is allowed. */
  take(key: string): { allowed: boolean; headers: Record<string, string> } {
    const now = this.now();
    let window = this.windows.get(key);
    if (!window || now - window.start >= this.windowMs) {
      window = { start: now, used: 0 };
      this.windows.set(key, window);
    }
    const resetSeconds = Math.max(1, Math.ceil((window.start + this.windowMs - now) / 1000));
    const allowed = window.used < this.limit;
    if (allowed) window.used++;
    const headers: Record<string, string> = {
      'x-ratelimit-limit': String(this.limit),
      'x-ratelimit-remaining': String(this.limit - window.used),
      'x-ratelimit-reset': String(resetSeconds),
    };
    if (!allowed) headers['retry-after'] = String(resetSeconds);
    return { allowed, headers };
  }
}

/** Wraps `server.route` so every Management API route is counted and answers with the rate-limit headers. */
export function rateLimited(server: EmulatorServer, limiter: RateLimiter): RouteRegistrar {
  const registrar: RouteRegistrar = {
    route(method: string, pattern: string, handler: RouteHandler) {
      server.route(method, pattern, async (req, res) => {
        const key = `${bearerToken(req) ?? ''} ${req.params.ref ?? ''}`;
        const { allowed, headers } = limiter.take(key);
        if (!allowed) throw new HttpProblem(429, { message: 'Too many requests' }, headers);
        let response: Awaited<ReturnType<RouteHandler>>;
        try {
          response = await handler(req, res);
        } catch (error) {
          if (error instanceof HttpProblem)
            throw new HttpProblem(error.status, error.body, { ...headers, ...error.headers });
          throw error;
        }
        if ('raw' in response) return response;
        return { ...response, headers: { ...headers, ...response.headers } };
      });
      return server;
    },
  };
  return registrar;
}
