import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EXIT, run } from '../../../../cli/commands/validate.js';
import type { CliIO } from '../../../../cli/terminal-logger.js';
import { systemClock } from '../../../../lib/core/clock.js';

const temp = mkdtempSync(join(tmpdir(), 'shipline-cli-validate-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

function repo(name: string, config?: string): string {
  const dir = join(temp, name);
  mkdirSync(join(dir, '.github'), { recursive: true });
  if (config !== undefined) writeFileSync(join(dir, '.github', 'shipline.yml'), config);
  return dir;
}

function io(cwd: string, env: Record<string, string> = {}): CliIO & { out: { stdout: string; stderr: string } } {
  const out = { stdout: '', stderr: '' };
  return {
    out,
    cwd,
    env: { PATH: process.env.PATH, ...env },
    color: false,
    clock: systemClock,
    stdout: (t) => {
      out.stdout += t;
    },
    stderr: (t) => {
      out.stderr += t;
    },
  };
}

describe('shipline validate', () => {
  it('exits 0 and prints the table when every check passes', async () => {
    const cwd = repo('good', 'version: 1\nvalidate:\n  commands:\n    - { name: node, run: [node, --version] }\n');
    const c = io(cwd);
    expect(await run([], c)).toBe(EXIT.passed);
    expect(c.out.stdout).toMatch(/^Configuration +pass +\d+ ms +\.github\/shipline\.yml is valid/m);
    expect(c.out.stdout).toMatch(/^Command: node +pass /m);
    expect(c.out.stdout).toContain('PASSED: 2 passed');
  });

  it('exits 1 when a check fails', async () => {
    const cwd = repo(
      'failing',
      'version: 1\nvalidate:\n  commands:\n    - { name: broken, run: [node, -e, "process.exit(4)"] }\n',
    );
    const c = io(cwd);
    expect(await run([], c)).toBe(EXIT.failed);
    expect(c.out.stdout).toMatch(/^Command: broken +FAIL /m);
    expect(c.out.stdout).toContain('FAILED: 1 passed, 1 failed');
  });

  it('exits 2 for a broken config and prints every issue', async () => {
    const cwd = repo(
      'broken',
      'version: 1\nsmoke:\n  rouns: 3\nvalidate:\n  commands:\n    - { name: t, run: npm test }\n',
    );
    const c = io(cwd);
    expect(await run([], c)).toBe(EXIT.error);
    expect(c.out.stdout).toBe('');
    expect(c.out.stderr).toContain('.github/shipline.yml: 2 problems');
    expect(c.out.stderr).toContain(
      '.github/shipline.yml:3:3 smoke.rouns: Unknown key "rouns". Hint: Did you mean `rounds`?',
    );
    expect(c.out.stderr).toMatch(/\.github\/shipline\.yml:6:\d+ validate\.commands\[0\]\.run: Expected a list/);
  });

  it('exits 2 for an explicit --config that does not exist, naming it verbatim', async () => {
    const cwd = repo('missing');
    const hostile = 'a"; touch pwned #';
    const c = io(cwd);
    expect(await run(['--config', hostile], c)).toBe(EXIT.error);
    expect(c.out.stderr).toContain(`No configuration file at ${hostile}`);
  });

  it('uses the defaults with a warning when the default file is missing', async () => {
    const cwd = repo('nothing');
    const c = io(cwd);
    expect(await run([], c)).toBe(EXIT.passed);
    expect(c.out.stderr).toContain('warning: .github/shipline.yml not found; using the defaults');
  });

  it('honours --cwd and --config relative to it', async () => {
    const cwd = repo('nested');
    writeFileSync(join(cwd, 'custom.yml'), 'version: 1\n');
    const c = io(temp);
    expect(await run(['--cwd', 'nested', '--config', 'custom.yml'], c)).toBe(EXIT.passed);
    expect(c.out.stdout).toContain('custom.yml is valid');
  });

  it('rejects a --cwd that is not a directory', async () => {
    await expect(run(['--cwd', 'does-not-exist'], io(temp))).rejects.toThrow(/is not a directory/);
  });

  it('prints the JSON report with --json, also for a broken config', async () => {
    const good = io(repo('json-good', 'version: 1\n'));
    expect(await run(['--json'], good)).toBe(EXIT.passed);
    expect(JSON.parse(good.out.stdout)).toMatchObject({ version: 1, passed: true, counts: { pass: 1 } });

    const broken = io(repo('json-broken', 'version: 1\nbogus: 1\n'));
    expect(await run(['--json'], broken)).toBe(EXIT.error);
    const report = JSON.parse(broken.out.stdout);
    expect(report.passed).toBe(false);
    expect(report.checks[0].findings[0]).toMatchObject({ file: '.github/shipline.yml', line: 2 });
  });

  it('masks secret values named in validate.env', async () => {
    const secret = 'cli-secret-value-0123456789';
    const cwd = repo(
      'secret',
      `version: 1\nvalidate:\n  env:\n    - { name: TOKEN }\n  commands:\n    - { name: leak, run: [node, -e, "console.log(process.env.TOKEN); process.exit(1)"], pass-env: [TOKEN] }\n`,
    );
    const c = io(cwd, { TOKEN: secret });
    expect(await run([], c)).toBe(EXIT.failed);
    expect(c.out.stdout + c.out.stderr).not.toContain(secret);
    expect(c.out.stdout).toContain('***');
  });

  it('fails on warnings with --fail-on-warn and prints help with --help', async () => {
    const c = io(repo('warn'));
    expect(await run(['--fail-on-warn'], c)).toBe(EXIT.failed);
    const h = io(temp);
    expect(await run(['--help'], h)).toBe(EXIT.passed);
    expect(h.out.stdout).toContain('Usage: shipline validate [options]');
    expect(h.out.stdout).toContain('--environment <value>');
  });
});
