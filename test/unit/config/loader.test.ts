import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InvalidConfigError } from '../../../lib/config/errors.js';
import { defaultConfig, describeValue, formatPath, loadConfig, parseConfig } from '../../../lib/config/loader.js';
import { ConfigError } from '../../../lib/core/errors.js';

const temp = mkdtempSync(join(tmpdir(), 'shipline-config-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

/** Parses `text` expecting failure; returns the error. */
function invalid(text: string, file = '.github/shipline.yml'): InvalidConfigError {
  try {
    parseConfig(text, file);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidConfigError);
    expect(error).toBeInstanceOf(ConfigError);
    return error as InvalidConfigError;
  }
  throw new Error('expected parseConfig to throw');
}

describe('parseConfig', () => {
  it('applies every default to a minimal file', () => {
    const config = parseConfig('version: 1\n');
    expect(config).toEqual(defaultConfig());
    expect(config.environments).toEqual({
      production: { 'required-permission': 'write', 'vercel-target': 'production' },
    });
    expect(config.vercel['output-dir']).toBe('.vercel/output');
    expect(config.supabase['migrations-dir']).toBe('supabase/migrations');
    expect(config.supabase.migrations).toEqual({
      'lock-timeout': '5s',
      'statement-timeout': '15min',
      'advisory-lock-timeout': 60,
      'allow-out-of-order': false,
      backup: true,
      'apply-with': 'shipline',
    });
    expect(config.validate.commands).toEqual([]);
    expect(config.validate.git).toBeUndefined();
  });

  it('resolves vercel-target from the environment name unless given', () => {
    const config = parseConfig(
      'version: 1\nenvironments:\n  production: {}\n  staging: {}\n  qa:\n    vercel-target: qa-env\n',
    );
    expect(config.environments.production?.['vercel-target']).toBe('production');
    expect(config.environments.staging?.['vercel-target']).toBe('preview');
    expect(config.environments.qa?.['vercel-target']).toBe('qa-env');
  });

  it('reports malformed YAML with file, line and column', () => {
    const error = invalid('version: 1\nvalidate:\n  commands: [\n    {name: a\n', 'ci/shipline.yml');
    expect(error.code).toBe('config_yaml');
    expect(error.issues.length).toBeGreaterThan(0);
    const first = error.issues[0]!;
    expect(first.file).toBe('ci/shipline.yml');
    expect(first.line).toBeGreaterThanOrEqual(3);
    expect(first.column).toBeGreaterThanOrEqual(1);
    expect(first.message).toMatch(/^Invalid YAML: /);
    expect(error.message).toMatch(/^ci\/shipline\.yml: \d+ problems?\n {2}ci\/shipline\.yml:\d+:\d+ Invalid YAML/);
  });

  it('reports duplicate keys as YAML errors on the duplicate line', () => {
    const error = invalid('version: 1\nsmoke:\n  rounds: 2\n  rounds: 3\n');
    expect(error.issues).toHaveLength(1);
    expect(error.issues[0]).toMatchObject({ line: 4, column: 3 });
    expect(error.issues[0]!.hint).toMatch(/once per mapping/);
  });

  it('reports an unknown key at its line with a did-you-mean hint', () => {
    const error = invalid('version: 1\nenvironments:\n  production:\n    requried-permission: admin\n');
    expect(error.code).toBe('config_invalid');
    expect(error.issues).toEqual([
      {
        file: '.github/shipline.yml',
        line: 4,
        column: 5,
        path: 'environments.production.requried-permission',
        message: 'Unknown key "requried-permission"',
        hint: 'Did you mean `required-permission`?',
      },
    ]);
    expect(error.message).toContain(
      '.github/shipline.yml:4:5 environments.production.requried-permission: Unknown key "requried-permission". Hint: Did you mean `required-permission`?',
    );
  });

  it('lists the allowed keys when nothing is close, including at the top level', () => {
    const error = invalid('version: 1\nbananas: yes\n');
    expect(error.issues[0]).toMatchObject({ line: 2, column: 1, path: 'bananas' });
    expect(error.issues[0]!.hint).toMatch(/^Allowed keys here: version, project, environments, vercel, supabase/);
  });

  it('says what was expected and what was found for wrong types', () => {
    const error = invalid('version: 1\nsmoke:\n  rounds: three\n  interval: true\nrollback:\n  auto: "yes"\n');
    const byPath = Object.fromEntries(error.issues.map((i) => [i.path, i]));
    expect(byPath['smoke.rounds']).toMatchObject({ line: 3, column: 11, message: 'Expected a number, got "three"' });
    expect(byPath['smoke.interval']).toMatchObject({ line: 4, message: 'Expected a number, got true' });
    expect(byPath['rollback.auto']).toMatchObject({ line: 6, message: 'Expected a boolean, got "yes"' });
  });

  it('reports every problem at once, sorted by line, with the documented message form', () => {
    const text = [
      'version: 1',
      'environments:',
      '  production:',
      '    smoke:',
      '      checks:',
      '        - path: /',
      '        - path: /a',
      '        - path: /api/health',
      '          expect:',
      '            status: ok',
      'smoke:',
      '  rounds: 0',
      'chatops:',
      '  commands: [rollbak]',
      '',
    ].join('\n');
    const error = invalid(text);
    expect(error.issues.map((i) => i.path)).toEqual([
      'environments.production.smoke.checks[2].expect.status',
      'smoke.rounds',
      'chatops.commands[0]',
    ]);
    expect(error.message).toContain(
      '.github/shipline.yml:10:21 environments.production.smoke.checks[2].expect.status: Expected a number between 100 and 599, or a list of them, got "ok". Hint: Use a status code such as 200',
    );
    expect(error.issues[1]!.message).toBe('Expected a number ≥ 1, got 0');
    expect(error.issues[2]!.hint).toBe('Did you mean `rollback`?');
    expect(error.message.split('\n')[0]).toBe('.github/shipline.yml: 3 problems');
  });

  it('rejects status codes outside 100–599, also inside a list', () => {
    const error = invalid('version: 1\nsmoke:\n  checks:\n    - path: /\n      expect: { status: [200, 700] }\n');
    expect(error.issues).toHaveLength(1);
    expect(error.issues[0]!.path).toBe('smoke.checks[0].expect.status[1]');
    expect(error.issues[0]!.column).toBe(31);
    expect(error.issues[0]!.message).toMatch(/between 100 and 599/);
  });

  it('rejects a command given as a string, with a hint that no shell is used', () => {
    const error = invalid('version: 1\nvalidate:\n  commands:\n    - name: test\n      run: npm test -- --ci\n');
    expect(error.issues).toHaveLength(1);
    const issue = error.issues[0]!;
    expect(issue).toMatchObject({ line: 5, column: 12, path: 'validate.commands[0].run' });
    expect(issue.message).toBe(
      'Expected a list: the program and its arguments, e.g. ["npm", "test"], got "npm test -- --ci"',
    );
    expect(issue.hint).toContain('without a shell');
    expect(issue.hint).toContain('run: ["npm", "test", "--", "--ci"]');
  });

  it('validates time zones, HH:MM times, byte sizes and PostgreSQL durations', () => {
    const error = invalid(
      [
        'version: 1',
        'supabase:',
        '  migrations:',
        '    lock-timeout: 5 seconds',
        'validate:',
        '  bundle:',
        '    - glob: "**"',
        '      max-total: 2 potatoes',
        '  freeze:',
        '    timezone: Mars/Olympus',
        '    windows:',
        '      - { from: "25:00", to: "09:00" }',
        '',
      ].join('\n'),
    );
    expect(error.issues.map((i) => [i.path, i.line])).toEqual([
      ['supabase.migrations.lock-timeout', 4],
      ['validate.bundle[0].max-total', 8],
      ['validate.freeze.timezone', 10],
      ['validate.freeze.windows[0].from', 12],
    ]);
    expect(error.issues[1]!.message).toMatch(/^Expected a size in bytes .*got "2 potatoes"$/);
    expect(error.issues[2]!.message).toMatch(/IANA time zone/);
  });

  it('parses byte sizes into bytes', () => {
    const config = parseConfig(
      'version: 1\nvalidate:\n  bundle:\n    - { glob: a, max-total: 500kB, max-gzip: 1.5MiB }\n    - { glob: b, max-total: 1024 }\n',
    );
    expect(config.validate.bundle).toEqual([
      { glob: 'a', 'max-total': 500_000, 'max-gzip': 1_572_864 },
      { glob: 'b', 'max-total': 1024 },
    ]);
  });

  it('requires version: 1', () => {
    const missing = invalid('project: { name: x }\n');
    expect(missing.issues[0]).toMatchObject({ path: 'version', message: 'Missing required key; expected version: 1' });
    expect(missing.issues[0]!.hint).toContain('version: 1');
    const wrong = invalid('version: 2\n');
    expect(wrong.issues[0]!.message).toBe('Expected version: 1, got 2');
  });

  it('rejects an empty (or comment-only) file with a starting point', () => {
    for (const text of ['', '\n\n', '# only a comment\n']) {
      const error = invalid(text);
      expect(error.code).toBe('config_empty');
      expect(error.issues[0]).toMatchObject({ line: 1, message: 'The file is empty' });
      expect(error.issues[0]!.hint).toContain('version: 1');
    }
  });

  it('rejects a document that is not a mapping', () => {
    const error = invalid('- a\n- b\n');
    expect(error.issues[0]!.message).toBe('Expected a mapping (key: value), got a list of 2');
  });

  it('says so when a key has no value', () => {
    const error = invalid('version: 1\nsmoke:\n');
    expect(error.issues[0]).toMatchObject({
      path: 'smoke',
      line: 2,
      message: 'Expected a mapping (key: value), got null (empty value)',
    });
    expect(error.issues[0]!.hint).toMatch(/no value/);
  });
});

describe('loadConfig', () => {
  it('loads a file relative to cwd and names it by displayPath', async () => {
    writeFileSync(join(temp, 'good.yml'), 'version: 1\nproject: { name: shop }\n');
    const loaded = await loadConfig('good.yml', { cwd: temp, displayPath: 'app/good.yml' });
    expect(loaded).toMatchObject({ file: 'app/good.yml', found: true });
    expect(loaded.config.project.name).toBe('shop');
  });

  it('returns the defaults for a missing file only when allowed', async () => {
    const loaded = await loadConfig('.github/shipline.yml', { cwd: temp, allowMissing: true });
    expect(loaded).toEqual({ config: defaultConfig(), file: '.github/shipline.yml', found: false });
  });

  it('fails for a missing file, naming the path and how to create it', async () => {
    const error = await loadConfig('nope/shipline.yml', { cwd: temp }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidConfigError);
    const e = error as InvalidConfigError;
    expect(e.code).toBe('config_missing');
    expect(e.issues).toEqual([
      expect.objectContaining({
        file: 'nope/shipline.yml',
        path: '',
        message: 'No configuration file at nope/shipline.yml',
      }),
    ]);
    expect(e.issues[0]!.hint).toContain('Create nope/shipline.yml');
    expect(e.issues[0]!.line).toBeUndefined();
  });

  it('keeps a hostile path verbatim in the message', async () => {
    const path = 'a"; touch pwned #';
    const error = (await loadConfig(path, { cwd: temp }).catch((e: unknown) => e)) as InvalidConfigError;
    expect(error.issues[0]!.message).toBe(`No configuration file at ${path}`);
  });

  it('reports a directory as unreadable', async () => {
    const error = (await loadConfig('.', { cwd: temp }).catch((e: unknown) => e)) as InvalidConfigError;
    expect(error.code).toBe('config_unreadable');
  });

  it('loads the example app configuration', async () => {
    const loaded = await loadConfig('examples/app/.github/shipline.yml');
    expect(loaded.config.vercel.project).toBe('shop');
    expect(Object.keys(loaded.config.environments)).toEqual(['production', 'preview']);
    expect(loaded.config.smoke.checks.map((c) => c.path)).toEqual(['/', '/api/health']);
  });
});

describe('formatting helpers', () => {
  it('formats paths with indices and quoted odd keys', () => {
    expect(formatPath(['smoke', 'checks', 2, 'expect', 'status'])).toBe('smoke.checks[2].expect.status');
    expect(formatPath(['environments', 'eu west'])).toBe('environments["eu west"]');
    expect(formatPath([])).toBe('');
  });

  it('describes values briefly', () => {
    expect(describeValue('x'.repeat(100))).toHaveLength(62);
    expect(describeValue({ a: 1 })).toBe('a mapping');
    expect(describeValue(undefined)).toBe('nothing');
  });
});

describe('YAML features', () => {
  it('supports anchors and merge keys', () => {
    const config = parseConfig(
      'version: 1\nenvironments:\n  production: &base\n    branch: main\n    required-permission: admin\n  staging:\n    <<: *base\n    branch: develop\n',
    );
    expect(config.environments.staging).toMatchObject({ branch: 'develop', 'required-permission': 'admin' });
  });

  it('reports an alias bomb as invalid YAML instead of expanding it', () => {
    const lines = ['version: 1', 'a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 0; i < 8; i++) {
      const prev = String.fromCharCode(97 + i);
      const next = String.fromCharCode(98 + i);
      lines.push(
        `${next}: &${next} [*${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}]`,
      );
    }
    try {
      parseConfig(lines.join('\n'));
      throw new Error('expected an error');
    } catch (error) {
      expect((error as InvalidConfigError).code).toBe('config_yaml');
      expect((error as InvalidConfigError).issues[0]!.message).toMatch(/^Invalid YAML: .*alias/i);
    }
  });

  it('rejects several documents in one file', () => {
    expect(() => parseConfig('version: 1\n---\nversion: 1\n')).toThrow(/Invalid YAML/);
  });
});
