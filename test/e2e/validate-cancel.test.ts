/**
 * Cancelling `shipline validate` (Ctrl-C in a terminal, SIGTERM from CI or `timeout`) while one of its commands runs:
 * the command and everything it started end with it. The commands run in their own process group, which the
 * terminal's Ctrl-C does not reach, so Shipline must pass the signal on.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isRunning } from '../support/process.js';
import { repoRoot } from '../support/runner.js';

const temp = mkdtempSync(join(tmpdir(), 'shipline-validate-cancel-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));
const env = { ...process.env, PATH: `${dirname(process.execPath)}:${process.env.PATH ?? ''}`, NO_COLOR: '1' };

describe('npm run shipline -- validate, cancelled', () => {
  for (const how of ['Ctrl-C (SIGINT to the group)', 'SIGTERM to npm'] as const) {
    it(`${how}: the command's process group is ended too`, async () => {
      const dir = mkdtempSync(join(temp, 'app-'));
      const pidFile = join(dir, 'grandchild.pid');
      writeFileSync(
        join(dir, 'shipline.yml'),
        'version: 1\nvalidate:\n  commands:\n' +
          `    - { name: slow, run: [sh, -c, "sleep 300 & echo $! > ${pidFile}; wait"] }\n`,
      );
      const child = spawn('npm', ['run', 'shipline', '--', 'validate', '--cwd', dir, '--config', 'shipline.yml'], {
        cwd: repoRoot,
        env,
        detached: true,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      child.stdout.on('data', (d) => {
        out += d;
      });
      child.stderr.on('data', (d) => {
        out += d;
      });
      const closed = new Promise<void>((r) => child.on('close', () => r()));
      const deadline = Date.now() + 60_000;
      while (!(existsSync(pidFile) && readFileSync(pidFile, 'utf8').trim()) && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 50));
      }
      const grandchild = Number(readFileSync(pidFile, 'utf8'));
      expect(isRunning(grandchild), out).toBe(true);
      if (how === 'SIGTERM to npm') process.kill(child.pid as number, 'SIGTERM');
      else process.kill(-(child.pid as number), 'SIGINT');
      await closed;
      const goneBy = Date.now() + 10_000;
      while (isRunning(grandchild) && Date.now() < goneBy) await new Promise((r) => setTimeout(r, 50));
      expect(isRunning(grandchild), out).toBe(false);
    });
  }
});
