/**
 * `npm start` as a user runs it: the whole rehearsal on the local cloud, as a child process. The first run stays up
 * (production served until Ctrl-C): the test fetches production's bytes itself through the printed URL, and reads the
 * ledger's statuses, the incident issue and the bot's edited reply from report/state.json, which the rehearsal reads
 * from the emulators' state at the end. Then SIGINT ends it, and
 * a second run (`--exit`) works on the same state folder without `--reset`.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { RehearsalSnapshot } from '../../lib/rehearsal/rehearse.js';
import { isRunning } from '../support/process.js';
import { repoRoot } from '../support/runner.js';

const env = { ...process.env, PATH: `${dirname(process.execPath)}:${process.env.PATH ?? ''}`, NO_COLOR: '1' };
const temp = mkdtempSync(join(tmpdir(), 'shipline-start-e2e-'));
// As root the server runs as `postgres`, which must be able to enter the state folder.
chmodSync(temp, 0o755);
const stateDir = join(temp, 'state');
afterAll(() => rmSync(temp, { recursive: true, force: true }));

interface Running {
  child: ChildProcess;
  output(): string;
  closed: Promise<number | null>;
}

function npmStart(args: string[]): Running {
  const child = spawn('npm', ['start', '--', '--state-dir', stateDir, ...args], {
    cwd: repoRoot,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d) => {
    out += d;
  });
  child.stderr?.on('data', (d) => {
    out += d;
  });
  const closed = new Promise<number | null>((r) => child.on('close', (code) => r(code)));
  return { child, output: () => out, closed };
}

async function waitFor(run: Running, text: string): Promise<void> {
  let done = false;
  const early = run.closed.then(() => {
    if (!done) throw new Error(`npm start exited before printing "${text}":\n${run.output()}`);
  });
  const appeared = (async () => {
    while (!run.output().includes(text)) await new Promise((r) => setTimeout(r, 100));
    done = true;
  })();
  await Promise.race([appeared, early]);
}

/** A link of the closing report (`  <label>: <url>`). */
function link(output: string, label: RegExp): string {
  const line = output.split('\n').find((l) => label.test(l));
  const url = line?.match(/(https?:\/\/\S+)\s*$/)?.[1];
  if (!url) throw new Error(`no link ${label} in the report:\n${output}`);
  return url;
}

async function json<T>(url: string): Promise<T> {
  const response = await fetch(url);
  expect(response.status, url).toBe(200);
  return (await response.json()) as T;
}

describe('npm start', () => {
  it('rehearses v1.0.0, v1.1.0, v1.2.0 and /rollback, each outcome visible in the emulators', async () => {
    const run = npmStart([]);
    try {
      await waitFor(run, 'Press Ctrl-C');
      const out = run.output();
      // Each step passed, in order, and the report says so.
      expect(out).toMatch(/✅ 1\. v1\.0\.0[^\n]*passed/);
      expect(out).toMatch(/✅ 2\. v1\.1\.0[^\n]*passed/);
      expect(out).toMatch(/✅ 3\. v1\.2\.0[^\n]*passed/);
      expect(out).toMatch(/✅ 4\. v1\.2\.1[^\n]*passed/);
      expect(out).toMatch(/✅ 5\. \/rollback v1\.0\.0[^\n]*passed/);
      expect(out).toContain('Rehearsal passed.');

      // Production's bytes: v1.0.0 after everything.
      const production = link(out, /^\s+Production \(/);
      const health = await json<{ ok: boolean; version: string }>(`${production}/api/health`);
      expect(health).toMatchObject({ ok: true, version: 'v1.0.0' });
      expect(await (await fetch(`${production}/`)).text()).toContain('Release v1.0.0');

      // The GitHub emulator answers only authenticated requests and the token is never printed, so the rehearsal's
      // closing read of the emulators (report/state.json, taken from their state, not from the steps' notes) is used.
      const index = out.match(/Job summaries and checks: (\S+index\.md)/)?.[1] ?? '';
      const state = JSON.parse(readFileSync(join(dirname(index), 'state.json'), 'utf8')) as RehearsalSnapshot;
      expect(state.production.health).toMatchObject({ status: 200, version: 'v1.0.0' });
      // The ledger: v1.0.0 was good (replaced by v1.2.1, then restored by the rollback), v1.1.0 and v1.2.0 failed.
      const deploy = (version: string) => state.ledger.find((e) => e.version === version && e.kind === 'deploy');
      expect(deploy('v1.0.0')?.state).toBe('inactive');
      expect(
        state.ledger.find((e) => e.version === 'v1.0.0' && e.kind === 'rollback' && e.state === 'success'),
      ).toBeDefined();
      expect(deploy('v1.1.0')?.state).toBe('failure');
      expect(deploy('v1.2.0')?.state).toBe('failure');
      // v1.2.1 was good and is now replaced by the /rollback to v1.0.0.
      expect(deploy('v1.2.1')?.state).toBe('inactive');
      // The incident issue of v1.2.0 and the bot's reply to /rollback, edited to done.
      expect(state.issues.some((i) => i.labels.includes('incident') && i.title.includes('v1.2.0'))).toBe(true);
      const releaseIssue = state.issues.find((i) => i.title === 'Release v1.2.0');
      expect(state.replies.find((r) => r.issue === releaseIssue?.number)?.body).toMatch(/done/);

      // The report folder: an index and one Markdown file per step, with the job summaries.
      expect(existsSync(index)).toBe(true);
      expect(readFileSync(index, 'utf8')).toMatch(/\| 5 \| \[\/rollback v1\.0\.0/);
      expect(readFileSync(join(dirname(index), '2-v1.1.0.md'), 'utf8')).toMatch(/## Job summary/);

      // No secret reaches the output: the database password and the bypass secret stay hidden.
      const { password } = JSON.parse(readFileSync(join(stateDir, 'postgres', 'credentials.json'), 'utf8'));
      expect(out).not.toContain(password);
    } finally {
      // Ctrl-C (to npm, which passes it on): the local cloud stops, PostgreSQL included.
      const pidFile = join(stateDir, 'postgres', 'data', 'postmaster.pid');
      const postmaster = existsSync(pidFile) ? Number(readFileSync(pidFile, 'utf8').split('\n')[0]) : 0;
      process.kill(run.child.pid as number, 'SIGINT');
      await run.closed;
      if (postmaster > 0) {
        const deadline = Date.now() + 20_000;
        while (isRunning(postmaster) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
        expect(isRunning(postmaster)).toBe(false);
      }
    }
  }, 600_000);

  it('runs again on the same state without --reset and stops by itself with --exit', async () => {
    const run = npmStart(['--exit']);
    const code = await run.closed;
    const out = run.output();
    expect(out).toContain('PostgreSQL reused');
    expect(out).toContain('Rehearsal repository reused');
    expect(out, out).toContain('Rehearsal passed.');
    expect(code).toBe(0);
  }, 600_000);
});
