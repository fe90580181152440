import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type SupabaseEmulator, startSupabaseEmulator } from '../../../../emulators/supabase/index.js';
import { systemClock } from '../../../../lib/core/clock.js';
import { ManagementApi } from '../../../../lib/supabase/functions/api.js';
import { instantClock } from './helpers.js';

const REF = 'abcdefghijklmnopqrst';
const META = { name: 'hello', entrypoint_path: 'supabase/functions/hello/index.ts', verify_jwt: true };
const FILES = [
  {
    name: 'supabase/functions/hello/index.ts',
    bytes: new TextEncoder().encode('Deno.serve(() => new Response("hi"));'),
  },
];

describe('ManagementApi against the Supabase emulator', () => {
  let sb: SupabaseEmulator;
  beforeEach(async () => {
    sb = await startSupabaseEmulator({ projects: [{ ref: REF }] });
  });
  afterEach(async () => {
    await sb.stop();
  });

  it('deploys through the multipart endpoint with metadata and file parts, then lists', async () => {
    const api = new ManagementApi({ baseUrl: sb.url, token: sb.token, clock: instantClock() });
    const deployed = await api.deployFunction(REF, 'hello', META, FILES);
    expect(deployed).toMatchObject({ slug: 'hello', version: 1, status: 'ACTIVE', verify_jwt: true });
    expect(sb.state.liveFiles(REF, 'hello')).toEqual({
      'supabase/functions/hello/index.ts': 'Deno.serve(() => new Response("hi"));',
    });
    expect((await api.listFunctions(REF)).map((f) => f.slug)).toEqual(['hello']);
    expect(sb.server.requests.entries.find((e) => e.method === 'POST')?.path).toBe(
      `/v1/projects/${REF}/functions/deploy`,
    );
  });

  it('retries 429 after Retry-After and 500/503 with backoff, resending the same body', async () => {
    sb.server.faults.add({ method: 'POST', path: `/v1/projects/${REF}/functions/deploy`, status: 503, times: 1 });
    sb.server.faults.add({ method: 'POST', path: `/v1/projects/${REF}/functions/deploy`, status: 500, times: 1 });
    sb.server.faults.add({
      method: 'POST',
      path: `/v1/projects/${REF}/functions/deploy`,
      status: 429,
      headers: { 'retry-after': '7' },
      times: 1,
    });
    const clock = instantClock();
    const api = new ManagementApi({ baseUrl: sb.url, token: sb.token, clock, random: () => 0.5 });
    const deployed = await api.deployFunction(REF, 'hello', META, FILES);
    expect(deployed.version).toBe(1);
    expect(api.requestCount).toBe(4);
    // 429 first (newest rule wins): its Retry-After, then jittered backoffs: 0.5 × 1000 (500), then 0.5 × 2000 (503).
    expect(clock.slept).toEqual([7000, 500, 1000]);
  });

  it('gives up after the last attempt with the API message and a hint', async () => {
    sb.server.faults.add({ path: `/v1/projects/${REF}/functions`, status: 502 });
    const api = new ManagementApi({ baseUrl: sb.url, token: sb.token, clock: instantClock(), attempts: 3 });
    await expect(api.listFunctions(REF)).rejects.toMatchObject({
      code: 'api_error',
      message: expect.stringContaining('Could not list functions of abcdefghijklmnopqrst: HTTP 502'),
    });
    expect(api.requestCount).toBe(3);
  });

  it('does not retry a refusal (401), and says what to do', async () => {
    const api = new ManagementApi({ baseUrl: sb.url, token: `sbp_${'1'.repeat(40)}`, clock: instantClock() });
    const error = await api.listFunctions(REF).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'api_error', message: expect.stringContaining('HTTP 401 Unauthorized') });
    expect((error as { hint: string }).hint).toMatch(/access token/);
    expect(api.requestCount).toBe(1);
  });

  it('retries a connection reset', async () => {
    sb.server.faults.add({ path: `/v1/projects/${REF}/functions`, reset: true, times: 2 });
    const api = new ManagementApi({ baseUrl: sb.url, token: sb.token, clock: instantClock() });
    expect(await api.listFunctions(REF)).toEqual([]);
    expect(api.requestCount).toBe(3);
  });

  it('retries a stalled deploy after the per-attempt timeout', async () => {
    sb.server.faults.add({ method: 'POST', path: `/v1/projects/${REF}/functions/deploy`, stall: true, times: 1 });
    const api = new ManagementApi({ baseUrl: sb.url, token: sb.token, clock: instantClock(), timeoutMs: 300 });
    expect((await api.deployFunction(REF, 'hello', META, FILES)).version).toBe(1);
    expect(api.requestCount).toBe(2);
  });

  it('holds requests while the rate-limit window is used up (X-RateLimit-Remaining: 0)', async () => {
    await sb.stop();
    sb = await startSupabaseEmulator({ projects: [{ ref: REF }], rateLimit: { limit: 2, windowMs: 400 } });
    const waits: string[] = [];
    const api = new ManagementApi({
      baseUrl: sb.url,
      token: sb.token,
      clock: systemClock,
      onWait: ({ reason }) => waits.push(reason),
    });
    for (let i = 0; i < 4; i++) await api.listFunctions(REF);
    // The second answer says 0 remaining: the client waits for the reset instead of drawing a 429.
    expect(sb.server.requests.entries.map((e) => e.status)).toEqual([200, 200, 200, 200]);
    expect(waits).toContain('rate limit window');
  });
});
