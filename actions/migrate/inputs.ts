import * as core from '@actions/core';
import { ConfigError } from '../../lib/core/errors.js';
import { parseBooleanInput } from '../shared/boolean-input.js';

export { parseBooleanInput };

/** Inputs of action.yml, in its order (a contract test compares them). */
export const INPUT_NAMES = [
  'database-url',
  'working-directory',
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

/** The migrate action's inputs, read once. */
export interface MigrateInputs {
  /** Connection URL (secret): the input, else SUPABASE_DB_URL. */
  databaseUrl: string;
  /** Repository directory, relative to the workspace. */
  workingDirectory: string;
  /** Migrations directory, relative to workingDirectory. */
  migrationsDir: string;
  dryRun: boolean;
  allowOutOfOrder: boolean;
  /** Where to write the pg_dump backup; undefined = no backup. */
  backupDir: string | undefined;
  lockTimeout: string;
  statementTimeout: string;
  advisoryLockTimeoutMs: number;
}

/** Reads every input once (plus SUPABASE_DB_URL and RUNNER_TEMP); empty inputs take action.yml's defaults. */
export function getInputs(env: NodeJS.ProcessEnv = process.env): MigrateInputs {
  const databaseUrl = core.getInput('database-url').trim() || (env.SUPABASE_DB_URL ?? '').trim();
  if (!databaseUrl) {
    throw new ConfigError(
      'input_missing',
      'No database URL: set the database-url input or the SUPABASE_DB_URL environment variable',
      {
        hint: 'Pass it from a repository secret: set database-url to secrets.SUPABASE_DB_URL in the workflow step.',
      },
    );
  }
  const backup = parseBooleanInput('backup', core.getInput('backup'), true);
  const backupDir = core.getInput('backup-dir').trim() || `${env.RUNNER_TEMP ?? '/tmp'}/shipline-backup`;
  const waitText = core.getInput('advisory-lock-timeout').trim() || '60';
  const wait = Number(waitText);
  if (!Number.isFinite(wait) || wait < 0) {
    throw new ConfigError(
      'input_invalid',
      `Input advisory-lock-timeout must be a number of seconds, got ${JSON.stringify(waitText)}`,
    );
  }
  return {
    databaseUrl,
    workingDirectory: core.getInput('working-directory').trim() || '.',
    migrationsDir: core.getInput('migrations-dir').trim() || 'supabase/migrations',
    dryRun: parseBooleanInput('dry-run', core.getInput('dry-run'), false),
    allowOutOfOrder: parseBooleanInput('allow-out-of-order', core.getInput('allow-out-of-order'), false),
    backupDir: backup ? backupDir : undefined,
    lockTimeout: core.getInput('lock-timeout').trim() || '5s',
    statementTimeout: core.getInput('statement-timeout').trim() || '15min',
    advisoryLockTimeoutMs: Math.round(wait * 1000),
  };
}
