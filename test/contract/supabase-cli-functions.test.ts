/**
 * The real Supabase CLI (`functions deploy --use-api`, aimed at the emulator with a `--profile` file) and Shipline
 * agree on what a function is: the CLI deploys examples/app's functions, Shipline reads them back and finds the same
 * files, entrypoint and settings it would send; a Shipline deploy stores exactly what the CLI stored, and the CLI
 * lists it.
 */
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SupabaseEmulator, startSupabaseEmulator } from '../../emulators/supabase/index.js';
import { systemClock } from '../../lib/core/clock.js';
import { silentLogger } from '../../lib/core/logger.js';
import { ManagementApi } from '../../lib/supabase/functions/api.js';
import { deployFunctions } from '../../lib/supabase/functions/deploy.js';
import { discoverFunctions } from '../../lib/supabase/functions/discover.js';
import { repoRoot } from '../support/runner.js';

const require = createRequire(import.meta.url);
const cliBinary = join(dirname(require.resolve('@supabase/cli-linux-x64/package.json')), 'bin', 'supabase');

describe('Supabase CLI and Shipline deploy the same edge functions', () => {
  let sb: SupabaseEmulator;
  let dir: string;
  let ref: string;

  const cli = (args: string[]): Promise<{ code: number | null; out: string }> =>
    new Promise((resolve, reject) => {
      const child = spawn(cliBinary, [...args, `--remote=${ref}`, '--profile', join(dir, 'profile.yaml')], {
        cwd: dir,
        env: { ...process.env, SUPABASE_ACCESS_TOKEN: sb.token, SUPABASE_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: '1' },
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

  beforeAll(async () => {
    sb = await startSupabaseEmulator();
    ref = sb.refs[0]!;
    dir = mkdtempSync(join(tmpdir(), 'shipline-sbcli-fn-'));
    cpSync(join(repoRoot, 'examples', 'app', 'supabase'), join(dir, 'supabase'), { recursive: true });
    writeFileSync(
      join(dir, 'profile.yaml'),
      `name: emulated\napi_url: ${sb.url}\ndashboard_url: ${sb.url}/dashboard\nproject_host: supabase.test\n`,
    );
  });

  afterAll(async () => {
    await sb.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads back what the CLI deployed, and deploys it the same way', async () => {
    const deployed = await cli(['functions', 'deploy', '--use-api', '--yes']);
    expect(deployed.code, deployed.out).toBe(0);

    const api = new ManagementApi({ baseUrl: sb.url, token: sb.token, clock: systemClock });
    const remote = await api.listFunctions(ref);
    expect(remote).toEqual([
      expect.objectContaining({
        slug: 'health',
        status: 'ACTIVE',
        version: 1,
        verify_jwt: false,
        entrypoint_path: 'supabase/functions/health/index.ts',
      }),
    ]);
    const byCli = sb.state.liveFiles(ref, 'health');

    const { functions } = await discoverFunctions({ root: dir, functionsDir: 'supabase/functions' });
    expect(functions.map((f) => f.slug)).toEqual(remote.map((f) => f.slug));
    const [health] = functions;
    expect(health?.entrypointPath).toBe(remote[0]?.entrypoint_path);
    expect(health?.verifyJwt).toBe(remote[0]?.verify_jwt);
    expect(health?.files.map((f) => f.name).sort()).toEqual(Object.keys(byCli ?? {}).sort());

    const outcome = await deployFunctions({ api, ref, functions, logger: silentLogger, clock: systemClock });
    expect(outcome.details.versions).toEqual({ health: 2 });
    expect(sb.state.liveFiles(ref, 'health')).toEqual(byCli);
    const fn = sb.state.projects.get(ref)!.functions.get('health')!;
    expect(fn.versions.map((v) => v.ezbrSha256)).toEqual([fn.versions[0]!.ezbrSha256, fn.versions[0]!.ezbrSha256]);

    const listed = await cli(['functions', 'list', '-o', 'json']);
    expect(listed.code, listed.out).toBe(0);
    expect(JSON.parse(listed.out.slice(listed.out.search(/^\[/m)))).toEqual([
      expect.objectContaining({ slug: 'health', version: 2, verify_jwt: false }),
    ]);
  }, 60_000);
});
