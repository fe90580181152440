import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { chooseStateDir, run } from '../../../cli/commands/start.js';
import type { CliIO } from '../../../cli/terminal-logger.js';
import { repoRoot } from '../../support/runner.js';
import { fixedClock } from '../checks/check-context.js';

const stateDir = mkdtempSync(join(tmpdir(), 'shipline-start-'));
// As root the server runs as the `postgres` user, which must be able to enter the state folder.
chmodSync(stateDir, 0o755);
afterAll(() => rmSync(stateDir, { recursive: true, force: true }));

// A Monday noon in Berlin: outside the example's weekly freeze window (Sunday 03:00-04:00 Europe/Berlin).
const MONDAY_NOON = '2026-11-23T11:00:00Z';
const SUNDAY_0330_BERLIN = '2026-11-22T02:30:00Z';

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
  it('validates examples/app, applies its migrations once, and applies nothing on the second run', async () => {
    const first = capture();
    expect(await run(['--state-dir', stateDir], first)).toBe(0);
    const firstText = first.out.join('');
    expect(firstText).toContain('PASSED');
    expect(firstText).toMatch(/CHECK\s+RESULT/);
    expect(firstText).toContain('PostgreSQL initialised');
    expect(firstText).toMatch(/Applied 5 migration\(s\); head is \d{14}/);

    const second = capture();
    expect(await run(['--state-dir', stateDir], second)).toBe(0);
    const secondText = second.out.join('');
    expect(secondText).toContain('PostgreSQL reused');
    expect(secondText).toContain('Database is up to date');
    expect(secondText).not.toContain('applied now');
    // The password of the local database never reaches the output.
    expect(secondText).toMatch(/postgres:\*\*\*@127\.0\.0\.1/);
    const { password } = JSON.parse(readFileSync(join(stateDir, 'postgres', 'credentials.json'), 'utf8'));
    expect(`${firstText}${secondText}`).not.toContain(password);
  });

  it('fails the rehearsal inside the freeze window, saying why, and still shows the database', async () => {
    const frozen = capture(SUNDAY_0330_BERLIN);
    expect(await run(['--state-dir', stateDir], frozen)).toBe(1);
    const text = frozen.out.join('');
    expect(text).toMatch(/Deploy freeze windows\s+FAIL/);
    expect(text).toContain('Weekly database maintenance window');
    expect(text).toContain('Rehearsal failed');
    expect(text).toContain('Database is up to date');
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
