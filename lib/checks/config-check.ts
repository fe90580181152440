import { type ConfigIssue, describeConfigIssue, formatConfigIssue, InvalidConfigError } from '../config/errors.js';
import { type LoadConfigOptions, loadConfig } from '../config/loader.js';
import type { ShiplineConfig } from '../config/schema.js';
import type { Check, CheckFinding } from './types.js';

/** What the adapter learned when loading the configuration. */
export type ConfigOutcome =
  | { ok: true; file: string; found: boolean; config: ShiplineConfig }
  | { ok: false; file: string; issues: ConfigIssue[] };

/** Id of the configuration check in reports. */
export const CONFIG_CHECK_ID = 'config';

/**
 * The "configuration valid" check: passes with a short description of the loaded file, or fails with one
 * finding per problem (file and line, so Actions annotates the offending line).
 */
export function configCheck(outcome: ConfigOutcome): Check {
  return {
    id: CONFIG_CHECK_ID,
    title: 'Configuration',
    async run() {
      if (!outcome.ok) {
        const findings: CheckFinding[] = outcome.issues.map((issue) => ({
          severity: 'error',
          message: describeConfigIssue(issue),
          file: issue.file,
          ...(issue.line === undefined ? {} : { line: issue.line }),
          rule: 'config',
        }));
        const count = outcome.issues.length;
        return {
          status: 'fail',
          message: `${outcome.file} has ${count} problem${count === 1 ? '' : 's'}`,
          details: outcome.issues.map(formatConfigIssue).join('\n'),
          findings,
        };
      }
      if (!outcome.found) {
        return { status: 'warn', message: `${outcome.file} not found; using the defaults` };
      }
      const envs = Object.keys(outcome.config.environments);
      return {
        status: 'pass',
        message: `${outcome.file} is valid (environments: ${envs.join(', ')})`,
      };
    },
  };
}

/**
 * Loads the configuration and captures a broken file as a failed outcome instead of throwing, so the caller can
 * still report every problem as a check. Other errors (e.g. permission denied on the disk) still throw.
 */
export async function loadConfigOutcome(path: string, options: LoadConfigOptions = {}): Promise<ConfigOutcome> {
  try {
    const loaded = await loadConfig(path, options);
    return { ok: true, ...loaded };
  } catch (error) {
    if (error instanceof InvalidConfigError) return { ok: false, file: error.file, issues: error.issues };
    throw error;
  }
}
