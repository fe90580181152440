/** Latency percentiles by the nearest-rank method (no interpolation: every value reported was observed). */

/** The p-th percentile (0 < p ≤ 100) of `values` by nearest rank; undefined for an empty list. */
export function percentile(values: readonly number[], p: number): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1];
}

/** p50, p95, p99 and max of `values` (all undefined when empty). */
export function latencySummary(values: readonly number[]): {
  p50?: number;
  p95?: number;
  p99?: number;
  max?: number;
} {
  if (values.length === 0) return {};
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.max(1, Math.ceil((p / 100) * sorted.length)) - 1];
  return { p50: at(50), p95: at(95), p99: at(99), max: sorted[sorted.length - 1] };
}
