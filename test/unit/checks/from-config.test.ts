import type { Octokit } from '@octokit/rest';
import { describe, expect, it } from 'vitest';
import { checksFromConfig, registerConfigSecrets, validationChecks } from '../../../lib/checks/from-config.js';
import { runChecks } from '../../../lib/checks/runner.js';
import { parseConfig } from '../../../lib/config/loader.js';
import { Redactor } from '../../../lib/core/redact.js';
import { checkContext } from './check-context.js';

const FULL = `version: 1
environments:
  production:
    url: https://shop.example.com
validate:
  env:
    - { name: SESSION_SECRET, min-length: 8 }
    - { name: OPTIONAL_TOKEN, required: false, min-length: 10 }
  git: { clean: false, branches: [main], require-tag: true, tag-prefix: rel- }
  commands:
    - { name: lint, run: [node, -e, "process.exit(0)"] }
    - { name: test, run: [node, -e, "process.exit(3)"], timeout: 5, cwd: ., env: { X: "1" } }
  tls: { min-days: 30 }
  bundle:
    - { glob: "dist/**", max-total: 2MB }
  freeze:
    timezone: Europe/Berlin
    windows: [{ days: [sat], from: "00:00", to: "23:59" }]
  blocking-labels: [deploy-blocker]
`;

describe('checksFromConfig', () => {
  it('builds one check per configured section, in report order', () => {
    const checks = checksFromConfig(parseConfig(FULL), { environment: 'production' });
    expect(checks.map((c) => c.id)).toEqual([
      'environment',
      'env',
      'git',
      'command:lint',
      'command:test',
      'tls',
      'bundle',
      'freeze',
      'blocking-issues',
    ]);
  });

  it('produces no checks for a config without a validate section', () => {
    expect(checksFromConfig(parseConfig('version: 1\n'))).toEqual([]);
  });

  it('runs the mapped command checks with the configured argv', async () => {
    const config = parseConfig(FULL);
    const commands = checksFromConfig(config).filter((c) => c.id.startsWith('command:'));
    const { results, passed } = await runChecks(commands, checkContext());
    expect(passed).toBe(false);
    expect(results.map((r) => [r.id, r.status])).toEqual([
      ['command:lint', 'pass'],
      ['command:test', 'fail'],
    ]);
    expect(results[1]!.message).toMatch(/3/);
  });

  it('skips the blocking-issues check without a token and reports why', async () => {
    const check = checksFromConfig(parseConfig(FULL)).find((c) => c.id === 'blocking-issues')!;
    expect(await check.run(checkContext())).toEqual({
      status: 'skip',
      message: 'no GitHub token given, so open issues were not checked',
    });
  });

  it('uses the real blocking-issues check when a client and repository are given', async () => {
    const asked: unknown[] = [];
    const octokit = {
      rest: { issues: { listForRepo: () => undefined } },
      paginate: async (_route: unknown, params: unknown) => {
        asked.push(params);
        return [
          { number: 7, title: 'Payments down', html_url: 'https://github.com/acme/shop/issues/7', state: 'open' },
        ];
      },
    } as unknown as Octokit;
    const checks = checksFromConfig(parseConfig(FULL), { octokit, owner: 'acme', repo: 'shop' });
    const blocking = checks.at(-1)!;
    expect(blocking.title).toBe('Blocking issues');
    const result = await blocking.run(checkContext());
    expect(asked).toEqual([
      expect.objectContaining({ owner: 'acme', repo: 'shop', labels: 'deploy-blocker', state: 'open' }),
    ]);
    expect(result.status).toBe('fail');
    expect(result.message).toContain('#7');
  });

  it('fails the environment check for an unknown environment, naming the configured ones', async () => {
    const [environment] = checksFromConfig(parseConfig(FULL), { environment: 'staging' });
    expect(await environment!.run(checkContext())).toEqual({
      status: 'fail',
      message: 'environment "staging" is not in the configuration (configured: production)',
    });
  });

  it('applies optional env rules only when the variable is set', async () => {
    const env = checksFromConfig(parseConfig(FULL)).find((c) => c.id === 'env')!;
    const unset = await env.run(checkContext({ env: { SESSION_SECRET: 'long-enough-value' } }));
    expect(unset.status).toBe('pass');
    expect(unset.message).toContain('optional, not set: OPTIONAL_TOKEN');
    const weak = await env.run(checkContext({ env: { SESSION_SECRET: 'long-enough-value', OPTIONAL_TOKEN: 'short' } }));
    expect(weak.status).toBe('fail');
    expect(weak.message).toContain('OPTIONAL_TOKEN');
    const missing = await env.run(checkContext({ env: {} }));
    expect(missing.status).toBe('fail');
    expect(missing.message).toContain('SESSION_SECRET');
  });

  it('skips the env check when only optional variables are configured and none is set', async () => {
    const config = parseConfig('version: 1\nvalidate:\n  env:\n    - { name: MAYBE, required: false }\n');
    const [env] = checksFromConfig(config);
    expect(await env!.run(checkContext({ env: {} }))).toEqual({
      status: 'skip',
      message: 'optional variables not set: MAYBE',
    });
  });

  it('skips TLS when neither hosts nor an environment URL are known', async () => {
    const config = parseConfig('version: 1\nvalidate:\n  tls: {}\n');
    const [tls] = checksFromConfig(config);
    expect((await tls!.run(checkContext())).status).toBe('skip');
  });

  it('appends extra checks passed by the caller', () => {
    const extra = {
      id: 'migrations',
      title: 'Migration lint',
      run: async () => ({ status: 'pass' as const, message: '' }),
    };
    expect(checksFromConfig(parseConfig('version: 1\n'), { extra: [extra] })).toEqual([extra]);
  });
});

describe('validationChecks', () => {
  it('puts the configuration check first', () => {
    const config = parseConfig(FULL);
    const checks = validationChecks({ ok: true, file: 'x.yml', found: true, config });
    expect(checks[0]!.id).toBe('config');
    expect(checks).toHaveLength(1 + checksFromConfig(config).length);
  });

  it('runs only the configuration check when the file is broken', () => {
    const checks = validationChecks({ ok: false, file: 'x.yml', issues: [] });
    expect(checks.map((c) => c.id)).toEqual(['config']);
  });
});

describe('registerConfigSecrets', () => {
  it('registers the values of secret env rules only', () => {
    const config = parseConfig(
      'version: 1\nvalidate:\n  env:\n    - { name: TOKEN }\n    - { name: REGION, secret: false }\n    - { name: ABSENT }\n',
    );
    const redactor = new Redactor();
    registerConfigSecrets(config, { TOKEN: 'tok-123456', REGION: 'eu-central-1' }, redactor);
    expect(redactor.redact('tok-123456 in eu-central-1')).toBe('*** in eu-central-1');
  });
});
