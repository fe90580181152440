/**
 * `shipline emulate` and `npm start` run the way a user runs them (`npm run shipline -- emulate`, `npm start`), ended
 * every way a user or CI ends them: Ctrl-C in a terminal (the whole process group gets SIGINT, and npm passes it on
 * once more), one SIGINT, SIGTERM (`timeout`, CI cancel), and an exception. Each time no PostgreSQL may keep running
 * and no temporary folder may be left behind.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Octokit } from '@octokit/rest';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { isRunning } from '../support/process.js';
import { repoRoot } from '../support/runner.js';

const env = { ...process.env, PATH: `${dirname(process.execPath)}:${process.env.PATH ?? ''}`, NO_COLOR: '1' };
const temp = mkdtempSync(join(tmpdir(), 'shipline-emulate-test-'));
// As root the server runs as `postgres`, which must be able to enter the state folder `npm start` gets below.
chmodSync(temp, 0o755);
afterAll(() => rmSync(temp, { recursive: true, force: true }));

interface Running {
  child: ChildProcess;
  output(): string;
  closed: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts `npm <args>` in its own process group (as a terminal's foreground job). */
function npm(args: string[], cwd = repoRoot): Running {
  const child = spawn('npm', args, { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout?.on('data', (d) => {
    out += d;
  });
  child.stderr?.on('data', (d) => {
    out += d;
  });
  const closed = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) =>
    child.on('close', (code, signal) => r({ code, signal })),
  );
  return { child, output: () => out, closed };
}

async function waitForOutput(run: Running, text: string): Promise<void> {
  let done = false;
  const exitedEarly = run.closed.then(() => {
    if (!done) throw new Error(`exited before printing "${text}":\n${run.output()}`);
  });
  const appeared = (async () => {
    while (!run.output().includes(text)) await new Promise((r) => setTimeout(r, 50));
    done = true;
  })();
  await Promise.race([appeared, exitedEarly]);
}

/** Polls until the process is gone (false if it still runs after `ms`). */
async function gone(pid: number, ms = 20_000): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (isRunning(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  return !isRunning(pid);
}

/** The environment `emulate` printed. */
function exported(output: string): Record<string, string> {
  return Object.fromEntries(
    [...output.matchAll(/^export (\w+)='([^']*)'$/gm)].map((m) => [m[1] as string, m[2] as string]),
  );
}

/** The server's data folder and postmaster pid, asked from the server itself. */
async function serverOf(url: string): Promise<{ dataDir: string; postmaster: number }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ dir: string }>("select current_setting('data_directory') as dir");
    const dataDir = rows[0]?.dir as string;
    const postmaster = Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    return { dataDir, postmaster };
  } finally {
    await client.end();
  }
}

type Ending = 'one SIGINT' | 'Ctrl-C (SIGINT to the group, twice to node)' | 'SIGTERM';

function end(run: Running, how: Ending): void {
  const pid = run.child.pid as number;
  if (how === 'one SIGINT') process.kill(pid, 'SIGINT');
  else if (how === 'SIGTERM') process.kill(pid, 'SIGTERM');
  else process.kill(-pid, 'SIGINT');
}

describe('npm run shipline -- emulate', () => {
  it('starts the whole local cloud and prints a working environment', async () => {
    const run = npm(['run', 'shipline', '--', 'emulate']);
    await waitForOutput(run, 'Press Ctrl-C');
    const vars = exported(run.output());
    expect(Object.keys(vars)).toEqual(
      expect.arrayContaining(['VERCEL_API_URL', 'VERCEL_TOKEN', 'SUPABASE_API_URL', 'SUPABASE_ACCESS_TOKEN']),
    );
    // Each printed endpoint answers with the printed credentials.
    const octokit = new Octokit({ auth: vars.GITHUB_TOKEN, baseUrl: vars.GITHUB_API_URL });
    const [owner, repo] = (vars.GITHUB_REPOSITORY ?? '').split('/') as [string, string];
    const permission = await octokit.rest.repos.getCollaboratorPermissionLevel({ owner, repo, username: 'octocat' });
    expect(permission.data.role_name).toBe('admin');
    const vercel = await fetch(`${vars.VERCEL_API_URL}/v6/deployments`, {
      headers: { authorization: `Bearer ${vars.VERCEL_TOKEN}` },
    });
    expect(vercel.status).toBe(200);
    const functions = await fetch(`${vars.SUPABASE_API_URL}/v1/projects/${vars.SUPABASE_PROJECT_REF}/functions`, {
      headers: { authorization: `Bearer ${vars.SUPABASE_ACCESS_TOKEN}` },
    });
    expect(functions.status).toBe(200);
    const client = new pg.Client({ connectionString: vars.SUPABASE_DB_URL });
    await client.connect();
    const { rows } = await client.query<{ users: string }>(`select to_regclass('auth.users')::text as users`);
    await client.end();
    expect(rows[0]?.users).toBe('auth.users');
    const { postmaster } = await serverOf(vars.SUPABASE_DB_URL as string);
    end(run, 'one SIGINT');
    await run.closed;
    expect(run.output()).toContain('Stopped.');
    expect(await gone(postmaster)).toBe(true);
  });

  for (const how of ['one SIGINT', 'Ctrl-C (SIGINT to the group, twice to node)', 'SIGTERM'] as const) {
    it(`${how}: stops PostgreSQL and removes its temporary folder`, async () => {
      const run = npm(['run', 'shipline', '--', 'emulate']);
      await waitForOutput(run, 'Press Ctrl-C');
      const vars = exported(run.output());
      const { dataDir, postmaster } = await serverOf(vars.SUPABASE_DB_URL as string);
      const folder = dirname(dataDir);
      expect(folder).toMatch(/shipline-pg-/);
      expect(existsSync(folder)).toBe(true);
      const caFolder = dirname(vars.NODE_EXTRA_CA_CERTS as string);
      expect(existsSync(caFolder)).toBe(true);
      end(run, how);
      await run.closed;
      expect(run.output()).toContain('Stopped.');
      expect(await gone(postmaster)).toBe(true);
      expect(existsSync(folder)).toBe(false);
      expect(existsSync(caFolder)).toBe(false);
    });
  }
});

describe('npm start', () => {
  it('SIGINT while the rehearsal runs stops PostgreSQL', async () => {
    const stateDir = join(temp, 'state');
    const run = npm(['start', '--', '--state-dir', stateDir]);
    // Mid-rehearsal: the first release's workflow is running against the local cloud.
    await waitForOutput(run, '▶ v1.0.0');
    const pidFile = join(stateDir, 'postgres', 'data', 'postmaster.pid');
    const postmaster = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
    expect(isRunning(postmaster)).toBe(true);
    // To npm only (as `kill` or a supervisor does): PostgreSQL, in the same group, gets no signal of its own.
    end(run, 'one SIGINT');
    const { code } = await run.closed;
    expect(code).not.toBe(0);
    expect(await gone(postmaster)).toBe(true);
    expect(existsSync(pidFile)).toBe(false);
  });
});

describe('an exception in a process running the local cloud', () => {
  it('still stops PostgreSQL and removes the temporary folders', async () => {
    const script = join(temp, 'crash.mts');
    writeFileSync(
      script,
      `import { startLocalCloud } from ${JSON.stringify(join(repoRoot, 'emulators', 'local-cloud.ts'))};\n` +
        'const cloud = await startLocalCloud();\n' +
        'console.log(JSON.stringify({ dir: cloud.postgres.dir, pid: cloud.postgres.pid, ca: cloud.env.NODE_EXTRA_CA_CERTS }));\n' +
        "setTimeout(() => { throw new Error('boom'); }, 10);\n",
    );
    const child = spawn(process.execPath, ['--import', 'tsx', script], { cwd: repoRoot, env });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.stderr.on('data', (d) => {
      out += d;
    });
    const code = await new Promise<number | null>((r) => child.on('close', (c) => r(c)));
    expect(code, out).toBe(1);
    expect(out).toContain('boom');
    const started = JSON.parse(out.split('\n')[0] as string) as { dir: string; pid: number; ca: string };
    expect(await gone(started.pid)).toBe(true);
    expect(existsSync(started.dir)).toBe(false);
    expect(existsSync(dirname(started.ca))).toBe(false);
  });
});
