import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { Clock } from '../../../lib/core/clock.js';
import { HttpError, TimeoutError } from '../../../lib/core/errors.js';
import { backoffDelay, httpRequest, parseRetryAfter } from '../../../lib/core/http.js';

/** A clock that records requested sleeps and returns at once. */
function recordingClock(): Clock & { sleeps: number[] } {
  const sleeps: number[] = [];
  return { sleeps, now: () => new Date('2026-11-22T10:00:00Z'), sleep: async (ms) => void sleeps.push(ms) };
}

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
  server = undefined;
});

/** Starts a loopback server whose nth request (0-based) is answered by `answers[n]`. */
async function serve(
  answers: Array<(res: import('node:http').ServerResponse) => void>,
): Promise<{ url: string; hits: string[] }> {
  const hits: string[] = [];
  server = createServer((req, res) => {
    const answer = answers[Math.min(hits.length, answers.length - 1)];
    hits.push(req.method ?? '');
    answer?.(res);
  });
  await new Promise<void>((r) => server?.listen(0, '127.0.0.1', () => r()));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/x`, hits };
}

const ok = (res: import('node:http').ServerResponse) => res.writeHead(200).end('{"ok":true}');

describe('parseRetryAfter', () => {
  it('reads delta-seconds and HTTP dates', () => {
    expect(parseRetryAfter('3')).toBe(3000);
    expect(parseRetryAfter('Sun, 22 Nov 2026 10:00:05 GMT', new Date('2026-11-22T10:00:00Z'))).toBe(5000);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(null)).toBeUndefined();
  });
});

describe('backoffDelay', () => {
  it('grows exponentially under full jitter and respects the cap', () => {
    const policy = { attempts: 5, baseDelayMs: 100, maxDelayMs: 350 };
    expect(backoffDelay(1, policy, () => 0.999)).toBe(99);
    expect(backoffDelay(2, policy, () => 0.999)).toBe(199);
    expect(backoffDelay(3, policy, () => 0.999)).toBe(349);
    expect(backoffDelay(3, policy, () => 0)).toBe(0);
  });
});

describe('httpRequest', () => {
  it('honours Retry-After on 429 and then succeeds', async () => {
    const { url, hits } = await serve([(res) => res.writeHead(429, { 'retry-after': '1' }).end('slow down'), ok]);
    const clock = recordingClock();
    const res = await httpRequest(url, {}, { clock });
    expect(res.status).toBe(200);
    expect(res.attempts).toBe(2);
    expect(hits).toHaveLength(2);
    expect(clock.sleeps).toEqual([1000]);
  });

  it('retries 502/503/504 with jittered backoff, then returns the last answer', async () => {
    const { url, hits } = await serve([(res) => res.writeHead(503).end('down')]);
    const clock = recordingClock();
    const res = await httpRequest(url, { retry: { attempts: 3, baseDelayMs: 100 } }, { clock, random: () => 0.5 });
    expect(res.status).toBe(503);
    expect(hits).toHaveLength(3);
    expect(clock.sleeps).toEqual([50, 100]);
  });

  it('does not retry a POST unless told it is safe', async () => {
    const first = await serve([(res) => res.writeHead(503).end()]);
    const res = await httpRequest(first.url, { method: 'POST', body: '{}' }, { clock: recordingClock() });
    expect(res.status).toBe(503);
    expect(first.hits).toEqual(['POST']);
  });

  it('retries a POST marked retryUnsafe', async () => {
    const { url, hits } = await serve([(res) => res.writeHead(502).end(), ok]);
    const res = await httpRequest(url, { method: 'POST', retryUnsafe: true }, { clock: recordingClock() });
    expect(res.status).toBe(200);
    expect(hits).toEqual(['POST', 'POST']);
  });

  it('does not retry client errors', async () => {
    const { url, hits } = await serve([(res) => res.writeHead(404).end('nope')]);
    const res = await httpRequest(url, {}, { clock: recordingClock() });
    expect(res.status).toBe(404);
    expect(res.text).toBe('nope');
    expect(hits).toHaveLength(1);
  });

  it('throws a TimeoutError when the server stalls on every attempt', async () => {
    const { url, hits } = await serve([() => {}]);
    const error = await httpRequest(url, { timeoutMs: 200, retry: { attempts: 2 } }, { clock: recordingClock() }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as TimeoutError).code).toBe('http_timeout');
    expect(hits).toHaveLength(2);
  });

  it('retries a reset connection, then throws an HttpError with a hint', async () => {
    const { url, hits } = await serve([(res) => res.socket?.destroy()]);
    const error = await httpRequest(url, { retry: { attempts: 2 } }, { clock: recordingClock() }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(HttpError);
    expect((error as HttpError).hint).toMatch(/network/);
    expect(hits).toHaveLength(2);
  });
});
