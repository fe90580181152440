/** Shapes shared by smoke probes, the runner and the analysis. */

/** One probe's answer in one round. */
export interface ProbeResult {
  /** True when the answer met every expectation (status, body, JSON, headers, latency budget). */
  ok: boolean;
  /** True when the target answered at all (any HTTP status or query result); false for network errors and timeouts. */
  answered: boolean;
  latencyMs: number;
  /** HTTP status, when there was one. */
  status?: number;
  /** Why it failed, for the report (already redacted). */
  error?: string;
}

/** A probe: something that can be asked once and tells whether the answer was healthy. */
export interface Probe {
  /** Unique label shown in reports. */
  name: string;
  kind: 'http' | 'supabase-function' | 'supabase-table' | 'sql';
  /** Latency budget in ms; a slower answer is an error. */
  latencyBudgetMs?: number;
  run(signal: AbortSignal): Promise<ProbeResult>;
}

/** A recorded answer: which probe, which round (0 = warm-up), when. */
export interface Sample extends ProbeResult {
  probe: string;
  round: number;
  /** Milliseconds since the smoke run started. */
  at: number;
}

/** Thresholds of the analysis (from the `smoke` config section). */
export interface SmokeThresholds {
  maxErrorRate: number;
  failureLimit?: number;
  consecutiveErrorLimit: number;
  p95WarnMs: number;
  p95FailMs: number;
  /** Samples expected per probe; fewer (e.g. a deadline cut the run short) makes the verdict inconclusive. */
  expectedRounds: number;
}
