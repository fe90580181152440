import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SupabaseEmulator, startSupabaseEmulator } from '../../emulators/supabase/index.js';

const require = createRequire(import.meta.url);
/** The Supabase CLI's own binary (it validates every Management API answer against its schemas). */
const cliBinary = join(dirname(require.resolve('@supabase/cli-linux-x64/package.json')), 'bin', 'supabase');

interface CliResult {
  code: number | null;
  out: string;
}

describe('the Supabase CLI against the Supabase emulator', () => {
  let sb: SupabaseEmulator;
  let dir: string;
  let ref: string;

  /** Runs the CLI asynchronously (a blocking call would stall the in-process emulator). */
  const cli = (args: string[], options: { token?: string; remote?: boolean } = {}): Promise<CliResult> =>
    new Promise((resolve, reject) => {
      const target = options.remote === false ? [] : [`--remote=${ref}`];
      const token = options.token ?? sb.token;
      const child = spawn(cliBinary, [...args, ...target, '--profile', join(dir, 'profile.yaml')], {
        cwd: dir,
        env: { ...process.env, SUPABASE_ACCESS_TOKEN: token, SUPABASE_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: '1' },
      });
      let out = '';
      child.stdout.on('data', (d) => {
        out += d;
      });
      child.stderr.on('data', (d) => {
        out += d;
      });
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, out }));
    });

  const json = (result: CliResult): unknown => JSON.parse(result.out.slice(result.out.search(/^[[{]/m)));

  beforeAll(async () => {
    sb = await startSupabaseEmulator();
    ref = sb.refs[0]!;
    dir = mkdtempSync(join(tmpdir(), 'shipline-sbcli-'));
    // A CLI profile retargets every Management API call (SUPABASE_API_URL alone is not honoured by all commands).
    writeFileSync(
      join(dir, 'profile.yaml'),
      `name: emulated\napi_url: ${sb.url}\ndashboard_url: ${sb.url}/dashboard\nproject_host: supabase.test\n`,
    );
    mkdirSync(join(dir, 'supabase', 'functions', 'hello'), { recursive: true });
  });

  afterAll(async () => {
    await sb.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('sets, lists (as digests) and unsets secrets', async () => {
    expect((await cli(['secrets', 'set', 'STRIPE_KEY=sk_test_1', '--yes'])).code).toBe(0);
    const listed = await cli(['secrets', 'list', '-o', 'json']);
    expect(listed.code).toBe(0);
    expect(json(listed)).toEqual([
      expect.objectContaining({ name: 'STRIPE_KEY', value: expect.stringMatching(/^[0-9a-f]{64}$/) }),
    ]);
    expect((await cli(['secrets', 'unset', 'STRIPE_KEY', '--yes'])).code).toBe(0);
    expect(sb.state.projects.get(ref)!.secrets.size).toBe(0);
  });

  it('deploys through the API (multipart), bumps versions, lists, downloads and deletes a function', async () => {
    const source = join(dir, 'supabase', 'functions', 'hello', 'index.ts');
    writeFileSync(source, 'Deno.serve(() => new Response("v1"));\n');
    expect((await cli(['functions', 'deploy', 'hello', '--use-api', '--yes'])).code).toBe(0);
    writeFileSync(source, 'Deno.serve(() => new Response("v2"));\n');
    expect((await cli(['functions', 'deploy', 'hello', '--use-api', '--yes'])).code).toBe(0);
    expect(Object.values(sb.state.liveFiles(ref, 'hello') ?? {})).toEqual(['Deno.serve(() => new Response("v2"));\n']);

    const listed = await cli(['functions', 'list', '-o', 'json']);
    expect(listed.code).toBe(0);
    expect(json(listed)).toEqual([expect.objectContaining({ slug: 'hello', status: 'ACTIVE', version: 2 })]);

    writeFileSync(source, 'overwritten locally\n');
    expect((await cli(['functions', 'download', 'hello', '--use-api'])).code).toBe(0);
    expect(readFileSync(source, 'utf8')).toBe('Deno.serve(() => new Response("v2"));\n');

    expect((await cli(['functions', 'delete', 'hello', '--yes'])).code).toBe(0);
    expect(sb.state.liveFiles(ref, 'hello')).toBeUndefined();
  });

  it('lists projects and their API keys', async () => {
    const projects = await cli(['projects', 'list', '-o', 'json'], { remote: false });
    expect(projects.code).toBe(0);
    expect(json(projects)).toEqual([expect.objectContaining({ ref, status: 'ACTIVE_HEALTHY' })]);
    const keys = await cli(['projects', 'api-keys', '-o', 'json']);
    expect(keys.code).toBe(0);
    expect((json(keys) as Array<{ name: string }>).map((k) => k.name)).toEqual(['anon', 'service_role']);
  });

  it('is refused with a token the emulator does not know', async () => {
    const other = await cli(['functions', 'list'], { token: `sbp_${'0'.repeat(40)}` });
    expect(other.code).not.toBe(0);
    expect(sb.server.requests.entries.some((e) => e.status === 401)).toBe(true);
  });
});
