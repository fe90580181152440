/**
 * Runs a smoke analysis: a warm-up that retries every probe until it first answers healthily (or the warm-up
 * deadline passes), then `rounds` rounds `interval` apart with at most `concurrency` probes in flight, stopping early
 * once the failure is certain. Returns every sample and the analysis.
 */
import type { Clock } from '../core/clock.js';
import type { Logger } from '../core/logger.js';
import { analyse, failedEarly, type SmokeAnalysis } from './analysis.js';
import { mapBounded } from './pool.js';
import type { Probe, Sample, SmokeThresholds } from './types.js';

export interface SmokeRunOptions {
  probes: readonly Probe[];
  rounds: number;
  /** Milliseconds between the start of one round and the next. */
  intervalMs: number;
  /** Milliseconds the warm-up may last; 0 skips it. */
  warmupMs: number;
  concurrency: number;
  thresholds: Omit<SmokeThresholds, 'expectedRounds'>;
  clock: Clock;
  logger: Logger;
  /** Cancels the run; what was measured so far is analysed (usually inconclusive). */
  signal?: AbortSignal;
}

export interface SmokeRun {
  analysis: SmokeAnalysis;
  samples: Sample[];
  warmupMs: number;
  durationMs: number;
  /** True when the run stopped before its last round because the failure was already certain. */
  stoppedEarly: boolean;
}

const WARMUP_RETRY_MS = [250, 500, 1000, 2000];

/** Runs warm-up and rounds of `options.probes` and analyses the samples. */
export async function runSmoke(options: SmokeRunOptions): Promise<SmokeRun> {
  const { clock, logger } = options;
  const signal = options.signal ?? new AbortController().signal;
  const started = clock.now().getTime();
  const since = () => clock.now().getTime() - started;
  const samples: Sample[] = [];
  const thresholds: SmokeThresholds = { ...options.thresholds, expectedRounds: options.rounds };

  const ask = async (probe: Probe, round: number): Promise<Sample> => {
    const result = await probe.run(signal);
    const sample: Sample = { ...result, probe: probe.name, round, at: since() };
    samples.push(sample);
    return sample;
  };

  // Warm-up: every probe retried until its first healthy answer or the deadline; none of it is counted.
  if (options.warmupMs > 0) {
    const deadline = started + options.warmupMs;
    const cold = await mapBounded(options.probes, options.concurrency, async (probe) => {
      for (let attempt = 0; !signal.aborted; attempt++) {
        if ((await ask(probe, 0)).ok) return undefined;
        const wait = WARMUP_RETRY_MS[Math.min(attempt, WARMUP_RETRY_MS.length - 1)] ?? 1000;
        if (clock.now().getTime() + wait >= deadline) return probe.name;
        await clock.sleep(wait, signal).catch(() => undefined);
      }
      return probe.name;
    });
    const stillCold = cold.filter((name): name is string => name !== undefined);
    if (stillCold.length > 0) {
      logger.warning(`Warm-up ended without a healthy answer from: ${stillCold.join(', ')}.`);
    }
  }
  const warmupMs = since();

  let stoppedEarly = false;
  for (let round = 1; round <= options.rounds && !signal.aborted; round++) {
    const roundStart = clock.now().getTime();
    const results = await mapBounded(options.probes, options.concurrency, (probe) => ask(probe, round));
    const failures = results.filter((s) => !s.ok).length;
    logger.info(`Round ${round}/${options.rounds}: ${results.length - failures} healthy, ${failures} failed.`);
    if (failedEarly(samples, thresholds)) {
      stoppedEarly = round < options.rounds;
      break;
    }
    if (round < options.rounds) {
      const wait = options.intervalMs - (clock.now().getTime() - roundStart);
      if (wait > 0) await clock.sleep(wait, signal).catch(() => undefined);
    }
  }

  const analysis = analyse(
    options.probes.map((p) => p.name),
    samples,
    stoppedEarly ? { ...thresholds, expectedRounds: 0 } : thresholds,
  );
  return { analysis, samples, warmupMs, durationMs: since(), stoppedEarly };
}
