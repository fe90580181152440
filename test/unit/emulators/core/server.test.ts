import { afterEach, describe, expect, it } from 'vitest';
import { EmulatorServer, HttpProblem } from '../../../../emulators/core/server.js';
import { TimeoutError } from '../../../../lib/core/errors.js';
import { httpRequest } from '../../../../lib/core/http.js';

let server: EmulatorServer;
afterEach(async () => server.close());

async function start(): Promise<string> {
  server = new EmulatorServer({ name: 'test' });
  server
    .route('GET', '/items/:id', (req) => ({ status: 200, body: { id: req.params.id, q: req.query.get('q') } }))
    .route('POST', '/items', (req) => ({ status: 201, body: req.json() }))
    .route('GET', '/refs/:ref*', (req) => ({ status: 200, body: { ref: req.params.ref } }))
    .route('GET', '/teapot', () => {
      throw new HttpProblem(418, { message: 'short and stout' });
    });
  return server.listen();
}

describe('EmulatorServer', () => {
  it('routes with params, greedy params and JSON bodies, and counts requests per route', async () => {
    const url = await start();
    expect(await (await fetch(`${url}/items/7?q=x`)).json()).toEqual({ id: '7', q: 'x' });
    expect(await (await fetch(`${url}/refs/heads/shipline/lock`)).json()).toEqual({ ref: 'heads/shipline/lock' });
    const posted = await fetch(`${url}/items`, { method: 'POST', body: '{"a":1}' });
    expect(posted.status).toBe(201);
    expect((await fetch(`${url}/items`, { method: 'POST', body: '{' })).status).toBe(400);
    expect((await fetch(`${url}/teapot`)).status).toBe(418);
    expect((await fetch(`${url}/nowhere`)).status).toBe(404);
    expect(server.requests.count('GET /items/:id')).toBe(1);
    expect(server.requests.count('POST /items')).toBe(2);
  });

  it('injects a 429 with Retry-After a limited number of times', async () => {
    const url = await start();
    server.faults.add({ path: '/items/*', status: 429, headers: { 'retry-after': '1' }, times: 1 });
    const sleeps: number[] = [];
    const res = await httpRequest(
      `${url}/items/1`,
      {},
      { clock: { now: () => new Date(), sleep: async (ms) => void sleeps.push(ms) } },
    );
    expect(res.status).toBe(200);
    expect(sleeps).toEqual([1000]);
    expect(server.requests.count('GET /items/:id')).toBe(2);
  });

  it('stalls a response until the client times out', async () => {
    const url = await start();
    server.faults.add({ method: 'GET', path: '/items/1', stall: true });
    const error = await httpRequest(`${url}/items/1`, { timeoutMs: 150, retry: { attempts: 1 } }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TimeoutError);
  });

  it('resets connections and accepts faults over the admin API', async () => {
    const url = await start();
    const added = await fetch(`${url}/__emulator/faults`, {
      method: 'POST',
      body: JSON.stringify({ path: '/items/2', reset: true }),
    });
    expect(added.status).toBe(201);
    await expect(fetch(`${url}/items/2`)).rejects.toThrow();
    await fetch(`${url}/__emulator/faults`, { method: 'DELETE' });
    expect((await fetch(`${url}/items/2`)).status).toBe(200);
    const counts = (await (await fetch(`${url}/__emulator/requests`)).json()) as Record<string, number>;
    expect(counts['GET /items/:id']).toBe(2);
  });

  it('answers 400 for a malformed percent-escape in a path parameter and keeps serving', async () => {
    const url = await start();
    const bad = await fetch(`${url}/items/%E0%A4%A`);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: { code: '400', message: expect.stringContaining('percent-encoding') } });
    expect(await (await fetch(`${url}/items/ok`)).json()).toEqual({ id: 'ok', q: null });
  });

  it('answers 400 for a fault rule that is not JSON and keeps serving', async () => {
    const url = await start();
    const bad = await fetch(`${url}/__emulator/faults`, { method: 'POST', body: '{' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: { code: '400', message: expect.stringContaining('JSON') } });
    expect((await fetch(`${url}/__emulator/faults`, { method: 'POST', body: '[1]' })).status).toBe(400);
    expect(server.faults.list()).toEqual([]);
    expect((await fetch(`${url}/items/1`)).status).toBe(200);
  });

  it('answers 500 when building the error body itself throws', async () => {
    server = new EmulatorServer({
      name: 'test',
      errorBody: () => {
        throw new Error('broken error body');
      },
    });
    const url = await server.listen();
    const res = await fetch(`${url}/nowhere`);
    expect(res.status).toBe(500);
    expect((await fetch(`${url}/__emulator/requests`)).status).toBe(200);
  });
});
