/**
 * A fetch `dispatcher` for `@vercel/client` (its documented `dispatcher` option) that adds what the client lacks:
 * an idle timeout per request (a stalled upload or API call fails with an ETIMEDOUT error instead of hanging for
 * minutes; the client retries network errors of uploads itself) and a record of the last Retry-After a 429/503
 * carried (the client drops response headers, so the caller could not honour it otherwise).
 * It delegates to the process's own fetch dispatcher, so connection pooling and TLS settings stay Node's.
 */

const GLOBAL_DISPATCHER = Symbol.for('undici.globalDispatcher.1');

interface Dispatcher {
  dispatch(options: unknown, handler: Record<string, unknown>): boolean;
}

type Handler = Record<string, ((...args: unknown[]) => unknown) | unknown>;

/** Node's fetch dispatcher (created on the first fetch; a `data:` fetch creates it without a network call). */
async function globalDispatcher(): Promise<Dispatcher> {
  const holder = globalThis as unknown as Record<symbol, Dispatcher | undefined>;
  if (!holder[GLOBAL_DISPATCHER]) await fetch('data:,').then((r) => r.arrayBuffer());
  const found = holder[GLOBAL_DISPATCHER];
  if (!found) throw new Error('Node fetch has no global dispatcher');
  return found;
}

/** A dispatcher with an idle timeout that remembers Retry-After values; see the module comment. */
export class GuardedDispatcher {
  /** Milliseconds of the last Retry-After seen on a 429/503 answer (undefined after `takeRetryAfter`). */
  private retryAfter: string | undefined;
  /** Statuses of answers seen, by status (for logs and tests). */
  readonly statuses = new Map<number, number>();

  private constructor(
    private readonly inner: Dispatcher,
    private readonly idleTimeoutMs: number,
  ) {}

  /** Creates one around Node's fetch dispatcher; `idleTimeoutMs` is how long a request may go without progress. */
  static async create(idleTimeoutMs: number): Promise<GuardedDispatcher> {
    return new GuardedDispatcher(await globalDispatcher(), idleTimeoutMs);
  }

  /** The last Retry-After header value seen (raw), cleared by this call. */
  takeRetryAfter(): string | undefined {
    const value = this.retryAfter;
    this.retryAfter = undefined;
    return value;
  }

  dispatch(options: unknown, handler: Handler): boolean {
    let timer: NodeJS.Timeout | undefined;
    let abort: ((reason?: unknown) => void) | undefined;
    let finished = false;
    const stop = () => {
      finished = true;
      if (timer) clearTimeout(timer);
    };
    const arm = () => {
      if (finished) return;
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => {
        const error = Object.assign(
          new Error(`ETIMEDOUT: no progress for ${this.idleTimeoutMs} ms (the server stalled)`),
          { code: 'ETIMEDOUT' },
        );
        if (abort) abort(error);
        else call('onError', error);
        stop();
      }, this.idleTimeoutMs);
      timer.unref?.();
    };
    const call = (name: string, ...args: unknown[]): unknown => {
      const fn = handler[name];
      return typeof fn === 'function' ? (fn as (...a: unknown[]) => unknown).apply(handler, args) : undefined;
    };
    const wrapped = new Proxy(handler, {
      get: (target, prop, receiver) => {
        switch (prop) {
          case 'onConnect':
            return (abortFn: (reason?: unknown) => void, context: unknown) => {
              abort = abortFn;
              arm();
              return call('onConnect', abortFn, context);
            };
          case 'onBodySent':
            return (...args: unknown[]) => {
              arm();
              return call('onBodySent', ...args);
            };
          case 'onHeaders':
            return (status: number, rawHeaders: unknown[], ...rest: unknown[]) => {
              arm();
              this.statuses.set(status, (this.statuses.get(status) ?? 0) + 1);
              if (status === 429 || status === 503) this.retryAfter = retryAfterOf(rawHeaders) ?? this.retryAfter;
              return call('onHeaders', status, rawHeaders, ...rest);
            };
          case 'onData':
            return (...args: unknown[]) => {
              arm();
              return call('onData', ...args);
            };
          case 'onComplete':
            return (...args: unknown[]) => {
              stop();
              return call('onComplete', ...args);
            };
          case 'onError':
            return (...args: unknown[]) => {
              stop();
              return call('onError', ...args);
            };
          default:
            return Reflect.get(target, prop, receiver);
        }
      },
    });
    arm();
    return this.inner.dispatch(options, wrapped as unknown as Record<string, unknown>);
  }
}

function retryAfterOf(rawHeaders: unknown[]): string | undefined {
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    if (String(rawHeaders[i]).toLowerCase() === 'retry-after') return String(rawHeaders[i + 1]);
  }
  return undefined;
}
