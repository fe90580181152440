/**
 * How migrations run, from `.github/shipline.yml` (`supabase.migrations-dir`, `supabase.migrations.*`) with the
 * migrate action's inputs or the CLI's flags as overrides. The schema holds the defaults; this module is the one
 * place that merges and validates, so the action and the CLI cannot drift apart.
 */
import { ConfigError } from '../core/errors.js';
import type { ShiplineConfig } from './schema.js';
import { PG_DURATION_PATTERN } from './units.js';

/** Overrides as given (strings from inputs or flags); undefined or '' = take the configuration's value. */
export interface MigrationOverrides {
  migrationsDir?: string;
  lockTimeout?: string;
  statementTimeout?: string;
  /** Seconds. */
  advisoryLockTimeout?: string;
  allowOutOfOrder?: boolean;
  backup?: boolean;
}

export interface MigrationSettings {
  /** Relative to the repository root. */
  migrationsDir: string;
  lockTimeout: string;
  statementTimeout: string;
  advisoryLockTimeoutMs: number;
  allowOutOfOrder: boolean;
  backup: boolean;
}

/** What to call an override in an error: the action's input or the CLI's flag. */
export type OverrideNames = Record<'lockTimeout' | 'statementTimeout' | 'advisoryLockTimeout', string>;

const given = (value: string | undefined): string | undefined => (value?.trim() ? value.trim() : undefined);

function duration(value: string, name: string): string {
  if (PG_DURATION_PATTERN.test(value)) return value;
  throw new ConfigError('input_invalid', `${name} must be a PostgreSQL duration, got ${JSON.stringify(value)}`, {
    hint: `Use a number with a unit: e.g. \`5s\`, \`500ms\`, \`15min\` (or 0 for no limit).`,
  });
}

/** Merges the configuration with the overrides and validates them; errors name the input or flag and the fix. */
export function migrationSettings(
  config: ShiplineConfig,
  overrides: MigrationOverrides,
  names: OverrideNames,
): MigrationSettings {
  const m = config.supabase.migrations;
  const waitText = given(overrides.advisoryLockTimeout);
  const wait = waitText === undefined ? m['advisory-lock-timeout'] : Number(waitText);
  if (!Number.isFinite(wait) || wait < 0) {
    throw new ConfigError(
      'input_invalid',
      `${names.advisoryLockTimeout} must be a number of seconds, got ${JSON.stringify(waitText)}`,
      { hint: 'Give how long to wait for another migration run, e.g. `60`.' },
    );
  }
  return {
    migrationsDir: given(overrides.migrationsDir) ?? config.supabase['migrations-dir'],
    lockTimeout: duration(given(overrides.lockTimeout) ?? m['lock-timeout'], names.lockTimeout),
    statementTimeout: duration(given(overrides.statementTimeout) ?? m['statement-timeout'], names.statementTimeout),
    advisoryLockTimeoutMs: Math.round(wait * 1000),
    allowOutOfOrder: overrides.allowOutOfOrder ?? m['allow-out-of-order'],
    backup: overrides.backup ?? m.backup,
  };
}
