import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { chooseStateDir, createProgress, run } from '../../../cli/commands/start.js';
import type { CliIO } from '../../../cli/terminal-logger.js';
import { repoRoot } from '../../support/runner.js';
import { fixedClock } from '../checks/check-context.js';

const stateDir = mkdtempSync(join(tmpdir(), 'shipline-start-'));
// As root the server runs as the `postgres` user, which must be able to enter the state folder.
chmodSync(stateDir, 0o755);
afterAll(() => rmSync(stateDir, { recursive: true, force: true }));

const MONDAY_NOON = '2026-11-23T11:00:00Z';

function capture(now = MONDAY_NOON): CliIO & { out: string[] } {
  const out: string[] = [];
  return {
    out,
    stdout: (t) => void out.push(t),
    stderr: (t) => void out.push(t),
    env: { PATH: process.env.PATH },
    cwd: repoRoot,
    color: false,
    clock: fixedClock(now),
  };
}

describe('shipline start', () => {
  it('prints its usage with the four rehearsal steps', async () => {
    const io = capture();
    expect(await run(['--help'], io)).toBe(0);
    const text = io.out.join('');
    expect(text).toContain('--exit');
    expect(text).toMatch(/1\. v1\.0\.0[\s\S]*2\. v1\.1\.0[\s\S]*3\. v1\.2\.0[\s\S]*4\. \/rollback v1\.0\.0/);
  });
});

describe('createProgress', () => {
  const step = (status: 'passed' | 'failed') => ({
    id: 'a',
    title: 'step A',
    status,
    lines: [],
    durationMs: 1500,
    summaries: [],
  });

  it('prints plain lines when not on a terminal', () => {
    const io = capture();
    const progress = createProgress(io, false, ['step A']);
    progress.start('a', 'step A');
    progress.detail('a', '✓ checked');
    progress.end(step('failed'));
    expect(io.out.join('')).toBe('▶ step A\n    ✓ checked\n✖ step A: failed (1.5 s)\n');
  });

  it('redraws the task list in place on a terminal', () => {
    const io = capture();
    const progress = createProgress(io, true, ['step A', 'step B']);
    progress.start('a', 'step A');
    progress.detail('a', 'working');
    progress.end(step('passed'));
    const [first, second, third] = io.out;
    expect(first).toBe('◐ step A\n○ step B\n');
    // Moves up over the two lines drawn, clears, and draws the list with the running step's latest line.
    expect(second).toBe('\x1b[2F\x1b[J◐ step A\n    \x1b[2mworking\x1b[0m\n○ step B\n');
    expect(third).toBe('\x1b[3F\x1b[J✔ step A (1.5 s)\n○ step B\n');
  });
});

describe('chooseStateDir', () => {
  it('uses --state-dir, else .shipline/local-cloud in the checkout', () => {
    expect(chooseStateDir('/work/app', 'state')).toBe('/work/app/state');
    const open = join(stateDir, 'open-checkout');
    mkdirSync(open, { recursive: true, mode: 0o755 });
    expect(chooseStateDir(open, undefined)).toBe(join(open, '.shipline', 'local-cloud'));
  });

  it.runIf(process.getuid?.() === 0)(
    'falls back to the temp dir when, as root, the checkout is closed to others',
    () => {
      const closed = join(stateDir, 'closed-checkout');
      mkdirSync(closed, { recursive: true });
      chmodSync(closed, 0o700);
      const chosen = chooseStateDir(closed, undefined);
      expect(chosen).toMatch(new RegExp(`^${tmpdir()}/shipline-local-cloud-[0-9a-f]{12}$`));
      expect(chooseStateDir(closed, undefined)).toBe(chosen);
    },
  );
});
