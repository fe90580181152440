/**
 * Resolves what to deploy where from `.github/shipline.yml` plus the adapter's overrides (action inputs or CLI
 * flags): one place, so the action and `shipline deploy` agree.
 */
import type { ShiplineConfig } from '../config/schema.js';
import { ConfigError } from '../core/errors.js';

/** Overrides given as inputs or flags; empty strings mean "from the configuration". */
export interface VercelOverrides {
  environment?: string;
  target?: string;
  project?: string;
  teamId?: string;
  outputDir?: string;
  /** Seconds, as text (inputs are text). */
  buildTimeout?: string;
}

/** The resolved Vercel settings of one deploy. */
export interface VercelSettings {
  /** The Shipline environment name (`production`, `preview`, …). */
  environment: string;
  /** The Vercel target: `production`, `preview` or a custom environment slug. */
  target: string;
  project: string;
  teamId: string | undefined;
  outputDir: string;
  buildTimeoutMs: number;
  /** The environment's public URL from the configuration, when set. */
  environmentUrl: string | undefined;
}

/** Merges configuration and overrides; throws ConfigError naming the input/flag or config key to fix. */
export function vercelSettings(
  config: ShiplineConfig,
  overrides: VercelOverrides,
  names: { environment: string; project: string; buildTimeout: string },
): VercelSettings {
  const environment = overrides.environment || 'production';
  const env = config.environments[environment];
  if (!env && !overrides.target) {
    throw new ConfigError(
      'unknown_environment',
      `Environment "${environment}" is not in the configuration (known: ${Object.keys(config.environments).join(', ')}).`,
      { hint: `Add it under environments: in .github/shipline.yml, or fix ${names.environment}.` },
    );
  }
  const project = overrides.project || config.vercel.project;
  if (!project) {
    throw new ConfigError('vercel_project_missing', 'No Vercel project: set vercel.project in .github/shipline.yml.', {
      hint: `Or pass ${names.project} (the project name or prj_ id from the Vercel dashboard).`,
    });
  }
  let buildTimeoutMs = config.vercel['build-timeout'] * 1000;
  if (overrides.buildTimeout) {
    const seconds = Number(overrides.buildTimeout);
    if (!Number.isFinite(seconds) || seconds <= 0) {
      throw new ConfigError(
        'input_invalid',
        `${names.buildTimeout} must be a positive number of seconds, got "${overrides.buildTimeout}".`,
        {
          hint: 'e.g. 900 for 15 minutes.',
        },
      );
    }
    buildTimeoutMs = seconds * 1000;
  }
  return {
    environment,
    target: overrides.target || env?.['vercel-target'] || 'preview',
    project,
    teamId: overrides.teamId || config.vercel['team-id'],
    outputDir: overrides.outputDir || config.vercel['output-dir'],
    buildTimeoutMs,
    environmentUrl: env?.url,
  };
}
