import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type SupabaseEmulator, startSupabaseEmulator } from '../../../../emulators/supabase/index.js';
import { MemoryLogger } from '../../../../lib/core/logger.js';
import { ManagementApi } from '../../../../lib/supabase/functions/api.js';
import { type DeployEdgeOptions, deployEdge } from '../../../../lib/supabase/functions/deploy.js';
import { BASIC, instantClock, project, write } from './helpers.js';

const REF = 'abcdefghijklmnopqrst';

describe('deployEdge against the Supabase emulator', () => {
  let sb: SupabaseEmulator;
  let api: ManagementApi;
  let logger: MemoryLogger;
  beforeEach(async () => {
    sb = await startSupabaseEmulator({ projects: [{ ref: REF }] });
    api = new ManagementApi({ baseUrl: sb.url, token: sb.token, clock: instantClock(), random: () => 0 });
    logger = new MemoryLogger();
  });
  afterEach(async () => {
    await sb.stop();
  });

  const run = (root: string, extra: Partial<DeployEdgeOptions> = {}) =>
    deployEdge({ api, ref: REF, root, functionsDir: 'supabase/functions', logger, clock: instantClock(), ...extra });

  it('deploys every function with its shared files and settings, and reports versions and hashes', async () => {
    const root = project({ ...BASIC, 'supabase/config.toml': '[functions.health]\nverify_jwt = false\n' });
    const outcome = await run(root);
    expect(outcome).toMatchObject({ outcome: 'success', reason: 'ok' });
    expect(outcome.details).toMatchObject({
      deployed: ['health', 'hello'],
      skipped: [],
      versions: { health: 1, hello: 1 },
    });
    expect(Object.values(outcome.details.hashes).every((h) => /^[0-9a-f]{64}$/.test(h))).toBe(true);
    expect(Object.keys(sb.state.liveFiles(REF, 'health') ?? {})).toEqual([
      'supabase/functions/health/index.ts',
      'supabase/functions/_shared/cors.ts',
    ]);
    const fns = sb.state.projects.get(REF)!.functions;
    expect(fns.get('health')).toMatchObject({ verifyJwt: false, entrypointPath: 'supabase/functions/health/index.ts' });
    expect(fns.get('hello')?.verifyJwt).toBe(true);
  });

  it('skips functions whose hash the current release recorded, redeploys changed ones, force overrides', async () => {
    const root = project(BASIC);
    const first = await run(root);
    const recorded = first.details.hashes;
    write(root, { 'supabase/functions/_shared/cors.ts': "export const cors = { 'x-v': '2' };\n" });
    const second = await run(root, { recorded });
    expect(second.details).toMatchObject({
      deployed: ['health'],
      skipped: ['hello'],
      versions: { health: 2, hello: 1 },
    });
    expect(second.details.hashes.hello).toBe(recorded.hello);
    const forced = await run(root, { recorded: second.details.hashes, force: true });
    expect(forced.details).toMatchObject({ deployed: ['health', 'hello'], skipped: [] });
    const unchanged = await run(root, { recorded: forced.details.hashes });
    expect(unchanged).toMatchObject({ outcome: 'success', reason: 'already-done' });
    expect(unchanged.details.skipped).toEqual(['health', 'hello']);
    // Unchanged run: one list call and nothing else.
    expect(unchanged.details.requests).toBe(1);
  });

  it('redeploys a recorded function that was deleted remotely', async () => {
    const root = project(BASIC);
    const first = await run(root);
    sb.state.projects.get(REF)!.functions.delete('hello');
    const again = await run(root, { recorded: first.details.hashes });
    expect(again.details).toMatchObject({ deployed: ['hello'], skipped: ['health'] });
  });

  it('does not trust a recorded hash when the function was redeployed after the release was recorded', async () => {
    const root = project(BASIC);
    const first = await run(root);
    // Recorded as GitHub does it, in whole seconds, after the first deploy; the failing deploy comes later.
    const recordedAt = new Date(Math.floor(Date.now() / 1000) * 1000).toISOString().replace('.000', '');
    await new Promise((r) => setTimeout(r, 1050));
    // A later deploy of other code that failed afterwards and never became current...
    write(root, { 'supabase/functions/hello/index.ts': "Deno.serve(() => new Response('broken'));\n" });
    const failedLater = await run(root, { recorded: first.details.hashes, recordedAt });
    expect(failedLater.details).toMatchObject({ deployed: ['hello'], skipped: ['health'] });
    // ...then the recorded code again: hello must be redeployed, health (untouched since) is skipped.
    write(root, { 'supabase/functions/hello/index.ts': BASIC['supabase/functions/hello/index.ts']! });
    const again = await run(root, { recorded: first.details.hashes, recordedAt });
    expect(again.details).toMatchObject({ deployed: ['hello'], skipped: ['health'] });
    expect(Object.values(sb.state.liveFiles(REF, 'hello') ?? {})).toEqual([BASIC['supabase/functions/hello/index.ts']]);
  });

  it('prunes remote functions that no longer exist only when asked, never disabled ones', async () => {
    const root = project({ ...BASIC, 'supabase/functions/old/index.ts': 'Deno.serve(() => new Response("old"));' });
    await run(root);
    write(root, { 'supabase/config.toml': '[functions.health]\nenabled = false\n' });
    const { rmSync } = await import('node:fs');
    rmSync(`${root}/supabase/functions/old`, { recursive: true });
    const kept = await run(root);
    expect(kept.details.pruned).toEqual([]);
    expect([...sb.state.projects.get(REF)!.functions.keys()].sort()).toEqual(['health', 'hello', 'old']);
    const pruned = await run(root, { prune: true });
    expect(pruned.details.pruned).toEqual(['old']);
    expect([...sb.state.projects.get(REF)!.functions.keys()].sort()).toEqual(['health', 'hello']);
  });

  it('a function that keeps failing fails the outcome, the others still deploy, nothing is pruned', async () => {
    const root = project(BASIC);
    sb.server.faults.add({ method: 'POST', path: `/v1/projects/${REF}/functions/deploy`, status: 400, times: 1 });
    const outcome = await run(root, { concurrency: 1, prune: true });
    expect(outcome).toMatchObject({ outcome: 'failure', reason: 'deploy-edge-failed' });
    expect(outcome.details.failed).toEqual(['health']);
    expect(outcome.details.deployed).toEqual(['hello']);
    expect(outcome.message).toMatch(/1 of 2 function\(s\) failed to deploy: health/);
    expect(logger.text('error')).toMatch(/health: deploy failed: Could not deploy function health: HTTP 400/);
  });

  it('keeps at most `concurrency` deploys in flight', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 6; i++) files[`supabase/functions/f${i}/index.ts`] = `Deno.serve(() => new Response("${i}"));`;
    const root = project(files);
    sb.server.faults.add({ method: 'POST', path: `/v1/projects/${REF}/functions/deploy`, delayMs: 60 });
    let inFlight = 0;
    let peak = 0;
    const countingFetch: typeof fetch = async (input, init) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      try {
        return await fetch(input, init);
      } finally {
        inFlight--;
      }
    };
    api = new ManagementApi({ baseUrl: sb.url, token: sb.token, clock: instantClock(), fetch: countingFetch });
    const outcome = await run(root, { concurrency: 2 });
    expect(outcome.details.deployed).toHaveLength(6);
    expect(peak).toBe(2);
  });

  it('stays inside the API rate limit: waits for the window instead of failing', async () => {
    await sb.stop();
    sb = await startSupabaseEmulator({ projects: [{ ref: REF }], rateLimit: { limit: 4, windowMs: 300 } });
    const { systemClock } = await import('../../../../lib/core/clock.js');
    api = new ManagementApi({ baseUrl: sb.url, token: sb.token, clock: systemClock });
    const files: Record<string, string> = {};
    for (let i = 0; i < 7; i++) files[`supabase/functions/f${i}/index.ts`] = `Deno.serve(() => new Response("${i}"));`;
    const outcome = await run(project(files), { concurrency: 3, clock: systemClock });
    expect(outcome.outcome).toBe('success');
    expect(outcome.details.deployed).toHaveLength(7);
    // Any 429 the concurrent burst draws is waited out (Retry-After) and retried; nothing fails.
    expect(sb.server.requests.entries.filter((e) => e.status === 201)).toHaveLength(7);
  });

  it('sets the secrets config.toml names from the environment, masking each value first', async () => {
    const root = project({
      ...BASIC,
      'supabase/config.toml': '[edge_runtime.secrets]\nSTRIPE_KEY = "env(STRIPE_SECRET)"\n',
    });
    const masked: string[] = [];
    const outcome = await run(root, {
      env: { STRIPE_SECRET: 'sk_test_abcdef', MAILER: 'mailer-token' },
      secrets: [{ name: 'MAILER', env: 'MAILER' }],
      mask: (v) => masked.push(v),
    });
    expect(outcome.details.secrets).toEqual(['MAILER', 'STRIPE_KEY']);
    expect(masked.sort()).toEqual(['mailer-token', 'sk_test_abcdef']);
    expect(sb.state.projects.get(REF)!.secrets.get('STRIPE_KEY')?.value).toBe('sk_test_abcdef');
    expect(logger.text()).not.toContain('sk_test_abcdef');
  });

  it('refuses before any deploy when a secret has no value', async () => {
    const root = project({
      ...BASIC,
      'supabase/config.toml': '[edge_runtime.secrets]\nSTRIPE_KEY = "env(STRIPE_SECRET)"\n',
    });
    await expect(run(root, { env: {} })).rejects.toMatchObject({
      code: 'secret_missing',
      message: expect.stringContaining('STRIPE_KEY (from STRIPE_SECRET)'),
    });
    expect(sb.server.requests.entries).toEqual([]);
  });
});
