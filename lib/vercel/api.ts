/**
 * A small Vercel REST client for what `@vercel/client` does not cover (project lookup, deployment lists, status
 * polling, promote): every call has a per-attempt timeout and retries 429/502/503/504 and network failures with
 * backoff, honouring Retry-After (lib/core/http.ts). Errors become VercelErrors that say what to do.
 */
import type { Clock } from '../core/clock.js';
import { HttpError, TimeoutError } from '../core/errors.js';
import { backoffDelay, type HttpResponse, httpRequest, type RetryPolicy } from '../core/http.js';
import type { Logger } from '../core/logger.js';
import type { ReasonCode } from '../release/outcome.js';
import { VercelError } from './errors.js';

/** Where and as whom the API is called. */
export interface VercelApiOptions {
  token: string;
  /** API base URL; `https://api.vercel.com` on Vercel, the emulator's URL in tests. */
  apiUrl: string;
  /** Team scope (`team_…`); omitted for a personal account. */
  teamId?: string;
  clock: Clock;
  logger: Logger;
  /** Per-attempt timeout in ms (a stalled answer counts as a failed attempt). Default 30 000. */
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  fetch?: typeof fetch;
  random?: () => number;
}

/** Options of one request. */
export interface SendOptions {
  query?: Record<string, string | undefined>;
  /** A JSON body. */
  body?: unknown;
  /** A binary body (sent as is, instead of `body`). */
  raw?: Uint8Array;
  headers?: Record<string, string>;
  /** The request may be repeated although it is not a GET (the caller knows a repeat is harmless). */
  retryUnsafe?: boolean;
  /** What is being done, for messages (`reading project shop`). */
  what: string;
  /** Per-attempt timeout for this request, ms (default: the client's `timeoutMs`). */
  timeoutMs?: number;
}

/** The shape of a Vercel error answer. */
interface VercelErrorBody {
  error?: { code?: string; message?: string };
}

/** The Vercel REST API, scoped to one token and team. */
export class VercelApi {
  constructor(readonly options: VercelApiOptions) {}

  /** The full URL of `path` with the team scope and `query` added. */
  url(path: string, query: Record<string, string | undefined> = {}): string {
    const url = new URL(`${this.options.apiUrl.replace(/\/+$/, '')}${path}`);
    for (const [k, v] of Object.entries(query)) if (v !== undefined) url.searchParams.set(k, v);
    if (this.options.teamId) url.searchParams.set('teamId', this.options.teamId);
    return url.toString();
  }

  /** Sends a request; returns the final answer (2xx or not) after retries. Network failures throw VercelError. */
  async send(method: string, path: string, options: SendOptions): Promise<HttpResponse> {
    // A plain 500 is not retried by httpRequest (it may be a real bug), but reads and requests the caller marked safe
    // to repeat (promote) are repeated a few times.
    for (let extra = 0; ; extra++) {
      const res = await this.sendOnce(method, path, options);
      if (res.status !== 500 || (method !== 'GET' && !options.retryUnsafe) || extra >= 3) return res;
      const delayMs = backoffDelay(
        extra + 1,
        { attempts: 4, baseDelayMs: 500, maxDelayMs: 5_000 },
        this.options.random,
      );
      this.options.logger.warning(
        `Vercel API: ${options.what} failed (HTTP 500); retry in ${(delayMs / 1000).toFixed(1)} s`,
      );
      await this.options.clock.sleep(delayMs);
    }
  }

  private async sendOnce(method: string, path: string, options: SendOptions): Promise<HttpResponse> {
    const url = this.url(path, options.query);
    try {
      return await httpRequest(
        url,
        {
          method,
          headers: {
            authorization: `Bearer ${this.options.token}`,
            accept: 'application/json',
            ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
            ...options.headers,
          },
          body: options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
          timeoutMs: options.timeoutMs ?? this.options.timeoutMs ?? 30_000,
          retry: { attempts: 5, baseDelayMs: 500, maxDelayMs: 30_000, ...this.options.retry },
          retryUnsafe: options.retryUnsafe,
        },
        {
          clock: this.options.clock,
          fetch: this.options.fetch,
          random: this.options.random,
          onRetry: ({ attempt, delayMs, reason }) =>
            this.options.logger.warning(
              `Vercel API: ${options.what} failed (${reason}); retry ${attempt} in ${(delayMs / 1000).toFixed(1)} s`,
            ),
        },
      );
    } catch (error) {
      if (error instanceof TimeoutError || error instanceof HttpError) {
        throw new VercelError('vercel_unreachable', `Vercel API: ${options.what} failed: ${error.message}`, {
          reason: error instanceof TimeoutError ? 'timeout' : 'api-error',
          hint: 'The Vercel API did not answer after several attempts; check https://www.vercel-status.com and retry the job.',
          cause: error,
        });
      }
      throw error;
    }
  }

  /** Sends a request and returns its JSON body; a non-2xx answer throws a VercelError naming the cause. */
  async json<T>(
    method: string,
    path: string,
    options: {
      query?: Record<string, string | undefined>;
      body?: unknown;
      retryUnsafe?: boolean;
      what: string;
      notFound?: { reason: ReasonCode; hint: string };
    },
  ): Promise<T> {
    const res = await this.send(method, path, options);
    if (res.status >= 200 && res.status < 300) {
      if (!res.text) return undefined as T;
      try {
        return res.json<T>();
      } catch {
        throw new VercelError('vercel_bad_answer', `Vercel API: ${options.what} answered with invalid JSON.`, {
          reason: 'api-error',
          status: res.status,
        });
      }
    }
    throw this.errorFor(res, options.what, options.notFound);
  }

  /** Turns a non-2xx answer into a VercelError with a hint for the common causes (token, team, project). */
  errorFor(res: HttpResponse, what: string, notFound?: { reason: ReasonCode; hint: string }): VercelError {
    let body: VercelErrorBody = {};
    try {
      body = JSON.parse(res.text) as VercelErrorBody;
    } catch {
      // not JSON: keep the status only
    }
    const detail = body.error?.message ? `: ${body.error.message}` : '';
    const code = body.error?.code ?? `http_${res.status}`;
    const message = `Vercel API: ${what} failed with HTTP ${res.status} (${code})${detail}`;
    if (res.status === 401 || res.status === 403) {
      const team = this.options.teamId;
      return new VercelError('vercel_forbidden', message, {
        reason: 'permission-denied',
        status: res.status,
        hint: team
          ? `The token has no access to team ${team}. Create a token in that team (Vercel → Account Settings → Tokens, scope: the team) and store it as the VERCEL_TOKEN secret.`
          : 'The token is missing, expired or revoked, or the project belongs to a team: create a new token and set team-id (vercel.team-id) for team projects.',
      });
    }
    if (res.status === 404 && notFound) {
      return new VercelError('vercel_not_found', message, {
        reason: notFound.reason,
        status: 404,
        hint: notFound.hint,
      });
    }
    return new VercelError('vercel_api_error', message, {
      reason: 'api-error',
      status: res.status,
      hint:
        res.status >= 500 || res.status === 429
          ? 'Vercel kept failing after several retries; retry the job later.'
          : 'The request was refused; check the project settings and inputs.',
    });
  }
}
