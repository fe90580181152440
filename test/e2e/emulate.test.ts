import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { Octokit } from '@octokit/rest';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { isRunning } from '../support/process.js';
import { repoRoot } from '../support/runner.js';

describe('shipline emulate', () => {
  it('starts the whole local cloud, prints a working environment, and stops cleanly on SIGINT', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(repoRoot, 'cli', 'main.ts'), 'emulate'], {
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
    const exited = new Promise<number | null>((r) => child.on('close', (code) => r(code)));
    await new Promise<void>((resolveReady, reject) => {
      const timer = setInterval(() => {
        if (out.includes('Press Ctrl-C')) {
          clearInterval(timer);
          resolveReady();
        }
      }, 50);
      void exited.then(() => reject(new Error(`emulate exited early:\n${out}`)));
    });
    const env = Object.fromEntries(
      [...out.matchAll(/^export (\w+)='([^']*)'$/gm)].map((m) => [m[1] as string, m[2] as string]),
    );
    expect(Object.keys(env)).toEqual(
      expect.arrayContaining(['VERCEL_API_URL', 'VERCEL_TOKEN', 'SUPABASE_API_URL', 'SUPABASE_ACCESS_TOKEN']),
    );

    // Each printed endpoint answers with the printed credentials.
    const octokit = new Octokit({ auth: env.GITHUB_TOKEN, baseUrl: env.GITHUB_API_URL });
    const [owner, repo] = (env.GITHUB_REPOSITORY ?? '').split('/') as [string, string];
    const permission = await octokit.rest.repos.getCollaboratorPermissionLevel({ owner, repo, username: 'octocat' });
    expect(permission.data.role_name).toBe('admin');
    const vercel = await fetch(`${env.VERCEL_API_URL}/v6/deployments`, {
      headers: { authorization: `Bearer ${env.VERCEL_TOKEN}` },
    });
    expect(vercel.status).toBe(200);
    const functions = await fetch(`${env.SUPABASE_API_URL}/v1/projects/${env.SUPABASE_PROJECT_REF}/functions`, {
      headers: { authorization: `Bearer ${env.SUPABASE_ACCESS_TOKEN}` },
    });
    expect(functions.status).toBe(200);
    const client = new pg.Client({ connectionString: env.SUPABASE_DB_URL });
    await client.connect();
    const { rows } = await client.query<{ pid: number; users: string }>(
      `select pg_backend_pid() as pid, to_regclass('auth.users')::text as users`,
    );
    const { rows: postmaster } = await client.query<{ pid: string }>(
      `select pid from pg_stat_activity where backend_type = 'checkpointer'`,
    );
    await client.end();
    expect(rows[0]?.users).toBe('auth.users');

    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(out).toContain('Stopped.');
    // No server process is left behind.
    const checkpointer = Number(postmaster[0]?.pid);
    expect(Number.isInteger(checkpointer)).toBe(true);
    const deadline = Date.now() + 10_000;
    while (isRunning(checkpointer) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(isRunning(checkpointer)).toBe(false);
  });
});
