import { DEFAULT_CONFIG_PATH } from '../../lib/config/schema.js';
import { parseBooleanInput } from '../shared/boolean-input.js';
import { typedIO } from '../shared/typed-io.js';

/** Inputs of action.yml, in its order (a contract test compares them). */
export const INPUT_NAMES = [
  'config',
  'working-directory',
  'github-token',
  'fail-on-warn',
  'environment',
  'database-url',
  'lock-environment',
] as const;

/** Outputs of action.yml, in its order. */
export const OUTPUT_NAMES = ['passed', 'report', 'lock-sha'] as const;

export const io = typedIO(INPUT_NAMES, OUTPUT_NAMES);

/** The validate action's inputs, read once. */
export interface ValidateInputs {
  /** Path of the configuration file, relative to `workingDirectory`. */
  config: string;
  /** Directory holding the repository to validate, relative to the workspace. */
  workingDirectory: string;
  /** Token for the blocking-issues check; empty = that check is skipped. */
  githubToken: string;
  /** Treat warnings as failures. */
  failOnWarn: boolean;
  /** Environment being deployed, if any (must exist in the config). */
  environment: string | undefined;
  /** Database to plan migrations against (input or SUPABASE_DB_URL); empty = migration lint only. */
  databaseUrl: string;
  /** Environment whose lock to take once validation passed; empty = none. */
  lockEnvironment: string;
}

/** Reads every input once; empty inputs take the defaults documented in action.yml. */
export function getInputs(): ValidateInputs {
  const environment = io.input('environment');
  return {
    config: io.input('config') || DEFAULT_CONFIG_PATH,
    workingDirectory: io.input('working-directory') || '.',
    githubToken: io.input('github-token'),
    failOnWarn: parseBooleanInput('fail-on-warn', io.input('fail-on-warn'), false),
    environment: environment === '' ? undefined : environment,
    databaseUrl: io.input('database-url') || (process.env.SUPABASE_DB_URL ?? '').trim(),
    lockEnvironment: io.input('lock-environment'),
  };
}
