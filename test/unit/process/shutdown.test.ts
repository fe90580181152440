/**
 * lib/process/shutdown.ts in real processes: each case runs a small program as a child and sends it real signals.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isRunning } from '../../support/process.js';
import { repoRoot } from '../../support/runner.js';

const temp = mkdtempSync(join(tmpdir(), 'shipline-shutdown-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));
const lib = (file: string) => JSON.stringify(join(repoRoot, 'lib', 'process', file));

let counter = 0;
/** Runs `source` (an ES module) with tsx; resolves once it printed `ready`. */
async function program(source: string) {
  const file = join(temp, `program-${++counter}.mts`);
  writeFileSync(file, source);
  const child = spawn(process.execPath, ['--import', 'tsx', file], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d) => {
    out += d;
  });
  child.stderr.on('data', (d) => {
    out += d;
  });
  const closed = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) =>
    child.on('close', (code, signal) => r({ code, signal })),
  );
  const deadline = Date.now() + 30_000;
  while (!out.includes('ready') && child.exitCode === null && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 20));
  }
  expect(out).toContain('ready');
  return { child, closed, output: () => out };
}

async function gone(pid: number, ms = 10_000): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (isRunning(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  return !isRunning(pid);
}

describe('runCommand under a cancelled process', () => {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    it(`${signal} reaches the command's process group; the process exits once the group is gone`, async () => {
      const pidFile = join(temp, `grandchild-${signal}`);
      const p = await program(
        `import { runCommand } from ${lib('run-command.ts')};\n` +
          // A command that leaves a grandchild in its group, as `npm test` does with its workers.
          `const run = runCommand(['sh', '-c', 'sleep 300 & echo $! > ${pidFile}; wait'], { killGraceMs: 5000 });\n` +
          `while (true) { try { if ((await import('node:fs')).readFileSync(${JSON.stringify(pidFile)}, 'utf8').trim()) break; } catch {} await new Promise((r) => setTimeout(r, 20)); }\n` +
          "console.log('ready');\nawait run;\n",
      );
      const grandchild = Number(readFileSync(pidFile, 'utf8'));
      expect(isRunning(grandchild)).toBe(true);
      p.child.kill(signal);
      expect(await p.closed).toEqual({ code: signal === 'SIGINT' ? 130 : 143, signal: null });
      expect(await gone(grandchild)).toBe(true);
    });
  }
});

describe('onShutdown', () => {
  it('runs every cleanup once; a second signal during the cleanup does not cut it short', async () => {
    const marker = join(temp, 'cleaned');
    const p = await program(
      `import { writeFileSync } from 'node:fs';\nimport { onShutdown } from ${lib('shutdown.ts')};\n` +
        "let runs = 0;\nonShutdown(async () => { runs++; console.log('cleaning'); await new Promise((r) => setTimeout(r, 700));\n" +
        `  writeFileSync(${JSON.stringify(marker)}, String(runs)); });\n` +
        "setInterval(() => undefined, 1000);\nconsole.log('ready');\n",
    );
    p.child.kill('SIGINT');
    while (!p.output().includes('cleaning')) await new Promise((r) => setTimeout(r, 10));
    p.child.kill('SIGINT');
    p.child.kill('SIGTERM');
    expect(await p.closed).toEqual({ code: 130, signal: null });
    expect(readFileSync(marker, 'utf8')).toBe('1');
  });

  it('with `endsProgram` the owner finishes the program itself (its exit code counts)', async () => {
    const p = await program(
      `import { onShutdown } from ${lib('shutdown.ts')};\n` +
        'const keep = setInterval(() => undefined, 1000);\n' +
        "onShutdown(() => { clearInterval(keep); console.log('stopped'); process.exitCode = 0; }, { endsProgram: true });\n" +
        "console.log('ready');\n",
    );
    p.child.kill('SIGTERM');
    expect(await p.closed).toEqual({ code: 0, signal: null });
    expect(p.output()).toContain('stopped');
  });

  it('once every cleanup is unregistered, signals have their default effect again', async () => {
    const p = await program(
      `import { onShutdown } from ${lib('shutdown.ts')};\n` +
        'const off = onShutdown(() => undefined);\noff();\n' +
        "setInterval(() => undefined, 1000);\nconsole.log('ready');\n",
    );
    p.child.kill('SIGINT');
    expect(await p.closed).toEqual({ code: null, signal: 'SIGINT' });
    expect(existsSync(join(temp, 'never'))).toBe(false);
  });
});
