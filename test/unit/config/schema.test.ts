import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../lib/config/loader.js';
import { shiplineConfigSchema, smokeFor } from '../../../lib/config/schema.js';

describe('shiplineConfigSchema', () => {
  it('is strict at every level', () => {
    for (const input of [
      { version: 1, extra: true },
      { version: 1, vercel: { projcet: 'x' } },
      { version: 1, supabase: { migrations: { backups: true } } },
      { version: 1, validate: { commands: [{ name: 'a', run: ['a'], shell: true }] } },
      { version: 1, smoke: { checks: [{ path: '/', expect: { statuses: 200 } }] } },
    ]) {
      const result = shiplineConfigSchema.safeParse(input);
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.code).toBe('unrecognized_keys');
    }
  });

  it('applies nested defaults inside list items', () => {
    const config = parseConfig(
      'version: 1\nvalidate:\n  commands:\n    - { name: t, run: [npm, test] }\n  env:\n    - name: API_KEY\nsmoke:\n  checks:\n    - path: /health\n',
    );
    expect(config.validate.commands[0]).toEqual({ name: 't', run: ['npm', 'test'], timeout: 600 });
    expect(config.validate.env[0]).toEqual({ name: 'API_KEY', required: true, secret: true });
    expect(config.smoke.checks[0]).toEqual({ path: '/health', method: 'GET', expect: { status: 200 } });
  });

  it('fills section defaults for git, tls and freeze only when the section is present', () => {
    const config = parseConfig('version: 1\nvalidate:\n  git: {}\n  tls: {}\n  freeze: {}\n');
    expect(config.validate.git).toEqual({ clean: true, branches: [], 'require-tag': false, 'tag-prefix': 'v' });
    expect(config.validate.tls).toEqual({ hosts: [], 'min-days': 14, timeout: 10 });
    expect(config.validate.freeze).toEqual({ timezone: 'UTC', windows: [] });
  });

  it('accepts only real permission levels and http(s) URLs', () => {
    const bad = shiplineConfigSchema.safeParse({
      version: 1,
      environments: { production: { 'required-permission': 'owner', url: 'ftp://x' } },
    });
    expect(bad.error?.issues.map((i) => i.path.join('.'))).toEqual([
      'environments.production.url',
      'environments.production.required-permission',
    ]);
  });

  it('rejects an empty environments map and odd environment names', () => {
    expect(shiplineConfigSchema.safeParse({ version: 1, environments: {} }).success).toBe(false);
    expect(shiplineConfigSchema.safeParse({ version: 1, environments: { 'eu west': {} } }).success).toBe(false);
  });
});

describe('smokeFor', () => {
  it('overlays the environment overrides on the top-level smoke settings', () => {
    const config = parseConfig(
      'version: 1\nenvironments:\n  production: {}\n  preview:\n    smoke: { rounds: 1, p95-ms: 4000 }\nsmoke:\n  rounds: 5\n  interval: 2\n',
    );
    expect(smokeFor(config, 'preview')).toMatchObject({ rounds: 1, 'p95-ms': 4000, interval: 2 });
    expect(smokeFor(config, 'production')).toMatchObject({ rounds: 5, 'p95-ms': 2000, interval: 2 });
    expect(smokeFor(config, 'unknown')).toEqual(config.smoke);
  });
});
