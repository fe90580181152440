import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GuardedDispatcher } from '../../../lib/vercel/guarded-dispatcher.js';

describe('GuardedDispatcher (the fetch dispatcher handed to @vercel/client)', () => {
  let server: Server;
  let base: string;
  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === '/stall') return;
      if (req.url === '/limited') {
        res.writeHead(429, { 'retry-after': '7' });
        res.end('{}');
        return;
      }
      res.end('ok');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(() => {
    server.closeAllConnections();
    server.close();
  });

  it('passes requests through and remembers the last Retry-After of a 429', async () => {
    const dispatcher = await GuardedDispatcher.create(2_000);
    const ok = await fetch(`${base}/`, { dispatcher } as unknown as RequestInit);
    expect(await ok.text()).toBe('ok');
    const limited = await fetch(`${base}/limited`, { dispatcher } as unknown as RequestInit);
    await limited.text();
    expect(limited.status).toBe(429);
    expect(dispatcher.takeRetryAfter()).toBe('7');
    expect(dispatcher.takeRetryAfter()).toBeUndefined();
    expect(dispatcher.statuses.get(200)).toBe(1);
  });

  it('turns a stalled request (also one with a body) into an ETIMEDOUT network error', async () => {
    const dispatcher = await GuardedDispatcher.create(200);
    const error = await fetch(`${base}/stall`, {
      dispatcher,
      method: 'POST',
      body: 'x'.repeat(50_000),
    } as unknown as RequestInit).catch((e: Error) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect(((error as Error).cause as Error).message).toMatch(/^ETIMEDOUT: no progress for 200 ms/);
  });
});
