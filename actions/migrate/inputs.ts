import type { MigrationOverrides } from '../../lib/config/migration-settings.js';
import { DEFAULT_CONFIG_PATH } from '../../lib/config/schema.js';
import { ConfigError } from '../../lib/core/errors.js';
import { parseBooleanInput } from '../shared/boolean-input.js';
import { typedIO } from '../shared/typed-io.js';

/** Inputs of action.yml, in its order (a contract test compares them). */
export const INPUT_NAMES = [
  'database-url',
  'working-directory',
  'config',
  'migrations-dir',
  'dry-run',
  'allow-out-of-order',
  'backup',
  'backup-dir',
  'lock-timeout',
  'statement-timeout',
  'advisory-lock-timeout',
] as const;

/** Outputs of action.yml, in its order. */
export const OUTPUT_NAMES = ['applied', 'pending', 'adopted', 'head-version', 'backup-path'] as const;

export const io = typedIO(INPUT_NAMES, OUTPUT_NAMES);

/** The input names of the settings that `.github/shipline.yml` also holds (for error messages). */
export const OVERRIDE_INPUTS = {
  lockTimeout: 'Input lock-timeout',
  statementTimeout: 'Input statement-timeout',
  advisoryLockTimeout: 'Input advisory-lock-timeout',
} as const;

/** The migrate action's inputs, read once. */
export interface MigrateInputs {
  /** Connection URL (secret): the input, else SUPABASE_DB_URL. */
  databaseUrl: string;
  /** Repository directory, relative to the workspace. */
  workingDirectory: string;
  /** Configuration file, relative to workingDirectory; its `supabase` section gives the defaults. */
  config: string;
  dryRun: boolean;
  /** Where the pg_dump backup goes when one is taken. */
  backupDir: string;
  /** Inputs that override the configuration (empty = the configuration's value). */
  overrides: MigrationOverrides;
}

/** Reads every input once (plus SUPABASE_DB_URL and RUNNER_TEMP); empty inputs take the configuration's values. */
export function getInputs(env: NodeJS.ProcessEnv = process.env): MigrateInputs {
  const databaseUrl = io.input('database-url') || (env.SUPABASE_DB_URL ?? '').trim();
  if (!databaseUrl) {
    throw new ConfigError(
      'input_missing',
      'No database URL: set the database-url input or the SUPABASE_DB_URL environment variable',
      {
        hint: 'Pass it from a repository secret: set database-url to secrets.SUPABASE_DB_URL in the workflow step.',
      },
    );
  }
  const optionalBoolean = (name: 'allow-out-of-order' | 'backup') =>
    io.input(name) === '' ? undefined : parseBooleanInput(name, io.input(name), false);
  const allowOutOfOrder = optionalBoolean('allow-out-of-order');
  const backup = optionalBoolean('backup');
  return {
    databaseUrl,
    workingDirectory: io.input('working-directory') || '.',
    config: io.input('config') || DEFAULT_CONFIG_PATH,
    dryRun: parseBooleanInput('dry-run', io.input('dry-run'), false),
    backupDir: io.input('backup-dir') || `${env.RUNNER_TEMP ?? '/tmp'}/shipline-backup`,
    overrides: {
      migrationsDir: io.input('migrations-dir'),
      lockTimeout: io.input('lock-timeout'),
      statementTimeout: io.input('statement-timeout'),
      advisoryLockTimeout: io.input('advisory-lock-timeout'),
      ...(allowOutOfOrder === undefined ? {} : { allowOutOfOrder }),
      ...(backup === undefined ? {} : { backup }),
    },
  };
}
