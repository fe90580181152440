import { type Clock, systemClock } from './clock.js';
import { HttpError, TimeoutError } from './errors.js';

/** Statuses worth another try: rate limited or a gateway/service hiccup. */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([429, 502, 503, 504]);
const IDEMPOTENT_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);

export interface RetryPolicy {
  /** Total attempts including the first. Default 4. */
  attempts: number;
  /** First backoff in ms; doubles each retry, with full jitter. Default 250. */
  baseDelayMs: number;
  /** Cap for any single wait, including a server's Retry-After. Default 30 000. */
  maxDelayMs: number;
}

export interface HttpRequestOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  /** Per-attempt timeout in ms. Default 30 000. */
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  /** Allow retrying a non-idempotent request (POST/PATCH); only when the caller knows a repeat is harmless. */
  retryUnsafe?: boolean;
  /** Cancels the whole call, waits included. */
  signal?: AbortSignal;
}

export interface HttpResponse {
  status: number;
  headers: Headers;
  text: string;
  /** How many attempts it took (1 = no retry). */
  attempts: number;
  json<T = unknown>(): T;
}

export interface HttpClientOptions {
  fetch?: typeof fetch;
  clock?: Clock;
  /** Source of randomness for jitter, in [0, 1). Injected so tests are deterministic. */
  random?: () => number;
  /** Called before each retry with the reason and the wait; adapters log it. */
  onRetry?: (info: { url: string; attempt: number; delayMs: number; reason: string }) => void;
}

/** Parses a Retry-After header (delta-seconds or an HTTP date) into milliseconds, or undefined. */
export function parseRetryAfter(value: string | null, now: Date = new Date()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now.getTime());
}

/** Full-jitter exponential backoff: a random wait in [0, base * 2^(attempt-1)], capped. */
export function backoffDelay(attempt: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.floor(random() * ceiling);
}

/**
 * Fetch with a per-attempt timeout (AbortSignal), and retries with jittered backoff on 429/502/503/504 and
 * network errors. A server's Retry-After is honoured (capped by maxDelayMs). Non-idempotent methods are not
 * retried unless `retryUnsafe` is set. Non-2xx final answers are returned, not thrown; network failures and
 * timeouts after the last attempt throw HttpError / TimeoutError.
 */
export async function httpRequest(
  url: string,
  options: HttpRequestOptions = {},
  client: HttpClientOptions = {},
): Promise<HttpResponse> {
  const doFetch = client.fetch ?? fetch;
  const clock = client.clock ?? systemClock;
  const random = client.random ?? Math.random;
  const method = (options.method ?? 'GET').toUpperCase();
  const policy: RetryPolicy = { attempts: 4, baseDelayMs: 250, maxDelayMs: 30_000, ...options.retry };
  const timeoutMs = options.timeoutMs ?? 30_000;
  const mayRetry = IDEMPOTENT_METHODS.has(method) || options.retryUnsafe === true;
  const maxAttempts = mayRetry ? Math.max(1, policy.attempts) : 1;

  for (let attempt = 1; ; attempt++) {
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
    let retryReason: string;
    let retryAfterMs: number | undefined;
    try {
      const res = await doFetch(url, { method, headers: options.headers, body: options.body, signal });
      const text = await res.text();
      if (!RETRYABLE_STATUSES.has(res.status) || attempt >= maxAttempts) {
        return {
          status: res.status,
          headers: res.headers,
          text,
          attempts: attempt,
          json: <T>() => JSON.parse(text) as T,
        };
      }
      retryReason = `HTTP ${res.status}`;
      retryAfterMs = parseRetryAfter(res.headers.get('retry-after'), clock.now());
    } catch (error) {
      if (options.signal?.aborted) throw options.signal.reason;
      const timedOut = timeout.aborted;
      if (attempt >= maxAttempts) {
        if (timedOut) {
          throw new TimeoutError('http_timeout', `${method} ${url} timed out after ${timeoutMs} ms`, {
            hint: 'The server did not answer in time; check that it is up, or raise the timeout.',
            cause: error,
          });
        }
        throw new HttpError('http_network', `${method} ${url} failed: ${(error as Error).message}`, {
          url,
          cause: error,
          hint: 'The request did not reach the server; check the URL and the network.',
        });
      }
      retryReason = timedOut ? `timeout after ${timeoutMs} ms` : `network error: ${(error as Error).message}`;
    }
    const delayMs = Math.min(policy.maxDelayMs, retryAfterMs ?? backoffDelay(attempt, policy, random));
    client.onRetry?.({ url, attempt, delayMs, reason: retryReason });
    await clock.sleep(delayMs, options.signal);
  }
}
