import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyse, failedEarly } from '../../../lib/smoke/analysis.js';
import type { Sample, SmokeThresholds } from '../../../lib/smoke/types.js';

const thresholds: SmokeThresholds = {
  maxErrorRate: 0.05,
  consecutiveErrorLimit: 3,
  p95WarnMs: 2000,
  p95FailMs: 5000,
  expectedRounds: 3,
};

function sample(probe: string, round: number, ok: boolean, latencyMs = 50): Sample {
  return {
    probe,
    round,
    ok,
    answered: true,
    latencyMs,
    at: round * 10,
    ...(ok ? {} : { status: 500, error: 'status 500' }),
  };
}

function rounds(probe: string, oks: boolean[], latency = 50): Sample[] {
  return oks.map((ok, i) => sample(probe, i + 1, ok, latency));
}

describe('analyse', () => {
  it('passes healthy probes and ignores warm-up samples', () => {
    const samples = [sample('home', 0, false), sample('home', 0, false), ...rounds('home', [true, true, true])];
    const result = analyse(['home'], samples, thresholds);
    expect(result.verdict).toBe('pass');
    expect(result.overall).toMatchObject({ samples: 3, errors: 0, errorRate: 0, p50: 50, p95: 50 });
  });

  it('fails a probe whose error rate is above the limit, naming it', () => {
    const ok = Array.from({ length: 19 }, () => true);
    const passing = analyse(['api'], rounds('api', [...ok, false]), { ...thresholds, expectedRounds: 20 });
    expect(passing.verdict).toBe('pass'); // 1 of 20 = 5 %: at the limit, not above it
    const failing = analyse(['api'], rounds('api', [...ok.slice(1), false, false]), {
      ...thresholds,
      expectedRounds: 20,
    });
    expect(failing.verdict).toBe('fail');
    expect(failing.reasons.map((r) => [r.code, r.probe])).toContainEqual(['error-rate-exceeded', 'api']);
  });

  it('fails on consecutive errors and on the failure limit', () => {
    const streak = analyse(['a'], rounds('a', [true, false, false, false, true]), {
      ...thresholds,
      maxErrorRate: 1,
      expectedRounds: 5,
    });
    expect(streak.reasons.map((r) => r.code)).toEqual(['consecutive-errors']);
    const limit = analyse(['a', 'b'], [...rounds('a', [false, true, false]), ...rounds('b', [true, false, true])], {
      ...thresholds,
      maxErrorRate: 1,
      failureLimit: 2,
    });
    expect(limit.verdict).toBe('fail');
    expect(limit.reasons.map((r) => r.code)).toEqual(['failure-limit-reached']);
  });

  it('warns above the p95 warning threshold and fails above the fail threshold', () => {
    const slow = analyse(['s'], rounds('s', [true, true, true], 2500), thresholds);
    expect(slow.verdict).toBe('pass');
    expect(slow.warnings.map((w) => w.code)).toEqual(['latency-warning']);
    const slower = analyse(['s'], rounds('s', [true, true, true], 5001), thresholds);
    expect(slower.verdict).toBe('fail');
    expect(slower.reasons.map((r) => r.code)).toEqual(['latency-exceeded']);
  });

  it('is inconclusive when rounds are missing or nothing is configured', () => {
    const cut = analyse(['a', 'b'], [...rounds('a', [true, true, true]), ...rounds('b', [true])], thresholds);
    expect(cut.verdict).toBe('inconclusive');
    expect(cut.reasons).toEqual([expect.objectContaining({ code: 'too-few-answers', probe: 'b' })]);
    expect(analyse([], [], thresholds).verdict).toBe('inconclusive');
  });

  it('never passes when any probe is above the error limit (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.boolean(), { minLength: 3, maxLength: 12 }), { minLength: 1, maxLength: 5 }),
        (matrix) => {
          const names = matrix.map((_, i) => `p${i}`);
          const samples = matrix.flatMap((oks, i) => rounds(`p${i}`, oks));
          const result = analyse(names, samples, { ...thresholds, consecutiveErrorLimit: 100 });
          const worst = Math.max(...matrix.map((oks) => oks.filter((ok) => !ok).length / oks.length));
          if (worst > thresholds.maxErrorRate) expect(result.verdict).toBe('fail');
          else expect(result.verdict).toBe('pass');
        },
      ),
    );
  });
});

describe('failedEarly', () => {
  it('is true once a streak or the failure limit decides the verdict', () => {
    expect(failedEarly(rounds('a', [false, false]), thresholds)).toBe(false);
    expect(failedEarly(rounds('a', [false, false, false]), thresholds)).toBe(true);
    expect(failedEarly(rounds('a', [false, true, false]), { ...thresholds, failureLimit: 1 })).toBe(true);
    expect(failedEarly([sample('a', 0, false), sample('a', 0, false), sample('a', 0, false)], thresholds)).toBe(false);
  });
});
