import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpProbe } from '../../../../lib/smoke/probes/http.js';

const SECRET = 'bypass-secret-0123456789';
const seen: { host: string; path: string; bypass?: string; method?: string; body?: string }[] = [];
let main: Server;
let other: Server;
let mainUrl = '';
let otherUrl = '';

function listen(handler: (req: IncomingMessage, body: string) => [number, Record<string, string>, string]) {
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      seen.push({
        host: req.headers.host ?? '',
        path: req.url ?? '',
        bypass: req.headers['x-vercel-protection-bypass'] as string | undefined,
        method: req.method,
        body,
      });
      const [status, headers, text] = handler(req, body);
      if (status === 0) return; // stall: never answer
      res.writeHead(status, headers).end(text);
    });
  });
  return new Promise<Server>((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

beforeAll(async () => {
  other = await listen(() => [200, {}, 'elsewhere']);
  otherUrl = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
  main = await listen((req, body) => {
    if (req.headers['x-vercel-protection-bypass'] !== SECRET) return [401, {}, 'Authentication Required'];
    if (req.url === '/health') return [200, { 'content-type': 'application/json' }, '{"ok":true,"version":"v2"}'];
    if (req.url === '/away') return [302, { location: `${otherUrl}/landing` }, ''];
    if (req.url === '/echo') return [201, {}, `${req.method}:${body}`];
    if (req.url === '/stall') return [0, {}, ''];
    return [404, {}, 'not found'];
  });
  mainUrl = `http://127.0.0.1:${(main.address() as AddressInfo).port}`;
});
afterAll(() => {
  main.closeAllConnections();
  main.close();
  other.close();
});

const signal = new AbortController().signal;

describe('httpProbe', () => {
  it('sends the bypass secret and checks the answer', async () => {
    const probe = httpProbe(
      { name: 'health', path: '/health', method: 'GET', expect: { status: 200, json: { ok: true } } },
      { baseUrl: mainUrl, bypassSecret: SECRET, timeoutMs: 2000 },
    );
    const result = await probe.run(signal);
    expect(result).toMatchObject({ ok: true, answered: true, status: 200 });
    expect(result.latencyMs).toBeGreaterThan(0);
  });

  it('is an error (answered) without the secret: Deployment Protection answers 401', async () => {
    const probe = httpProbe(
      { name: 'health', path: '/health', method: 'GET', expect: { status: 200 } },
      { baseUrl: mainUrl, timeoutMs: 2000 },
    );
    expect(await probe.run(signal)).toMatchObject({
      ok: false,
      answered: true,
      status: 401,
      error: 'status 401, expected 200',
    });
  });

  it('never sends the secret to another origin after a redirect', async () => {
    seen.length = 0;
    const probe = httpProbe(
      { name: 'away', path: '/away', method: 'GET', expect: { status: 200, 'body-contains': 'elsewhere' } },
      { baseUrl: mainUrl, bypassSecret: SECRET, timeoutMs: 2000 },
    );
    expect(await probe.run(signal)).toMatchObject({ ok: true });
    expect(seen.map((s) => s.path)).toEqual(['/away', '/landing']);
    expect(seen[0]?.bypass).toBe(SECRET);
    expect(seen[1]?.bypass).toBeUndefined();
  });

  it('sends method, headers and body', async () => {
    const probe = httpProbe(
      {
        name: 'echo',
        path: '/echo',
        method: 'POST',
        body: 'ping',
        headers: { 'content-type': 'text/plain' },
        expect: { status: 201, 'body-contains': 'POST:ping' },
      },
      { baseUrl: mainUrl, bypassSecret: SECRET, timeoutMs: 2000 },
    );
    expect(await probe.run(signal)).toMatchObject({ ok: true, status: 201 });
  });

  it('times out a stalled answer as unanswered, and applies the latency budget', async () => {
    const stalled = httpProbe(
      { name: 'stall', path: '/stall', method: 'GET', expect: { status: 200 } },
      { baseUrl: mainUrl, bypassSecret: SECRET, timeoutMs: 200 },
    );
    expect(await stalled.run(signal)).toMatchObject({ ok: false, answered: false, error: 'no answer within 200 ms' });
    const budget = httpProbe(
      { name: 'h', path: '/health', method: 'GET', latencyBudgetMs: 0.001, expect: { status: 200 } },
      { baseUrl: mainUrl, bypassSecret: SECRET, timeoutMs: 2000 },
    );
    expect((await budget.run(signal)).error).toMatch(/budget 0.001 ms/);
  });

  it('reports a refused connection as unanswered, with the secret redacted from errors', async () => {
    const probe = httpProbe(
      { name: 'down', path: '/', method: 'GET', expect: { status: 200 } },
      {
        baseUrl: 'http://127.0.0.1:1',
        bypassSecret: SECRET,
        timeoutMs: 2000,
        redact: (t) => t.replaceAll('127.0.0.1', '***'),
      },
    );
    const result = await probe.run(signal);
    expect(result).toMatchObject({ ok: false, answered: false });
    expect(result.error).not.toContain('127.0.0.1');
  });
});
