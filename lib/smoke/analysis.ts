/**
 * Smoke analysis in the manner of Argo Rollouts' analysis runs: samples from rounds become per-probe and overall
 * error rates and latency percentiles, and a verdict (pass / fail / inconclusive) with machine-readable reasons.
 */
import type { ReasonCode } from '../release/outcome.js';
import { latencySummary } from './percentiles.js';
import type { Sample, SmokeThresholds } from './types.js';

export type Verdict = 'pass' | 'fail' | 'inconclusive';

/** Why the verdict is what it is; `probe` is absent for findings about the whole run. */
export interface VerdictReason {
  code: ReasonCode;
  probe?: string;
  message: string;
}

/** Numbers for one probe, or for all probes together. */
export interface ProbeStats {
  name: string;
  samples: number;
  errors: number;
  /** errors / samples (0 when there are no samples). */
  errorRate: number;
  /** Samples where the target answered at all. */
  answered: number;
  /** Longest run of consecutive errors. */
  maxConsecutiveErrors: number;
  p50?: number;
  p95?: number;
  p99?: number;
  max?: number;
}

export interface SmokeAnalysis {
  verdict: Verdict;
  /** Reasons for a fail or inconclusive verdict (empty on pass). */
  reasons: VerdictReason[];
  /** Findings that do not change the verdict (p95 above the warning threshold). */
  warnings: VerdictReason[];
  probes: ProbeStats[];
  overall: ProbeStats;
}

function stats(name: string, samples: readonly Sample[]): ProbeStats {
  let errors = 0;
  let answered = 0;
  let run = 0;
  let maxRun = 0;
  for (const s of [...samples].sort((a, b) => a.round - b.round || a.at - b.at)) {
    if (s.answered) answered++;
    if (s.ok) {
      run = 0;
    } else {
      errors++;
      run++;
      maxRun = Math.max(maxRun, run);
    }
  }
  const latencies = samples.filter((s) => s.answered).map((s) => s.latencyMs);
  return {
    name,
    samples: samples.length,
    errors,
    errorRate: samples.length === 0 ? 0 : errors / samples.length,
    answered,
    maxConsecutiveErrors: maxRun,
    ...latencySummary(latencies),
  };
}

const percent = (rate: number) => `${(rate * 100).toFixed(1)} %`;

/** Judges counted samples (round ≥ 1; warm-up samples are ignored) of `probeNames` against `thresholds`. */
export function analyse(
  probeNames: readonly string[],
  samples: readonly Sample[],
  thresholds: SmokeThresholds,
): SmokeAnalysis {
  const counted = samples.filter((s) => s.round >= 1);
  const probes = probeNames.map((name) =>
    stats(
      name,
      counted.filter((s) => s.probe === name),
    ),
  );
  const overall = stats('all probes', counted);
  const reasons: VerdictReason[] = [];
  const warnings: VerdictReason[] = [];

  for (const p of probes) {
    if (p.samples > 0 && p.errorRate > thresholds.maxErrorRate) {
      reasons.push({
        code: 'error-rate-exceeded',
        probe: p.name,
        message: `${p.name}: ${p.errors} of ${p.samples} requests failed (${percent(p.errorRate)}, limit ${percent(thresholds.maxErrorRate)}).`,
      });
    }
    if (p.maxConsecutiveErrors >= thresholds.consecutiveErrorLimit) {
      reasons.push({
        code: 'consecutive-errors',
        probe: p.name,
        message: `${p.name}: ${p.maxConsecutiveErrors} consecutive errors (limit ${thresholds.consecutiveErrorLimit}).`,
      });
    }
    if (p.p95 !== undefined && p.p95 > thresholds.p95FailMs) {
      reasons.push({
        code: 'latency-exceeded',
        probe: p.name,
        message: `${p.name}: p95 latency ${Math.round(p.p95)} ms is above ${thresholds.p95FailMs} ms.`,
      });
    } else if (p.p95 !== undefined && p.p95 > thresholds.p95WarnMs) {
      warnings.push({
        code: 'latency-warning',
        probe: p.name,
        message: `${p.name}: p95 latency ${Math.round(p.p95)} ms is above the ${thresholds.p95WarnMs} ms warning threshold.`,
      });
    }
  }
  if (overall.samples > 0 && overall.errorRate > thresholds.maxErrorRate) {
    reasons.push({
      code: 'error-rate-exceeded',
      message: `${overall.errors} of ${overall.samples} requests failed in all (${percent(overall.errorRate)}, limit ${percent(thresholds.maxErrorRate)}).`,
    });
  }
  if (thresholds.failureLimit !== undefined && overall.errors > thresholds.failureLimit) {
    reasons.push({
      code: 'failure-limit-reached',
      message: `${overall.errors} failed requests, more than the failure limit of ${thresholds.failureLimit}.`,
    });
  }
  if (reasons.length > 0) return { verdict: 'fail', reasons, warnings, probes, overall };

  const short = probes.filter((p) => p.samples < thresholds.expectedRounds);
  if (probeNames.length === 0 || short.length > 0) {
    const inconclusiveReasons: VerdictReason[] =
      probeNames.length === 0
        ? [{ code: 'too-few-answers', message: 'No probes are configured, so nothing was measured.' }]
        : short.map((p) => ({
            code: 'too-few-answers' as const,
            probe: p.name,
            message: `${p.name}: ${p.samples} of ${thresholds.expectedRounds} rounds completed before the deadline.`,
          }));
    return { verdict: 'inconclusive', reasons: inconclusiveReasons, warnings, probes, overall };
  }
  return { verdict: 'pass', reasons: [], warnings, probes, overall };
}

/** True when the samples so far already decide a fail, so the runner may stop early (Argo's fail-fast). */
export function failedEarly(samples: readonly Sample[], thresholds: SmokeThresholds): boolean {
  const counted = samples.filter((s) => s.round >= 1);
  const errors = counted.filter((s) => !s.ok).length;
  if (thresholds.failureLimit !== undefined && errors > thresholds.failureLimit) return true;
  const byProbe = new Map<string, Sample[]>();
  for (const s of counted) byProbe.set(s.probe, [...(byProbe.get(s.probe) ?? []), s]);
  for (const list of byProbe.values()) {
    if (stats('', list).maxConsecutiveErrors >= thresholds.consecutiveErrorLimit) return true;
  }
  return false;
}
