import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../lib/config/loader.js';
import { migrationSettings } from '../../../lib/config/migration-settings.js';
import { ConfigError } from '../../../lib/core/errors.js';

const names = {
  lockTimeout: 'Input lock-timeout',
  statementTimeout: '--statement-timeout',
  advisoryLockTimeout: '--wait',
};

describe('migrationSettings', () => {
  it('takes the schema defaults when nothing is configured or overridden', () => {
    expect(migrationSettings(parseConfig('version: 1\n'), {}, names)).toEqual({
      migrationsDir: 'supabase/migrations',
      lockTimeout: '5s',
      statementTimeout: '15min',
      advisoryLockTimeoutMs: 60_000,
      allowOutOfOrder: false,
      backup: true,
    });
  });

  it('takes the configuration, and overrides (not empty ones) over it', () => {
    const config = parseConfig(
      'version: 1\nsupabase:\n  migrations-dir: db/migrations\n  migrations:\n    lock-timeout: 2s\n    advisory-lock-timeout: 5\n    backup: false\n',
    );
    expect(migrationSettings(config, { lockTimeout: '', advisoryLockTimeout: '' }, names)).toMatchObject({
      migrationsDir: 'db/migrations',
      lockTimeout: '2s',
      advisoryLockTimeoutMs: 5000,
      backup: false,
    });
    expect(
      migrationSettings(
        config,
        { migrationsDir: 'other', lockTimeout: '750ms', advisoryLockTimeout: '1.5', backup: true },
        names,
      ),
    ).toMatchObject({ migrationsDir: 'other', lockTimeout: '750ms', advisoryLockTimeoutMs: 1500, backup: true });
  });

  it('rejects a malformed override, naming the input or flag and the fix', () => {
    const config = parseConfig('version: 1\n');
    const bad = (overrides: Parameters<typeof migrationSettings>[1]) => {
      try {
        migrationSettings(config, overrides, names);
      } catch (error) {
        return error as ConfigError;
      }
      throw new Error('expected an error');
    };
    const lock = bad({ lockTimeout: '5 seconds' });
    expect(lock).toBeInstanceOf(ConfigError);
    expect(lock.message).toBe('Input lock-timeout must be a PostgreSQL duration, got "5 seconds"');
    expect(lock.hint).toContain('15min');
    expect(bad({ advisoryLockTimeout: 'soon' }).message).toBe('--wait must be a number of seconds, got "soon"');
    expect(bad({ statementTimeout: '-1s' }).message).toContain('--statement-timeout');
  });
});
