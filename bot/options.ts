/** How the bot is set up by the process that hosts it (server.ts, action.ts, tests, the benchmark). */
import type { ChatOpsWorkflows } from '../lib/chatops/deps.js';
import type { Clock } from '../lib/core/clock.js';

export interface ShiplineBotOptions {
  clock?: Clock;
  workflows?: Partial<ChatOpsWorkflows>;
  /** Lock lifetime in ms before it counts as stale (default: lib/release DEFAULT_LOCK_TTL_MS). */
  lockTtlMs?: number;
  /**
   * Runs a handler's work. Hosted: start it and return, so the webhook is answered at once (GitHub waits 10 s).
   * Inside Actions: await it (the default), so the process ends when the work has.
   */
  defer?: (work: () => Promise<void>, event: { name: string; deliveryId: string }) => Promise<void> | void;
  /** Delivery ids already acted on (a replayed `X-GitHub-Delivery` acts once). */
  deliveries?: DeliveryLog;
  /** Called with each handler's outcome name and duration (the benchmark listens). */
  onHandled?: (event: { name: string; deliveryId: string; result: string }) => void;
}

/** Remembers the last `capacity` delivery ids; `claim` is true only the first time an id is seen. */
export class DeliveryLog {
  private readonly ids = new Set<string>();
  constructor(private readonly capacity = 10_000) {}

  claim(id: string): boolean {
    if (this.ids.has(id)) return false;
    this.ids.add(id);
    if (this.ids.size > this.capacity) {
      const oldest = this.ids.values().next().value;
      if (oldest !== undefined) this.ids.delete(oldest);
    }
    return true;
  }
}

/** Runs tasks with the same key one after another (tasks with other keys run alongside). */
export class KeyedQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const next = previous.then(task, task);
    const tail = next.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return next;
  }
}
