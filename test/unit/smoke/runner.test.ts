import { describe, expect, it } from 'vitest';
import { systemClock } from '../../../lib/core/clock.js';
import { MemoryLogger } from '../../../lib/core/logger.js';
import { runSmoke } from '../../../lib/smoke/runner.js';
import type { Probe, ProbeResult } from '../../../lib/smoke/types.js';

/** A probe answering from a script: one entry per call (the last one repeats). */
function scripted(
  name: string,
  script: boolean[],
  latencyMs = 10,
): Probe & { calls: number; inFlight: number; peak: number } {
  const probe = {
    name,
    kind: 'http' as const,
    calls: 0,
    inFlight: 0,
    peak: 0,
    async run(): Promise<ProbeResult> {
      const ok = script[Math.min(probe.calls, script.length - 1)] ?? true;
      probe.calls++;
      probe.inFlight++;
      probe.peak = Math.max(probe.peak, probe.inFlight);
      await new Promise((r) => setTimeout(r, 5));
      probe.inFlight--;
      return { ok, answered: true, latencyMs, ...(ok ? { status: 200 } : { status: 503, error: 'status 503' }) };
    },
  };
  return probe;
}

const thresholds = { maxErrorRate: 0.05, consecutiveErrorLimit: 3, p95WarnMs: 2000, p95FailMs: 5000 };

describe('runSmoke', () => {
  it('retries during warm-up without counting it, then runs every round', async () => {
    const waking = scripted('waking', [false, false, true]);
    const logger = new MemoryLogger();
    const run = await runSmoke({
      probes: [waking],
      rounds: 3,
      intervalMs: 0,
      warmupMs: 10_000,
      concurrency: 4,
      thresholds,
      clock: systemClock,
      logger,
    });
    expect(run.analysis.verdict).toBe('pass');
    expect(waking.calls).toBe(6); // 3 warm-up calls, then 3 rounds
    expect(run.samples.filter((s) => s.round === 0)).toHaveLength(3);
    expect(run.analysis.overall.samples).toBe(3);
  });

  it('stops early once consecutive errors decide the verdict', async () => {
    const broken = scripted('broken', [false]);
    const run = await runSmoke({
      probes: [broken],
      rounds: 10,
      intervalMs: 0,
      warmupMs: 0,
      concurrency: 1,
      thresholds,
      clock: systemClock,
      logger: new MemoryLogger(),
    });
    expect(run.analysis.verdict).toBe('fail');
    expect(run.stoppedEarly).toBe(true);
    expect(broken.calls).toBe(3);
    expect(run.analysis.reasons.map((r) => r.code)).toContain('consecutive-errors');
  });

  it('keeps at most `concurrency` probes in flight', async () => {
    let inFlight = 0;
    let peak = 0;
    const probes: Probe[] = Array.from({ length: 12 }, (_, i) => ({
      name: `p${i}`,
      kind: 'http',
      async run() {
        inFlight++;
        peak = Math.max(peak, inFlight);
        await new Promise((r) => setTimeout(r, 10));
        inFlight--;
        return { ok: true, answered: true, latencyMs: 10 };
      },
    }));
    const run = await runSmoke({
      probes,
      rounds: 2,
      intervalMs: 0,
      warmupMs: 0,
      concurrency: 3,
      thresholds,
      clock: systemClock,
      logger: new MemoryLogger(),
    });
    expect(peak).toBe(3);
    expect(run.analysis.overall.samples).toBe(24);
  });

  it('is inconclusive when cancelled before the rounds are done', async () => {
    const controller = new AbortController();
    const slow = scripted('slow', [true]);
    setTimeout(() => controller.abort(), 50);
    const run = await runSmoke({
      probes: [slow],
      rounds: 5,
      intervalMs: 1000,
      warmupMs: 0,
      concurrency: 1,
      thresholds,
      clock: systemClock,
      logger: new MemoryLogger(),
      signal: controller.signal,
    });
    expect(run.analysis.verdict).toBe('inconclusive');
    expect(run.analysis.reasons[0]?.code).toBe('too-few-answers');
  });
});
