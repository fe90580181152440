/** Helpers every probe uses: a per-probe deadline joined with the run's signal, and a monotonic stopwatch. */

/** A signal that aborts when `outer` aborts or `timeoutMs` passes. */
export function probeSignal(outer: AbortSignal, timeoutMs: number): AbortSignal {
  return AbortSignal.any([outer, AbortSignal.timeout(timeoutMs)]);
}

/** Milliseconds elapsed since `start` (from performance.now()). */
export function elapsed(start: number): number {
  return performance.now() - start;
}

/** Describes a thrown value from a probe (a timeout, a reset) in a few words. */
export function probeErrorText(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return `no answer within ${timeoutMs} ms`;
  }
  const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return error instanceof Error ? `${error.message}${cause}` : String(error);
}

/** Applies a latency budget: an answer that met every other expectation but came late is still an error. */
export function overBudget(latencyMs: number, budgetMs: number | undefined): string | undefined {
  return budgetMs !== undefined && latencyMs > budgetMs
    ? `took ${Math.round(latencyMs)} ms, budget ${budgetMs} ms`
    : undefined;
}
