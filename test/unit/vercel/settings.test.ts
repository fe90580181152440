import { describe, expect, it } from 'vitest';
import { shiplineConfigSchema } from '../../../lib/config/schema.js';
import { ConfigError } from '../../../lib/core/errors.js';
import { vercelSettings } from '../../../lib/vercel/settings.js';

const names = {
  environment: 'the environment input',
  project: 'the project input',
  buildTimeout: 'Input build-timeout',
};
const config = shiplineConfigSchema.parse({
  version: 1,
  environments: {
    production: { url: 'https://shop.example.com' },
    preview: {},
    staging: { 'vercel-target': 'staging' },
  },
  vercel: { project: 'shop', 'team-id': 'team_1', 'build-timeout': 120 },
});

describe('vercelSettings', () => {
  it('takes project, team, folder, timeout and target from the configuration', () => {
    expect(vercelSettings(config, {}, names)).toEqual({
      environment: 'production',
      target: 'production',
      project: 'shop',
      teamId: 'team_1',
      outputDir: '.vercel/output',
      buildTimeoutMs: 120_000,
      environmentUrl: 'https://shop.example.com',
    });
    expect(vercelSettings(config, { environment: 'preview' }, names).target).toBe('preview');
    expect(vercelSettings(config, { environment: 'staging' }, names).target).toBe('staging');
  });

  it('lets inputs override, and names the input or key to fix', () => {
    expect(
      vercelSettings(
        config,
        { project: 'other', teamId: 'team_2', outputDir: 'x/.vercel/output', buildTimeout: '30', target: 'preview' },
        names,
      ),
    ).toMatchObject({
      project: 'other',
      teamId: 'team_2',
      outputDir: 'x/.vercel/output',
      buildTimeoutMs: 30_000,
      target: 'preview',
    });
    expect(() => vercelSettings(config, { environment: 'qa' }, names)).toThrow(
      /Environment "qa" is not in the configuration/,
    );
    expect(() => vercelSettings(config, { buildTimeout: 'soon' }, names)).toThrow(
      /Input build-timeout must be a positive number/,
    );
    const noProject = shiplineConfigSchema.parse({ version: 1 });
    expect(() => vercelSettings(noProject, {}, names)).toThrow(ConfigError);
    expect(() => vercelSettings(noProject, {}, names)).toThrow(/vercel\.project/);
  });
});
