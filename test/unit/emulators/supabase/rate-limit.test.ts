import { afterEach, describe, expect, it } from 'vitest';
import { type SupabaseEmulator, startSupabaseEmulator } from '../../../../emulators/supabase/index.js';
import { RateLimiter } from '../../../../emulators/supabase/rate-limit.js';
import { REF, supabaseCaller } from './helpers.js';

describe('RateLimiter', () => {
  it('counts per key in fixed windows and says how long until the reset', () => {
    let now = 0;
    const limiter = new RateLimiter({ limit: 2, windowMs: 60_000 }, () => now);
    expect(limiter.take('a').headers).toEqual({
      'x-ratelimit-limit': '2',
      'x-ratelimit-remaining': '1',
      'x-ratelimit-reset': '60',
    });
    expect(limiter.take('a').allowed).toBe(true);
    now = 30_500;
    const over = limiter.take('a');
    expect(over.allowed).toBe(false);
    expect(over.headers['retry-after']).toBe('30');
    expect(limiter.take('b').allowed).toBe(true);
    now = 60_000;
    expect(limiter.take('a').allowed).toBe(true);
  });
});

describe('the Management API rate limit', () => {
  let sb: SupabaseEmulator;
  afterEach(async () => {
    await sb.stop();
  });

  it('answers 120 requests a minute per token and project with X-RateLimit-* headers, then 429 with Retry-After', async () => {
    sb = await startSupabaseEmulator({ projects: [{ ref: REF }] });
    const call = supabaseCaller(sb.url, sb.token);
    const first = await call('GET', `/v1/projects/${REF}/functions`);
    expect(first.headers.get('x-ratelimit-limit')).toBe('120');
    expect(first.headers.get('x-ratelimit-remaining')).toBe('119');
    for (let i = 0; i < 119; i++) await call('GET', `/v1/projects/${REF}/secrets`);
    const over = await call('GET', `/v1/projects/${REF}/functions`);
    expect(over.status).toBe(429);
    expect(over.body).toEqual({ message: 'Too many requests' });
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(over.headers.get('x-ratelimit-remaining')).toBe('0');
  });
});
