import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CommandNotFoundError, runCommand } from '../../../lib/process/run-command.js';

const node = process.execPath;
let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'shipline-run-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** True when the process is gone or only a zombie waiting for a reaper (it no longer runs). */
function isDead(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return true;
  }
}

/** Polls until the process is dead (signal delivery is asynchronous); returns the final answer. */
async function waitDead(pid: number): Promise<boolean> {
  for (let i = 0; i < 200 && !isDead(pid); i++) await new Promise((r) => setTimeout(r, 10));
  return isDead(pid);
}

async function waitForFile(path: string): Promise<string> {
  for (let i = 0; i < 200 && !existsSync(path); i++) await new Promise((r) => setTimeout(r, 25));
  return readFileSync(path, 'utf8');
}

describe('runCommand', () => {
  it('passes arguments verbatim, without a shell', async () => {
    const hostile = 'a"; touch pwned #';
    const result = await runCommand(
      [node, '-e', 'process.stdout.write(JSON.stringify(process.argv.slice(1)))', hostile, '$(id)', '*'],
      { cwd: dir, env: { PATH: process.env.PATH } },
    );
    expect(result.exitCode).toBe(0);
    expect(JSON.parse(result.output)).toEqual([hostile, '$(id)', '*']);
    expect(existsSync(join(dir, 'pwned'))).toBe(false);
  });

  it('uses only the given environment', async () => {
    const result = await runCommand(
      [node, '-e', 'process.stdout.write(String(process.env.ONLY) + String(process.env.HOME))'],
      {
        env: { ONLY: 'yes' },
      },
    );
    expect(result.output).toBe('yesundefined');
  });

  it('reports a non-zero exit code with combined output', async () => {
    const result = await runCommand([node, '-e', 'console.log("out"); console.error("err"); process.exit(3)']);
    expect(result.exitCode).toBe(3);
    expect(result.timedOut).toBe(false);
    expect(result.output).toContain('out');
    expect(result.output).toContain('err');
  });

  it('rejects with CommandNotFoundError for a missing program', async () => {
    await expect(runCommand(['shipline-no-such-program-xyz', '--help'])).rejects.toBeInstanceOf(CommandNotFoundError);
    await expect(runCommand(['shipline-no-such-program-xyz'])).rejects.toThrow(
      'command not found: shipline-no-such-program-xyz',
    );
  });

  it('keeps only the tail of a huge output, and finishes', async () => {
    const script = `
      const chunk = Buffer.alloc(1 << 20, 120); // 1 MiB of "x"
      let left = 30;
      function write() {
        while (left > 0) {
          left--;
          if (!process.stdout.write(chunk)) return process.stdout.once('drain', write);
        }
        process.stdout.write('\\nTHE END\\n');
      }
      write();`;
    const result = await runCommand([node, '-e', script], { maxOutputBytes: 64 * 1024 });
    expect(result.exitCode).toBe(0);
    expect(result.outputBytes).toBe(30 * (1 << 20) + '\nTHE END\n'.length);
    expect(result.truncated).toBe(true);
    expect(Buffer.byteLength(result.output)).toBe(64 * 1024);
    expect(result.output.endsWith('THE END\n')).toBe(true);
  });

  it('kills the whole process group on timeout, SIGTERM-ignoring grandchildren included', async () => {
    const pidFile = join(dir, 'grandchild.pid');
    const grandchild = 'process.on("SIGTERM", () => {}); setInterval(() => {}, 1000)';
    const script = `
      const { spawn } = require('node:child_process');
      const fs = require('node:fs');
      process.on('SIGTERM', () => {});
      const c = spawn(process.execPath, ['-e', ${JSON.stringify(grandchild)}], { stdio: 'ignore' });
      fs.writeFileSync(${JSON.stringify(pidFile)}, String(c.pid));
      console.log('started');
      setInterval(() => {}, 1000);`;
    const result = await runCommand([node, '-e', script], { timeoutMs: 1_000, killGraceMs: 200 });
    expect(result.timedOut).toBe(true);
    expect(result.signal).toBe('SIGKILL');
    expect(result.output).toContain('started');
    const pid = Number(await waitForFile(pidFile));
    expect(pid).toBeGreaterThan(0);
    expect(await waitDead(pid)).toBe(true);
  });

  it('does not wait for background processes the command left behind, and ends them', async () => {
    const pidFile = join(dir, 'bg.pid');
    const script = `
      const { spawn } = require('node:child_process');
      const c = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'inherit' });
      require('node:fs').writeFileSync(${JSON.stringify(pidFile)}, String(c.pid));
      c.unref();
      process.exit(0);`;
    const result = await runCommand([node, '-e', script], { killGraceMs: 500 });
    expect(result.exitCode).toBe(0);
    const pid = Number(readFileSync(pidFile, 'utf8'));
    expect(await waitDead(pid)).toBe(true);
  });

  it('kills the group when the abort signal fires', async () => {
    const controller = new AbortController();
    const running = runCommand([node, '-e', 'console.log("up"); setInterval(() => {}, 1000)'], {
      signal: controller.signal,
      onOutput: () => controller.abort(),
    });
    const result = await running;
    expect(result.aborted).toBe(true);
    expect(result.exitCode).toBeNull();
  });
});

describe('runCommand working directory', () => {
  it('rejects a missing working directory as such, not as a missing program', async () => {
    const missing = join(tmpdir(), 'shipline-no-such-dir-xyz');
    await expect(runCommand([node, '-e', ''], { cwd: missing })).rejects.toThrow(
      `working directory does not exist: ${missing}`,
    );
  });
});
