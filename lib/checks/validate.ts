/**
 * One validation run, shared by the `validate` action and `shipline validate`: load the configuration, register its
 * secrets, build every check (configured ones, the migration checks, the blocking-issues check when a GitHub client
 * is given), run them and decide the verdict. Adapters only read their inputs and render the result.
 */
import type { Octokit } from '@octokit/rest';
import type { Clock } from '../core/clock.js';
import type { Logger } from '../core/logger.js';
import type { Redactor } from '../core/redact.js';
import { type ConfigOutcome, loadConfigOutcome } from './config-check.js';
import { registerConfigSecrets, validationChecks } from './from-config.js';
import { migrationChecks } from './migration-checks.js';
import { runChecks } from './runner.js';
import type { CheckResult } from './types.js';

export interface ValidationOptions {
  /** Repository folder the checks run in. */
  cwd: string;
  /** Configuration file, relative to `cwd`. */
  configPath: string;
  /** A missing file means defaults (true only for the default path). */
  allowMissing: boolean;
  /** How the configuration file is named in messages and annotations (default: `configPath`). */
  displayPath?: string;
  /** Environment the checks and their commands see (adapters leave their own inputs and tokens out). */
  env: Record<string, string | undefined>;
  /** Environment about to be deployed; must exist in the configuration. */
  environment?: string;
  /** For the blocking-issues check; skipped without it. */
  github?: { octokit: Octokit; owner: string; repo: string };
  /** Database to plan migrations against; migration lint only without it. */
  databaseUrl?: string;
  /** A warning fails the run too. */
  failOnWarn: boolean;
  logger: Logger;
  redactor: Redactor;
  clock: Clock;
  /** Called as each check finishes (progress lines). */
  onResult?: (result: CheckResult) => void;
}

export interface ValidationResult {
  outcome: ConfigOutcome;
  results: CheckResult[];
  /** No check failed (and, with failOnWarn, none warned). */
  passed: boolean;
}

/** Runs the whole validation; never throws for a failing check or a broken configuration (both are results). */
export async function runValidation(options: ValidationOptions): Promise<ValidationResult> {
  const { redactor } = options;
  redactor.add(options.databaseUrl);
  redactor.addUrlCredentials(options.databaseUrl);
  redactor.add(options.env.PGPASSWORD);
  const outcome = await loadConfigOutcome(options.configPath, {
    cwd: options.cwd,
    allowMissing: options.allowMissing,
    ...(options.displayPath ? { displayPath: options.displayPath } : {}),
  });
  if (outcome.ok) {
    registerConfigSecrets(outcome.config, options.env, redactor);
    if (!outcome.found) options.logger.warning(`${outcome.file} not found; using the defaults`);
  }
  const checks = validationChecks(outcome, {
    ...(options.github ?? {}),
    ...(options.environment !== undefined ? { environment: options.environment } : {}),
    extra: outcome.ok
      ? migrationChecks(outcome.config, {
          cwd: options.cwd,
          redactor,
          ...(options.databaseUrl ? { databaseUrl: options.databaseUrl } : {}),
        })
      : [],
  });
  const summary = await runChecks(
    checks,
    { cwd: options.cwd, logger: options.logger, clock: options.clock, redactor, env: options.env },
    options.onResult ? { onResult: options.onResult } : {},
  );
  const warned = summary.results.some((r) => r.status === 'warn');
  return { outcome, results: summary.results, passed: summary.passed && !(options.failOnWarn && warned) };
}
