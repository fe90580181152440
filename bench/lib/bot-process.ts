/**
 * One side of bench/bot.ts in its own process, so its CPU time is its own (the GitHub emulator and the load generator
 * live in the parent): `shipline` (the hosted bot, instrumented) or `bare` (Probot with a no-op handler).
 * Talks to the parent over IPC: sends `{ type: 'ready', url }`; answers `{ type: 'drain' }` with the timings of
 * every delivery since the last drain.
 * Argv: <shipline|bare> <github-api-url> <app-id> <webhook-secret>; the private key comes on stdin-free IPC.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createNodeMiddleware, Probot } from 'probot';
import { UnthrottledOctokit } from '../../bot/octokit.js';
import { startBotServer } from '../../bot/server.js';

/** What is measured for one delivery (times in ms from performance.now(), CPU in ms of this process). */
export interface DeliveryTiming {
  receivedAt: number;
  cpuAtReceipt: number;
  /** [start, end] of each GitHub call the handler made, body transfer included. */
  calls: Array<[number, number]>;
  dispatchedAt?: number;
  cpuAtDispatch?: number;
}

const [kind, baseUrl, appId, secret] = process.argv.slice(2) as [string, string, string, string];
const timings = new Map<string, DeliveryTiming>();
const current = new AsyncLocalStorage<DeliveryTiming>();
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

const timedFetch: typeof fetch = async (input, init) => {
  const timing = current.getStore();
  const start = performance.now();
  let end = start;
  try {
    const res = await fetch(input, init);
    const body = res.status === 204 || res.status === 304 ? null : await res.arrayBuffer();
    end = performance.now();
    return new Response(body, { status: res.status, statusText: res.statusText, headers: res.headers });
  } finally {
    if (timing) {
      timing.calls.push([start, end]);
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      if (url.includes('/dispatches') && timing.dispatchedAt === undefined) {
        timing.dispatchedAt = end;
        timing.cpuAtDispatch = cpuMs();
      }
    }
  }
};

const privateKey = await new Promise<string>((resolve) => process.once('message', (m) => resolve(String(m))));
let url: string;
let drain: () => Promise<void> = async () => {};
if (kind === 'shipline') {
  const bot = await startBotServer({
    appId,
    privateKey,
    webhookSecret: secret,
    baseUrl,
    port: 0,
    host: '127.0.0.1',
    logLevel: (process.env.BENCH_LOG_LEVEL as 'error' | undefined) ?? 'fatal',
    throttle: false,
    fetch: timedFetch,
    defer: async (work, event) => {
      const timing = timings.get(event.deliveryId);
      if (timing) await current.run(timing, work);
      else await work();
    },
  });
  bot.server.prependListener('request', (req) => {
    const id = req.headers['x-github-delivery'];
    if (typeof id === 'string') timings.set(id, { receivedAt: performance.now(), cpuAtReceipt: cpuMs(), calls: [] });
  });
  url = bot.url;
  drain = () => bot.drain();
} else {
  const probot = new Probot({ appId, privateKey, secret, baseUrl, logLevel: 'fatal', Octokit: UnthrottledOctokit });
  const middleware = await createNodeMiddleware(
    (app) => {
      app.on('issue_comment.created', async () => {});
    },
    { probot },
  );
  const server = createServer((req, res) => void middleware(req, res));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/github/webhooks`;
}
process.on('message', async (m) => {
  if ((m as { type?: string }).type === 'stop') process.exit(0);
  if ((m as { type?: string }).type !== 'drain') return;
  await drain();
  process.send?.({ type: 'timings', timings: Object.fromEntries(timings) });
  timings.clear();
});
process.send?.({ type: 'ready', url });
