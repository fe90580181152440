/**
 * The smoke operation: probes from config against one deployment, analysed, returned as an Outcome that actions,
 * the CLI, rollback and the bot all read the same way.
 */
import type { SmokeConfig } from '../config/schema.js';
import type { Clock } from '../core/clock.js';
import type { Logger } from '../core/logger.js';
import { failed, inconclusive, type Outcome, succeeded } from '../release/outcome.js';
import { type ProbeTargets, probesFromConfig } from './from-config.js';
import { runSmoke, type SmokeRun } from './runner.js';

export interface SmokeDetails {
  target: string;
  run: SmokeRun;
  /** Configured probes that could not run (no Supabase client or database URL given). */
  skipped: string[];
}

/** Runs the smoke settings `config` against `targets.baseUrl`; the outcome's reason is the first verdict reason. */
export async function smokeDeployment(
  config: SmokeConfig,
  targets: ProbeTargets,
  deps: { clock: Clock; logger: Logger; signal?: AbortSignal },
): Promise<Outcome<SmokeDetails>> {
  const { probes, skipped } = probesFromConfig(config, targets);
  for (const name of skipped) {
    deps.logger.warning(
      `Smoke probe "${name}" skipped: give a Supabase URL and anon key (or a database URL for SQL probes).`,
    );
  }
  const run = await runSmoke({
    probes,
    rounds: config.rounds,
    intervalMs: config.interval * 1000,
    warmupMs: config.warmup * 1000,
    concurrency: config.concurrency,
    thresholds: {
      maxErrorRate: config['max-error-rate'],
      failureLimit: config['failure-limit'],
      consecutiveErrorLimit: config['consecutive-error-limit'],
      p95WarnMs: config['p95-ms'],
      p95FailMs: config['p95-fail-ms'],
    },
    clock: deps.clock,
    logger: deps.logger,
    signal: deps.signal,
  });
  const details: SmokeDetails = { target: targets.baseUrl, run, skipped };
  const { analysis } = run;
  const first = analysis.reasons[0];
  if (analysis.verdict === 'fail') {
    return failed('smoke-failed', `Smoke failed on ${targets.baseUrl}: ${first?.message ?? 'see the report'}`, details);
  }
  if (analysis.verdict === 'inconclusive') {
    return inconclusive(
      'too-few-answers',
      `Smoke was inconclusive on ${targets.baseUrl}: ${first?.message ?? ''}`,
      details,
    );
  }
  const warn = analysis.warnings.length > 0 ? ` (${analysis.warnings.length} warning(s))` : '';
  return succeeded(`Smoke passed on ${targets.baseUrl}: ${analysis.overall.samples} requests${warn}.`, details);
}
