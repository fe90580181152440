/**
 * Fault injection shared by every emulator: a rule matches requests by method and path and makes the emulator
 * answer with a status (429 + Retry-After, 5xx), add latency, stall forever, or reset the connection.
 */
export interface FaultRule {
  /** HTTP method to match; any when omitted. */
  method?: string;
  /** Path to match (without query): exact, with `*` wildcards (`/v13/deployments/*`), or a RegExp source in `/…/`. */
  path?: string;
  /** Answer with this status instead of handling the request. */
  status?: number;
  /** Extra headers for the faulty answer, e.g. `{ 'retry-after': '1' }`. */
  headers?: Record<string, string>;
  /** JSON body for the faulty answer; a generic error body when omitted. */
  body?: unknown;
  /** Wait this long before answering (or before handling normally when no other effect is set). */
  delayMs?: number;
  /** Never answer; the connection stays open until the client gives up or the server closes. */
  stall?: boolean;
  /** Destroy the socket without an answer. */
  reset?: boolean;
  /** Apply to this many matching requests, then expire. Unlimited when omitted. */
  times?: number;
}

interface ActiveRule extends FaultRule {
  id: number;
  remaining: number;
  matcher: (method: string, path: string) => boolean;
}

function pathMatcher(pattern: string | undefined): (path: string) => boolean {
  if (!pattern) return () => true;
  if (pattern.length > 2 && pattern.startsWith('/') && pattern.endsWith('/') && pattern.includes('\\')) {
    const re = new RegExp(pattern.slice(1, -1));
    return (p) => re.test(p);
  }
  if (!pattern.includes('*')) return (p) => p === pattern;
  const re = new RegExp(`^${pattern.split('*').map(escapeRegExp).join('[^?]*')}$`);
  return (p) => re.test(p);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Holds the active fault rules of one emulator. */
export class FaultInjector {
  private rules: ActiveRule[] = [];
  private nextId = 1;

  /** Adds a rule; returns its id (for `remove`). Newest rules win. */
  add(rule: FaultRule): number {
    const id = this.nextId++;
    const method = rule.method?.toUpperCase();
    const matchPath = pathMatcher(rule.path);
    this.rules.unshift({
      ...rule,
      id,
      remaining: rule.times ?? Number.POSITIVE_INFINITY,
      matcher: (m, p) => (method === undefined || method === m) && matchPath(p),
    });
    return id;
  }

  remove(id: number): void {
    this.rules = this.rules.filter((r) => r.id !== id);
  }

  clear(): void {
    this.rules = [];
  }

  /** Returns (and consumes one use of) the first rule matching the request, if any. */
  take(method: string, path: string): FaultRule | undefined {
    const rule = this.rules.find((r) => r.remaining > 0 && r.matcher(method.toUpperCase(), path));
    if (!rule) return undefined;
    rule.remaining--;
    if (rule.remaining <= 0) this.remove(rule.id);
    return rule;
  }

  list(): FaultRule[] {
    return this.rules.map(({ matcher: _m, id: _i, remaining: _r, ...rule }) => rule);
  }
}

/** Counts requests per route (`METHOD /route/:pattern`) so tests can assert exact call counts. */
export class RequestLog {
  private readonly counts = new Map<string, number>();
  readonly entries: Array<{ method: string; path: string; route: string; status: number }> = [];

  record(method: string, path: string, route: string, status: number): void {
    const key = `${method} ${route}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    this.entries.push({ method, path, route, status });
  }

  /** Requests seen for `METHOD /route` (the route pattern as registered, e.g. `GET /v13/deployments/:id`). */
  count(key: string): number {
    return this.counts.get(key) ?? 0;
  }

  snapshot(): Record<string, number> {
    return Object.fromEntries(this.counts);
  }

  reset(): void {
    this.counts.clear();
    this.entries.length = 0;
  }
}

/**
 * Carries out a matched fault rule: waits `delayMs`, then resets, stalls or answers via `answer(status, headers,
 * body)`. Returns the status to record (0 for reset/stall), or undefined when the request should be handled normally.
 */
export async function applyFault(
  fault: FaultRule,
  socket: { destroy(): void },
  answer: (status: number, headers: Record<string, string>, body: unknown) => void,
): Promise<number | undefined> {
  if (fault.delayMs) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
  if (fault.reset) {
    socket.destroy();
    return 0;
  }
  if (fault.stall) return 0; // never answer; the server's close() destroys the socket
  if (fault.status) {
    answer(fault.status, { ...fault.headers }, fault.body);
    return fault.status;
  }
  return undefined;
}
