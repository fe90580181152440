import type { Clock } from '../core/clock.js';
import type { Logger } from '../core/logger.js';
import type { Redactor } from '../core/redact.js';

/** The outcome of one pre-deploy check. */
export type CheckStatus = 'pass' | 'warn' | 'fail' | 'skip';

/** A finding tied to a file and line (becomes an annotation in Actions). */
export interface CheckFinding {
  severity: 'error' | 'warning';
  message: string;
  file?: string;
  line?: number;
  rule?: string;
}

/** What a check returns. `durationMs` is filled in by the runner. */
export interface CheckResult {
  id: string;
  title: string;
  status: CheckStatus;
  message: string;
  durationMs: number;
  /** Optional detail lines (e.g. the tail of a failed command's output). */
  details?: string;
  findings?: CheckFinding[];
}

/** Everything a check may use; injected so actions, CLI and tests drive the same code. */
export interface CheckContext {
  /** Directory of the repository being validated. */
  cwd: string;
  logger: Logger;
  clock: Clock;
  redactor: Redactor;
  /** Environment visible to the checks (adapters pass process.env once; tests pass their own). */
  env: Record<string, string | undefined>;
  signal?: AbortSignal;
}

/**
 * A pluggable check. `run` never throws for a failing condition: it returns `fail` with a message.
 * A thrown error means the check could not run; the runner turns it into a `fail` naming the error.
 */
export interface Check {
  id: string;
  title: string;
  run(ctx: CheckContext): Promise<Omit<CheckResult, 'id' | 'title' | 'durationMs'>>;
}
