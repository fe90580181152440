/**
 * The slice of the Supabase Management API the edge-function deploy uses: list, deploy (multipart), delete functions
 * and bulk-set secrets. Every call waits out a shared rate-limit window (`X-RateLimit-Remaining: 0` with
 * `X-RateLimit-Reset`, or a 429's `Retry-After`) and is retried with jittered backoff on 429, 5xx and network errors.
 */
import type { Clock } from '../../core/clock.js';
import { HttpError } from '../../core/errors.js';
import { backoffDelay, httpRequest, parseRetryAfter } from '../../core/http.js';
import { EdgeFunctionError } from './errors.js';

/** A function as `GET /v1/projects/{ref}/functions` returns it (the fields Shipline reads). */
export interface RemoteFunction {
  id: string;
  slug: string;
  name: string;
  status: string;
  version: number;
  /** Epoch milliseconds of the last deploy. */
  updated_at?: number;
  verify_jwt?: boolean;
  entrypoint_path?: string;
  import_map_path?: string;
  ezbr_sha256?: string;
}

/** The `metadata` part of a deploy: what the platform needs to run the uploaded files. */
export interface DeployMetadata {
  name: string;
  entrypoint_path: string;
  import_map_path?: string;
  static_patterns?: string[];
  verify_jwt: boolean;
}

export interface ManagementApiOptions {
  /** https://api.supabase.com, or an emulator. */
  baseUrl: string;
  /** Personal access token (`sbp_…`); never printed. */
  token: string;
  clock: Clock;
  fetch?: typeof fetch;
  /** Randomness for backoff jitter, in [0, 1). */
  random?: () => number;
  /** Attempts per call, the first included. Default 5. */
  attempts?: number;
  /** First backoff in ms (doubles per retry, full jitter). Default 500. */
  baseDelayMs?: number;
  /** Longest single wait. Default 60 000 (the rate-limit window is a minute). */
  maxDelayMs?: number;
  /** Per-attempt timeout in ms (a stalled answer is retried). Default 120 000: a large bundle takes a while. */
  timeoutMs?: number;
  /** Called before each retry or rate-limit wait; adapters log it. */
  onWait?: (info: { what: string; delayMs: number; reason: string }) => void;
}

const RETRY_STATUSES = new Set([429, 500, 502, 503, 504]);

/** A Management API client for edge functions and secrets (see the module comment). */
export class ManagementApi {
  private blockedUntil = 0;
  /** Requests sent, retries included (for reports and tests). */
  requestCount = 0;

  constructor(private readonly options: ManagementApiOptions) {}

  /** Every function of the project. */
  async listFunctions(ref: string): Promise<RemoteFunction[]> {
    const res = await this.call('GET', `/v1/projects/${ref}/functions`, `list functions of ${ref}`);
    return JSON.parse(res) as RemoteFunction[];
  }

  /** Creates or updates function `slug` from its files (`POST /functions/deploy?slug=`, multipart). */
  async deployFunction(
    ref: string,
    slug: string,
    metadata: DeployMetadata,
    files: Array<{ name: string; bytes: Uint8Array }>,
  ): Promise<RemoteFunction> {
    const form = new FormData();
    form.append('metadata', JSON.stringify(metadata));
    for (const file of files) form.append('file', new Blob([new Uint8Array(file.bytes)]), file.name);
    // Serialised once so a retry resends the same bytes with the same boundary.
    const encoded = new Response(form);
    const type = encoded.headers.get('content-type') ?? 'multipart/form-data';
    const body = new Uint8Array(await encoded.arrayBuffer());
    const text = await this.call(
      'POST',
      `/v1/projects/${ref}/functions/deploy?slug=${encodeURIComponent(slug)}`,
      `deploy function ${slug}`,
      { body, type },
    );
    return JSON.parse(text) as RemoteFunction;
  }

  /** Deletes function `slug`. */
  async deleteFunction(ref: string, slug: string): Promise<void> {
    await this.call('DELETE', `/v1/projects/${ref}/functions/${encodeURIComponent(slug)}`, `delete function ${slug}`);
  }

  /** Creates or updates secrets in one request (`POST /v1/projects/{ref}/secrets`). */
  async setSecrets(ref: string, secrets: Array<{ name: string; value: string }>): Promise<void> {
    await this.call('POST', `/v1/projects/${ref}/secrets`, `set ${secrets.length} secret(s)`, {
      body: new TextEncoder().encode(JSON.stringify(secrets)),
      type: 'application/json',
    });
  }

  private async call(
    method: string,
    path: string,
    what: string,
    payload?: { body: Uint8Array; type: string },
  ): Promise<string> {
    const { clock } = this.options;
    const attempts = this.options.attempts ?? 5;
    const policy = {
      attempts,
      baseDelayMs: this.options.baseDelayMs ?? 500,
      maxDelayMs: this.options.maxDelayMs ?? 60_000,
    };
    const url = `${this.options.baseUrl.replace(/\/+$/, '')}${path}`;
    for (let attempt = 1; ; attempt++) {
      const wait = this.blockedUntil - clock.now().getTime();
      if (wait > 0) {
        this.options.onWait?.({ what, delayMs: wait, reason: 'rate limit window' });
        await clock.sleep(Math.min(wait, policy.maxDelayMs));
      }
      this.requestCount++;
      let status: number;
      let text: string;
      let headers: Headers | undefined;
      let reason: string;
      try {
        const res = await httpRequest(
          url,
          {
            method,
            headers: {
              authorization: `Bearer ${this.options.token}`,
              accept: 'application/json',
              ...(payload ? { 'content-type': payload.type } : {}),
            },
            body: payload?.body,
            retry: { attempts: 1 },
            timeoutMs: this.options.timeoutMs ?? 120_000,
          },
          { fetch: this.options.fetch, clock },
        );
        status = res.status;
        text = res.text;
        headers = res.headers;
        this.noteRateLimit(headers);
        if (status >= 200 && status < 300) return text;
        reason = `HTTP ${status}`;
      } catch (error) {
        if (attempt >= attempts) {
          throw new EdgeFunctionError('api_error', `Could not ${what}: ${(error as Error).message}`, {
            hint: 'The Supabase Management API could not be reached; check api-url and the network, then re-run.',
            cause: error,
          });
        }
        // A deploy is an upsert by slug and secrets a bulk upsert: resending after a lost answer is harmless.
        reason = error instanceof HttpError ? 'network error' : (error as Error).message;
        status = 0;
        text = '';
      }
      if (status !== 0 && (!RETRY_STATUSES.has(status) || attempt >= attempts)) {
        throw apiError(status, text, what, url);
      }
      const retryAfter = headers ? parseRetryAfter(headers.get('retry-after'), clock.now()) : undefined;
      const delayMs = Math.min(policy.maxDelayMs, retryAfter ?? backoffDelay(attempt, policy, this.options.random));
      if (status === 429) this.blockedUntil = Math.max(this.blockedUntil, clock.now().getTime() + delayMs);
      this.options.onWait?.({ what, delayMs, reason });
      await clock.sleep(delayMs);
    }
  }

  /** When the window is used up, hold every request until it resets. */
  private noteRateLimit(headers: Headers): void {
    if (headers.get('x-ratelimit-remaining') !== '0') return;
    const reset = Number(headers.get('x-ratelimit-reset'));
    if (!Number.isFinite(reset) || reset <= 0) return;
    const now = this.options.clock.now().getTime();
    // Seconds until the reset, or an epoch time in seconds when it is that large.
    const until = reset > 1e9 ? reset * 1000 : now + reset * 1000;
    this.blockedUntil = Math.max(this.blockedUntil, until);
  }
}

function apiError(status: number, text: string, what: string, url: string): EdgeFunctionError {
  let message = text.slice(0, 500);
  try {
    const body = JSON.parse(text) as { message?: unknown };
    if (typeof body.message === 'string') message = body.message;
  } catch {
    // not JSON: keep the text
  }
  const hint =
    status === 401
      ? 'The access token was refused: create a personal access token (sbp_…) and pass it as access-token.'
      : status === 403
        ? 'The token has no access to this project; use a token of a member of its organization.'
        : status === 404
          ? 'Check the project ref (supabase.project-ref or the project-ref input).'
          : status === 429
            ? 'The Management API allows 120 requests a minute; lower concurrency or deploy fewer functions at once.'
            : 'See the message from the Supabase API above; re-run when the cause is fixed.';
  return new EdgeFunctionError('api_error', `Could not ${what}: HTTP ${status} ${message}`.trim(), {
    hint,
    cause: new HttpError('http_status', message, { status, url, body: text }),
  });
}
