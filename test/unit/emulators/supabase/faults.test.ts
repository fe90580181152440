import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SupabaseEmulator } from '../../../../emulators/supabase/index.js';
import type { Clock } from '../../../../lib/core/clock.js';
import { TimeoutError } from '../../../../lib/core/errors.js';
import { httpRequest } from '../../../../lib/core/http.js';
import { REF, startSupabase } from './helpers.js';

describe('Supabase emulator faults seen through lib/core/http', () => {
  let sb: SupabaseEmulator;
  const sleeps: number[] = [];
  const clock: Clock = {
    now: () => new Date(0),
    sleep: async (ms) => {
      sleeps.push(ms);
    },
  };

  beforeEach(async () => {
    ({ sb } = await startSupabase());
    sleeps.length = 0;
  });
  afterEach(async () => {
    await sb.stop();
  });

  it('a 429 with Retry-After: 1 is retried after the server’s wait', async () => {
    const path = `/v1/projects/${REF}/functions`;
    sb.server.faults.add({ path, status: 429, headers: { 'retry-after': '1' }, times: 1 });
    const res = await httpRequest(`${sb.url}${path}`, { headers: { authorization: `Bearer ${sb.token}` } }, { clock });
    expect(res.status).toBe(200);
    expect(res.attempts).toBe(2);
    expect(sleeps).toEqual([1000]);
    expect(sb.server.requests.count('GET /v1/projects/:ref/functions')).toBe(2);
  });

  it('a stalled answer trips the per-attempt timeout', async () => {
    sb.server.faults.add({ path: `/v1/projects/${REF}/secrets`, stall: true });
    const call = httpRequest(
      `${sb.url}/v1/projects/${REF}/secrets`,
      { headers: { authorization: `Bearer ${sb.token}` }, timeoutMs: 150, retry: { attempts: 1 } },
      { clock },
    );
    await expect(call).rejects.toBeInstanceOf(TimeoutError);
  });
});

describe('Supabase emulator fault admin API', () => {
  it('accepts fault rules over HTTP and answers them in the API’s error shape', async () => {
    const { sb } = await startSupabase();
    try {
      const added = await fetch(`${sb.url}/__emulator/faults`, {
        method: 'POST',
        body: JSON.stringify({ path: `/v1/projects/${REF}/secrets`, status: 503, times: 1 }),
      });
      expect(added.status).toBe(201);
      const headers = { authorization: `Bearer ${sb.token}` };
      const failed = await fetch(`${sb.url}/v1/projects/${REF}/secrets`, { headers });
      expect(failed.status).toBe(503);
      expect(await failed.json()).toHaveProperty('message');
      expect((await fetch(`${sb.url}/v1/projects/${REF}/secrets`, { headers })).status).toBe(200);
    } finally {
      await sb.stop();
    }
  });
});
