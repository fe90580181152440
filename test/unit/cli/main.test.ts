import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commands, main } from '../../../cli/main.js';
import { repoRoot } from '../../support/runner.js';

function capture() {
  const out = { stdout: '', stderr: '' };
  return {
    out,
    io: {
      stdout: (t: string) => {
        out.stdout += t;
      },
      stderr: (t: string) => {
        out.stderr += t;
      },
    },
  };
}

describe('command map', () => {
  it('registers validate as a lazily imported module with run()', async () => {
    expect(Object.keys(commands)).toContain('validate');
    const mod = await commands.validate!();
    expect(typeof mod.run).toBe('function');
  });
});

describe('main', () => {
  it('prints usage and exits 2 without a command; 0 for --help', async () => {
    const none = capture();
    expect(await main([], none.io)).toBe(2);
    expect(none.out.stdout).toContain('Usage: shipline <command>');
    expect(none.out.stdout).toContain('\n  validate');
    const help = capture();
    expect(await main(['--help'], help.io)).toBe(0);
  });

  it('rejects an unknown command with a suggestion', async () => {
    const c = capture();
    expect(await main(['validat'], c.io)).toBe(2);
    expect(c.out.stderr).toContain('error: unknown command "validat". Did you mean `validate`?');
  });

  it('does not treat inherited object keys as commands', async () => {
    const c = capture();
    expect(await main(['constructor'], c.io)).toBe(2);
    expect(c.out.stderr).toContain('unknown command "constructor"');
  });

  it('turns a usage error inside a command into exit 2 with a pointer to --help', async () => {
    const c = capture();
    expect(await main(['validate', '--confg', 'x'], c.io)).toBe(2);
    expect(c.out.stderr).toContain('error: Unknown option --confg\nHint: Did you mean --config?');
    expect(c.out.stderr).toContain('Run `shipline validate --help` for usage.');
  });
});

describe('tsx cli/main.ts (as a process)', () => {
  it('runs validate and sets the exit code: 0 when passing, 1 when a check fails, 2 for a broken config', () => {
    const dir = mkdtempSync(join(tmpdir(), 'shipline-cli-main-'));
    try {
      const tsx = join(repoRoot, 'node_modules', '.bin', 'tsx');
      const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NO_COLOR: '1' };
      const validate = (config: string) => {
        writeFileSync(join(dir, 'shipline.yml'), config);
        return spawnSync(
          tsx,
          [join(repoRoot, 'cli', 'main.ts'), 'validate', '--cwd', dir, '--config', 'shipline.yml'],
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
