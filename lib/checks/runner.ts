import { describeError } from '../core/errors.js';
import type { Check, CheckContext, CheckResult } from './types.js';

/** The outcome of a validation run. */
export interface CheckRunSummary {
  /** True when no check failed (warnings and skips do not fail a run). */
  passed: boolean;
  results: CheckResult[];
}

export interface RunChecksOptions {
  /** Milliseconds clock for durations; default `performance.now`. Tests inject a fake. */
  now?: () => number;
  /** Called after each check (adapters stream progress). */
  onResult?: (result: CheckResult) => void;
}

/**
 * Runs `checks` one after another. A check that throws becomes a `fail` naming the error (redacted); it never
 * stops the others. Each result carries its duration. `passed` is false when any check failed.
 */
export async function runChecks(
  checks: readonly Check[],
  ctx: CheckContext,
  options: RunChecksOptions = {},
): Promise<CheckRunSummary> {
  const now = options.now ?? (() => performance.now());
  const results: CheckResult[] = [];
  for (const check of checks) {
    const started = now();
    let result: CheckResult;
    try {
      if (ctx.signal?.aborted) throw new Error('cancelled before it started');
      const outcome = await check.run(ctx);
      result = {
        ...outcome,
        id: check.id,
        title: check.title,
        message: ctx.redactor.redact(outcome.message),
        details: outcome.details === undefined ? undefined : ctx.redactor.redact(outcome.details),
        findings: outcome.findings?.map((f) => ({ ...f, message: ctx.redactor.redact(f.message) })),
        durationMs: 0,
      };
      if (result.details === undefined) delete result.details;
      if (result.findings === undefined) delete result.findings;
    } catch (error) {
      result = {
        id: check.id,
        title: check.title,
        status: 'fail',
        message: ctx.redactor.redact(`the check could not run: ${describeError(error).replace(/\n/g, ' ')}`),
        durationMs: 0,
      };
    }
    result.durationMs = Math.max(0, Math.round(now() - started));
    results.push(result);
    options.onResult?.(result);
  }
  return { passed: results.every((r) => r.status !== 'fail'), results };
}
