import type { CheckContext } from '../../../lib/checks/types.js';
import type { Clock } from '../../../lib/core/clock.js';
import { MemoryLogger } from '../../../lib/core/logger.js';
import { Redactor } from '../../../lib/core/redact.js';

/** A clock pinned at `at`; sleeping returns at once. */
export function fixedClock(at: Date | string): Clock {
  const date = new Date(at);
  return { now: () => new Date(date), sleep: async () => {} };
}

/** A CheckContext for tests: memory logger, fresh redactor, fixed clock; env defaults to PATH only. */
export function checkContext(overrides: Partial<CheckContext> = {}): CheckContext & { logger: MemoryLogger } {
  return {
    cwd: process.cwd(),
    clock: fixedClock('2026-11-22T12:00:00Z'),
    redactor: new Redactor(),
    env: { PATH: process.env.PATH },
    ...overrides,
    logger: (overrides.logger as MemoryLogger | undefined) ?? new MemoryLogger(),
  };
}
