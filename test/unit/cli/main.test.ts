import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commands } from '../../../cli/main.js';
import { repoRoot } from '../../support/runner.js';

/** `npm run shipline -- <args>` (README), as a child process. */
function shipline(args: string[]) {
  const res = spawnSync('npm', ['run', '--silent', 'shipline', '--', ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
    env: { ...process.env, PATH: `${dirname(process.execPath)}:${process.env.PATH ?? ''}`, NO_COLOR: '1' },
  });
  return { status: res.status, stdout: res.stdout, stderr: res.stderr };
}

describe('command map', () => {
  it('registers validate as a lazily imported module with run()', async () => {
    expect(Object.keys(commands)).toContain('validate');
    const mod = await commands.validate!();
    expect(typeof mod.run).toBe('function');
  });
});

describe('npm run shipline -- …', () => {
  it('prints usage and exits 2 without a command; 0 for --help', () => {
    const none = shipline([]);
    expect(none.status).toBe(2);
    expect(none.stdout).toContain('Usage: shipline <command>');
    expect(none.stdout).toContain('\n  validate');
    const help = shipline(['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('Usage: shipline <command>');
  });

  it('rejects an unknown command with a suggestion, and inherited object keys are not commands', () => {
    const typo = shipline(['validat']);
    expect(typo.status).toBe(2);
    expect(typo.stderr).toContain('error: unknown command "validat". Did you mean `validate`?');
    const inherited = shipline(['constructor']);
    expect(inherited.status).toBe(2);
    expect(inherited.stderr).toContain('unknown command "constructor"');
  });

  it('turns a usage error inside a command into exit 2 with a pointer to --help', () => {
    const c = shipline(['validate', '--confg', 'x']);
    expect(c.status).toBe(2);
    expect(c.stderr).toContain('error: Unknown option --confg\nHint: Did you mean --config?');
    expect(c.stderr).toContain('Run `shipline validate --help` for usage.');
  });
});

describe('node --import tsx cli/main.ts (as a process)', () => {
  it('runs validate and sets the exit code: 0 when passing, 1 when a check fails, 2 for a broken config', () => {
    const dir = mkdtempSync(join(tmpdir(), 'shipline-cli-main-'));
    try {
      const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NO_COLOR: '1' };
      const validate = (config: string) => {
        writeFileSync(join(dir, 'shipline.yml'), config);
        return spawnSync(
          process.execPath,
          ['--import', 'tsx', join(repoRoot, 'cli', 'main.ts'), 'validate', '--cwd', dir, '--config', 'shipline.yml'],
          {
            cwd: repoRoot,
            encoding: 'utf8',
            env,
          },
        );
      };
      const good = validate('version: 1\nvalidate:\n  commands:\n    - { name: node, run: [node, --version] }\n');
      expect(good.status).toBe(0);
      expect(good.stdout).toMatch(/^CHECK +RESULT +TIME +MESSAGE$/m);
      expect(good.stdout).toMatch(/^Command: node +pass +/m);
      expect(good.stdout).toMatch(/^PASSED: 2 passed$/m);

      const failing = validate(
        'version: 1\nvalidate:\n  commands:\n    - { name: x, run: [node, -e, "process.exit(2)"] }\n',
      );
      expect(failing.status).toBe(1);

      const broken = validate('version: 1\nvalidat: {}\n');
      expect(broken.status).toBe(2);
      expect(broken.stderr).toContain(
        'shipline.yml:2:1 validat: Unknown key "validat". Hint: Did you mean `validate`?',
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
